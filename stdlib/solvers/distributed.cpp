// MODELS §12: Wall 14 DistributedModel (seed Eq. (20)–(23), 002 §3.3) and the NetworkRooflineModel
// (§12.6, kept from 0.1.1).
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/collectives.hpp"
#include "stdlib/solvers/distributed.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/parallelism.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

Decomposition check_decomposition(const DistIn& in) {
  const Workload& w = in.model;
  if (!is_token_workload(w)) throw SolverError("UnsupportedWorkload", "distributed training needs a token workload, not " + w.name);
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  if (!(in.overlap_efficiency >= 0 && in.overlap_efficiency <= 1)) throw SolverError("InvalidInput", "overlap_efficiency must lie in [0, 1]");
  if (in.tp < 1 || in.pp < 1 || in.ep < 1 || in.v_stages < 1) throw SolverError("InvalidParallelism", "tp, pp, ep and v_stages must be >= 1");
  if (in.cp < 1) throw SolverError("InvalidParallelism", "cp must be >= 1");
  const double N = in.fleet.devices(), B = in.batch_size.value(), S = in.seq_len.value();
  const double k = double(in.tp) * in.pp * in.ep * in.cp;
  // §12.3 validation (D8): exact decomposition, pp ≤ L, EP only for MoE, at least one sample per replica.
  if (std::fmod(N, k) != 0)
    throw SolverError("InvalidParallelism", (in.cp > 1 ? "tp·pp·ep·cp = " : "tp·pp·ep = ") + std::to_string(int(k)) +
                                                " does not divide " + std::to_string(int(N)) + " devices");
  if (in.pp > w.layers) throw SolverError("InvalidParallelism", "pp exceeds the number of layers");
  if (in.ep > 1 && w.kind != WorkloadKind::moe) throw SolverError("InvalidParallelism", "ep > 1 needs a mixture-of-experts model");
  if (in.cp > 1 && std::fmod(S, 2.0 * in.cp) != 0)  // ring attention splits each sequence into 2·cp chunks (load balance)
    throw SolverError("InvalidParallelism", "cp = " + std::to_string(in.cp) + ": 2·cp must divide seq_len (" +
                                                std::to_string(long(S)) + " tokens)");
  if (!(in.run_overhead >= 0)) throw SolverError("InvalidInput", "run_overhead must be >= 0");
  if (!(in.goodput > 0 && in.goodput <= 1)) throw SolverError("InvalidInput", "goodput must lie in (0, 1]");
  const double dp = N / k;
  if (B < dp) throw SolverError("InvalidParallelism", "batch_size is smaller than the data-parallel degree");
  const double B_dp = B / dp;
  const double m = in.microbatch_count.value_or(B_dp);
  if (!(m >= 1 && m <= B_dp)) throw SolverError("InvalidInput", "microbatch_count must lie in [1, batch_size/dp]");
  return {N, dp, B_dp, m};
}

void fill_run_totals(const DistIn& in, DistOut& o) {
  if (!in.training_tokens) return;
  // Whole run: tokens at the step's token throughput; the user's overheads (restarts, context
  // extension) as a fraction of it; GPU-hours = N·run time (issue 22 item 7).
  // T10b: only `goodput` of the wall-clock time trains (the rest is restarts, lost work, stalls).
  o.run_time = q::Time(*in.training_tokens / o.token_throughput * (1 + in.run_overhead) / in.goodput);
  o.gpu_hours = q::Time(*o.run_time * double(in.fleet.devices()));
}

