#include "stdlib/solvers/moe_routing.hpp"

#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/collectives.hpp"
#include "stdlib/solvers/precision.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

MoeRoutingOut solve_moe_routing(const MoeRoutingIn& in) {
  const Workload& m = in.model;
  if (m.kind != WorkloadKind::moe || m.experts < 1)
    throw SolverError("InvalidInput", "moe_routing needs a mixture-of-experts model (kind moe, experts >= 1)");
  if (m.top_k < 1 || m.top_k > m.experts) throw SolverError("InvalidInput", "the model's top_k must lie in [1, experts]");
  if (in.ep > m.experts) throw SolverError("InvalidParallelism", "ep cannot exceed the number of experts");
  if (in.ep > 1 && !(in.link_bw.value() > 0))
    throw SolverError("InvalidInput", "ep > 1 prices an all-to-all: give link_bw, the expert-parallel link bandwidth");
  const double E = m.experts, k = m.top_k;
  MoeRoutingOut o;
  // Switch Transformer (Fedus et al. 2022, §2.2): expert capacity = capacity factor × tokens × k / experts.
  o.assignments = in.tokens * k;
  o.mean_load = o.assignments / E;
  o.expert_capacity = std::ceil(in.capacity_factor * o.mean_load.value()) * q::token;
  // One imbalance number ι describes the router: the busiest expert receives ι times the mean load. Tokens
  // beyond its capacity are dropped (they skip the expert through the residual connection).
  o.busiest_load = in.imbalance * o.mean_load;
  o.dropped = std::max(0.0, (o.busiest_load - o.expert_capacity).value()) * q::token;
  o.drop_fraction = o.busiest_load.value() > 0 ? (o.dropped / o.busiest_load).value() : 0.0;
  o.capacity_factor_needed = in.imbalance;
  // Static-capacity dispatch computes every expert's C slots; what is not a kept assignment is padding.
  const double slots = E * o.expert_capacity.value();
  o.padding_fraction = slots > 0 ? 1.0 - (o.assignments - o.dropped).value() / slots : 0.0;
  // The step waits for the busiest expert, which processes at most C of its tokens (MLSYSIM head's
  // "effective active experts" = k·ι, capped here by the capacity that bounds the busiest expert's work).
  o.compute_multiplier = std::min(in.imbalance, in.capacity_factor);
  o.effective_active_experts = std::min(E, k * o.compute_multiplier);
  // Dispatch and combine: each assignment carries one H-vector of activations each way; under uniform
  // placement a fraction (ep−1)/ep of them leaves its device. Every layer is taken as an MoE layer.
  const double b = bytes_per(in.precision).value();  // bytes per element, the compute precision
  const q::Bytes per_layer = o.assignments.value() * m.hidden_dim * b * q::byte;
  const double L = m.layers;
  o.all_to_all_bytes = in.ep > 1 ? 2.0 * L * per_layer * ((in.ep - 1.0) / in.ep) : q::Bytes{};
  o.all_to_all_time = in.ep > 1 ? 2.0 * L * all_to_all(per_layer / double(in.ep), in.ep, in.link_bw, in.link_latency) : q::Time{};
  return o;
}

namespace reg {
void register_moe_routing() {
  SolverDef<MoeRoutingIn, MoeRoutingOut>("moe_routing", "moe_routing", "issue 25; Switch Transformer capacity, seed Eq. (23)",
                                         "MoE routing: expert capacity, dropped tokens, padding, all-to-all volume and time")
      .in("model", &MoeRoutingIn::model, "the mixture of experts", Req)
      .in("tokens", &MoeRoutingIn::tokens, "tokens routed per step T (batch × sequence length)", positive_required())
      .in("precision", &MoeRoutingIn::precision, "precision of the activations sent")
      .in("capacity_factor", &MoeRoutingIn::capacity_factor, "expert slots ÷ balanced load c_f", at_least(0, true))
      .in("imbalance", &MoeRoutingIn::imbalance, "busiest expert's load ÷ mean load ι", at_least(1))
      .in("ep", &MoeRoutingIn::ep, "expert-parallel degree", at_least(1))
      .in("link_bw", &MoeRoutingIn::link_bw, "all-to-all link bandwidth β (needed when ep > 1)", at_least(0))
      .in("link_latency", &MoeRoutingIn::link_latency, "all-to-all latency α per message", at_least(0))
      .out("assignments", &MoeRoutingOut::assignments, "A = T·k")
      .out("mean_load", &MoeRoutingOut::mean_load, "Ā = A/E")
      .out("expert_capacity", &MoeRoutingOut::expert_capacity, "C = ⌈c_f·Ā⌉")
      .out("busiest_load", &MoeRoutingOut::busiest_load, "ι·Ā")
      .out("dropped", &MoeRoutingOut::dropped, "max(0, ι·Ā − C)")
      .out("drop_fraction", &MoeRoutingOut::drop_fraction, "dropped ÷ busiest load")
      .out("capacity_factor_needed", &MoeRoutingOut::capacity_factor_needed, "the c_f that drops nothing (= ι)")
      .out("padding_fraction", &MoeRoutingOut::padding_fraction, "1 − (A − dropped)/(E·C)")
      .out("compute_multiplier", &MoeRoutingOut::compute_multiplier, "min(ι, c_f)")
      .out("effective_active_experts", &MoeRoutingOut::effective_active_experts, "min(E, k·min(ι, c_f))")
      .out("all_to_all_bytes", &MoeRoutingOut::all_to_all_bytes, "2·L·A·H·b·(ep−1)/ep per step")
      .out("all_to_all_time", &MoeRoutingOut::all_to_all_time, "2·L·a2a(A·H·b/ep, ep, β, α) per step")
      .run(&solve_moe_routing);
}
}  // namespace reg

}  // namespace mls
