#include "compiler/ir/parallel_loop.hpp"

#include "compiler/ir/recording_sink.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

namespace mls::ir {

namespace {
// A chunk holds at most this many points, so a round's recorded output stays small (a few MB) while
// a 1e6-point sweep still needs only ~30 rounds of thread start-up.
constexpr double kChunkPoints = 16384;
}  // namespace

void run_parallel(std::size_t begin, std::size_t end, double inner_points, int threads, RuntimeSink& sink,
                  const SliceFn& on_main, const std::function<SliceFn()>& make_worker) {
  const std::size_t items = end - begin;
  const auto t = static_cast<std::size_t>(std::max(threads, 1));
  // Items per chunk: the list shared evenly, but no chunk over kChunkPoints points (and at least one item).
  std::size_t per = (items + t - 1) / t;
  per = std::min(per, static_cast<std::size_t>(std::max(1.0, std::floor(kChunkPoints / std::max(inner_points, 1.0)))));
  if (std::getenv("MLS_THREADS_TRACE"))  // lets tests see that the parallel path ran
    std::fprintf(stderr, "mls: parallel loop: %zu items, %zu per chunk, %zu threads\n", items, per, t);
  for (std::size_t at = begin; at < end;) {
    // One round: chunk 0 on this thread into the real sink, chunks 1..t-1 on workers into recorders.
    std::vector<std::pair<std::size_t, std::size_t>> chunks;
    for (std::size_t k = 0; k < t && at < end; ++k, at = std::min(end, at + per)) chunks.emplace_back(at, std::min(end, at + per));
    std::vector<std::unique_ptr<RecordingSink>> recorders;
    std::vector<std::thread> workers;
    for (std::size_t k = 1; k < chunks.size(); ++k) {
      recorders.push_back(std::make_unique<RecordingSink>(&sink));
      SliceFn work = make_worker();
      RecordingSink* rec = recorders.back().get();
      workers.emplace_back([work = std::move(work), rec, chunk = chunks[k]] {
        try {
          work(chunk.first, chunk.second, *rec);
        } catch (...) {
          rec->stop(std::current_exception());
        }
      });
    }
    std::exception_ptr first_error;
    try {
      on_main(chunks[0].first, chunks[0].second, sink);
    } catch (...) {
      first_error = std::current_exception();
    }
    for (auto& w : workers) w.join();
    if (first_error) std::rethrow_exception(first_error);
    for (auto& r : recorders) r->replay(sink);  // rethrows a worker's error after its chunk's output
  }
}

}  // namespace mls::ir
