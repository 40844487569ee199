#include "stdlib/solvers/calibration/gemm_efficiency.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/solvers/calibration/device_constant.hpp"

#include <cmath>
#include <string>

namespace mls::calibration {

// Linear interpolation in log10(FLOP) over the device's table `y` (named `name`) at `work`, the end values
// held outside the table.
static double interpolate(const Hardware& h, const std::vector<double>& y, const char* name, q::Flops work) {
  const auto& x = h.gemm_flops;
  if (x.empty()) device_constant(h, std::optional<double>{}, "gemm_flops");
  if (x.size() != y.size())
    throw SolverError("InvalidInput", h.name + ".gemm_flops and ." + name + " must have the same length: give one fraction per gemm_flops size");
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (!(x[k].value() > 0) || (k && !(x[k] > x[k - 1])))
      throw SolverError("InvalidInput", h.name + ".gemm_flops must be positive and increasing");
    if (!(y[k] > 0 && y[k] <= 1)) throw SolverError("InvalidInput", h.name + "." + name + " values must lie in (0, 1]");
  }
  const double f = work.value();
  if (!(f > x.front().value())) return y.front();  // below the table: its smallest GEMM's efficiency
  for (std::size_t k = 1; k < x.size(); ++k) {
    if (f <= x[k].value()) {
      const double t = std::log10(f / x[k - 1].value()) / std::log10(x[k].value() / x[k - 1].value());
      return y[k - 1] + t * (y[k] - y[k - 1]);
    }
  }
  return y.back();
}

double gemm_efficiency(const Hardware& h, q::Flops work) { return interpolate(h, h.gemm_efficiency, "gemm_efficiency", work); }

double gemm_efficiency(const Hardware& h, q::Flops work, Precision p) {
  if (p == Precision::fp8 && !h.gemm_efficiency_fp8.empty())
    return interpolate(h, h.gemm_efficiency_fp8, "gemm_efficiency_fp8", work);
  return gemm_efficiency(h, work);
}

q::Flops gemm_size(double tokens, int hidden, int tp) {
  return 2.0 * tokens * double(hidden) * double(hidden) / double(tp) * q::flop;
}

}  // namespace mls::calibration
