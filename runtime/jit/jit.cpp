#include "runtime/jit/jit.hpp"

#include "runtime/jit/rt_context.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace mls::jit {

namespace {

Timing g_timing;
std::atomic<std::uint64_t> g_solver_points{0};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string next_entry_name() {
  static std::atomic<unsigned long> n{0};
  return "mls.unit." + std::to_string(n++);
}

codegen::Unit generate(const ir::Module& m, std::size_t first, std::size_t last, const std::vector<codegen::Kind>& known,
                       const codegen::GenOptions& o = {}) {
  try {
    return codegen::generate(m, first, last, next_entry_name(), known, o);
  } catch (const codegen::VerifyError& e) {
    throw InternalError(e.what());
  }
}

// Frees the unit's code however the run ends.
struct Release {
  Engine& engine;
  Engine::Loaded& loaded;
  ~Release() {
    try {
      engine.free(loaded);
    } catch (...) {
    }
  }
};

}  // namespace

void count_solver_points(std::uint64_t n) { g_solver_points.fetch_add(n, std::memory_order_relaxed); }

void run_unit(const ir::Module& m, std::size_t first, std::size_t last, State& state, ir::RuntimeSink& sink,
              const ir::EvalLimits& limits) {
  using clock = std::chrono::steady_clock;
  Timing t;
  auto t0 = clock::now();
  state.grow(static_cast<std::size_t>(m.num_values));
  codegen::Unit u = generate(m, first, last, state.kinds);
  t.codegen_ms = ms_since(t0);

  state.grow(static_cast<std::size_t>(m.num_values));
  for (const ir::Inst* c : u.info.constants)
    state.values[static_cast<std::size_t>(c->result)] = c->op == ir::Op::ConstStr ? Value(c->str) : Value();
  const codegen::UnitInfo* info = &u.info;  // stays in `u`: load() takes only the LLVM module

  Engine& engine = Engine::get();
  t0 = clock::now();
  engine.prepare(u, info->optimize());
  t.optimize_ms = ms_since(t0);
  t0 = clock::now();
  Engine::Loaded loaded = engine.load(std::move(u));
  t.compile_ms = ms_since(t0);

  MlsRt rt;
  rt.state = &state;
  rt.unit = info;
  rt.sink = &sink;
  rt.limits = &limits;
  rt.slots = state.slots.data();
  std::int32_t status;
  {
    Release release{engine, loaded};
    t0 = clock::now();
    status = loaded.entry(&rt, state.slots.data());
    t.run_ms = ms_since(t0);
    t0 = clock::now();
  }
  t.free_ms = ms_since(t0);
  settle_inline_points(rt);
  count_solver_points(rt.solver_points);

  g_timing.codegen_ms += t.codegen_ms;
  g_timing.optimize_ms += t.optimize_ms;
  g_timing.compile_ms += t.compile_ms;
  g_timing.run_ms += t.run_ms;
  g_timing.free_ms += t.free_ms;
  ++g_timing.units;
  if (std::getenv("MLS_JIT_TIMING"))
    std::fprintf(stderr, "jit %s: %zu instructions, codegen %.3f ms, O2 %.3f ms, compile %.3f ms, run %.3f ms, free %.3f ms, "
                 "%llu per-point solver calls (%llu inlined)\n",
                 info->entry.c_str(), info->insts.size(), t.codegen_ms, t.optimize_ms, t.compile_ms, t.run_ms, t.free_ms,
                 static_cast<unsigned long long>(rt.solver_points), static_cast<unsigned long long>(rt.inlined_points));

  if (status != 0) {
    if (rt.error) std::rethrow_exception(rt.error);
    throw InternalError("JIT code stopped without an error");
  }
  // What later units need of this one: the kinds of its top-level values, and its constants in
  // slots (JIT code folds constants, so it never stored them).
  for (std::size_t k = first; k < last && k < m.body.insts.size(); ++k) {
    const ir::Inst& i = m.body.insts[k];
    if (i.result == ir::kNoValue) continue;
    auto v = static_cast<std::size_t>(i.result);
    state.kinds[v] = info->kind(i.result);
    if (i.op == ir::Op::ConstNum) state.slots[v] = std::bit_cast<std::uint64_t>(i.num);
    else if (i.op == ir::Op::ConstBool) state.slots[v] = i.flag ? 1 : 0;
  }
}

