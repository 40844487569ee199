// MODELS §17: SystemEvaluation — Feasibility → Performance → Macro, short-circuiting on a Level-1
// failure with the binding constraint (D25), SLA check, one-year macro (TCO, energy, carbon, water).
// A language model served to users (scenario sla_bounds = ttft or itl) is evaluated on the serving model
// (MODELS §6): Level 1 counts weights + KV cache, Level 2 checks the SLA against TTFT or ITL (issue 20.3;
// a deviation from MLSYSIM 0.1.1, docs/solvers.md).
#include "stdlib/solvers/calibration/fidelity.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/kind_registry.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/engine.hpp"
#include "stdlib/solvers/operations.hpp"
#include "stdlib/solvers/parallelism.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/serving.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace mls {

static std::string rho_text(double rho) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", rho);
  return buf;
}

struct FeasibilityLevel {
  std::string status;                          // PASS or FAIL
  std::optional<std::string> binding_constraint;  // Memory, Parallelism, Ingestion
  q::Bytes memory_required{};
  std::optional<double> data_utilization;      // ρ of the data pipeline when the workload ingests data
  std::optional<std::string> reason;           // when it fails: the numbers the binding check compared (issue 20.4)
};
struct PerformanceLevel {
  std::string status = "SKIPPED";              // PASS, FAIL or SKIPPED
  std::string sla_bounds = "step";             // the latency the SLA is checked against (the scenario's)
  q::Time sla{};
  std::optional<q::Time> latency;              // that latency; for itl the time between two tokens, ITL·1 token
  std::optional<q::SampleRate> throughput;     // step scenarios: B/T
  std::optional<std::string> bottleneck;       // served models: of the phase the SLA bounds (prefill or decode)
  std::optional<q::Time> ttft;                 // served language models only (MODELS §6)
  std::optional<q::TimePerToken> itl;
  std::optional<q::TokenRate> token_throughput;  // B/ITL, MODELS §6 decode_throughput
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
  std::string fidelity = "textbook";  // passed on to the solvers the evaluation calls (docs/fidelity.md)
  q::Time host_step_time{};           // calibrated, C13: passed on to serve() (served-model scenarios)
};
struct EvalOut {
  FeasibilityLevel feasibility;
  PerformanceLevel performance;
  MacroLevel macro;
  bool passed_all = false;
  std::optional<std::string> fidelity;  // the level when not textbook
};

}  // namespace

