// The runtime ABI (compiler/codegen/runtime_abi.h): what JIT code calls. Each thunk does exactly
// what the reference evaluator (compiler/ir/evaluator.cpp) does for its instruction — the same
// values, the same sink calls, the same diagnostics — and never lets an exception reach JIT code:
// it parks it in the context's error slot and returns 1.
#include "compiler/codegen/runtime_abi.h"

#include "compiler/ir/evaluator.hpp"
#include "compiler/ir/parallel_loop.hpp"
#include "compiler/ir/semantics.hpp"
#include "runtime/jit/rt_context.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <new>
#include <optional>
#include <utility>

namespace {

using namespace mls;
using codegen::Kind;
using ir::Inst;
using ir::Op;
using ir::ValueId;
using ir::checked;
using ir::fail;
using ir::runtime_diag;
using ir::values_equal;

// ---- decoding the argument slots ------------------------------------------------------------------

double f64(std::uint64_t bits) { return std::bit_cast<double>(bits); }
std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

const Inst& inst_of(MlsRt* rt, std::int32_t inst) {
  if (inst < 0 || static_cast<std::size_t>(inst) >= rt->unit->insts.size())
    throw jit::InternalError("runtime ABI: no instruction " + std::to_string(inst) + " in this unit");
  return *rt->unit->insts[static_cast<std::size_t>(inst)];
}

Value& handle(MlsRt* rt, std::uint64_t h) {
  if (h >= rt->state->values.size()) throw jit::InternalError("runtime ABI: bad handle " + std::to_string(h));
  return rt->state->values[h];
}

Value decode(MlsRt* rt, ValueId id, std::uint64_t a) {
  switch (rt->unit->kind(id)) {
    case Kind::F64: return Value(f64(a));
    case Kind::Bool: return Value(a != 0);
    case Kind::Handle: break;
  }
  return handle(rt, a);
}

Value operand(MlsRt* rt, const Inst& i, std::size_t k, const std::uint64_t* args) {
  return decode(rt, i.operands[k], args[k]);
}

std::vector<Value> operands(MlsRt* rt, const Inst& i, const std::uint64_t* args) {
  std::vector<Value> vs;
  vs.reserve(i.operands.size());
  for (std::size_t k = 0; k < i.operands.size(); ++k) vs.push_back(operand(rt, i, k, args));
  return vs;
}

[[noreturn]] void mismatch(const Inst& i, const char* want) {
  throw jit::InternalError(std::string("runtime ABI: `") + ir::op_name(i.op) + "` produced a value that is not " + want);
}

// The instruction's result: native ones go back in out[0], others into the value table.
void set_result(MlsRt* rt, const Inst& i, Value v, std::uint64_t* out) {
  if (i.result == ir::kNoValue) return;
  switch (rt->unit->kind(i.result)) {
    case Kind::F64:
      if (!v.is_num()) mismatch(i, "a number");
      out[0] = bits(v.num());
      return;
    case Kind::Bool:
      if (!v.is_bool()) mismatch(i, "a bool");
      out[0] = v.boolean() ? 1 : 0;
      return;
    case Kind::Handle: handle(rt, static_cast<std::uint64_t>(i.result)) = std::move(v); return;
  }
}

// The number of items a loop walks over its operand `id`: a lazy range's count or a list's length.
std::size_t length(MlsRt* rt, ValueId id) {
  if (rt->unit->lazy_range(id)) return rt->state->ranges.at(static_cast<std::size_t>(id)).count;
  return handle(rt, static_cast<std::uint64_t>(id)).list().size();
}

template <class F> std::int32_t guard(MlsRt* rt, F&& f) noexcept {
  try {
    f();
    return 0;
  } catch (...) {
    rt->error = std::current_exception();
    return 1;
  }
}

// The call site of a solver instruction: its site, how its arguments arrive, the fields it hands out.
std::unique_ptr<MlsRt::SolverCall> prepare_call(MlsRt* rt, const Inst& i) {
  const reg::SolverDesc* s = reg::find_solver(i.str);
  if (!s || !s->prepare) throw jit::InternalError("runtime ABI: no solver `" + i.str + "`");
  auto c = std::make_unique<MlsRt::SolverCall>();
  c->site = s->prepare(*s);
  if (i.operands.size() != s->params.size())
    throw jit::InternalError("runtime ABI: `" + i.str + "` called with the wrong number of arguments");
  for (std::size_t k = 0; k < i.operands.size(); ++k) {
    c->arg_kinds.push_back(rt->unit->kind(i.operands[k]));
    c->all.push_back(k);
    if (rt->unit->konst_of(i.operands[k]) == codegen::UnitInfo::Const::No) c->varying.push_back(k);
  }
  auto f = rt->unit->fused_fields.find(&i);
  if (f == rt->unit->fused_fields.end()) return c;
  c->fields = &f->second;
  for (const Inst* g : f->second) {
    int k = -1;
    for (std::size_t r = 0; r < s->results.size(); ++r)
      if (s->results[r].name == g->str) k = static_cast<int>(r);
    Kind gk = g->result == ir::kNoValue ? Kind::Handle : rt->unit->kind(g->result);
    if (k < 0 || (gk != Kind::Handle && !s->native_field(static_cast<std::size_t>(k))))
      throw jit::InternalError("runtime ABI: `" + i.str + "` has no field `" + g->str + "` to hand out");
    c->field_index.push_back(k);
    c->field_kinds.push_back(gk);
  }
  return c;
}

MlsRt::SolverCall& solver_call(MlsRt* rt, std::int32_t inst, const Inst& i) {
  auto& calls = rt->solver_calls;
  if (calls.size() <= static_cast<std::size_t>(inst)) calls.resize(rt->unit->insts.size());
  auto& c = calls[static_cast<std::size_t>(inst)];
  if (!c) c = prepare_call(rt, i);
  return *c;
}

// A fused call's fields (UnitInfo::fused_fields) into out[k] or their value-table entries.
void hand_out(MlsRt* rt, const MlsRt::SolverCall& c, const reg::SolverSite& site, std::uint64_t* out) {
  for (std::size_t k = 0; k < c.fields->size(); ++k) {
    std::size_t f = static_cast<std::size_t>(c.field_index[k]);
    switch (c.field_kinds[k]) {
      case Kind::F64: out[k] = bits(site.number(f)); break;
      case Kind::Bool: out[k] = site.number(f) != 0 ? 1 : 0; break;
      case Kind::Handle:
        if ((*c.fields)[k]->result != ir::kNoValue) handle(rt, static_cast<std::uint64_t>((*c.fields)[k]->result)) = site.field(f);
        break;
    }
  }
}

// Way k of the inline path's words (runtime_abi.h): its first word.
std::uint64_t* way(MlsRt::SolverCall& c, std::size_t k) {
  return c.point.data() + MLS_POINT_WAYS + k * (MLS_WAY_KEYS + c.keyed.size());
}
std::uint64_t* current_way(MlsRt::SolverCall& c) { return way(c, c.point[MLS_POINT_WAY] & (c.ways - 1)); }
// Every way through the call site next (a plan it names may be gone: a failed run, a new function run).
void clear_ways(MlsRt::SolverCall& c) {
  for (std::size_t k = 0; !c.point.empty() && k < c.ways; ++k) way(c, k)[MLS_WAY_PLAN] = 0;
}

// The points JIT code computed on the inline path since the last call here: counted, and the site told
// that its result no longer holds its last point.
void settle(MlsRt* rt, MlsRt::SolverCall& c) {
  if (c.point.empty() || c.point[MLS_POINT_COUNT] == 0) return;
  rt->solver_points += c.point[MLS_POINT_COUNT];
  rt->inlined_points += c.point[MLS_POINT_COUNT];
  c.point[MLS_POINT_COUNT] = 0;
  c.site->forget_point();
}

// After a call: the inline path may run the next points of the current way while the other arguments
// stay these. When the call planned (`planned`: not a remembered plan), another way on the same plan
// slot names a plan made over for these arguments: cleared.
void refresh(MlsRt::SolverCall& c, const std::uint64_t* args, bool planned) {
  if (c.point.empty()) return;
  const void *plan = nullptr, *in = nullptr;
  void* out = nullptr;
  if (!c.fields || !c.site->point_operands(plan, in, out)) return clear_ways(c);
  std::uint64_t* w = current_way(c);
  const auto p = reinterpret_cast<std::uintptr_t>(plan);
  for (std::size_t k = 0; planned && k < c.ways; ++k)
    if (std::uint64_t* o = way(c, k); o != w && o[MLS_WAY_PLAN] == p) o[MLS_WAY_PLAN] = 0;
  w[MLS_WAY_PLAN] = p;
  w[MLS_WAY_IN] = reinterpret_cast<std::uintptr_t>(in);
  w[MLS_WAY_OUT] = reinterpret_cast<std::uintptr_t>(out);
  w[MLS_WAY_ITEM] = c.point[MLS_POINT_ITEM];
  for (std::size_t j = 0; j < c.keyed.size(); ++j) {
    std::uint64_t a = args[c.keyed[j]];
    w[MLS_WAY_KEYS + j] = c.arg_kinds[c.keyed[j]] == Kind::Bool ? (a != 0) : a;
  }
}

// Runs the site; a solver's error becomes E0505 at the call, as ir::call_solver reports it.
template <class F> void run_site(const Inst& i, reg::SolverSite& site, F&& run) {
  try {
    run();
  } catch (const SolverError& e) {
    ir::solver_failed(site.desc(), e, i.span);
  } catch (const std::bad_alloc&) {
    throw;  // as ir::call_solver: the driver reports it
  } catch (const std::exception& e) {
    ir::solver_crashed(site.desc(), e, i.span);
  }
}

// Through the instruction's SolverSite: only changed arguments are decoded (see SolverSite). A
// fused call (UnitInfo::fused_fields) hands out the fields its block reads instead of a record.
void call_through_site(MlsRt* rt, std::int32_t inst, const Inst& i, const std::uint64_t* args, std::uint64_t* out) {
  MlsRt::SolverCall& c = solver_call(rt, inst, i);
  reg::SolverSite& site = *c.site;
  settle(rt, c);
  if (!c.point.empty()) current_way(c)[MLS_WAY_PLAN] = 0;  // until this call succeeds
  // Once the site holds the constants, only the other arguments are passed.
  const auto& pass = site.ready() ? c.varying : c.all;
  for (std::size_t k : pass) {
    switch (c.arg_kinds[k]) {
      case Kind::F64: site.arg(k, Value(f64(args[k]))); break;
      case Kind::Bool: site.arg(k, Value(args[k] != 0)); break;
      case Kind::Handle: site.arg(k, handle(rt, args[k])); break;
    }
  }
  bool per_point = false;  // a remembered plan: only the per-point part ran (counted as mls_rt_solver_point's)
  try {
    run_site(i, site, [&] { per_point = site.run(); });
  } catch (...) {
    clear_ways(c);
    throw;
  }
  rt->solver_points += per_point;
  if (!c.fields) return set_result(rt, i, site.result(), out);
  hand_out(rt, c, site, out);
  refresh(c, args, !per_point);
}

}  // namespace

