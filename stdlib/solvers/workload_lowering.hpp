// MODELS §3: workloads lowered to a computation graph, KV/state cache, activation memory,
// training memory (ZeRO, LoRA) and training FLOPs.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <string>

namespace mls {

struct Graph {
  q::Flops ops{};               // forward FLOP per sample (per token for token workloads)
  q::Bytes weight_bytes{};      // W
  q::Params parameters{};       // P
  q::Intensity arithmetic_intensity{};  // ops / W (0 if W = 0)
};

bool is_token_workload(const Workload& w);            // transformer, moe, ssm
q::Params params_of(const Workload& w);                // P (0 if absent)
q::Params active_params_of(const Workload& w);         // P_act (= P for dense)
Graph lower(const Workload& w, Precision p);           // §3.1
// A VLA policy (issue 25): the observation pass, inference_flops or 2·P·H_o·n_obs; one query adds
// n_act decoded action tokens of 2·P each.
q::Flops observation_pass_flops(const Workload& w);
q::Flops policy_query_flops(const Workload& w);

// §3.2: KV(S, B, p) = 2·L·n_kv·d_head·S·B·b, d_head = floor(H/a); transformer and MoE only.
q::Bytes kv_cache(const Workload& w, double seq_tokens, double batch, Precision p);

enum class Recompute { none, selective, full };
Recompute parse_recompute(const std::string& s);

// §3.3: resident activations (L/pp)·in_flight·S·b_µ·H·c·(b/2)/tp; 0 for non-transformers.
q::Bytes activation_memory(const Workload& w, double seq_tokens, double micro_batch, Precision p, Recompute r,
                           int tp = 1, int pp = 1, double in_flight = 1);

struct TrainingMemory {
  q::Bytes weights{}, gradients{}, optimizer{}, activations{}, total{};
};
// §3.4 with k = tp·pp·ep, ZeRO stages 0–3 over dp, LoRA fraction, Adam (12 B/param) or SGD (4).
TrainingMemory training_memory(const Workload& w, Precision p, double seq_tokens, double micro_batch, Recompute r,
                               int tp, int pp, int ep, int dp, int zero_stage, const std::string& optimizer, bool lora,
                               double in_flight);

// §3.5: forward FLOP per training unit f_tr, and model FLOPs of one step.
q::Flops training_unit_flops(const Workload& w);
q::Flops training_model_flops(const Workload& w, double batch, double seq_tokens);

}  // namespace mls