namespace {
DistOut solve_distributed(const DistIn& in) {
  if (in.fidelity == "calibrated") return solve_distributed_calibrated(in);
  const Workload& w = in.model;
  const Fleet& f = in.fleet;
  const Node& node = f.node;
  const Hardware& h = node.accelerator;
  const auto [N, dp, B_dp, m] = check_decomposition(in);
  const double G = node.gpus, B = in.batch_size.value(), S = in.seq_len.value();
  // cp (issue 22) shards the sequence like one more model-parallel factor; its KV exchange is a
  // calibrated-level term. The textbook activation memory already assumes sequence parallelism (§3.3).
  const double k = double(in.tp) * in.pp * in.ep * in.cp;
  const Precision p = in.precision;
  const Recompute rc = parse_recompute(in.recompute);
  const q::FlopRate F = peak_for(h, p);
  const q::BytesPerParam b = bytes_per(p);
  const double b_mu = B_dp / m, T_r = B_dp * S;
  const double recompute_factor = rc == Recompute::full ? 4.0 / 3.0 : 1.0;
  DistOut o;
  o.dp = dp;
  o.microbatch_count = m;
  o.microbatch_size = b_mu * q::sample;
  o.tokens_per_replica = T_r * q::token;
  // §12.4: compute and memory sharded by k = tp·pp·ep (D8).
  const q::Flops f_tr = training_unit_flops(w);
  const q::Flops ops = 3.0 * f_tr * T_r / k * recompute_factor;
  o.node_latency_compute = ops / (F * in.efficiency);
  o.node_latency_memory = params_of(w) * b / k / h.bandwidth;
  o.node_latency = std::max(o.node_latency_compute, o.node_latency_memory) + h.dispatch_tax;
  o.node_bottleneck = o.node_latency_compute >= o.node_latency_memory ? "Compute" : "Memory";
  auto mem = training_memory(w, p, S, b_mu, rc, in.tp, in.pp, in.ep, int(dp), in.zero_stage, in.optimizer, in.lora,
                             std::min(m, double(in.pp)));
  o.memory_per_device = mem.total;
  o.memory_weights = mem.weights;
  o.memory_gradients = mem.gradients;
  o.memory_optimizer = mem.optimizer;
  o.memory_activations = mem.activations;
  o.feasible = mem.total <= h.capacity;
  if (!o.feasible) {
    // The smallest change: the lowest ZeRO stage whose §3.4 memory fits, else a device that holds it.
    std::string t;
    for (int z = in.zero_stage + 1; z <= 3 && t.empty(); ++z)
      if (training_memory(w, p, S, b_mu, rc, in.tp, in.pp, in.ep, int(dp), z, in.optimizer, in.lora,
                          std::min(m, double(in.pp))).total <= h.capacity)
        t = "zero_stage = " + std::to_string(z) + ", ";
    o.reason = "memory does not fit: " + memory_shortfall(mem.total, h.capacity) + " (weights " + bytes_text(mem.weights) +
               ", gradients " + bytes_text(mem.gradients) + ", optimizer " + bytes_text(mem.optimizer) + ", activations " +
               bytes_text(mem.activations) + ", MODELS §3.4); try " + t + "a larger tp·pp or a device with ≥ " +
               bytes_text(mem.total);
  }
  // Links: NVLink inside a node (α 500 ns), the fabric between nodes (α = its latency or 5 µs; one NIC per GPU).
  const q::Time a_intra = 500e-9 * q::seconds, a_inter = f.fabric.latency.value_or(5e-6 * q::seconds);
  const q::Bandwidth bw_intra = node.intra_bw, bw_inter = f.fabric.bandwidth / f.fabric.oversubscription;
  // DP gradient all-reduce of f_lora·P·b/k bytes, hierarchical over g DP peers per node (Eq. 21, D9).
  double f_lora = 1;
  if (in.lora && params_of(w).value() > 0) f_lora = std::min(1.0, 2.0 * 16 * w.hidden_dim * 4.0 * w.layers / params_of(w).value());
  const q::Bytes M = f_lora * params_of(w) * b / k;
  const double g = in.tp <= G ? std::min(dp, std::max(1.0, std::floor(G / in.tp))) : 1;
  o.dp_local_group = g;
  o.dp_communication_latency = hierarchical_allreduce(M, g, dp / g, bw_intra, bw_inter, a_intra, a_inter);
  // TP (Megatron): 2 forward + 2 backward all-reduces per layer of T_r·H·b bytes (D10).
  const double layers_per_stage = double(w.layers) / in.pp;
  const bool tp_intra = in.tp <= G;
  const q::Bytes tp_msg = T_r / in.cp * w.hidden_dim * b * q::param;
  o.tp_communication_latency = 4 * layers_per_stage *
                               ring_allreduce(tp_msg, in.tp, tp_intra ? bw_intra : bw_inter, tp_intra ? a_intra : a_inter);
  // EP (MoE): dispatch + combine, forward + backward: 4 all-to-alls per layer (D11), each gated by the
  // busiest rank's ι × the mean routed volume (MLSYSIM head, moe_routing_imbalance_factor).
  const bool ep_intra = in.tp * in.ep <= G;
  const q::Bytes ep_msg = in.moe_routing_imbalance * double(w.top_k) * (T_r / in.ep) * w.hidden_dim * b * q::param;
  o.ep_communication_latency = 4 * layers_per_stage *
                               all_to_all(ep_msg, in.ep, ep_intra ? bw_intra : bw_inter, ep_intra ? a_intra : a_inter);
  o.dp_communication_latency *= in.congestion_factor;
  o.tp_communication_latency *= in.congestion_factor;
  o.ep_communication_latency *= in.congestion_factor;
  o.dp_communication_exposed = (1 - in.overlap_efficiency) * o.dp_communication_latency;  // overlap hides DP only
  o.communication_latency = o.dp_communication_exposed + o.tp_communication_latency + o.ep_communication_latency;
  // Pipeline bubble (Eq. 22): T_bubble = f/(1−f)·T_node = (pp−1)/(v·m)·T_node (D12).
  o.bubble_fraction = in.pp > 1 ? bubble_fraction(in.pp, m, in.v_stages) : 0;
  o.pipeline_bubble_latency = in.pp > 1 ? q::Time((in.pp - 1) / (double(in.v_stages) * m) * o.node_latency) : q::Time{};
  o.step_latency_total = (o.node_latency + o.communication_latency + o.pipeline_bubble_latency) * std::max(1.0, in.straggler_factor);
  o.scaling_efficiency = (o.node_latency / o.step_latency_total).value();  // 002 §3.3
  o.mfu = (3.0 * f_tr * B * S / (N * F * o.step_latency_total)).value();
  o.hfu = o.mfu * recompute_factor;
  o.effective_throughput = in.batch_size / o.step_latency_total;
  o.token_throughput = B * S * q::token / o.step_latency_total;
  fill_run_totals(in, o);
  return o;
}

struct NetIn {
  Workload model;
  Fleet fleet;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
};
struct NetOut {
  q::Time latency{}, latency_compute{}, latency_network{};
  std::string bottleneck;
  q::Intensity communication_intensity{};
  q::Intensity network_ridge{};
  q::Intensity effective_network_ridge{};
  double mfu = 0;
};
NetOut solve_network_roofline(const NetIn& in) {
  const Fleet& f = in.fleet;
  const q::FlopRate F_tot = peak_for(f.node.accelerator, in.precision) * double(f.devices());
  const q::Bandwidth bw = f.fabric.bandwidth / f.fabric.oversubscription;
  const q::Bytes sync = 2.0 * params_of(in.model) * bytes_per(in.precision);
  const q::Flops ops = 6.0 * q::flop / q::param * params_of(in.model);
  NetOut o;
  o.latency_compute = ops / (F_tot * in.efficiency);
  o.latency_network = sync / bw;
  o.latency = std::max(o.latency_compute, o.latency_network);
  o.bottleneck = o.latency_network > o.latency_compute ? "Network" : "Compute";
  o.communication_intensity = ops / sync;
  o.network_ridge = F_tot / bw;
  // MODELS §12.6: t_n > t_c ⇔ ops/sync < F_tot·η/bw, so the bottleneck is decided against the ridge at the
  // achieved peak; it is reported beside the hardware ridge so the two never seem to disagree (issue 20.1).
  o.effective_network_ridge = in.efficiency * F_tot / bw;
  o.mfu = std::min((ops / (F_tot * o.latency)).value(), 1.0);
  return o;
}
}  // namespace