extern "C" {

std::int32_t mls_rt_make_record(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto r = std::make_shared<Record>();
    r->kind = i.str;
    for (std::size_t k = 0; k < i.names.size(); ++k) r->fields.emplace_back(i.names[k], operand(rt, i, k, args));
    set_result(rt, i, Value(RecordPtr(std::move(r))), out);
  });
}

// The record is read in place, not copied: a copy would bump the reference count of a zoo record
// that every --threads worker reads, and the workers would fight over that cache line. A read of the
// record it read last (a device's name at every point of a sweep) gives what it gave: the result's
// table entry still holds it (only this instruction writes it), a native result is given again. The
// record is held meanwhile, so no other record can take its address.
std::int32_t mls_rt_get_field(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    if (rt->unit->kind(i.operands[0]) != Kind::Handle) mismatch(i, "a record");
    const Value& record = handle(rt, args[0]);
    auto& reads = rt->field_reads;
    if (reads.size() <= static_cast<std::size_t>(inst)) reads.resize(rt->unit->insts.size());
    MlsRt::FieldRead& last = reads[static_cast<std::size_t>(inst)];
    const bool native = i.result != ir::kNoValue && rt->unit->kind(i.result) != Kind::Handle;
    if (last.record && record.is_record() && last.record == record.record_ptr()) {
      if (native) out[0] = last.native;
      return;
    }
    last.record = nullptr;  // until this read succeeds
    const Value& field = ir::get_field(i, record);
    set_result(rt, i, field, out);
    if (!record.is_record()) return;
    last.record = record.record_ptr();
    if (native) last.native = out[0];
  });
}

