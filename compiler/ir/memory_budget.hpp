// The memory a run may hold in what it materialises (issue 30): a per-script budget, not a per-range
// one (eight ranges of 1e7 items each held 3.2 GB). Lists and ranges are charged sizeof(Value) per
// item from the moment they are built until the last reference to them is gone; a charge that would
// pass the budget is E0507 before anything is allocated. One budget per run, shared by the --threads
// workers (atomic) and by both evaluators (the same calls in semantics.cpp).
#pragma once

#include "compiler/source/source.hpp"
#include "stdlib/core/value.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace mls::ir {

class MemoryBudget {
 public:
  // The default of --max-memory, and the largest value it takes.
  static constexpr double kDefaultBytes = 2.0 * (1ull << 30);
  static constexpr double kMaxBytes = 1024.0 * (1ull << 30);

  explicit MemoryBudget(double limit_bytes) : limit_(static_cast<std::int64_t>(limit_bytes)) {}
  // Charges `bytes` for the value built at `where` (`what`: "this range", "this list"); E0507
  // naming the budget and --max-memory when the total would pass it.
  void charge(std::int64_t bytes, Span where, const char* what);
  void release(std::int64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }
  std::int64_t used() const { return used_.load(std::memory_order_relaxed); }
  double limit() const { return static_cast<double>(limit_); }

 private:
  std::atomic<std::int64_t> used_{0};
  std::int64_t limit_;
};

// The bytes a list of `items` values holds, as charged.
inline std::int64_t list_bytes(double items) { return static_cast<std::int64_t>(items * sizeof(Value)); }

// A list value that gives its charge back when freed. The charge (list_bytes(items.size())) must
// have been made already; `budget` null: nothing is counted (the built-in data, tests).
Value charged_list(List items, const std::shared_ptr<MemoryBudget>& budget);

}  // namespace mls::ir