namespace {
// The DistributedModel inputs the optimizer and the scenario evaluation share.
DistIn dist_in(const Workload& w, const Fleet& f, double B, double S, Precision p, double eta, int tp, int pp,
               int zero_stage) {
  DistIn in;
  in.model = w;
  in.fleet = f;
  in.batch_size = B * q::sample;
  in.seq_len = S * q::token / q::sample;
  in.precision = p;
  in.efficiency = eta;
  in.tp = tp;
  in.pp = pp;
  in.zero_stage = zero_stage;
  return in;
}
}  // namespace

DistributedEval evaluate_parallel(const Workload& w, const Fleet& f, double B, double S, Precision p, double eta, int tp,
                                  int pp, int zero_stage, const std::string& recompute, double overlap) {
  DistIn in = dist_in(w, f, B, S, p, eta, tp, pp, zero_stage);
  in.recompute = recompute;
  in.overlap_efficiency = overlap;
  try {
    DistOut o = solve_distributed(in);
    return {true, {tp, pp, o.dp, o.mfu, o.step_latency_total, o.memory_per_device, o.scaling_efficiency}};
  } catch (const SolverError&) {
    return {false, {}};
  }
}

DistributedStep distributed_step(const Workload& w, const Fleet& f, double B, double S, Precision p, double eta, int tp,
                                 int pp, int zero_stage) {
  DistOut o = solve_distributed(dist_in(w, f, B, S, p, eta, tp, pp, zero_stage));
  return {o.step_latency_total, o.effective_throughput, o.node_bottleneck};
}

