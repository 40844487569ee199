#include "stdlib/solvers/calibration/activation_traffic.hpp"

namespace mls::calibration {

q::Bytes activation_traffic(const Workload& w, double tokens, int tp) {
  return 2.0 * double(w.layers) * tokens * double(w.hidden_dim) * (10.0 + 24.0 / double(tp)) * q::byte;
}

}  // namespace mls::calibration
