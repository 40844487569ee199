#include "stdlib/solvers/workload_lowering.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/solvers/precision.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

bool is_token_workload(const Workload& w) {
  return w.kind == WorkloadKind::transformer || w.kind == WorkloadKind::moe || w.kind == WorkloadKind::ssm;
}

q::Params params_of(const Workload& w) { return w.parameters.value_or(q::Params{}); }

q::Params active_params_of(const Workload& w) {
  if (w.kind == WorkloadKind::moe && w.active_parameters) return *w.active_parameters;
  return params_of(w);
}

q::Flops observation_pass_flops(const Workload& w) {
  // The pass over H_o frames of n_obs tokens, 2·P FLOP per token (the rule of §3.1), unless the entry
  // states the pass's FLOP (inference_flops: a convolutional encoder is not 2·P per token).
  if (w.inference_flops) return *w.inference_flops;
  return 2.0 * w.observation_horizon * w.observation_tokens.value() * q::flop / q::param * params_of(w);
}

q::Flops policy_query_flops(const Workload& w) {
  // One query = the observation pass + n_act action tokens decoded one at a time, 2·P FLOP each.
  return observation_pass_flops(w) + 2.0 * w.action_tokens * q::flop / q::param * params_of(w);
}

Graph lower(const Workload& w, Precision p) {
  // MODELS §3.1 table.
  Graph g;
  const q::FlopsPerParam two_per_param = 2.0 * q::flop / q::param;
  q::Params P = params_of(w);
  switch (w.kind) {
    case WorkloadKind::transformer:
    case WorkloadKind::ssm: g.ops = w.inference_flops ? *w.inference_flops : q::Flops(two_per_param * P); break;
    case WorkloadKind::moe: g.ops = w.inference_flops ? *w.inference_flops : q::Flops(two_per_param * active_params_of(w)); break;
    case WorkloadKind::cnn: g.ops = w.inference_flops.value_or(q::Flops{}); break;
    case WorkloadKind::diffusion:
      g.ops = double(w.denoising_steps) * (w.inference_flops ? *w.inference_flops : q::Flops(two_per_param * P));
      break;
    case WorkloadKind::generic: g.ops = w.inference_flops.value_or(q::Flops{}); break;
    case WorkloadKind::vla: g.ops = policy_query_flops(w); break;
  }
  g.parameters = P;
  // W = P·b; a generic workload without P uses its (precision-independent) model_size.
  g.weight_bytes = (w.kind == WorkloadKind::generic && !w.parameters && w.model_size) ? *w.model_size
                                                                                       : q::Bytes(P * bytes_per(p));
  g.arithmetic_intensity = g.weight_bytes.value() > 0 ? q::Intensity(g.ops / g.weight_bytes) : q::Intensity{};
  return g;
}

q::Bytes kv_cache(const Workload& w, double seq_tokens, double batch, Precision p) {
  if (w.kind != WorkloadKind::transformer && w.kind != WorkloadKind::moe)
    throw SolverError("UnsupportedWorkload", "a KV cache needs a transformer or MoE workload, not " + w.name);
  if (w.heads <= 0) throw SolverError("InvalidInput", w.name + " has no attention heads");
  double n_kv = double(w.kv_heads.value_or(w.heads));
  double d_head = std::floor(double(w.hidden_dim) / double(w.heads));
  // MODELS §3.2: 2 (K and V) · L · n_kv · d_head · S · B elements of b bytes.
  double elements = 2.0 * w.layers * n_kv * d_head * seq_tokens * batch;
  return elements * q::param * bytes_per(p);
}

Recompute parse_recompute(const std::string& s) {
  if (s == "none") return Recompute::none;
  if (s == "selective") return Recompute::selective;
  if (s == "full") return Recompute::full;
  throw SolverError("InvalidInput", "recompute must be none, selective or full, not '" + s + "'");
}

q::Bytes activation_memory(const Workload& w, double seq_tokens, double micro_batch, Precision p, Recompute r, int tp,
                           int pp, double in_flight) {
  if (w.kind != WorkloadKind::transformer && w.kind != WorkloadKind::moe) return q::Bytes{};  // §3.3, J13
  double H = w.hidden_dim, a = w.heads, S = seq_tokens;
  // Korthikanti et al. 2022: bytes per token-hidden element at 16 bit; scaled by b/2; ÷tp (sequence parallel).
  double c = r == Recompute::none ? 34.0 + 5.0 * a * S / H : r == Recompute::selective ? 34.0 : 2.0;
  double b_over_2 = bytes_per(p).value() / 2.0;
  double per_layer = S * micro_batch * H * c * b_over_2 / double(tp);
  return (double(w.layers) / double(pp)) * in_flight * per_layer * q::byte;
}

TrainingMemory training_memory(const Workload& w, Precision p, double seq_tokens, double micro_batch, Recompute r,
                               int tp, int pp, int ep, int dp, int zero_stage, const std::string& optimizer, bool lora,
                               double in_flight) {
  if (zero_stage < 0 || zero_stage > 3) throw SolverError("InvalidInput", "zero_stage must be 0, 1, 2 or 3");
  if (optimizer != "adam" && optimizer != "sgd") throw SolverError("InvalidInput", "optimizer must be adam or sgd");
  TrainingMemory m;
  q::Params P = params_of(w);
  double k = double(tp) * pp * ep;
  // LoRA: trainable fraction f = min(1, 2·r·H·4L/P) with rank r = 16.
  double f = 1;
  if (lora && P.value() > 0) f = std::min(1.0, 2.0 * 16 * w.hidden_dim * 4.0 * w.layers / P.value());
  q::BytesPerParam s_opt = (optimizer == "adam" ? 12.0 : 4.0) * q::byte / q::param;
  m.weights = P * bytes_per(p) / k;
  m.gradients = f * P * bytes_per(p) / k;
  m.optimizer = f * P * s_opt / k;
  // ZeRO partitions optimizer (≥1), gradients (≥2), weights (3) over the data-parallel group.
  if (zero_stage >= 1) m.optimizer = m.optimizer / double(dp);
  if (zero_stage >= 2) m.gradients = m.gradients / double(dp);
  if (zero_stage >= 3) m.weights = m.weights / double(dp);
  m.activations = activation_memory(w, seq_tokens, micro_batch, p, r, tp, pp, in_flight);
  m.total = m.weights + m.gradients + m.optimizer + m.activations;
  return m;
}

q::Flops training_unit_flops(const Workload& w) {
  // §3.5: 2·P_act per token for token workloads; inference_flops per denoising step (diffusion) or per sample.
  if (is_token_workload(w)) return 2.0 * q::flop / q::param * active_params_of(w);
  // A vla sample is one query (§3.1 extended, docs/solvers.md): its forward FLOPs, observation pass and action
  // tokens together (teacher forcing trains the action tokens in the same pass).
  if (w.kind == WorkloadKind::vla) return policy_query_flops(w);
  return w.inference_flops.value_or(q::Flops{});
}

q::Flops training_model_flops(const Workload& w, double batch, double seq_tokens) {
  // Seed Eq. (14): 3·f_tr·B·S (= 6·P_act·B·S) for token workloads, 3·f_tr·B otherwise (D4).
  double units = is_token_workload(w) ? batch * seq_tokens : batch;
  return 3.0 * units * training_unit_flops(w);
}

}  // namespace mls
