// sum/mean/min/max of a list at run time, shared by both evaluators (semantics.hpp).
#include "compiler/ir/semantics.hpp"

#include <algorithm>

namespace mls::ir {

double aggregate(const Inst& i, const Value& list) {
  double sum = 0, lo = 0, hi = 0;
  std::size_t n = 0;
  for (const Value& item : list.list()) {
    const Value* x = &item;
    if (!i.names.empty()) {  // a field of record items; an item without it is left out
      x = item.record().find(i.names[0]);
      if (!x || !x->is_num()) continue;
    }
    double v = x->num();
    lo = n ? std::min(lo, v) : v;
    hi = n ? std::max(hi, v) : v;
    sum += v;
    ++n;
  }
  if (i.str == "sum") return checked(sum, {lo, hi}, i.span, "sum");
  if (n == 0) {
    std::string what = i.names.empty() ? "the list is empty" : "no item of the list has the field `" + i.names[0] + "`";
    fail("E0508", "`" + i.str + "` of nothing: " + what, i.span, "no values here",
         "a mean, minimum or maximum needs at least one value: a range `a .. b` with b below a is empty, and `" + i.str + "(list, field)` skips items without the field");
  }
  if (i.str == "min") return lo;
  if (i.str == "max") return hi;
  return checked(sum / static_cast<double>(n), {lo, hi}, i.span, "mean");
}

}  // namespace mls::ir
