#include "compiler/ir/lazy_range.hpp"

#include "compiler/ir/evaluator.hpp"
#include "compiler/ir/semantics.hpp"
#include "compiler/units/unit_table.hpp"

namespace mls::ir {

double LazyRange::item(std::size_t k) const {
  if (!geometric) return lo + static_cast<double>(k) * step;
  double x = lo;
  for (std::size_t j = 0; j < k; ++j) x *= step;
  return x;
}

LazyRange lazy_range(double lo, double hi, double step, bool geometric, Span where, const EvalLimits& limits) {
  if (geometric ? !(step > 1) || !(lo > 0) : !(step > 0))
    fail("E0409", geometric ? "a geometric range needs a start > 0 and a factor > 1" : "a range step must be positive", where,
         "in this range");
  double count = range_count(lo, hi, step, geometric);
  if (count > limits.max_list_items)
    fail("E0507", "this range has " + units::format_count(count) + " items", where, "range too large",
         "a range holds at most " + units::format_count(limits.max_list_items) +
             " items; nest two loops over smaller ranges, or take a larger step");
  LazyRange r{lo, step, 0, geometric};
  if (!geometric) {
    r.count = static_cast<std::size_t>(count);
  } else {
    // The items are lo, lo*f, lo*f*f, ... up to hi (1e-12 of slack): counted the way they are made,
    // which a logarithm may miss by one.
    for (double x = lo; x <= hi * (1 + 1e-12); x *= step) ++r.count;
  }
  return r;
}

}  // namespace mls::ir
