// MODELS §17: SystemEvaluation — Feasibility → Performance → Macro, short-circuiting on a Level-1
// failure with the binding constraint (D25), SLA check, one-year macro (TCO, energy, carbon, water).
#include "stdlib/core/value.hpp"
#include "stdlib/registry/kind_registry.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/engine.hpp"
#include "stdlib/solvers/operations.hpp"
#include "stdlib/solvers/parallelism.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <cmath>
#include <limits>

namespace mls {

struct FeasibilityLevel {
  std::string status;                          // PASS or FAIL
  std::optional<std::string> binding_constraint;  // Memory, Parallelism, Ingestion
  q::Bytes memory_required{};
  std::optional<double> data_utilization;      // ρ of the data pipeline when the workload ingests data
};
struct PerformanceLevel {
  std::string status = "SKIPPED";              // PASS, FAIL or SKIPPED
  std::optional<q::Time> latency;
  std::optional<q::SampleRate> throughput;
  std::optional<std::string> bottleneck;
};
struct MacroLevel {
  std::string status = "SKIPPED";
  std::optional<q::Energy> total_energy;
  std::optional<q::Mass> carbon;
  std::optional<q::Volume> water;
  std::optional<q::Money> tco;                 // null when the device has no price (D23)
};
namespace reg {
MLS_RECORD_FAMILY(FeasibilityLevel, "feasibility_level");
MLS_RECORD_FAMILY(PerformanceLevel, "performance_level");
MLS_RECORD_FAMILY(MacroLevel, "macro_level");
}  // namespace reg

namespace {
struct EvalIn {
  Scenario scenario;
  q::Samples batch_size = 1.0 * q::sample;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  q::TokensPerSample seq_len = 2048.0 * q::token / q::sample;
};
struct EvalOut {
  FeasibilityLevel feasibility;
  PerformanceLevel performance;
  MacroLevel macro;
  bool passed_all = false;
};

}  // namespace

namespace {
EvalOut solve_evaluate(const EvalIn& in) {
  const Scenario& sc = in.scenario;
  if (!sc.hardware && !sc.fleet) throw SolverError("InvalidInput", "a scenario needs hardware or a fleet");
  const Workload& w = sc.workload;
  const Precision p = in.precision;
  const double B = in.batch_size.value(), S = in.seq_len.value();
  EvalOut o;
  // Level 1 — feasibility: Memory, then Parallelism, then Ingestion.
  const Hardware& dev = sc.fleet ? sc.fleet->node.accelerator : *sc.hardware;
  (void)peak_for(dev, p);  // a precision without a peak is an error, not a FAIL
  bool mem_ok = true, par_ok = true, data_ok = true;
  if (sc.fleet) {
    const double N = sc.fleet->devices(), k = double(sc.tp) * sc.pp;
    const double dp = N / k;
    // [J19] per-device training memory at b_µ = 1, in_flight = pp, selective recompute.
    auto m = training_memory(w, p, S, 1, Recompute::selective, sc.tp, sc.pp, 1, int(std::max(1.0, std::floor(dp))),
                             sc.zero_stage, "adam", false, sc.pp);
    o.feasibility.memory_required = m.total;
    mem_ok = m.total <= dev.capacity;
    par_ok = B >= dp && std::fmod(N, k) == 0;
  } else {
    o.feasibility.memory_required = lower(w, p).weight_bytes;
    mem_ok = o.feasibility.memory_required <= dev.capacity;
  }
  if (w.data_rate) {
    // DataModel (Wall 8): supply is the device's storage bandwidth (0 → ρ = ∞).
    const double demand = w.data_rate->value(), supply = dev.storage_bw ? dev.storage_bw->value() : 0;
    const double rho = supply > 0 ? demand / supply : (demand > 0 ? std::numeric_limits<double>::infinity() : 0);
    o.feasibility.data_utilization = rho;
    data_ok = rho <= 1;
  }
  o.feasibility.status = mem_ok && par_ok && data_ok ? "PASS" : "FAIL";
  if (!mem_ok) o.feasibility.binding_constraint = "Memory";
  else if (!par_ok) o.feasibility.binding_constraint = "Parallelism";
  else if (!data_ok) o.feasibility.binding_constraint = "Ingestion";
  if (o.feasibility.status == "FAIL") return o;  // D25: short-circuit, Levels 2-3 SKIPPED
  // Level 2 — performance against the SLA.
  if (sc.fleet) {
    DistributedStep d = distributed_step(w, *sc.fleet, B, S, p, in.efficiency, sc.tp, sc.pp, sc.zero_stage);
    o.performance.latency = d.latency;
    o.performance.throughput = d.throughput;
    o.performance.bottleneck = d.bottleneck;
  } else {
    EngineIn e;
    e.model = w;
    e.hardware = *sc.hardware;
    e.batch_size = in.batch_size;
    e.precision = p;
    e.efficiency = in.efficiency;
    EngineOut r = solve_engine(e);
    o.performance.latency = r.latency;
    o.performance.throughput = r.throughput;
    o.performance.bottleneck = r.bottleneck;
  }
  o.performance.status = *o.performance.latency <= sc.sla ? "PASS" : "FAIL";
  // Level 3 — one year of the fleet at mfu 1 on its site (a single device is a one-node fleet, kept).
  Fleet fleet;
  if (sc.fleet) {
    fleet = *sc.fleet;
  } else {
    fleet.node.accelerator = *sc.hardware;
    fleet.node.gpus = 1;
    fleet.count = 1;
    fleet.fabric.name = "10GbE";
    fleet.fabric.bandwidth = 1.25e9 * q::byte / q::seconds;
  }
  const q::Time year = 365.0 * 86400 * q::seconds;
  SustainabilityOut s = solve_sustainability({fleet, year, std::nullopt, 1.0, q::Mass{}});
  o.macro.status = "PASS";
  o.macro.total_energy = s.total_energy;
  o.macro.carbon = s.carbon_footprint;
  o.macro.water = s.water_usage;
  if (dev.unit_cost) {
    EconomicsIn e;
    e.fleet = fleet;
    e.duration = year;
    o.macro.tco = solve_economics(e).tco;
  }
  o.passed_all = o.performance.status == "PASS";
  return o;
}
}  // namespace

namespace reg {
void register_scenario() {
  {
    KindDef<FeasibilityLevel> k("feasibility_level", "Level 1 of a system evaluation");
    k.field("status", &FeasibilityLevel::status, "PASS or FAIL")
        .field("binding_constraint", &FeasibilityLevel::binding_constraint, "Memory, Parallelism or Ingestion")
        .field("memory_required", &FeasibilityLevel::memory_required, "per-device memory")
        .field("data_utilization", &FeasibilityLevel::data_utilization, "data pipeline ρ");
  }
  {
    KindDef<PerformanceLevel> k("performance_level", "Level 2 of a system evaluation");
    k.field("status", &PerformanceLevel::status, "PASS, FAIL or SKIPPED")
        .field("latency", &PerformanceLevel::latency, "step latency")
        .field("throughput", &PerformanceLevel::throughput, "samples per second")
        .field("bottleneck", &PerformanceLevel::bottleneck, "binding roof");
  }
  {
    KindDef<MacroLevel> k("macro_level", "Level 3 of a system evaluation: one year");
    k.field("status", &MacroLevel::status, "PASS or SKIPPED")
        .field("total_energy", &MacroLevel::total_energy, "facility energy")
        .field("carbon", &MacroLevel::carbon, "carbon footprint")
        .field("water", &MacroLevel::water, "water use")
        .field("tco", &MacroLevel::tco, "total cost of ownership");
  }
  SolverDef<EvalIn, EvalOut>("evaluate_scenario", "evaluate", "MODELS §17 (seed 003 §5.5, 002 §6.3)",
                             "the three-level scorecard of a scenario")
      .shown_as("Scorecard")
      .in("scenario", &EvalIn::scenario, "the scenario", Req)
      .in("batch_size", &EvalIn::batch_size, "batch B", at_least(1)).alias("batch")
      .in("precision", &EvalIn::precision, "numeric precision")
      .in("efficiency", &EvalIn::efficiency, "η", between(0, 1, true, false))
      .in("seq_len", &EvalIn::seq_len, "tokens per sequence (fleet scenarios)", at_least(1))
      .out("feasibility", &EvalOut::feasibility, "Level 1").infinite_when("data demand meets no supply")
      .out("performance", &EvalOut::performance, "Level 2")
      .out("macro", &EvalOut::macro, "Level 3")
      .out("passed_all", &EvalOut::passed_all, "Level 1 and Level 2 pass")
      .run(&solve_evaluate);
}
}  // namespace reg

}  // namespace mls