std::int32_t mls_rt_has_field(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    if (rt->unit->kind(i.operands[0]) != Kind::Handle) mismatch(i, "a record");
    set_result(rt, i, Value(ir::has_field(i, handle(rt, args[0]))), out);
  });
}

std::int32_t mls_rt_with(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto r = std::make_shared<Record>(operand(rt, i, 0, args).record());
    for (std::size_t k = 0; k < i.names.size(); ++k) r->set(i.names[k], operand(rt, i, k + 1, args));
    set_result(rt, i, Value(RecordPtr(std::move(r))), out);
  });
}

std::int32_t mls_rt_make_list(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    set_result(rt, i, ir::make_list(operands(rt, i, args), i.span, *rt->limits), out);
  });
}

std::int32_t mls_rt_range(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto n = [&](std::size_t k) { return operand(rt, i, k, args).num(); };
    if (i.aux != ir::kLazyRange) return set_result(rt, i, ir::eval_range(n(0), n(1), n(2), i.flag, i.span, *rt->limits), out);
    auto& ranges = rt->state->ranges;
    if (ranges.size() <= static_cast<std::size_t>(i.result)) ranges.resize(rt->state->values.size());
    ranges.at(static_cast<std::size_t>(i.result)) = ir::lazy_range(n(0), n(1), n(2), i.flag, i.span, *rt->limits);
  });
}

