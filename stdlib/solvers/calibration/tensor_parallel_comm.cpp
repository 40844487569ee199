#include "stdlib/solvers/calibration/tensor_parallel_comm.hpp"

#include "stdlib/solvers/calibration/device_constant.hpp"
#include "stdlib/solvers/collectives.hpp"

namespace mls::calibration {

q::Time tensor_parallel_comm(const Hardware& h, const Workload& w, double tokens, int tp) {
  if (tp <= 1) return q::Time{};
  const q::Bandwidth link = device_constant(h, h.device_link_bw, "device_link_bw");
  const double fraction = device_constant(h, h.link_bw_fraction, "link_bw_fraction");
  const q::Time alpha = device_constant(h, h.link_latency, "link_latency");
  const q::Bytes message = tokens * double(w.hidden_dim) * kActivationBytes * q::byte;
  return 2.0 * double(w.layers) * ring_allreduce(message, double(tp), fraction * link / 2.0, alpha);
}

}  // namespace mls::calibration
