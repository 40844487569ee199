// A measured curve stored in the zoo as two lists of equal length: sizes x (positive, increasing) and the
// value y measured at each. Measurements sweep sizes in powers of two or ten, so between rows the curve
// is read linearly in log10(x) (Calculon's efficiency tables are read over the same kind of axis), and
// outside the table its end rows hold. Used by the GEMM-efficiency table (C3) and the measured
// all-reduce curve (C6b).
#pragma once

#include "stdlib/core/value.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace mls::calibration {

// InvalidInput unless the two lists have the same length and x is positive and increasing.
template <class X, class Y>
void check_log_table(const std::string& device, const char* x_name, const std::vector<X>& x, const char* y_name,
                     const std::vector<Y>& y) {
  if (x.size() != y.size())
    throw SolverError("InvalidInput", device + "." + x_name + " and ." + y_name + " must have the same length: give one " +
                                          y_name + " value per " + x_name + " row");
  for (std::size_t k = 0; k < x.size(); ++k)
    if (!(x[k].value() > 0) || (k && !(x[k] > x[k - 1])))
      throw SolverError("InvalidInput", device + "." + x_name + " must be positive and increasing");
}

// y at `at`: linear in log10(x) between rows, the end rows' values outside the table (x non-empty).
template <class X, class Y>
Y interpolate_log10(const std::vector<X>& x, const std::vector<Y>& y, X at) {
  if (!(at > x.front())) return y.front();
  for (std::size_t k = 1; k < x.size(); ++k) {
    if (at <= x[k]) {
      const double t = std::log10(at.value() / x[k - 1].value()) / std::log10(x[k].value() / x[k - 1].value());
      return y[k - 1] + t * (y[k] - y[k - 1]);
    }
  }
  return y.back();
}

}  // namespace mls::calibration