std::int32_t mls_rt_call_solver(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] { call_through_site(rt, inst, inst_of(rt, inst), args, out); });
}

// A fused call of a split solver whose split argument is a native number (codegen's call_solver):
// when every other argument is the one of the site's last run, only the per-point part of the
// equation runs (SolverSite::point), on the number as it is. Anything else (the first call, another
// argument changed, a number out of range) goes through mls_rt_call_solver's path.
std::int32_t mls_rt_solver_point(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    MlsRt::SolverCall& c = solver_call(rt, inst, i);
    reg::SolverSite& site = *c.site;
    settle(rt, c);
    if (!c.point.empty()) current_way(c)[MLS_WAY_PLAN] = 0;  // until this call succeeds
    const auto split = static_cast<std::size_t>(site.desc().split);
    bool others_held = site.ready() && c.fields;
    for (std::size_t k : c.varying) {
      if (!others_held) break;
      if (k == split) continue;
      switch (c.arg_kinds[k]) {
        case Kind::F64: others_held = site.holds(k, Value(f64(args[k]))); break;
        case Kind::Bool: others_held = site.holds(k, Value(args[k] != 0)); break;
        case Kind::Handle: others_held = site.holds(k, handle(rt, args[k])); break;
      }
    }
    bool done = false;
    try {
      if (others_held) run_site(i, site, [&] { done = site.point(f64(args[split])); });
    } catch (...) {
      clear_ways(c);
      throw;
    }
    if (!done) return call_through_site(rt, inst, i, args, out);
    ++rt->solver_points;
    hand_out(rt, c, site, out);
    refresh(c, args, false);
  });
}

// The words of the call's inline point path (runtime_abi.h), made on first use with args[0] ways; JIT
// code fetches them once per function run. Never fails: out[0] = 0 leaves JIT code on
// mls_rt_solver_point's path.
std::int32_t mls_rt_point_cache(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  out[0] = 0;
  try {
    MlsRt::SolverCall& c = solver_call(rt, inst, inst_of(rt, inst));
    if (c.site->desc().split < 0 || !c.site->desc().point_fn) return 0;
    const std::uint64_t ways = args[0];
    if (ways == 0 || (ways & (ways - 1)) != 0 || ways > reg::SolverSite::kPlans) return 0;
    if (c.point.empty()) {
      const auto split = static_cast<std::size_t>(c.site->desc().split);
      for (std::size_t k : c.varying)
        if (k != split && c.arg_kinds[k] != Kind::Handle) c.keyed.push_back(k);
      c.ways = ways;
      c.point.assign(MLS_POINT_WAYS + ways * (MLS_WAY_KEYS + c.keyed.size()), 0);
    }
    if (c.ways != ways) return 0;
    settle(rt, c);
    clear_ways(c);  // a new run of the function: its first points go through the site
    c.point[MLS_POINT_WAY] = c.point[MLS_POINT_ITEM] = 0;
    out[0] = reinterpret_cast<std::uintptr_t>(c.point.data());
  } catch (...) {
  }
  return 0;
}

