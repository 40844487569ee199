// --threads: a top-level loop's first list is cut into chunks that run on several threads at once;
// each chunk records its output, which is replayed into the real sink in chunk order, so the output
// is byte-identical to one thread's (the test suite compares them). Both evaluators use this; each
// supplies how to run a slice [begin, end) of the first list on a private copy of its state.
#pragma once

#include "compiler/ir/runtime_sink.hpp"

#include <cstddef>
#include <functional>

namespace mls::ir {

// Runs the items [begin, end) of the loop's first list into `sink`; throws on a run-time error.
using SliceFn = std::function<void(std::size_t begin, std::size_t end, RuntimeSink& sink)>;

// Below this many points a loop runs on one thread (starting threads costs more than it saves).
constexpr double kMinParallelPoints = 4096;

// Runs [begin, end) of the first list (each item is `inner_points` points of the nest) on `threads`
// threads. `make_worker` is called on the calling thread, once per thread, and returns a SliceFn
// bound to a private copy of the loop's state; threads take chunks as they free up. `on_main` runs
// the whole range on the calling thread, into `sink`, when it makes a single chunk. Errors surface
// in sequential order: the output of the chunks before the failing one, then its error.
void run_parallel(std::size_t begin, std::size_t end, double inner_points, int threads, RuntimeSink& sink,
                  const SliceFn& on_main, const std::function<SliceFn()>& make_worker);

}  // namespace mls::ir
