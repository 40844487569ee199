#include "stdlib/solvers/calibration/forward_step.hpp"

#include "stdlib/solvers/calibration/attention.hpp"
#include "stdlib/solvers/calibration/gemm_efficiency.hpp"
#include "stdlib/solvers/calibration/launch_cost.hpp"
#include "stdlib/solvers/calibration/memory_bandwidth.hpp"
#include "stdlib/solvers/calibration/tensor_parallel_comm.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>

namespace mls::calibration {

StepTime forward_step(const Workload& w, const Hardware& h, const std::vector<StepPart>& parts, Precision p, int tp) {
  double tokens = 0;
  q::Flops attn{};
  q::Bytes kv{};
  for (auto& part : parts) {
    tokens += part.sequences * part.new_tokens;
    attn += attention_flops(w, part.new_tokens, part.context, part.sequences);
    kv += kv_cache(w, part.context + part.new_tokens, part.sequences, p);
  }
  StepTime t;
  const q::Flops flops = 2.0 * q::flop / q::param * active_params_of(w) * tokens + attn;
  t.gemm_efficiency = gemm_efficiency(h, gemm_size(tokens, w.hidden_dim, tp));
  t.compute = flops / (double(tp) * peak_for(h, p) * t.gemm_efficiency);
  const q::Bytes weights = params_of(w) * bytes_per(p);
  t.memory = (weights + kv + attention_bytes(w, tokens, p)) / (double(tp) * achievable_bandwidth(h));
  t.launch = launch_cost(h, w.layers);
  t.tp_comm = tensor_parallel_comm(h, w, tokens, tp);
  t.total = std::max(t.compute, t.memory) + t.launch + t.tp_comm + h.dispatch_tax;
  return t;
}

}  // namespace mls::calibration
