// MODELS §16: ParallelismOptimizer (seed Table 1, R4, anchor 7), BatchingOptimizer (max B with
// P99 ≤ SLA), PlacementOptimizer (TCO + carbon tax over regions).
#include "stdlib/core/value.hpp"
#include "stdlib/registry/kind_registry.hpp"
#include "stdlib/registry/solver_registry.hpp"
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
  std::optional<ParallelCandidate> best_config;
  std::optional<double> best_mfu;
  std::optional<q::Time> best_step_time;
  std::optional<q::Bytes> best_memory;
  std::optional<double> best_scaling_efficiency;
  double searched = 0;
  std::vector<ParallelCandidate> top_candidates;
};
ParOut solve_parallelism(const ParIn& in) {
  const Fleet& f = in.fleet;
  const int N = f.devices(), G = f.node.gpus;
  const int max_tp = in.max_tp.value_or(G), max_pp = in.max_pp.value_or(N);
  const double B = in.batch_size.value();
  ParOut o;
  std::vector<ParallelCandidate> kept;
  // Search order: tp ascending (outer), pp ascending (inner), powers of two.
  for (int tp = 1; tp <= max_tp; tp *= 2)
    for (int pp = 1; pp <= max_pp; pp *= 2) {
      if (N % (tp * pp) != 0 || pp > in.model.layers) continue;
      const double dp = double(N) / (tp * pp);
      if (dp > B) continue;
      auto e = evaluate_parallel(in.model, f, B, in.seq_len.value(), in.precision, in.efficiency, tp, pp, in.zero_stage,
                                 in.recompute, in.overlap_efficiency);
      if (!e.ok || !(e.c.memory <= in.memory_headroom * f.node.accelerator.capacity)) continue;
      kept.push_back(e.c);
      // Objective: the largest MFU; only a strictly greater one replaces the incumbent (D27).
      if (!o.best_config || e.c.mfu > o.best_config->mfu) o.best_config = e.c;
    }
  o.searched = double(kept.size());
  o.feasible = bool(o.best_config);
  if (o.best_config) {
    o.best_mfu = o.best_config->mfu;
    o.best_step_time = o.best_config->step_time;
    o.best_memory = o.best_config->memory;
    o.best_scaling_efficiency = o.best_config->scaling_efficiency;
  }
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
};
struct BatchOut {
  bool is_feasible = false;
  q::Requests best_batch_size{};
  std::optional<q::Time> service_time, p99_latency;
  std::optional<double> queue_utilization;
  std::optional<q::RequestRate> capacity_requests_per_sec;
};
BatchOut solve_batching(const BatchIn& in) {
  BatchOut o;
  // n_o tokens out per request; each sequence of the batch gets one token per ITL (MODELS §0.1).
  const q::Tokens n_o = (in.output_tokens ? *in.output_tokens : in.seq_len) * (1.0 * q::request);
  for (int B = 1; B <= in.max_search_batch; ++B) {
    ServingIn s;
    s.model = in.model;
    s.hardware = in.hardware;
    s.seq_len = in.seq_len;
    s.batch_size = B * q::request;
    s.precision = in.precision;
    s.efficiency = in.efficiency;
    s.tp = in.tp;
    ServingOut r = solve_serving(s);
    if (!r.feasible) continue;
    const q::Time Ts = r.ttft + n_o * r.itl;  // a batch's service: prefill plus n_o decode steps
    TailIn t;
    t.arrival_rate = in.arrival_rate / double(B);  // batches arrive at λ/B
    t.service_time = Ts;
    t.num_replicas = in.num_replicas;
    TailOut q = solve_tail_latency(t);
    if (!q.is_stable || q.p99_latency > in.sla_latency) continue;
    o.is_feasible = true;  // the largest valid B wins
    o.best_batch_size = B * q::request;
    o.service_time = Ts;
    o.p99_latency = q.p99_latency;
    o.queue_utilization = q.queue_utilization;
    o.capacity_requests_per_sec = double(in.num_replicas) * B * q::request / Ts;
  }
  return o;
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
      .out("is_feasible", &BatchOut::is_feasible, "a valid batch exists")
      .out("best_batch_size", &BatchOut::best_batch_size, "largest valid B (0 if none)")
      .out("service_time", &BatchOut::service_time, "TTFT + n_o·ITL")
      .out("p99_latency", &BatchOut::p99_latency, "P99 at the best batch")
      .out("queue_utilization", &BatchOut::queue_utilization, "ρ")
      .out("capacity_requests_per_sec", &BatchOut::capacity_requests_per_sec, "c·B/T_s")
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