namespace reg {
void register_distributed() {
  SolverDef<DistIn, DistOut>("distributed", "distributed", "MODELS §12 (Wall 14), seed Eq. (20)-(23)",
                             "one training step on a fleet: DP × TP × PP × EP, communication, bubbles, MFU")
      .in("model", &DistIn::model, "a token workload", Req)
      .in("fleet", &DistIn::fleet, "the fleet", Req)
      .in("batch_size", &DistIn::batch_size, "global batch B (sequences)", Req).alias("batch")
      .in("seq_len", &DistIn::seq_len, "tokens per sequence S", at_least(1))
      .in("precision", &DistIn::precision, "numeric precision")
      .in("efficiency", &DistIn::efficiency, "η", between(0, 1, true, false))
      .in("tp", &DistIn::tp, "tensor-parallel degree")
      .in("pp", &DistIn::pp, "pipeline-parallel degree")
      .in("ep", &DistIn::ep, "expert-parallel degree")
      .in("v_stages", &DistIn::v_stages, "interleaved virtual stages")
      .in("microbatch_count", &DistIn::microbatch_count, "micro-batches per replica (default B/dp)")
      .in("zero_stage", &DistIn::zero_stage, "ZeRO stage")
      .in("recompute", &DistIn::recompute, "none, selective or full", one_of({"none", "selective", "full"}))
      .in("optimizer", &DistIn::optimizer, "adam or sgd", one_of({"adam", "sgd"}))
      .in("lora", &DistIn::lora, "LoRA (rank 16)")
      .in("overlap_efficiency", &DistIn::overlap_efficiency, "fraction of DP traffic hidden")
      .in("congestion_factor", &DistIn::congestion_factor, "multiplier on communication", at_least(0))
      .in("straggler_factor", &DistIn::straggler_factor, "multiplier on the step", at_least(0))
      .in("moe_routing_imbalance", &DistIn::moe_routing_imbalance,
          "ι: busiest expert-parallel rank's routed tokens ÷ the mean; scales the EP all-to-all", at_least(1))
      .in("fidelity", &DistIn::fidelity, "textbook (MODELS §12) or calibrated (docs/fidelity.md)",
          one_of({"textbook", "calibrated"}))
      .in("cp", &DistIn::cp, "context-parallel degree, ring attention (calibrated level)")
      .in("sequence_parallel", &DistIn::sequence_parallel, "Megatron sequence parallelism (calibrated level)")
      .in("training_tokens", &DistIn::training_tokens, "tokens of the whole run, for run_time and gpu_hours")
      .in("run_overhead", &DistIn::run_overhead, "extra GPU time counted on top of the run (restarts, context extension), a fraction", at_least(0))
      .in("goodput", &DistIn::goodput, "share of the run's wall-clock time that trains (T10b), in (0, 1]", between(0, 1, true, false))
      .in("cp_method", &DistIn::cp_method, "ring (T6, overlapped) or allgather (T6b, Llama 3's all-gather of K and V, exposed)",
          one_of({"ring", "allgather"}))
      .in("flash_attention", &DistIn::flash_attention, "fused causal attention kernel, FlashAttention (calibrated level, T2c)")
      .in("pipeline_layout", &DistIn::pipeline_layout,
          "even (layers split evenly, the output layer on the last stage) or balanced (edge stages give up layers; T5b)",
          one_of({"even", "balanced"}))
      .out("dp", &DistOut::dp, "N/(tp·pp·ep)")
      .out("microbatch_count", &DistOut::microbatch_count, "m")
      .out("microbatch_size", &DistOut::microbatch_size, "B/dp/m")
      .out("tokens_per_replica", &DistOut::tokens_per_replica, "B/dp·S")
      .out("node_latency", &DistOut::node_latency, "max(t_c, t_m) + dispatch")
      .out("node_latency_compute", &DistOut::node_latency_compute, "t_c")
      .out("node_latency_memory", &DistOut::node_latency_memory, "t_m")
      .out("node_bottleneck", &DistOut::node_bottleneck, "Compute or Memory")
      .out("memory_per_device", &DistOut::memory_per_device, "§3.4 per device")
      .out("memory_weights", &DistOut::memory_weights, "weights per device")
      .out("memory_gradients", &DistOut::memory_gradients, "gradients per device")
      .out("memory_optimizer", &DistOut::memory_optimizer, "optimizer state per device")
      .out("memory_activations", &DistOut::memory_activations, "activations per device")
      .out("feasible", &DistOut::feasible, "memory fits")
      .out("reason", &DistOut::reason, "when memory does not fit: its parts and the smallest change that fits")
      .out("dp_local_group", &DistOut::dp_local_group, "DP peers per node g")
      .out("dp_communication_latency", &DistOut::dp_communication_latency, "hierarchical all-reduce")
      .out("dp_communication_exposed", &DistOut::dp_communication_exposed, "(1 − overlap)·t_dp")
      .out("tp_communication_latency", &DistOut::tp_communication_latency, "Megatron all-reduces")
      .out("ep_communication_latency", &DistOut::ep_communication_latency, "MoE all-to-alls")
      .out("communication_latency", &DistOut::communication_latency, "exposed DP + TP + EP")
      .out("bubble_fraction", &DistOut::bubble_fraction, "(pp−1)/(v·m + pp − 1)")
      .out("pipeline_bubble_latency", &DistOut::pipeline_bubble_latency, "(pp−1)/(v·m)·T_node")
      .out("step_latency_total", &DistOut::step_latency_total, "T_step")
      .out("scaling_efficiency", &DistOut::scaling_efficiency, "T_node/T_step")
      .out("mfu", &DistOut::mfu, "3·f_tr·B·S/(N·F·T_step)")
      .out("hfu", &DistOut::hfu, "mfu × recompute factor")
      .out("effective_throughput", &DistOut::effective_throughput, "B/T_step")
      .out("token_throughput", &DistOut::token_throughput, "B·S/T_step")
      .out("compute_efficiency", &DistOut::compute_efficiency, "calibrated: η of the GEMM shape (0 at textbook)")
      .out("p2p_communication_latency", &DistOut::p2p_communication_latency, "calibrated: pipeline activation sends per step")
      .out("cp_communication_latency", &DistOut::cp_communication_latency, "calibrated: exposed ring-attention KV exchange per step")
      .out("elementwise_latency", &DistOut::elementwise_latency, "calibrated: memory-bound non-GEMM operators per step (in the compute time)")
      .out("optimizer_latency", &DistOut::optimizer_latency, "calibrated: memory-bound optimizer step")
      .out("attention_latency", &DistOut::attention_latency, "calibrated: fused attention kernel time per step (in the compute time)")
      .out("edge_stage_latency", &DistOut::edge_stage_latency, "calibrated: the last pipeline stage's output layer beyond its even share, per step (in the compute time)")
      .out("gemm_quantization", &DistOut::gemm_quantization,
           "calibrated (T11): FLOP-weighted tile × wave quantization factor of the layers' GEMMs; the dense GEMM time is divided by it")
      .out("gemm_quantization_basis", &DistOut::gemm_quantization_basis,
           "calibrated (T11): the tile and SM count the factor rests on, or why the device does not get the term")
      .out("run_time", &DistOut::run_time, "training_tokens/token_throughput·(1 + run_overhead)/goodput")
      .out("gpu_hours", &DistOut::gpu_hours, "N·run_time")
      .run(&solve_distributed);
  SolverDef<NetIn, NetOut>("network_roofline", "network_roofline", "MODELS §12.6 (kept from 0.1.1)",
                           "the network roofline: gradient sync against fleet compute")
      .in("model", &NetIn::model, "the workload", Req)
      .in("fleet", &NetIn::fleet, "the fleet", Req)
      .in("precision", &NetIn::precision, "numeric precision")
      .in("efficiency", &NetIn::efficiency, "η", between(0, 1, true, false))
      .out("latency", &NetOut::latency, "max(t_c, t_n)")
      .out("latency_compute", &NetOut::latency_compute, "6P/(F_tot·η)")
      .out("latency_network", &NetOut::latency_network, "2·P·b/bw")
      .out("bottleneck", &NetOut::bottleneck,
           "Network when t_n > t_c, i.e. communication_intensity < effective_network_ridge; else Compute")
      .out("communication_intensity", &NetOut::communication_intensity, "ops/sync")
      .out("network_ridge", &NetOut::network_ridge, "hardware network ridge F_tot/bw (at full peak)")
      .out("effective_network_ridge", &NetOut::effective_network_ridge,
           "F_tot·η/bw: the threshold `bottleneck` is decided against")
      .out("mfu", &NetOut::mfu, "min(ops/(F_tot·T), 1)")
      .run(&solve_network_roofline);
}
}  // namespace reg

}  // namespace mls
