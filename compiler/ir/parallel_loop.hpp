// --threads: a top-level loop's first list is cut into chunks that run on several threads at once;
// each chunk but the first of a round records its output, which is replayed into the real sink in
// chunk order, so the output is byte-identical to one thread's (the test suite compares them). Both
// evaluators use this; each supplies how to run a slice [begin, end) of the first list, on the
// calling thread's own state, into a given sink.
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
// threads. `on_main` runs on the calling thread into `sink`; `make_worker` is called on the calling
// thread, once per other chunk, and returns a SliceFn bound to a private copy of the loop's state.
// Errors surface in sequential order: the first chunk's error, else the first recorded one.
void run_parallel(std::size_t begin, std::size_t end, double inner_points, int threads, RuntimeSink& sink,
                  const SliceFn& on_main, const std::function<SliceFn()>& make_worker);

}  // namespace mls::ir