namespace {
EvalOut solve_evaluate(const EvalIn& in) {
  const Scenario& sc = in.scenario;
  if (!sc.hardware && !sc.fleet) throw SolverError("InvalidInput", "a scenario needs hardware or a fleet");
  const Workload& w = sc.workload;
  const Precision p = in.precision;
  const double B = in.batch_size.value(), S = in.seq_len.value();
  if (sc.sla_bounds != "step" && sc.sla_bounds != "ttft" && sc.sla_bounds != "itl")
    throw SolverError("InvalidInput", "scenario " + sc.name + ": sla_bounds is \"" + sc.sla_bounds +
                                          "\"; it must be \"step\", \"ttft\" or \"itl\"");
  EvalOut o;
  o.fidelity = fidelity::shown(in.fidelity);
  o.performance.sla_bounds = sc.sla_bounds;
  o.performance.sla = sc.sla;
  // Level 1 — feasibility: Memory, then Parallelism, then Ingestion.
  const Hardware& dev = sc.fleet ? sc.fleet->node.accelerator : *sc.hardware;
  (void)peak_for(dev, p);  // a precision without a peak is an error, not a FAIL
  bool mem_ok = true, par_ok = true, data_ok = true;
  // A language model served to users: the serving model of MODELS §6 on the scenario's device, B requests of
  // S tokens of context each (one sample of the evaluation is one user's request).
  std::optional<ServingOut> served;
  if (sc.sla_bounds != "step") {
    if (sc.fleet)
      throw SolverError("InvalidInput", "scenario " + sc.name + ": sla_bounds = " + sc.sla_bounds +
                                            " evaluates a served language model on one device; give it `hardware`, "
                                            "not a fleet, or set sla_bounds = \"step\"");
    if (w.kind != WorkloadKind::transformer && w.kind != WorkloadKind::moe)
      throw SolverError("UnsupportedWorkload", "scenario " + sc.name + ": sla_bounds = " + sc.sla_bounds +
                                                   " serves a language model token by token, and " + w.name +
                                                   " is not a transformer or MoE; set sla_bounds = \"step\"");
    ServingIn s;
    s.model = w;
    s.hardware = *sc.hardware;
    s.seq_len = S * q::token / q::request;
    s.batch_size = B * q::request;
    s.precision = p;
    s.efficiency = in.efficiency;
    s.fidelity = in.fidelity;
    s.host_step_time = in.host_step_time;
    served = solve_serving(s);
  }
  if (served) {
    // MODELS §6 Memory: mem = W + KV(S, B, p), so it grows with the batch and the context.
    o.feasibility.memory_required = served->total_memory_required;
    mem_ok = o.feasibility.memory_required <= dev.capacity;
  } else if (sc.fleet) {
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
  if (!mem_ok) {
    o.feasibility.binding_constraint = "Memory";
    o.feasibility.reason = served && served->reason ? *served->reason
                                                    : memory_shortfall(o.feasibility.memory_required, dev.capacity) +
                                                          "; try a device with ≥ " + bytes_text(o.feasibility.memory_required) +
                                                          (sc.fleet ? ", more tp·pp, or a higher zero_stage" : "");
  } else if (!par_ok) {
    const double N = sc.fleet->devices(), k = double(sc.tp) * sc.pp;
    o.feasibility.binding_constraint = "Parallelism";
    o.feasibility.reason = std::fmod(N, k) != 0
        ? std::to_string(long(N)) + " devices are not a multiple of tp·pp = " + std::to_string(long(k))
        : "batch " + std::to_string(long(B)) + " is smaller than the data-parallel degree " + std::to_string(long(N / k)) +
              " (one sample per replica at least); try batch ≥ " + std::to_string(long(N / k)) + " or a larger tp·pp";
  } else if (!data_ok) {
    o.feasibility.binding_constraint = "Ingestion";
    o.feasibility.reason = "the data pipeline needs " + rate_text(w.data_rate->value() / 1e9, "GB") + ", storage supplies " +
                           (dev.storage_bw ? rate_text(dev.storage_bw->value() / 1e9, "GB") : std::string("none")) +
                           " (ρ = " + rho_text(*o.feasibility.data_utilization) + " > 1)";
  }
  if (o.feasibility.status == "FAIL") return o;  // D25: short-circuit, Levels 2-3 SKIPPED
  // Level 2 — performance against the SLA.
  if (served) {
    // MODELS §6: TTFT = max(prefill compute, prefill memory) + dispatch; ITL likewise for one decode step.
    o.performance.ttft = served->ttft;
    o.performance.itl = served->itl;
    o.performance.token_throughput = served->decode_throughput;
    if (sc.sla_bounds == "ttft") {
      o.performance.latency = served->ttft;
      o.performance.bottleneck = served->prefill_compute_time >= served->prefill_memory_time ? "Compute" : "Memory";
    } else {  // itl: the SLA bounds the time between two tokens of one response
      o.performance.latency = served->itl * (1.0 * q::token);
      o.performance.bottleneck = served->decode_compute_time >= served->decode_memory_time ? "Compute" : "Memory";
    }
  } else if (sc.fleet) {
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
    e.fidelity = in.fidelity;
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
        .field("data_utilization", &FeasibilityLevel::data_utilization, "data pipeline ρ")
        .field("reason", &FeasibilityLevel::reason, "when it fails: the numbers the binding check compared");
  }
  {
    KindDef<PerformanceLevel> k("performance_level", "Level 2 of a system evaluation");
    k.field("status", &PerformanceLevel::status, "PASS, FAIL or SKIPPED")
        .field("sla_bounds", &PerformanceLevel::sla_bounds, "the latency the SLA bounds: step, ttft or itl")
        .one_of({"step", "ttft", "itl"})
        .field("sla", &PerformanceLevel::sla, "the scenario's SLA")
        .field("latency", &PerformanceLevel::latency,
               "the latency checked against the SLA: step latency, TTFT, or ITL·1 token")
        .field("throughput", &PerformanceLevel::throughput, "samples per second (step scenarios)")
        .field("bottleneck", &PerformanceLevel::bottleneck, "binding roof (of the phase the SLA bounds)")
        .field("ttft", &PerformanceLevel::ttft, "time to first token (served language models)")
        .field("itl", &PerformanceLevel::itl, "time per output token (served language models)")
        .field("token_throughput", &PerformanceLevel::token_throughput,
               "tokens generated per second by the batch, B/ITL (served language models)");
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
      .in("seq_len", &EvalIn::seq_len, "tokens per sequence (fleet scenarios) or context per request (served models)",
          at_least(1))
      .in("fidelity", &EvalIn::fidelity, "textbook or calibrated, for the solvers it calls (docs/fidelity.md)",
          one_of(fidelity::levels()))
      .in("host_step_time", &EvalIn::host_step_time,
          "calibrated (C13): the engine's host work per step, passed on to serve() in served-model scenarios (default 0)",
          at_least(0))
      .out("feasibility", &EvalOut::feasibility, "Level 1").infinite_when("data demand meets no supply")
      .out("performance", &EvalOut::performance, "Level 2")
      .out("macro", &EvalOut::macro, "Level 3")
      .out("passed_all", &EvalOut::passed_all, "Level 1 and Level 2 pass")
      .out("fidelity", &EvalOut::fidelity, "the fidelity level when not textbook")
      .run(&solve_evaluate);
}
}  // namespace reg

}  // namespace mls
