#include "stdlib/solvers/calibration/tensor_parallel_comm.hpp"

#include "stdlib/solvers/calibration/device_constant.hpp"
#include "stdlib/solvers/calibration/measured_allreduce.hpp"
#include "stdlib/solvers/collectives.hpp"

namespace mls::calibration {

q::Time tensor_parallel_comm(const Hardware& h, const Workload& w, double tokens, int tp, bool measured) {
  if (tp <= 1) return q::Time{};
  const q::Bytes message = tokens * double(w.hidden_dim) * kActivationBytes * q::byte;
  if (measured)
    if (const auto curve = measured_allreduce(h, message, double(tp))) return 2.0 * double(w.layers) * *curve;  // C6b
  const q::Bandwidth link = device_constant(h, h.device_link_bw, "device_link_bw");
  const double fraction = device_constant(h, h.link_bw_fraction, "link_bw_fraction");
  const q::Time alpha = device_constant(h, h.link_latency, "link_latency");
  return 2.0 * double(w.layers) * ring_allreduce(message, double(tp), fraction * link / 2.0, alpha);
}

}  // namespace mls::calibration
