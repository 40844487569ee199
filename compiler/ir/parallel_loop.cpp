#include "compiler/ir/parallel_loop.hpp"

#include "compiler/ir/recording_sink.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace mls::ir {

namespace {
// A chunk holds at most this many points, so a chunk's recorded output stays small (a few MB).
constexpr double kChunkPoints = 16384;
}  // namespace

void run_parallel(std::size_t begin, std::size_t end, double inner_points, int threads, RuntimeSink& sink,
                  const SliceFn& on_main, const std::function<SliceFn()>& make_worker) {
  const std::size_t items = end - begin;
  const auto t = static_cast<std::size_t>(std::max(threads, 1));
  // Items per chunk: about four chunks a thread (the last chunks balance the threads' loads), but no
  // chunk over kChunkPoints points, and at least one item.
  std::size_t per = std::max<std::size_t>(1, items / (4 * t));
  per = std::min(per, static_cast<std::size_t>(std::max(1.0, std::floor(kChunkPoints / std::max(inner_points, 1.0)))));
  std::vector<std::pair<std::size_t, std::size_t>> chunks;
  for (std::size_t at = begin; at < end; at = std::min(end, at + per)) chunks.emplace_back(at, std::min(end, at + per));
  if (std::getenv("MLS_THREADS_TRACE"))  // lets tests see that the parallel path ran
    std::fprintf(stderr, "mls: parallel loop: %zu items, %zu per chunk, %zu threads\n", items, per, t);
  if (chunks.size() <= 1 || t <= 1) {
    on_main(begin, end, sink);
    return;
  }
  // Every thread, this one included, takes the next chunk and records its output; this thread also
  // replays the recordings into the real sink in chunk order as they complete. Chunks run at most
  // `window` ahead of the output, which bounds the memory the recordings hold.
  const std::size_t window = 2 * t;
  PiecePool pool;  // before the recordings: they hand their buffers back to it
  std::vector<std::unique_ptr<RecordingSink>> done(chunks.size());
  std::mutex mu;
  std::condition_variable cv;
  std::size_t next = 0, replayed = 0;
  bool stop = false;
  auto can_take = [&] { return !stop && next < chunks.size() && next < replayed + window; };
  auto run_chunk = [&](std::size_t c, const SliceFn& fn) {
    auto rec = std::make_unique<RecordingSink>(&sink, &pool);
    try {
      fn(chunks[c].first, chunks[c].second, *rec);
    } catch (...) {
      rec->stop(std::current_exception());
    }
    std::lock_guard<std::mutex> lk(mu);
    done[c] = std::move(rec);
    cv.notify_all();
  };
  // The SliceFns are made here, on the calling thread, before any chunk runs.
  std::vector<SliceFn> fns;
  for (std::size_t k = 0; k < t; ++k) fns.push_back(make_worker());
  std::vector<std::thread> workers;
  for (std::size_t k = 1; k < t; ++k) {
    try {
      workers.emplace_back([&, fn = &fns[k]] {
        for (;;) {
          std::unique_lock<std::mutex> lk(mu);
          cv.wait(lk, [&] { return stop || next >= chunks.size() || can_take(); });
          if (!can_take()) return;
          std::size_t c = next++;
          lk.unlock();
          run_chunk(c, *fn);
        }
      });
    } catch (const std::system_error&) {
      break;  // no thread left to start (a memory limit): the threads started, this one included, do the work
    }
  }
  auto finish = [&] {
    {
      std::lock_guard<std::mutex> lk(mu);
      stop = true;
    }
    cv.notify_all();
    for (auto& w : workers) w.join();
  };
  std::unique_lock<std::mutex> lk(mu);
  while (replayed < chunks.size()) {
    if (done[replayed]) {
      std::unique_ptr<RecordingSink> rec = std::move(done[replayed]);
      ++replayed;
      cv.notify_all();
      lk.unlock();
      try {
        rec->replay(sink);  // rethrows the chunk's error after its output, and later chunks are not shown
      } catch (...) {
        finish();
        throw;
      }
      lk.lock();
    } else if (can_take()) {
      std::size_t c = next++;
      lk.unlock();
      run_chunk(c, fns[0]);
      lk.lock();
    } else {
      cv.wait(lk);
    }
  }
  lk.unlock();
  finish();
}

}  // namespace mls::ir
