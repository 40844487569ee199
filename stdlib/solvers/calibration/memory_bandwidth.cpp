#include "stdlib/solvers/calibration/memory_bandwidth.hpp"

#include "stdlib/solvers/calibration/device_constant.hpp"

namespace mls::calibration {

q::Bandwidth achievable_bandwidth(const Hardware& h) {
  const double f = device_constant(h, h.bw_fraction, "bw_fraction");
  if (!(f > 0 && f <= 1)) throw SolverError("InvalidInput", h.name + ".bw_fraction must lie in (0, 1]");
  return f * h.bandwidth;
}

}  // namespace mls::calibration
