#include "stdlib/solvers/calibration/attention.hpp"

#include "stdlib/solvers/precision.hpp"

namespace mls::calibration {

q::Flops attention_flops(const Workload& w, double new_tokens, double cached_tokens, double batch) {
  const double pairs = new_tokens * cached_tokens + new_tokens * new_tokens / 2;
  return 4.0 * double(w.layers) * batch * double(w.hidden_dim) * pairs * q::flop;
}

q::Bytes attention_bytes(const Workload& w, double tokens, Precision p) {
  return 2.0 * double(w.layers) * tokens * double(w.hidden_dim) * q::param * bytes_per(p);
}

}  // namespace mls::calibration
