#include "compiler/ir/memory_budget.hpp"

#include "compiler/ir/semantics.hpp"
#include "compiler/units/unit_table.hpp"

namespace mls::ir {

namespace {
std::string bytes_text(double b) {
  const char* unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int k = 0;
  while (b >= 1024 && k < 4) b /= 1024, ++k;
  return units::format_number(b, 3) + " " + unit[k];
}
}  // namespace

void MemoryBudget::charge(std::int64_t bytes, Span where, const char* what) {
  std::int64_t before = used_.fetch_add(bytes, std::memory_order_relaxed);
  if (before + bytes <= limit_) return;
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  fail("E0507",
       std::string(what) + " needs " + bytes_text(double(bytes)) + " more, but the script already holds " +
           bytes_text(double(before)) + " of lists and ranges: over its memory budget of " + bytes_text(double(limit_)),
       where, "over the memory budget",
       "iterate with nested loops over smaller ranges instead of keeping them in lists, or raise the budget with "
       "--max-memory SIZE (e.g. --max-memory 4GiB)");
}

Value charged_list(List items, const std::shared_ptr<MemoryBudget>& budget) {
  if (!budget) return Value(std::move(items));
  struct Release {
    std::shared_ptr<MemoryBudget> budget;
    std::int64_t bytes;
    void operator()(const List* l) const {
      delete l;
      budget->release(bytes);
    }
  };
  std::int64_t bytes = list_bytes(double(items.size()));
  Value v;
  v.v = std::shared_ptr<const List>(new List(std::move(items)), Release{budget, bytes});
  return v;
}

}  // namespace mls::ir
