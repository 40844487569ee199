// The jit:: interface in a build without LLVM (-DMLS_JIT=OFF: the WebAssembly playground, hosts that
// cannot JIT). Every unit runs on the IR reference evaluator, which is the JIT's specification (same
// sink calls, same errors), so the driver, the REPL and the API need no second code path. Values are
// all kept in State::values, never in native slots.
#include "runtime/jit/jit.hpp"

namespace mls::jit {

namespace {
// Everything the unit defined is a value (kinds are consulted by readers of JIT slots).
void mark_values(const ir::Module& m, std::size_t first, std::size_t last, State& state) {
  for (std::size_t k = first; k < last && k < m.body.insts.size(); ++k) {
    const ir::Inst& i = m.body.insts[k];
    if (i.result != ir::kNoValue) state.kinds[static_cast<std::size_t>(i.result)] = codegen::Kind::Handle;
  }
}
}  // namespace

void run_unit(const ir::Module& m, std::size_t first, std::size_t last, State& state, ir::RuntimeSink& sink,
              const ir::EvalLimits& limits) {
  state.grow(static_cast<std::size_t>(m.num_values));
  ir::evaluate_range(m, first, last, state.values, sink, limits);
  mark_values(m, first, last, state);
}

void load_data(const ir::Module& m, std::size_t first, std::size_t last, State& state, ir::RuntimeSink& sink,
               const ir::EvalLimits& limits) {
  run_unit(m, first, last, state, sink, limits);
}

void run(const ir::Module& m, std::size_t, ir::RuntimeSink& sink, const ir::EvalLimits& limits) {
  ir::evaluate(m, sink, limits);
}

bool has_loops(const ir::Module&, std::size_t) { return false; }  // nothing to compile with

std::string emit_llvm(const ir::Module&, std::size_t) {
  throw InternalError("this build has no LLVM code generator (built with -DMLS_JIT=OFF); --emit=llvm needs the JIT build");
}

Timing timing() { return {}; }

}  // namespace mls::jit
