// The IR reference evaluator: walks the structured IR over dynamic Values. The JIT must produce
// exactly the same output (the differential test runs every example under both).
#pragma once

#include "compiler/ir/ir.hpp"
#include "compiler/ir/memory_budget.hpp"
#include "compiler/ir/runtime_sink.hpp"

#include <memory>

namespace mls::ir {

struct EvalLimits {
  double max_loop_iterations = 1e9;   // a loop nest larger than this is refused (E0507; --max-points)
  double max_list_items = 1e7;        // a range materialises at most this many items (~400 MB)
  double max_output_values = 1e6;     // one print/row shows at most this many values
  std::shared_ptr<MemoryBudget> memory;  // the lists and ranges a run holds (--max-memory); null: not counted
  int shard_k = 0, shard_n = 1;       // --shard: each top-level loop runs the k-th of n slices of its first list
  int threads = 1;                    // --threads: a top-level loop of 4096+ points runs on this many threads
};

// The slice [begin, end) of a top-level loop's first list of `n` items that shard k of `shards` runs.
inline std::pair<std::size_t, std::size_t> shard_slice(std::size_t n, int k, int shards) {
  return {n * static_cast<std::size_t>(k) / static_cast<std::size_t>(shards),
          n * static_cast<std::size_t>(k + 1) / static_cast<std::size_t>(shards)};
}

// Runs the module. Throws RuntimeError on a run-time error; failed checks go to the sink.
void evaluate(const Module& m, RuntimeSink& sink, const EvalLimits& limits = {});

// Runs the top-level instructions [first, last) on `values` (one per IR value; earlier values are
// read from it, new ones written to it). The REPL and the JIT's built-in data use this.
void evaluate_range(const Module& m, std::size_t first, std::size_t last, std::vector<Value>& values, RuntimeSink& sink,
                    const EvalLimits& limits = {});

// Helpers shared with codegen's runtime ABI: the exact semantics of each operation.
Value eval_math(const std::string& fn, const std::vector<Value>& args, Span where);
// floor/ceil/round (`fn`) of a value of `si` base units counted in units of `unit` base units: the
// whole number of units (`round(x -> ms)` is whole_units("round", x, 0.001) ms; ceil_div(a, b) is
// whole_units("ceil", a, b)).
double whole_units(const std::string& fn, double si, double unit);
// A range's list, charged to limits.memory before it is built (E0507 over max_list_items or the budget).
Value eval_range(double lo, double hi, double step, bool geometric, Span where, const EvalLimits& limits);
// A list literal's value (or a kind's entries), charged to limits.memory.
Value make_list(List items, Span where, const EvalLimits& limits);
// The number of items of `lo .. hi step s` (geometric: `step *s`), 0 when it is empty or invalid. The
// evaluators, the checker's sweep bound and the JIT's size estimate all count with this.
double range_count(double lo, double hi, double step, bool geometric);
std::string format_value_for_message(const Value& v, const Shape& s);

}  // namespace mls::ir