void load_data(const ir::Module& m, std::size_t first, std::size_t last, State& state, ir::RuntimeSink& sink,
               const ir::EvalLimits& limits) {
  state.grow(static_cast<std::size_t>(m.num_values));
  ir::evaluate_range(m, first, last, state.values, sink, limits);
  // Native slots mirror the values (JIT code reads an f64/bool from its slot, anything else by handle).
  for (std::size_t k = first; k < last && k < m.body.insts.size(); ++k) {
    const ir::Inst& i = m.body.insts[k];
    if (i.result == ir::kNoValue) continue;
    auto v = static_cast<std::size_t>(i.result);
    const Value& x = state.values[v];
    if (i.type == ir::VType::F64 && x.is_num()) {
      state.slots[v] = std::bit_cast<std::uint64_t>(x.num());
      state.kinds[v] = codegen::Kind::F64;
    } else if (i.type == ir::VType::Bool && x.is_bool()) {
      state.slots[v] = x.boolean() ? 1 : 0;
      state.kinds[v] = codegen::Kind::Bool;
    } else {
      state.kinds[v] = codegen::Kind::Handle;
    }
  }
}

namespace {
// Straight-line code runs once, so in a long script compiling it costs far more than interpreting it
// (measured: a file of 100,000 bindings, 5.5 s and 1 GB to JIT, 8 ms to evaluate). Scripts up to
// kSegment instructions are one JIT unit, as before.
constexpr std::size_t kSegment = 4096;

bool has_loop(const ir::Inst& i) {
  if (i.op == ir::Op::For) return true;
  // A lazy range is walked by the For right after it (ir.hpp): it must be compiled in the loop's unit,
  // never evaluated in the straight-line stretch before it, which would leave the loop nothing to walk.
  if (i.op == ir::Op::Range && i.aux == ir::kLazyRange) return true;
  for (auto& b : i.blocks)
    for (auto& c : b.insts)
      if (has_loop(c)) return true;
  return false;
}

// After a JIT unit, the reference evaluator must see its numbers and booleans, which JIT code
// keeps in native slots only.
void mirror_slots(const ir::Module& m, std::size_t first, std::size_t last, State& state) {
  for (std::size_t k = first; k < last; ++k) {
    const ir::Inst& i = m.body.insts[k];
    if (i.result == ir::kNoValue) continue;
    auto v = static_cast<std::size_t>(i.result);
    if (state.kinds[v] == codegen::Kind::F64) state.values[v] = Value(std::bit_cast<double>(state.slots[v]));
    else if (state.kinds[v] == codegen::Kind::Bool) state.values[v] = Value(state.slots[v] != 0);
  }
}
}  // namespace

bool has_loops(const ir::Module& m, std::size_t first) {
  return std::any_of(m.body.insts.begin() + static_cast<std::ptrdiff_t>(first), m.body.insts.end(), has_loop);
}

void run(const ir::Module& m, std::size_t first, ir::RuntimeSink& sink, const ir::EvalLimits& limits) {
  State state;
  if (first > 0) load_data(m, 0, first, state, sink, limits);
  const std::size_t end = m.body.insts.size();
  if (end - first <= kSegment) return run_unit(m, first, end, state, sink, limits);
  // A long script: its loops are compiled, the straight-line stretches between them evaluated like
  // the built-in data. Both read and write the same state.
  std::size_t a = first;
  while (a < end) {
    bool loops = has_loop(m.body.insts[a]);
    std::size_t b = a + 1;
    while (b < end && b - a < kSegment && has_loop(m.body.insts[b]) == loops) ++b;
    // never cut between a lazy range and its loop
    while (b < end && m.body.insts[b - 1].op == ir::Op::Range && m.body.insts[b - 1].aux == ir::kLazyRange) ++b;
    if (loops) {
      run_unit(m, a, b, state, sink, limits);
      mirror_slots(m, a, b, state);
    } else {
      load_data(m, a, b, state, sink, limits);
    }
    a = b;
  }
}

std::string emit_llvm(const ir::Module& m, std::size_t first) {
  codegen::GenOptions o;
  o.value_names = true;
  // The kinds of the built-ins' values, as load_data would record them (nothing runs).
  std::vector<codegen::Kind> known(static_cast<std::size_t>(m.num_values), codegen::Kind::Handle);
  for (std::size_t k = 0; k < first && k < m.body.insts.size(); ++k) {
    const ir::Inst& i = m.body.insts[k];
    if (i.result == ir::kNoValue) continue;
    known[static_cast<std::size_t>(i.result)] = i.type == ir::VType::F64 ? codegen::Kind::F64
                                                : i.type == ir::VType::Bool ? codegen::Kind::Bool
                                                                            : codegen::Kind::Handle;
  }
  codegen::Unit u = generate(m, first, m.body.insts.size(), known, o);
  Engine::get().prepare(u, u.info.optimize());
  return codegen::print(u);
}

Timing timing() {
  Timing t = g_timing;
  t.solver_points = g_solver_points.load(std::memory_order_relaxed);
  return t;
}

}  // namespace mls::jit
