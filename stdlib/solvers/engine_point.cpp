#include "stdlib/solvers/engine_point.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

q::Flops engine_numbers(const EnginePlan& p, const EngineIn& in, double B, double eta, q::Flops training_flops, EngineOut& o) {
  q::Flops executed;
  if (in.is_training) {
    // §3.5 / seed Eq. (14): model FLOPs 6·P_act·B·S; executed ×4/3 under full recompute.
    o.model_flops = training_flops;
    executed = p.recompute == Recompute::full ? q::Flops(o.model_flops * (4.0 / 3.0)) : o.model_flops;
  } else {
    o.model_flops = B * p.g.ops;
    executed = o.model_flops;
  }
  const q::Flops ops = executed;
  const q::Bytes W = p.g.weight_bytes;
  const q::FlopRate F = p.F;
  const q::Bandwidth BW = p.BW;
  const q::FlopRate F_eff = eta * F;
  o.latency_compute = ops.value() > 0 ? q::Time(ops / F_eff) : q::Time{};  // Eq. (1)
  o.latency_memory = W.value() > 0 ? q::Time(W / BW) : q::Time{};           // Eq. (2)
  o.latency = std::max(o.latency_compute, o.latency_memory) + p.overhead;  // Eq. (3), no layer tax (D1) under textbook
  o.throughput = q::Samples::from_value(B) / o.latency;
  o.arithmetic_intensity = W.value() > 0 ? q::Intensity(ops / W) : q::Intensity{};  // Eq. (4)
  // MODELS §4: t_c ≥ t_m ⇔ ops/W ≥ F_p·η/BW, so the bottleneck is decided against the effective ridge, not
  // the hardware ridge F_p/BW; both are reported so that `bottleneck` agrees with a number the user sees.
  o.effective_ridge = F_eff / BW;
  o.mfu = (o.model_flops / (F * o.latency)).value();  // D5: unclamped, ≤ η by construction
  o.hfu = (ops / (F * o.latency)).value();
  o.energy = in.hardware.tdp * (0.3 + 0.7 * o.mfu) * o.latency;  // MODELS §4: TDP·(0.3 + 0.7·mfu)·T (seed 003 Wall 18)
  o.peak_flops_actual = F_eff;
  return ops;
}

}  // namespace mls

extern "C" int mls_point_roofline(const void* plan, const void* input, double B, void* out) {
  using namespace mls;
  const auto& p = *static_cast<const EnginePlan*>(plan);
  const auto& in = *static_cast<const EngineIn*>(input);
  // check_batch's range; a training step and calibrated η call functions outside this file.
  if (!(B >= 1) || in.is_training || p.gemm_eta) return 0;
  auto& o = *static_cast<EngineOut*>(out);
  engine_numbers(p, in, B, in.efficiency, q::Flops{}, o);
  // The site checks every result (reg::SolverDef::run): the plan's numbers were, these are here.
  const double xs[] = {o.model_flops.value(), o.latency_compute.value(), o.latency_memory.value(), o.latency.value(),
                       o.throughput.value(), o.arithmetic_intensity.value(), o.effective_ridge.value(), o.mfu, o.hfu,
                       o.energy.value(), o.peak_flops_actual.value()};
  bool finite = true;
  for (double x : xs) finite &= std::isfinite(x);
  return finite ? 1 : 0;
}
