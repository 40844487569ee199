#include "stdlib/solvers/calibration/launch_cost.hpp"

#include "stdlib/solvers/calibration/device_constant.hpp"

namespace mls::calibration {

q::Time launch_cost(const Hardware& h, int layers) {
  return double(layers) * device_constant(h, h.layer_overhead, "layer_overhead");
}

}  // namespace mls::calibration
