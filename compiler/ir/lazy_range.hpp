// A numeric range a loop walks without building it (issue 24): `for b in 1 .. 1e7` keeps a start, a
// step and a count, not ten million Values (0.5 GB and 1.6 s before). Both evaluators iterate it with
// the very arithmetic eval_range lists its items with, so a lazy loop sees the same numbers.
#pragma once

#include "compiler/source/source.hpp"

#include <cstddef>

namespace mls::ir {

struct EvalLimits;

struct LazyRange {
  double lo = 0, step = 1;
  std::size_t count = 0;
  bool geometric = false;
  // Item k as eval_range computes it: lo + k * step, or lo multiplied by the factor k times (O(k):
  // a loop walks on with next() and asks item() only where a slice starts).
  double item(std::size_t k) const;
  double next(double x) const { return x * step; }  // the item after x of a geometric range
};

// Checks `lo .. hi step s` as eval_range does (E0409 for a bad step, E0507 over limits.max_list_items)
// and counts its items; charges no memory, since nothing is stored.
LazyRange lazy_range(double lo, double hi, double step, bool geometric, Span where, const EvalLimits& limits);

}  // namespace mls::ir
