// MODELS §15: Wall 21 SensitivitySolver (seed Eq. (34)) and Wall 22 SynthesisSolver (Eq. (35)–(36)).
#include "stdlib/core/value.hpp"
#include "stdlib/registry/kind_registry.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/engine.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <cmath>

namespace mls {

struct Sensitivities {
  double peak_flops = 0, memory_bandwidth = 0, memory_capacity = 0;
};
namespace reg {
MLS_RECORD_FAMILY(Sensitivities, "sensitivities");
}

namespace {
struct SensIn {
  Workload model;
  Hardware hardware;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  q::Samples batch_size = 1.0 * q::sample;
  double perturbation = 0.01;
};
struct SensOut {
  Sensitivities sensitivities;
  std::string binding_constraint;
  q::Time baseline_latency{};
  bool baseline_feasible = true;
  // Issue 25 (MLSYSIM head): a baseline that does not fit is bound by capacity before any latency
  // elasticity matters; binding_constraint keeps the latency argmax of Eq. (34) (R2 reference case).
  bool feasible = true;
  std::optional<std::string> feasibility_constraint;  // "memory_capacity" when the baseline does not fit
  std::optional<double> capacity_needed;              // footprint ÷ capacity: how far capacity must grow
  std::optional<std::string> reason;
};
SensOut solve_sensitivity(const SensIn& in) {
  if (!(in.perturbation > 0)) throw SolverError("InvalidInput", "perturbation must be > 0");
  EngineIn e;
  e.model = in.model;
  e.hardware = in.hardware;
  e.precision = in.precision;
  e.efficiency = in.efficiency;
  e.batch_size = in.batch_size;
  const EngineOut base = solve_engine(e);
  const double d = in.perturbation, T = base.latency.value();
  auto elasticity = [&](const Hardware& h) {
    EngineIn x = e;
    x.hardware = h;
    return (solve_engine(x).latency.value() - T) / (T * d);  // seed Eq. (34): normalised gradient
  };
  Hardware peak = in.hardware;  // peak scales every precision entry [J18]
  peak.peak_flops *= 1 + d;
  for (auto& [p, f] : peak.precision_flops) f *= 1 + d;
  Hardware bw = in.hardware;  // bandwidth scales HBM, SRAM and flash tiers
  bw.bandwidth *= 1 + d;
  if (bw.sram_bandwidth) *bw.sram_bandwidth *= 1 + d;
  if (bw.flash_bandwidth) *bw.flash_bandwidth *= 1 + d;
  Hardware cap = in.hardware;
  cap.capacity *= 1 + d;
  SensOut o;
  o.sensitivities = {elasticity(peak), elasticity(bw), elasticity(cap)};
  const double es[3] = {o.sensitivities.peak_flops, o.sensitivities.memory_bandwidth, o.sensitivities.memory_capacity};
  const char* names[3] = {"peak_flops", "memory_bandwidth", "memory_capacity"};
  int best = 0;
  for (int i = 1; i < 3; ++i)
    if (std::fabs(es[i]) > std::fabs(es[best])) best = i;  // ties keep the earlier entry
  o.binding_constraint = std::fabs(es[best]) <= 1e-12 ? "none" : names[best];
  o.baseline_latency = base.latency;
  o.baseline_feasible = o.feasible = base.feasible;
  if (!base.feasible) {
    o.feasibility_constraint = "memory_capacity";
    o.capacity_needed = (base.memory_footprint / in.hardware.capacity).value();
    o.reason = base.reason;
  }
  return o;
}

struct SynthIn {
  Workload model;
  q::Time target_latency{};
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  q::Samples batch_size = 1.0 * q::sample;
  std::optional<Hardware> hardware;
};
struct SynthOut {
  q::Bandwidth required_bw{};          // W/T
  q::FlopRate required_flops{};        // OPs/(T·η)
  q::Bytes required_memory{};          // W
  q::Intensity compute_memory_ratio{}; // F_req/BW_req
  q::Flops total_ops{};
  std::optional<double> min_devices;   // ⌈max(BW_req/BW, F_req/F_p, W/capacity)⌉ with a device
};
SynthOut solve_synthesis(const SynthIn& in) {
  if (!(in.target_latency.value() > 0)) throw SolverError("InvalidInput", "target_latency must be > 0");
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  const Graph g = lower(in.model, in.precision);
  SynthOut o;
  o.total_ops = in.batch_size.value() * g.ops;
  o.required_bw = g.weight_bytes / in.target_latency;                      // seed Eq. (35)
  o.required_flops = o.total_ops / (in.target_latency * in.efficiency);    // seed Eq. (36)
  o.required_memory = g.weight_bytes;
  o.compute_memory_ratio = o.required_flops / o.required_bw;
  if (in.hardware) {
    const Hardware& h = *in.hardware;
    double need = std::max({(o.required_bw / h.bandwidth).value(), (o.required_flops / peak_for(h, in.precision)).value(),
                            (g.weight_bytes / h.capacity).value()});
    o.min_devices = std::ceil(need);
  }
  return o;
}
}  // namespace

namespace reg {
void register_analysis() {
  {
    KindDef<Sensitivities> k("sensitivities", "normalised elasticities of latency");
    k.field("peak_flops", &Sensitivities::peak_flops, "∂T/∂peak·(peak/T)")
        .field("memory_bandwidth", &Sensitivities::memory_bandwidth, "∂T/∂BW·(BW/T)")
        .field("memory_capacity", &Sensitivities::memory_capacity, "∂T/∂capacity·(capacity/T)");
  }
  SolverDef<SensIn, SensOut>("sensitivity", "sensitivity", "MODELS §15 (Wall 21), seed Eq. (34)",
                             "which hardware upgrade helps: elasticities and the binding constraint")
      .in("model", &SensIn::model, "the workload", Req)
      .in("hardware", &SensIn::hardware, "the device", Req)
      .in("precision", &SensIn::precision, "numeric precision")
      .in("efficiency", &SensIn::efficiency, "η", between(0, 1, true, false))
      .in("batch_size", &SensIn::batch_size, "batch B", at_least(1)).alias("batch")
      .in("perturbation", &SensIn::perturbation, "relative step δ", at_least(0, true))
      .out("sensitivities", &SensOut::sensitivities, "elasticities")
      .out("binding_constraint", &SensOut::binding_constraint, "argmax |e|, or none")
      .out("baseline_latency", &SensOut::baseline_latency, "Engine.solve latency")
      .out("baseline_feasible", &SensOut::baseline_feasible, "Engine.solve feasibility")
      .out("feasible", &SensOut::feasible, "the baseline fits in memory (MLSYSIM head's name)")
      .out("feasibility_constraint", &SensOut::feasibility_constraint, "memory_capacity when the baseline does not fit")
      .out("capacity_needed", &SensOut::capacity_needed, "footprint ÷ capacity when the baseline does not fit")
      .out("reason", &SensOut::reason, "when it does not fit: footprint vs capacity")
      .run(&solve_sensitivity);
  SolverDef<SynthIn, SynthOut>("synthesis", "synthesis", "MODELS §15 (Wall 22), seed Eq. (35)-(36)",
                               "what hardware a latency target needs")
      .in("model", &SynthIn::model, "the workload", Req)
      .in("target_latency", &SynthIn::target_latency, "latency target T", Req)
      .in("precision", &SynthIn::precision, "numeric precision")
      .in("efficiency", &SynthIn::efficiency, "η", between(0, 1, true, false))
      .in("batch_size", &SynthIn::batch_size, "batch B", at_least(1)).alias("batch")
      .in("hardware", &SynthIn::hardware, "a device to count")
      .out("required_bw", &SynthOut::required_bw, "W/T")
      .out("required_flops", &SynthOut::required_flops, "OPs/(T·η)")
      .out("required_memory", &SynthOut::required_memory, "W")
      .out("compute_memory_ratio", &SynthOut::compute_memory_ratio, "F_req/BW_req")
      .out("total_ops", &SynthOut::total_ops, "OPs")
      .out("min_devices", &SynthOut::min_devices, "devices needed")
      .run(&solve_synthesis);
}
}  // namespace reg

}  // namespace mls