// args[k] = operand k as f64 bits (codegen converted them).
std::int32_t mls_rt_math(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    std::vector<Value> a;
    a.reserve(i.operands.size());
    for (std::size_t k = 0; k < i.operands.size(); ++k) a.emplace_back(f64(args[k]));
    Value r = ir::eval_math(i.str, a, i.span);
    out[0] = bits(r.num());
  });
}

std::int32_t mls_rt_equal(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    out[0] = values_equal(operand(rt, i, 0, args), operand(rt, i, 1, args)) ? 1 : 0;
  });
}

std::int32_t mls_rt_arith_error(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    checked(f64(args[2]), {f64(args[0]), f64(args[1])}, i.span, ir::arith_name(i.op));
  });
}

std::int32_t mls_rt_div_zero(MlsRt* rt, std::int32_t inst, const std::uint64_t*, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    ir::division_by_zero(i.span);
  });
}

std::int32_t mls_rt_print(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto vs = operands(rt, i, args);
    ir::check_output_size(i, vs, rt->limits->max_output_values);
    ir::check_shown(i, vs);
    rt->sink->print(vs, i.shapes, i.flag, i.span);
  });
}

std::int32_t mls_rt_row(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    // Checked as check_output_size and check_shown check the row's values, in their order, but on the
    // numbers as they are: no Value is built for a check (a sweep shows a row per point).
    double budget = rt->limits->max_output_values;
    for (std::size_t k = 0; k < i.operands.size(); ++k) {
      bool is_handle = rt->unit->kind(i.operands[k]) == Kind::Handle;
      bool fits = is_handle ? ir::fits_output(handle(rt, args[k]), budget) : --budget >= 0;
      if (!fits) ir::output_too_large(i, rt->limits->max_output_values);
    }
    for (std::size_t k = 0; k < i.operands.size() && k < i.shapes.size(); ++k) {
      Kind kind = rt->unit->kind(i.operands[k]);
      if (kind == Kind::Handle) ir::check_shown(i, handle(rt, args[k]), *i.shapes[k]);
      else if (kind == Kind::F64) ir::check_shown(i, f64(args[k]), *i.shapes[k]);
    }
    if (!rt->unit->deferred_row[static_cast<std::size_t>(inst)]) {
      // The cells, assigned over the last row's (their strings keep their buffers).
      auto& cells = rt->row_cells;
      cells.resize(i.operands.size());
      for (std::size_t k = 0; k < i.operands.size(); ++k) {
        switch (rt->unit->kind(i.operands[k])) {
          case Kind::F64: cells[k].v = f64(args[k]); break;
          case Kind::Bool: cells[k].v = args[k] != 0; break;
          case Kind::Handle: cells[k] = handle(rt, args[k]); break;
        }
      }
      rt->sink->row(i.aux, i.names, cells, i.shapes, i.flag);
      return;
    }
    // A deferred row: checked now (as an immediate row is), built at the Reduce if it is kept.
    if (rt->deferred.size() <= rt->deferred_count) rt->deferred.emplace_back();
    auto& d = rt->deferred[rt->deferred_count++];
    d.inst = inst;
    d.args.assign(args, args + i.operands.size());
  });
}

std::int32_t mls_rt_table_end(MlsRt* rt, std::int32_t inst, const std::uint64_t*, std::uint64_t*) {
  return guard(rt, [&] { rt->sink->table_end(inst_of(rt, inst).aux); });
}

// The deferred rows of the point reach the sink only when the reduction keeps the point.
std::int32_t mls_rt_reduce(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto& vs = rt->scratch;
    vs.clear();
    for (std::size_t k = 0; k < i.operands.size(); ++k) vs.push_back(operand(rt, i, k, args));
    std::size_t n = std::exchange(rt->deferred_count, 0);
    if (n && rt->sink->keeps_rows(i.aux, i.str, i.num, vs)) {
      for (std::size_t r = 0; r < n; ++r) {
        const Inst& row = inst_of(rt, rt->deferred[r].inst);
        rt->sink->row(row.aux, row.names, operands(rt, row, rt->deferred[r].args.data()), row.shapes, true);
      }
    }
    rt->sink->reduce(i.aux, i.str, i.num, i.names, vs, i.shapes);
  });
}

