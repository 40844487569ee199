#include "stdlib/solvers/calibration/gemm_efficiency.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/solvers/calibration/device_constant.hpp"
#include "stdlib/solvers/calibration/log_table.hpp"

#include <string>

namespace mls::calibration {

// The device's efficiency table `y` (named `name`) over gemm_flops at `work` (log_table.hpp).
static double interpolate(const Hardware& h, const std::vector<double>& y, const char* name, q::Flops work) {
  if (h.gemm_flops.empty()) device_constant(h, std::optional<double>{}, "gemm_flops");
  check_log_table(h.name, "gemm_flops", h.gemm_flops, name, y);
  for (double v : y)
    if (!(v > 0 && v <= 1)) throw SolverError("InvalidInput", h.name + "." + name + " values must lie in (0, 1]");
  return interpolate_log10(h.gemm_flops, y, work);
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
