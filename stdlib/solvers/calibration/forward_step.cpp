#include "stdlib/solvers/calibration/forward_step.hpp"

#include "stdlib/solvers/calibration/activation_traffic.hpp"
#include "stdlib/solvers/calibration/attention.hpp"
#include "stdlib/solvers/calibration/device_constant.hpp"
#include "stdlib/solvers/calibration/expert_routing.hpp"
#include "stdlib/solvers/calibration/gemm_efficiency.hpp"
#include "stdlib/solvers/calibration/kernel_time.hpp"
#include "stdlib/solvers/calibration/launch_cost.hpp"
#include "stdlib/solvers/calibration/memory_bandwidth.hpp"
#include "stdlib/solvers/calibration/tensor_parallel_comm.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>

namespace mls::calibration {

// C10: the fraction of the 16-bit peak the attention kernel reaches (zoo field attention_efficiency).
static double attention_efficiency(const Hardware& h) {
  const double e = device_constant(h, h.attention_efficiency, "attention_efficiency");
  if (!(e > 0 && e <= 1)) throw SolverError("InvalidInput", h.name + ".attention_efficiency must lie in (0, 1]");
  return e;
}

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
  const q::Bandwidth bw = achievable_bandwidth(h);
  const double devices = double(tp);
  t.gemm_efficiency = gemm_efficiency(h, gemm_size(tokens, w.hidden_dim, tp), p);
  // C12: an MoE step reads only the experts its tokens reach, and each expert's GEMM has its share of the
  // rows (a dense model: all weights, T rows — the expert terms are zero).
  const ExpertRouting moe = expert_routing(w, tokens);
  const q::Params routed = active_params_of(w) - moe.dense;  // k experts' parameters per token
  q::Time gemm_c = 2.0 * q::flop / q::param * active_params_of(w) * tokens / (devices * peak_for(h, p) * t.gemm_efficiency);
  if (routed > q::Params{}) {
    const double expert_efficiency = gemm_efficiency(h, gemm_size(moe.expert_rows, w.hidden_dim, tp), p);
    gemm_c = 2.0 * q::flop / q::param * tokens * (moe.dense / t.gemm_efficiency + routed / expert_efficiency) /
             (devices * peak_for(h, p));
  }
  const q::Time gemm_m = (moe.dense + moe.experts * moe.hit_fraction) * bytes_per(p) / (devices * bw);
  // The attention core computes in 16 bit even when the weights are fp8/int8 (FlashAttention-2, Dao 2023;
  // fp8 attention came with FlashAttention-3, Shah et al. 2024), so its rate is the lower of the two peaks.
  const q::FlopRate attn_rate = std::min(peak_for(h, p), h.peak_flops) * attention_efficiency(h);
  const q::Time attn_c = attn / (devices * attn_rate);
  const q::Time attn_m = (kv + attention_bytes(w, tokens, p)) / (devices * bw);
  const q::Time act = activation_traffic(w, tokens, tp) / bw;
  t.compute = gemm_c + attn_c;
  t.memory = gemm_m + attn_m + act;
  t.launch = launch_cost(h, w.layers);
  // C6b prices NCCL calls launched one by one, as nccl-tests does; a pure decode step runs as a captured
  // graph with the engines' own small-message all-reduce, which C6's ring prices (docs/fidelity.md C6b).
  bool decode_only = true;
  for (const StepPart& part : parts) decode_only = decode_only && part.new_tokens <= 1;
  t.tp_comm = tensor_parallel_comm(h, w, tokens, tp, /*measured=*/!decode_only);
  t.total = kernel_time(gemm_c, gemm_m) + kernel_time(attn_c, attn_m) + act + t.launch + t.tp_comm + h.dispatch_tax;
  return t;
}

}  // namespace mls::calibration
