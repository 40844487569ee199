// MoE routing (issue 25, MLSYSIM head's MoERoutingModel, extended with expert capacity): how unevenly
// a router spreads a step's tokens over the experts, what a capacity factor drops and pads, and the
// expert-parallel all-to-all the dispatch and combine imply. docs/solvers.md, "MoE routing".
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls {

struct MoeRoutingIn {
  Workload model;                                   // a mixture of experts (E experts, top-k, L layers, H)
  q::Tokens tokens{};                               // T: tokens routed per step (batch × sequence length)
  Precision precision = Precision::fp16;            // the activations' precision on the wire
  double capacity_factor = 1.25;                    // c_f: slots per expert ÷ the balanced load (Switch: 1–1.25)
  double imbalance = 1.0;                           // ι: the busiest expert's load ÷ the mean load (≥ 1)
  int ep = 1;                                       // expert-parallel degree (devices the experts are spread on)
  q::Bandwidth link_bw{};                           // β of the expert-parallel all-to-all (needed when ep > 1)
  q::Time link_latency{};                           // α per message
};

struct MoeRoutingOut {
  q::Tokens assignments{};                          // A = T·k (token-expert pairs per MoE layer)
  q::Tokens mean_load{};                            // Ā = A / E
  q::Tokens expert_capacity{};                      // C = ⌈c_f·Ā⌉
  q::Tokens busiest_load{};                         // ι·Ā
  q::Tokens dropped{};                              // max(0, ι·Ā − C) at the busiest expert
  double drop_fraction = 0;                         // dropped ÷ busiest load
  double capacity_factor_needed = 1;                // ι: the c_f that drops nothing
  double padding_fraction = 0;                      // 1 − (A − dropped)/(E·C): slots computed on padding
  double compute_multiplier = 1;                    // min(ι, c_f): the busiest expert's work ÷ the balanced one
  double effective_active_experts = 1;              // min(E, k·min(ι, c_f)): what the step time sees per token
  q::Bytes all_to_all_bytes{};                      // per step: 2·L·A·H·b·(ep−1)/ep leave their device
  q::Time all_to_all_time{};                        // per step: 2·L·a2a(A·H·b/ep, ep, β, α)  (Eq. 23)
};

MoeRoutingOut solve_moe_routing(const MoeRoutingIn& in);

}  // namespace mls
