// One calibrated forward step of a transformer on tp devices (docs/fidelity.md, equation C7): the
// roofline of the step with the calibrated terms, for a mix of sequences — a prefill chunk, a decode
// batch, or both in one step as continuous batching schedules them (Agrawal et al., "Sarathi-Serve",
// OSDI 2024, §4: chunked prefills ride along with decodes). The step is priced per kernel (Williams et
// al., "Roofline", CACM 2009): the GEMMs and the attention kernel are separate kernels that one stream runs
// one after the other, so the step adds them; each kernel's time is its compute plus its memory time (C11,
// kernel_time.hpp: a step's kernels are too small to hide one behind the other):
//   T_step = (t_gemm,c + t_gemm,m) + (t_attn,c + t_attn,m) + t_act + t_launch + t_tp + dispatch
//   t_gemm,c = 2·P_act·T / (tp · F_p · η(gemm_size(T, H, tp)))                C3
//   t_gemm,m = W / (tp · BW_achieved)                                          C1
//   t_attn,c = F_attn / (tp · min(F_p, F_16) · attention_efficiency)           C4, C10
//   t_attn,m = (KV + M_attn) / (tp · BW_achieved)                              C1, C5
//   t_act = M_act / BW_achieved                                                C9
//   t_launch = L · layer_overhead                                              C2
//   t_tp = 2 · L · ring(T·H·2 B, tp, β, α)                                     C6
// T = Σ sequences·new tokens; KV = the cache the step reads and writes, at each part's context + new
// tokens (MODELS §3.2).
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <vector>

namespace mls::calibration {

struct StepPart {
  double sequences = 1;   // sequences in this part of the step
  double new_tokens = 1;  // tokens each processes in the step (1 for decode)
  double context = 0;     // tokens already in each one's KV cache
};

struct StepTime {
  q::Time compute{}, memory{}, launch{}, tp_comm{}, total{};  // compute: GEMMs + attention; memory: all traffic
  double gemm_efficiency = 0;
};

StepTime forward_step(const Workload& w, const Hardware& h, const std::vector<StepPart>& parts, Precision p, int tp);

}  // namespace mls::calibration
