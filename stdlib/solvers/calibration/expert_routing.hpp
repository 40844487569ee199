// The experts a mixture-of-experts step touches (docs/fidelity.md, equation C12). A step of T tokens
// routes each token to k of the E experts of every MoE layer. With a router trained to balance the load
// (Fedus, Zoph and Shazeer, "Switch Transformers", JMLR 2022, §2.2: the auxiliary load-balancing loss is
// minimised by a uniform routing), a token leaves a given expert out with probability 1 − k/E, so
//   f_hit  = 1 − (1 − k/E)^T                       expected fraction of the experts the step touches
//   W_step = W_dense + W_experts · f_hit           weights the step reads (an untouched expert is skipped)
//   rows   = T · k / (E · f_hit)                   mean rows of a touched expert's GEMM (C3 sizes it)
// W_experts = E · (P − P_act)/(E − k) parameters (each expert holds (P − P_act)/(E − k); the shared
// experts, attention and embeddings are in both P and P_act, so in W_dense). A batch-1 decode step reads
// k/E of the expert weights; a prefill of hundreds of tokens reads all of them, each expert's GEMM having
// about T·k/E rows. No constant: E, k, P and P_act are the model's. Dense models: f_hit = 1, rows = T.
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

struct ExpertRouting {
  q::Params dense{};     // parameters every token uses (attention, shared experts, embeddings)
  q::Params experts{};   // parameters of all routed experts
  double hit_fraction = 1;  // f_hit
  double expert_rows = 0;   // mean rows of a touched expert's GEMM
};

ExpertRouting expert_routing(const Workload& w, double tokens);

}  // namespace mls::calibration