std::int32_t mls_rt_plot(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto vs = operands(rt, i, args);
    ir::check_shown(i, vs);
    rt->sink->plot(i.aux, i.str, i.names, vs, i.shapes);
  });
}

std::int32_t mls_rt_bind(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    rt->sink->bind(i.names[0], operand(rt, i, 0, args));
  });
}

std::int32_t mls_rt_aggregate(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    set_result(rt, i, Value(ir::aggregate(i, operand(rt, i, 0, args))), out);
  });
}

std::int32_t mls_rt_format(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto vs = operands(rt, i, args);
    ir::check_shown(i, vs);
    set_result(rt, i, Value(ir::interpolate(i, vs, rt->sink->digits())), out);
  });
}

// Called only when the condition is false.
std::int32_t mls_rt_assert_failed(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    if (operand(rt, i, 0, args).boolean()) return;
    if (i.operands.size() == 3) {
      Value lhs = operand(rt, i, 1, args), rhs = operand(rt, i, 2, args);
      rt->sink->check_failed(ir::assertion_failed(i, &lhs, &rhs));
    } else {
      rt->sink->check_failed(ir::assertion_failed(i, nullptr, nullptr));
    }
  });
}

// args = actual, expected, tolerance as f64 bits. Called only when the check failed.
std::int32_t mls_rt_expect_failed(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    if (auto d = ir::expectation_failed(i, f64(args[0]), f64(args[1]), f64(args[2]))) rt->sink->check_failed(std::move(*d));
  });
}

std::int32_t mls_rt_for_begin(MlsRt* rt, std::int32_t inst, const std::uint64_t*, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    double total = rt->sweep_points.empty() ? 1 : rt->sweep_points.back();  // a nest is one sweep
    for (auto id : i.operands) total *= double(length(rt, id));
    ir::check_loop_size(i, total, rt->limits->max_loop_iterations);
    rt->sweep_points.push_back(total);
    if (rt->pins.size() <= static_cast<std::size_t>(inst)) rt->pins.resize(rt->unit->insts.size());
    auto& pins = rt->pins.at(static_cast<std::size_t>(inst));
    pins.resize(i.operands.size());
    for (std::size_t d = 0; d < i.operands.size(); ++d) {
      auto& pin = pins[d];
      Kind vk = d < i.vars.size() ? rt->unit->kind(i.vars[d]) : Kind::Handle;
      // A top-level loop under --shard runs one slice of its first list.
      bool top = d == 0 && rt->unit->outlined.count(&i) > 0;
      auto slice = [&](std::size_t n) {
        return !top        ? std::pair<std::size_t, std::size_t>{0, n}
               : rt->slice ? *rt->slice
                           : ir::shard_slice(n, rt->limits->shard_k, rt->limits->shard_n);
      };
      pin.lazy = rt->unit->lazy_range(i.operands[d]) != nullptr;
      if (pin.lazy) {  // nothing to pin: the loop computes its items from lo, step and the slice's start
        pin.range = rt->state->ranges.at(static_cast<std::size_t>(i.operands[d]));
        auto [b, e] = slice(pin.range.count);
        pin.offset = b;
        pin.walk[0] = bits(pin.range.lo);
        pin.walk[1] = bits(pin.range.step);
        pin.walk[2] = bits(b < e ? pin.range.item(b) : 0);
        pin.walk[3] = b;
        out[2 * d] = e - b;
        out[2 * d + 1] = reinterpret_cast<std::uint64_t>(pin.walk);
        continue;
      }
      pin.list = handle(rt, static_cast<std::uint64_t>(i.operands[d]));  // kept alive while the loop runs
      const List& items = pin.list.list();
      pin.native.clear();
      if (vk != Kind::Handle) {
        pin.native.reserve(items.size());
        for (auto& x : items) {
          if (vk == Kind::F64 && !x.is_num()) mismatch(i, "a list of numbers");
          if (vk == Kind::Bool && !x.is_bool()) mismatch(i, "a list of bools");
          pin.native.push_back(vk == Kind::F64 ? bits(x.num()) : x.boolean() ? 1 : 0);
        }
      }
      auto [b, e] = slice(items.size());
      pin.offset = b;
      out[2 * d] = e - b;
      out[2 * d + 1] = vk == Kind::Handle ? 0 : reinterpret_cast<std::uint64_t>(pin.native.data() + b);
    }
  });
}

