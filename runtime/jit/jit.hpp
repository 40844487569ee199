// The JIT evaluator: codegen's LLVM module of a unit, compiled by the process's one ORC LLJIT, run,
// and freed. Same contract as ir::evaluate (the reference evaluator): the same sink calls in the
// same order, ir::RuntimeError on a run-time error. No LLVM types here.
#pragma once

#include "compiler/codegen/unit_info.hpp"
#include "compiler/ir/evaluator.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/ir/lazy_range.hpp"
#include "compiler/ir/runtime_sink.hpp"
#include "stdlib/core/value.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mls::jit {

// A JIT failure that is not the script's fault (a module that does not verify, a symbol LLVM
// could not resolve): the driver reports it as an internal error (exit 70).
struct InternalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What outlives one unit (the REPL compiles one unit per entry): the runtime's value table
// (strings, records, lists and none, by handle = IR value id) and the native f64/bool slots.
struct State {
  std::vector<Value> values;
  std::vector<std::uint64_t> slots;
  std::vector<codegen::Kind> kinds;  // how JIT code holds each value defined so far
  std::vector<ir::LazyRange> ranges;  // the loop headers' ranges (ir::kLazyRange), by value id
  void grow(std::size_t num_values) {
    if (values.size() < num_values) values.resize(num_values);
    if (slots.size() < num_values) slots.resize(num_values, 0);
    if (kinds.size() < num_values) kinds.resize(num_values, codegen::Kind::Handle);
  }
};

// Compiles m.body.insts[first, last) as one unit, runs it on `state`, frees its code.
void run_unit(const ir::Module& m, std::size_t first, std::size_t last, State& state, ir::RuntimeSink& sink,
              const ir::EvalLimits& limits = {});

// The built-in prelude and zoo are data (constants and records, no loops): they are materialised
// into `state` by the reference evaluator, which is faster than compiling ~1,500 instructions that
// run once (measured: 17 ms of codegen+compile against under 1 ms of evaluation).
void load_data(const ir::Module& m, std::size_t first, std::size_t last, State& state, ir::RuntimeSink& sink,
               const ir::EvalLimits& limits = {});

// Whether m.body.insts[first, end) holds a loop (a `for`, or the lazy range one walks): code worth
// compiling. The driver evaluates a script without one on the reference evaluator (issue 24: creating
// the LLJIT was ~9 % of `mls -e '1 m'`). Always false in a build without LLVM.
bool has_loops(const ir::Module& m, std::size_t first);

// The driver's run: the built-ins ([0, first)) loaded as data, the script ([first, end)) JIT-compiled.
void run(const ir::Module& m, std::size_t first, ir::RuntimeSink& sink, const ir::EvalLimits& limits = {});

// `--emit=llvm`: the script's unit as LLVM assembly, exactly as handed to the JIT (loop functions
// after the O2 pipeline).
std::string emit_llvm(const ir::Module& m, std::size_t first);

// Cumulative time spent in each phase (for bench/; also printed per unit with MLS_JIT_TIMING=1).
struct Timing {
  double codegen_ms = 0, optimize_ms = 0, compile_ms = 0, run_ms = 0, free_ms = 0;
  std::size_t units = 0;
  std::uint64_t solver_points = 0;  // solver calls that ran only their per-point part (mls_rt_solver_point)
};
Timing timing();

}  // namespace mls::jit
