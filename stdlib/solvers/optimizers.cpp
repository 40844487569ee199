// MODELS §16: ParallelismOptimizer (seed Table 1, R4, anchor 7), BatchingOptimizer (max B with
// P99 ≤ SLA), PlacementOptimizer (TCO + carbon tax over regions).
#include "stdlib/solvers/calibration/fidelity.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/kind_registry.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/operations.hpp"
#include "stdlib/solvers/parallelism.hpp"
#include "stdlib/solvers/serving.hpp"
#include "stdlib/solvers/tail_latency.hpp"

#include <cmath>

namespace mls {

namespace reg {
MLS_RECORD_FAMILY(ParallelCandidate, "parallel_config");
}




namespace {
struct ParIn {
  Workload model;
  Fleet fleet;
  q::Samples batch_size{};
  q::TokensPerSample seq_len = 2048.0 * q::token / q::sample;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  std::optional<int> max_tp;   // default G
  std::optional<int> max_pp;   // default N
  int zero_stage = 0;
  std::string recompute = "selective";
  double overlap_efficiency = 0.85;
  double memory_headroom = 0.9;  // seed: "≤ 72 GB, 10 % headroom"
};
struct ParOut {
  bool feasible = false;
  // Why nothing passed (issue 20.4), absent when a candidate did: the binding constraint, the numbers it
  // compared and the smallest change that passes, found by running the same search again.
  std::optional<std::string> reason, binding_constraint;
  std::optional<q::Bytes> memory_needed, memory_available, capacity_needed;
  std::optional<int> passing_zero_stage;
  std::optional<ParallelCandidate> leanest_config;  // the split with the least memory per device
  std::optional<ParallelCandidate> best_config;
  std::optional<double> best_mfu;
  std::optional<q::Time> best_step_time;
  std::optional<q::Bytes> best_memory;
  std::optional<double> best_scaling_efficiency;
  double searched = 0;
  std::vector<ParallelCandidate> top_candidates;
};

// One pass of the search (MODELS §16 ParallelismOptimizer), and what each of its four conditions rejected.
struct ParSearch {
  std::vector<ParallelCandidate> kept;
  std::optional<ParallelCandidate> best;
  std::optional<ParallelCandidate> leanest;  // the least memory per device among the candidates it evaluated
  int rejected_batch = 0, rejected_invalid = 0, rejected_memory = 0;
  double smallest_dp = 0;                    // the least dp among the splits that divide N (and pp ≤ L)
};

ParSearch search_parallelism(const ParIn& in) {
  const Fleet& f = in.fleet;
  const int N = f.devices(), G = f.node.gpus;
  const int max_tp = in.max_tp.value_or(G), max_pp = in.max_pp.value_or(N);
  const double B = in.batch_size.value();
  ParSearch s;
  // Search order: tp ascending (outer), pp ascending (inner), powers of two.
  for (int tp = 1; tp <= max_tp; tp *= 2)
    for (int pp = 1; pp <= max_pp; pp *= 2) {
      if (N % (tp * pp) != 0 || pp > in.model.layers) continue;  // conditions 1 and 2
      const double dp = double(N) / (tp * pp);
      if (s.smallest_dp == 0 || dp < s.smallest_dp) s.smallest_dp = dp;
      if (dp > B) { ++s.rejected_batch; continue; }               // condition 3: B ≥ dp
      auto e = evaluate_parallel(in.model, f, B, in.seq_len.value(), in.precision, in.efficiency, tp, pp, in.zero_stage,
                                 in.recompute, in.overlap_efficiency);
      if (!e.ok) { ++s.rejected_invalid; continue; }
      if (!s.leanest || e.c.memory < s.leanest->memory) s.leanest = e.c;
      // Condition 4: memory_per_device ≤ h·capacity.
      if (!(e.c.memory <= in.memory_headroom * f.node.accelerator.capacity)) { ++s.rejected_memory; continue; }
      s.kept.push_back(e.c);
      // Objective: the largest MFU; only a strictly greater one replaces the incumbent (D27).
      if (!s.best || e.c.mfu > s.best->mfu) s.best = e.c;
    }
  return s;
}

std::string split_text(const ParallelCandidate& c) {
  return "TP " + std::to_string(c.tp) + " × PP " + std::to_string(c.pp);
}

// The binding constraint of a search that kept nothing, and the smallest change that passes: the
// same search with one input changed (a higher ZeRO stage, full recomputation), or the device
// capacity the leanest split needs (its memory / h, from the same memory equation, MODELS §3.4).
void explain_parallelism(const ParIn& in, const ParSearch& s, ParOut& o) {
  const q::Bytes cap = in.fleet.node.accelerator.capacity;
  const int pp_limit = std::min(in.max_pp.value_or(in.fleet.devices()), in.model.layers);
  const std::string limits = "TP ≤ " + std::to_string(in.max_tp.value_or(in.fleet.node.gpus)) + ", PP ≤ " +
                             std::to_string(pp_limit) + ", TP·PP dividing " + std::to_string(in.fleet.devices()) + " devices";
  if (s.rejected_memory > 0 && s.leanest) {
    o.binding_constraint = "memory";
    o.leanest_config = s.leanest;
    o.memory_needed = s.leanest->memory;
    o.memory_available = in.memory_headroom * cap;
    o.capacity_needed = s.leanest->memory / in.memory_headroom;
    std::vector<std::string> tries;
    for (int z = in.zero_stage + 1; z <= 3; ++z) {
      ParIn alt = in;
      alt.zero_stage = z;
      if (search_parallelism(alt).best) {
        o.passing_zero_stage = z;
        tries.push_back("zero_stage = " + std::to_string(z));
        break;
      }
    }
    if (in.recompute != "full") {
      ParIn alt = in;
      alt.recompute = "full";
      if (search_parallelism(alt).best) tries.push_back("recompute = \"full\"");
    }
    tries.push_back("a device with ≥ " + bytes_text(*o.capacity_needed));
    std::string t;
    for (size_t k = 0; k < tries.size(); ++k) t += (k == 0 ? "" : k + 1 == tries.size() ? " or " : ", ") + tries[k];
    o.reason = "no split fits in memory at " + limits + ": the leanest (" + split_text(*s.leanest) + ") " +
               memory_shortfall(s.leanest->memory, cap, in.memory_headroom) + "; try " + t;
  } else if (s.rejected_batch > 0 && s.rejected_invalid == 0) {
    o.binding_constraint = "batch";
    o.reason = "every split at " + limits + " has more data-parallel replicas than sequences (dp = N/(TP·PP) > batch " +
               std::to_string(int(in.batch_size.value())) + "); try batch = " + std::to_string(int(s.smallest_dp)) +
               " or larger";
  } else if (s.rejected_invalid > 0) {
    o.binding_constraint = "parallelism";
    o.reason = "DistributedModel (MODELS §12.3) rejects every split at " + limits +
               " (e.g. TP larger than the model's heads); try a smaller max_tp";
  } else {
    o.binding_constraint = "divisibility";
    o.reason = "no power-of-two TP × PP at " + limits + " divides the fleet's " + std::to_string(in.fleet.devices()) +
               " devices with PP ≤ the model's layers";
  }
}

ParOut solve_parallelism(const ParIn& in) {
  ParSearch s = search_parallelism(in);
  ParOut o;
  o.searched = double(s.kept.size());
  o.feasible = bool(s.best);
  o.best_config = s.best;
  if (s.best) {
    o.best_mfu = s.best->mfu;
    o.best_step_time = s.best->step_time;
    o.best_memory = s.best->memory;
    o.best_scaling_efficiency = s.best->scaling_efficiency;
  } else {
    explain_parallelism(in, s, o);
  }
  std::vector<ParallelCandidate> kept = std::move(s.kept);
  std::stable_sort(kept.begin(), kept.end(), [](auto& a, auto& b) { return a.mfu > b.mfu; });
  if (kept.size() > 5) kept.resize(5);
  o.top_candidates = kept;
  return o;
}

struct BatchIn {
  Workload model;
  Hardware hardware;
  q::TokensPerRequest seq_len{};
  q::Time sla_latency{};
  q::RequestRate arrival_rate{};
  int num_replicas = 1;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  int max_search_batch = 256;
  std::optional<q::TokensPerRequest> output_tokens;  // default S
  int tp = 1;
  std::string fidelity = "textbook";  // the level of the serve() calls of the search (docs/fidelity.md)
  q::Time host_step_time{};           // calibrated, C13: passed on to every serve() call
};
struct BatchOut {
  bool feasible = false;  // one name across the optimizers (issue 20.4); `mls solve` also writes is_feasible
  // Why no batch is valid (issue 20.4), absent when one is: the binding condition, its numbers, and the
  // smallest change that passes (found by running the same search again).
  std::optional<std::string> reason, binding_constraint;
  std::optional<q::Time> lowest_p99_latency;                // the least P99 of a stable batch (when the SLA binds)
  std::optional<q::Bytes> memory_needed, memory_available;  // serving one request (when memory binds)
  q::Requests best_batch_size{};
  std::optional<q::Time> service_time, p99_latency;
  std::optional<double> queue_utilization;
  std::optional<q::RequestRate> capacity_requests_per_sec;
  std::optional<std::string> fidelity;  // the level when not textbook
};

// One pass of the search (MODELS §16 BatchingOptimizer) and what rejected the batches it did not keep.
struct BatchSearch {
  BatchOut best;                      // the largest valid B, when there is one
  int servable = 0, stable = 0;       // batches that fit in memory; of those, with a stable queue
  std::optional<ServingOut> first;    // Serving(B = 1)
  std::optional<q::Time> lowest_p99;  // least P99 of a stable batch
  int lowest_p99_batch = 0;
  q::RequestRate highest_capacity{};  // the most requests/s any servable batch serves: c·B/T_s
};

ServingIn serving_in(const BatchIn& in, int B, int tp) {
  ServingIn s;
  s.model = in.model;
  s.hardware = in.hardware;
  s.seq_len = in.seq_len;
  s.batch_size = B * q::request;
  s.precision = in.precision;
  s.efficiency = in.efficiency;
  s.tp = tp;
  s.fidelity = in.fidelity;
  s.host_step_time = in.host_step_time;
  return s;
}

BatchSearch search_batching(const BatchIn& in) {
  BatchSearch o;
  // n_o tokens out per request; each sequence of the batch gets one token per ITL (MODELS §0.1).
  const q::Tokens n_o = (in.output_tokens ? *in.output_tokens : in.seq_len) * (1.0 * q::request);
  for (int B = 1; B <= in.max_search_batch; ++B) {
    ServingOut r = solve_serving(serving_in(in, B, in.tp));
    if (B == 1) o.first = r;
    if (!r.feasible) continue;  // condition 1: Serving(B) is feasible
    ++o.servable;
    const q::Time Ts = r.ttft + n_o * r.itl;  // a batch's service: prefill plus n_o decode steps
    const q::RequestRate served = double(in.num_replicas) * B * q::request / Ts;
    if (served > o.highest_capacity) o.highest_capacity = served;
    TailIn t;
    t.arrival_rate = in.arrival_rate / double(B);  // batches arrive at λ/B
    t.service_time = Ts;
    t.num_replicas = in.num_replicas;
    TailOut q = solve_tail_latency(t);
    if (!q.is_stable) continue;  // condition 2: the queue is stable
    ++o.stable;
    if (!o.lowest_p99 || q.p99_latency < *o.lowest_p99) o.lowest_p99 = q.p99_latency, o.lowest_p99_batch = B;
    if (q.p99_latency > in.sla_latency) continue;  // condition 3: p99 ≤ SLA
    o.best.feasible = true;  // the largest valid B wins
    o.best.best_batch_size = B * q::request;
    o.best.service_time = Ts;
    o.best.p99_latency = q.p99_latency;
    o.best.queue_utilization = q.queue_utilization;
    o.best.capacity_requests_per_sec = served;
  }
  return o;
}

// The least number of replicas with which the same search finds a valid batch (none up to 1024).
std::optional<int> passing_replicas(const BatchIn& in) {
  BatchIn alt = in;
  for (int c = in.num_replicas * 2; c <= 1024; c *= 2) {
    alt.num_replicas = c;
    if (!search_batching(alt).best.feasible) continue;
    int lo = c / 2, hi = c;  // invalid at lo, valid at hi: more replicas only lower the wait
    while (hi - lo > 1) {
      alt.num_replicas = (lo + hi) / 2;
      (search_batching(alt).best.feasible ? hi : lo) = alt.num_replicas;
    }
    return hi;
  }
  return std::nullopt;
}

void explain_batching(const BatchIn& in, const BatchSearch& s, BatchOut& o) {
  const std::string batches = "B = 1 … " + std::to_string(in.max_search_batch);
  if (s.servable == 0 && s.first) {
    // Serving(1) does not fit: weights + one request's KV cache (MODELS §6) exceed the device.
    o.binding_constraint = "memory";
    o.memory_needed = s.first->memory_per_device;
    o.memory_available = in.hardware.capacity;
    std::string t;
    for (int tp = in.tp * 2; tp <= 64 && t.empty(); tp *= 2)
      if (solve_serving(serving_in(in, 1, tp)).feasible) t = "tp = " + std::to_string(tp) + " or ";
    o.reason = "one request does not fit: serving it " + memory_shortfall(s.first->memory_per_device, in.hardware.capacity) +
               "; try " + t + "a device with ≥ " + bytes_text(s.first->memory_per_device);
    return;
  }
  auto replicas = passing_replicas(in);
  const std::string more = replicas ? "num_replicas = " + std::to_string(*replicas) : "";
  if (s.stable == 0) {  // MODELS §9: a queue with ρ ≥ 1 has no steady state
    o.binding_constraint = "stability";
    o.reason = "the queue is unstable at every batch in " + batches + ": requests arrive at " +
               rate_text(in.arrival_rate.value(), "request") + ", the most served is " +
               rate_text(s.highest_capacity.value(), "request") + " (c·B/T_s); try " +
               (more.empty() ? "a lower arrival_rate" : more + " or a lower arrival_rate");
    return;
  }
  o.binding_constraint = "sla";
  o.lowest_p99_latency = s.lowest_p99;
  o.reason = "no batch in " + batches + " meets the SLA: the lowest P99 is " + time_text(*s.lowest_p99) + " at B = " +
             std::to_string(s.lowest_p99_batch) + ", above sla_latency = " + time_text(in.sla_latency) +
             "; try sla_latency ≥ " + time_text(*s.lowest_p99) + (more.empty() ? "" : " or " + more);
}

BatchOut solve_batching(const BatchIn& in) {
  BatchSearch s = search_batching(in);
  if (!s.best.feasible) explain_batching(in, s, s.best);
  s.best.fidelity = fidelity::shown(in.fidelity);
  return s.best;
}

// Default regions (MODELS §16): the zoo's US_Avg, Quebec and Iowa grids (MODELS §1 table).
std::vector<Grid> default_regions() {
  auto grid = [](const char* id, double g_per_kwh, double pue, double l_per_kwh) {
    Grid g;
    g.id = id;
    g.name = id;
    g.carbon_intensity = g_per_kwh * 1e-3 * q::kilogram / (3.6e6 * q::joule);
    g.pue = pue;
    g.wue = l_per_kwh * 1e-3 * q::cubic_meter / (3.6e6 * q::joule);
    return g;
  };
  return {grid("US_Avg", 429, 1.12, 1.8), grid("Quebec", 20, 1.06, 0), grid("Iowa", 680, 1.12, 1.8)};
}

struct Ranked {
  std::string region;
  q::Money objective{}, tco{};
  q::Mass carbon{};
};
struct PlaceIn {
  Fleet fleet;
  q::Time duration{};
  std::vector<Grid> regions;
  q::Q<q::div_dim<q::currency_dim, q::mass_dim>> carbon_tax = 0.1 * q::usd / q::kilogram;  // 100 USD/t
  double mfu = 1.0;
};
struct PlaceOut {
  std::string best_region;
  q::Money objective_value{}, lowest_tco{};
  q::Mass carbon_footprint{};
  double pue = 1;
  std::vector<Ranked> ranking;
};
PlaceOut solve_placement(const PlaceIn& in) {
  const std::vector<Grid> regions = in.regions.empty() ? default_regions() : in.regions;
  PlaceOut o;
  bool first = true;
  for (auto& g : regions) {
    EconomicsIn e;
    e.fleet = in.fleet;
    e.duration = in.duration;
    e.site = Site{g, std::nullopt};
    e.mfu = in.mfu;
    EconomicsOut r = solve_economics(e);
    const q::Money objective = r.tco + r.carbon_footprint * in.carbon_tax;
    const std::string id = g.id.empty() ? g.name : g.id;
    o.ranking.push_back({id, objective, r.tco, r.carbon_footprint});
    if (first || objective < o.objective_value) {  // ties keep the first
      first = false;
      o.best_region = id;
      o.objective_value = objective;
      o.lowest_tco = r.tco;
      o.carbon_footprint = r.carbon_footprint;
      o.pue = r.pue;
    }
  }
  std::stable_sort(o.ranking.begin(), o.ranking.end(), [](auto& a, auto& b) { return a.objective < b.objective; });
  return o;
}
}  // namespace

namespace reg {
MLS_RECORD_FAMILY(Ranked, "placement_rank");

void register_optimizers() {
  {
    KindDef<ParallelCandidate> k("parallel_config", "a TP × PP × DP configuration and its figures");
    k.field("tp", &ParallelCandidate::tp, "tensor-parallel degree")
        .field("pp", &ParallelCandidate::pp, "pipeline-parallel degree")
        .field("dp", &ParallelCandidate::dp, "data-parallel degree")
        .field("mfu", &ParallelCandidate::mfu, "model FLOPs utilisation")
        .field("step_time", &ParallelCandidate::step_time, "step latency")
        .field("memory", &ParallelCandidate::memory, "memory per device")
        .field("scaling_efficiency", &ParallelCandidate::scaling_efficiency, "T_node/T_step");
  }
  {
    KindDef<Ranked> k("placement_rank", "one region of a placement ranking");
    k.field("region", &Ranked::region, "grid")
        .field("objective", &Ranked::objective, "TCO + carbon tax")
        .field("tco", &Ranked::tco, "TCO")
        .field("carbon", &Ranked::carbon, "carbon footprint");
  }
  SolverDef<ParIn, ParOut>("parallelism_optimizer", "optimize_parallelism", "MODELS §16 (seed Table 1, R4, anchor 7)",
                           "the TP × PP split with the highest MFU that fits in memory")
      .in("model", &ParIn::model, "a token workload", Req)
      .in("fleet", &ParIn::fleet, "the fleet", Req)
      .in("batch_size", &ParIn::batch_size, "global batch", Req).alias("batch")
      .in("seq_len", &ParIn::seq_len, "tokens per sequence", at_least(1))
      .in("precision", &ParIn::precision, "numeric precision")
      .in("efficiency", &ParIn::efficiency, "η", between(0, 1, true, false))
      .in("max_tp", &ParIn::max_tp, "largest TP (default: GPUs per node)")
      .in("max_pp", &ParIn::max_pp, "largest PP (default: all devices)")
      .in("zero_stage", &ParIn::zero_stage, "ZeRO stage")
      .in("recompute", &ParIn::recompute, "none, selective or full", one_of({"none", "selective", "full"}))
      .in("overlap_efficiency", &ParIn::overlap_efficiency, "DP overlap")
      .in("memory_headroom", &ParIn::memory_headroom, "usable fraction of device memory", between(0, 1, true, false))
      .out("feasible", &ParOut::feasible, "any candidate fits")
      .out("reason", &ParOut::reason, "when none fits: the binding constraint, its numbers, the smallest change that passes")
      .out("binding_constraint", &ParOut::binding_constraint, "memory, batch, parallelism or divisibility (when none fits)")
      .out("memory_needed", &ParOut::memory_needed, "memory per device of the leanest split (when memory binds)")
      .out("memory_available", &ParOut::memory_available, "h·capacity (when memory binds)")
      .out("capacity_needed", &ParOut::capacity_needed, "device capacity the leanest split fits in (when memory binds)")
      .out("passing_zero_stage", &ParOut::passing_zero_stage, "the lowest ZeRO stage that passes (when memory binds)")
      .out("leanest_config", &ParOut::leanest_config, "the split with the least memory per device (when memory binds)")
      .out("best_config", &ParOut::best_config, "the best {tp, pp, dp}")
      .out("best_mfu", &ParOut::best_mfu, "its MFU")
      .out("best_step_time", &ParOut::best_step_time, "its step time")
      .out("best_memory", &ParOut::best_memory, "its memory per device")
      .out("best_scaling_efficiency", &ParOut::best_scaling_efficiency, "its scaling efficiency")
      .out("searched", &ParOut::searched, "candidates that passed every constraint")
      .out("top_candidates", &ParOut::top_candidates, "the five best")
      .run(&solve_parallelism);
  SolverDef<BatchIn, BatchOut>("batching_optimizer", "optimize_batching", "MODELS §16",
                               "the largest batch whose P99 meets the SLA")
      .in("model", &BatchIn::model, "the model", Req)
      .in("hardware", &BatchIn::hardware, "the device", Req)
      .in("seq_len", &BatchIn::seq_len, "prompt tokens S", Req)
      .in("sla_latency", &BatchIn::sla_latency, "P99 target", Req).alias("sla")
      .in("arrival_rate", &BatchIn::arrival_rate, "request arrivals λ", Req)
      .in("num_replicas", &BatchIn::num_replicas, "replicas c", at_least(1))
      .in("precision", &BatchIn::precision, "numeric precision")
      .in("efficiency", &BatchIn::efficiency, "η", between(0, 1, true, false))
      .in("max_search_batch", &BatchIn::max_search_batch, "largest batch tried", at_least(1))
      .in("output_tokens", &BatchIn::output_tokens, "tokens generated per request (default S)")
      .in("tp", &BatchIn::tp, "tensor-parallel devices", at_least(1))
      .in("fidelity", &BatchIn::fidelity, "textbook or calibrated, for the serve() calls (docs/fidelity.md)",
          one_of(fidelity::levels()))
      .in("host_step_time", &BatchIn::host_step_time,
          "calibrated (C13): the engine's host work per step, passed on to the serve() calls (default 0)", at_least(0))
      .out("feasible", &BatchOut::feasible, "a valid batch exists").written_also_as("is_feasible")
      .out("reason", &BatchOut::reason, "when no batch is valid: the binding condition, its numbers, the smallest change that passes")
      .out("binding_constraint", &BatchOut::binding_constraint, "memory, stability or sla (when no batch is valid)")
      .out("lowest_p99_latency", &BatchOut::lowest_p99_latency, "the least P99 of a stable batch (when the SLA binds)")
      .out("memory_needed", &BatchOut::memory_needed, "serving one request, per device (when memory binds)")
      .out("memory_available", &BatchOut::memory_available, "device capacity (when memory binds)")
      .out("best_batch_size", &BatchOut::best_batch_size, "largest valid B (0 if none)")
      .out("service_time", &BatchOut::service_time, "TTFT + n_o·ITL")
      .out("p99_latency", &BatchOut::p99_latency, "P99 at the best batch")
      .out("queue_utilization", &BatchOut::queue_utilization, "ρ")
      .out("capacity_requests_per_sec", &BatchOut::capacity_requests_per_sec, "c·B/T_s")
      .out("fidelity", &BatchOut::fidelity, "the fidelity level when not textbook")
      .run(&solve_batching);
  SolverDef<PlaceIn, PlaceOut>("placement_optimizer", "optimize_placement", "MODELS §16",
                               "the region minimising TCO plus a carbon tax")
      .in("fleet", &PlaceIn::fleet, "the fleet", Req)
      .in("duration", &PlaceIn::duration, "how long it runs", Req)
      .in("regions", &PlaceIn::regions, "grids to compare (default US_Avg, Quebec, Iowa)")
      .in("carbon_tax", &PlaceIn::carbon_tax, "price of carbon", at_least(0))
      .in("mfu", &PlaceIn::mfu, "utilisation in the power model", between(0, 1))
      .out("best_region", &PlaceOut::best_region, "cheapest region")
      .out("objective_value", &PlaceOut::objective_value, "tco + carbon·tax")
      .out("lowest_tco", &PlaceOut::lowest_tco, "its TCO")
      .out("carbon_footprint", &PlaceOut::carbon_footprint, "its carbon")
      .out("pue", &PlaceOut::pue, "its PUE")
      .out("ranking", &PlaceOut::ranking, "all regions, best first")
      .run(&solve_placement);
}
}  // namespace reg

}  // namespace mls