// args = the loop function. One thread, or (--threads, 4096+ points) chunks of the first list on
// several threads, each on a private copy of the unit's state (compiler/ir/parallel_loop.hpp).
std::int32_t mls_rt_run_loop(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    using LoopFn = std::int32_t (*)(MlsRt*, std::uint64_t*);
    auto fn = reinterpret_cast<LoopFn>(args[0]);
    auto run = [fn](MlsRt& r) {
      if (fn(&r, r.slots) != 0) {
        if (r.error) std::rethrow_exception(std::exchange(r.error, nullptr));
        throw jit::InternalError("a loop stopped without an error");
      }
    };
    const Inst& i = inst_of(rt, inst);
    double points = 1;
    for (auto id : i.operands) points *= double(length(rt, id));
    if (rt->limits->threads <= 1 || points < ir::kMinParallelPoints) return run(*rt);
    std::size_t n = length(rt, i.operands[0]);
    auto [b, e] = ir::shard_slice(n, rt->limits->shard_k, rt->limits->shard_n);
    auto on_main = [&](std::size_t lo, std::size_t hi, ir::RuntimeSink&) {
      rt->slice = {lo, hi};
      try {
        run(*rt);
      } catch (...) {
        rt->slice.reset();
        throw;
      }
      rt->slice.reset();
    };
    auto make_worker = [&]() -> ir::SliceFn {
      auto state = std::make_shared<jit::State>(*rt->state);
      // Copied here, on the calling thread, before the first chunk runs and changes them.
      return [state, rt, run, points = rt->sweep_points](std::size_t lo, std::size_t hi, ir::RuntimeSink& sink) {
        MlsRt w;
        w.state = state.get();
        w.unit = rt->unit;
        w.sink = &sink;
        w.limits = rt->limits;
        w.slots = state->slots.data();
        w.sweep_points = points;
        w.slice = {lo, hi};
        run(w);
        jit::settle_inline_points(w);
        jit::count_solver_points(w.solver_points);
      };
    };
    ir::run_parallel(b, e, points / static_cast<double>(n), rt->limits->threads, *rt->sink, on_main, make_worker);
  });
}

// args = depth, index.
std::int32_t mls_rt_for_end(MlsRt* rt, std::int32_t, const std::uint64_t*, std::uint64_t*) {
  return guard(rt, [&] {
    if (!rt->sweep_points.empty()) rt->sweep_points.pop_back();
  });
}

std::int32_t mls_rt_for_item(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto& pin = rt->pins.at(static_cast<std::size_t>(inst)).at(args[0]);
    Value& var = handle(rt, static_cast<std::uint64_t>(i.vars.at(args[0])));
    if (pin.lazy) var = Value(pin.range.item(args[1] + pin.offset));
    else var = pin.list.list().at(args[1] + pin.offset);
  });
}

// args = handle, wanted kind (0 f64, 1 bool).
std::int32_t mls_rt_unbox(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Value& v = handle(rt, args[0]);
    if (args[1] == 0) {
      if (!v.is_num()) mismatch(inst_of(rt, inst), "a number");
      out[0] = bits(v.num());
    } else {
      if (!v.is_bool()) mismatch(inst_of(rt, inst), "a bool");
      out[0] = v.boolean() ? 1 : 0;
    }
  });
}

// args = destination handle, kind of the payload (0 f64, 1 bool, 2 handle; handle ~0 = none), payload.
std::int32_t mls_rt_box(MlsRt* rt, std::int32_t, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    Value v;
    if (args[1] == 0) v = Value(f64(args[2]));
    else if (args[1] == 1) v = Value(args[2] != 0);
    else if (args[2] != ~std::uint64_t{0}) v = handle(rt, args[2]);
    handle(rt, args[0]) = std::move(v);
  });
}

}  // extern "C"

namespace mls::jit {
void settle_inline_points(MlsRt& rt) {
  for (auto& c : rt.solver_calls)
    if (c) settle(&rt, *c);
}
}  // namespace mls::jit
