// The calibrated fidelity level's training step (issue 22, docs/fidelity.md "Training"): the
// DistributedModel's decomposition with the effects the textbook equations leave out. Every
// constant comes from the zoo (hardware, node); each equation cites its source.
#include "stdlib/core/value.hpp"
#include "stdlib/solvers/calibration/gemm_efficiency.hpp"
#include "stdlib/solvers/calibration/memory_bandwidth.hpp"
#include "stdlib/solvers/calibration/wave_quantization.hpp"
#include "stdlib/solvers/collectives.hpp"
#include "stdlib/solvers/distributed.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

namespace {

// Activation bytes per layer per token-hidden element at 16 bit, Korthikanti et al. 2023
// ("Reducing Activation Recomputation in Large Transformer Models", arXiv 2205.05198), Table 2:
// no SP: 10 + 24/t (+ 5·a·s/(h·t) unless the attention core is recomputed); with SP: 34/t (+ 5·a·s/(h·t));
// full recomputation keeps the layer input only: 2 (÷t with SP).
double activation_bytes_per_element(Recompute r, bool sp, double t, double a, double s, double h) {
  const double core = 5.0 * a * s / (h * t);
  if (r == Recompute::full) return sp ? 2.0 / t : 2.0;
  const double linear = sp ? 34.0 / t : 10.0 + 24.0 / t;
  return r == Recompute::selective ? linear : linear + core;
}

// PENDING h13's shared primitives (stdlib/solvers/calibration/): replaced at the merge.
q::Flops attention_score_flops_pending(const Workload& w, double S) {
  return 4.0 * w.layers * w.hidden_dim * S * q::flop;
}

// Bytes the non-GEMM operators of one transformer layer move per token in the forward pass at 16 bit,
// from the layer's operator list (Korthikanti et al. 2023 §4.1, Fig. 2: two LayerNorms, the attention
// core's softmax and dropout, GeLU, two dropout-residual adds), each reading its input and writing its
// output once as Megatron's fused kernels do (fused scale-mask-softmax, bias-GeLU, bias-dropout-add):
//   LayerNorm 2·(2h read + 2h write) = 8h; bias-dropout-add 2·(4h read + 2h write + h mask) = 14h;
//   bias-GeLU on the 4h/t shard 8h/t read + 8h/t write = 16h/t. The backward moves about twice as much.
// Sequence parallelism shards the h-sized terms over t as well (Korthikanti §4.2.2). The softmax and attention
// dropout over the a·s/t scores are counted with the attention core's GEMMs, kernel by kernel (T2d, below).
double layer_elementwise_bytes_per_token(bool sp, double t, double h) {
  const double replicated = 22.0 * h;
  return (sp ? replicated / t : replicated) + 16.0 * h / t;
}

// T2d: bytes the unfused attention core moves over its a·s/t scores per token of one layer, for the whole step
// (forward, backward and, when anything is recomputed, the core's forward again; Korthikanti et al. 2023 §5
// recompute the core under selective recomputation too), counted per kernel at 2 bytes per score and 1 per dropout-mask entry:
//   forward 13: QKᵀ writes the scores 2, softmax reads and writes 4, dropout reads, writes and stores its mask 5,
//     scores·V reads the probabilities 2;
//   backward 19: scores·V's two GEMMs write dP and read P 4, dropout reads dP and the mask and writes 5,
//     softmax reads P and dP and writes dS 6, QKᵀ's two GEMMs read dS twice 4.
// The two batched GEMMs contract over the head dimension only (H/a elements), about H/a FLOP per score byte
// (64–160), below the ridge at the achievable bandwidth (A100 ≈ 170, H100 ≈ 350 FLOP/B): their score traffic is
// not in the GEMM table's measured rate (its shape is the H×H/tp projection) and adds to their compute time as
// C11's kernel time does. 0 with a fused kernel (T2c), which keeps the scores on chip.
double score_bytes_per_token(bool flash, bool recomputed, double t, double a, double s) {
  return flash ? 0.0 : (13.0 + 19.0 + (recomputed ? 13.0 : 0.0)) * a * s / t;
}

// T2c: the fraction of the 16-bit peak a fused attention kernel reaches (zoo field attention_efficiency,
// shared with serving's C10); a device without it runs the attention core at the GEMM efficiency.
double attention_eta(const Hardware& hw, double gemm_eta_value) {
  if (!hw.attention_efficiency) return gemm_eta_value;
  const double e = *hw.attention_efficiency;
  if (!(e > 0 && e <= 1)) throw SolverError("InvalidInput", hw.name + ".attention_efficiency must lie in (0, 1]");
  return e;
}

// The GEMM-shape efficiency (calibration C3, the device's table; C3b's fp8 table in an fp8 run, as serving reads
// it) when the zoo has it, else the user's η.
double gemm_eta(const Hardware& hw, double tokens, int hidden, int tp, double fallback, Precision p) {
  if (hw.gemm_flops.empty()) return fallback;
  return calibration::gemm_efficiency(hw, calibration::gemm_size(tokens, hidden, tp), p);
}

// T8b: bytes one optimizer step moves, counted kernel by kernel as Megatron-LM's mixed-precision optimizer runs it
// (megatron/optimizer/optimizer.py, Float16OptimizerWithFloat16Params.step; Micikevicius et al. 2018, "Mixed
// Precision Training", §3: fp32 master weights, loss scaling), per parameter the device updates:
//   copy the 16-bit gradients to fp32 main gradients   read 2, write 4          6
//   unscale and check for inf/nan (fp16 loss scaling)  read 4, write 4          8 (fp16 only)
//   gradient norm for clipping                          read 4                   4
//   the update (fused Adam: master, m, v and the gradient read, the states written; SGD: master)  2·s + 4
//   copy the fp32 master to the 16-bit model weights    read 4, write 2          6
// s the optimizer's bytes per parameter (12 Adam, 4 SGD; the training memory's). An fp8 run keeps 16-bit weights and
// gradients (Transformer Engine casts to fp8 inside the GEMMs), so it counts as 16 bit. An fp32 run has no main copy:
// the norm and the update only. The parameters the device updates are its optimizer states / s (ZeRO shards them).
q::Bytes optimizer_step_bytes(const TrainingMemory& mem, Precision p, const std::string& optimizer) {
  const double s = optimizer == "adam" ? 12.0 : 4.0;
  const double n = mem.optimizer.value() / s;  // parameters updated on this device
  const double update = 2.0 * s + 4.0, norm = 4.0;
  if (p == Precision::fp32 || p == Precision::tf32) return n * (norm + update) * q::byte;
  const double to_main = 2.0 + 4.0, to_model = 4.0 + 2.0, unscale = p == Precision::fp16 ? 8.0 : 0.0;
  return n * (to_main + unscale + norm + update + to_model) * q::byte;
}

// T8d: the data-parallel traffic of one step in all-reduce volumes of the replica's gradients. Without ZeRO or with
// ZeRO-1 the gradients accumulate over the m micro-batches and are all-reduced once. Partitioned gradients cannot
// accumulate locally: ZeRO-2 reduce-scatters them after every micro-batch's backward (half an all-reduce each) and
// all-gathers the updated parameters once after the step (the other half); ZeRO-3 (FSDP FULL_SHARD) also frees the
// gathered parameters after each use, so every micro-batch all-gathers them before its forward and again before its
// backward: 1.5 all-reduces per micro-batch (Rajbhandari et al. 2020, §5.2 and §5.3; PyTorch FSDP docs,
// ShardingStrategy.FULL_SHARD).
double zero_traffic_per_step(int zero_stage, double m) {
  if (zero_stage >= 3) return 1.5 * m;
  if (zero_stage == 2) return 0.5 * m + 0.5;
  return 1.0;
}

// The achievable HBM bandwidth (calibration C1) when the zoo has the copy-benchmark fraction, else the datasheet.
q::Bandwidth hbm_bandwidth(const Hardware& hw) {
  return hw.bw_fraction ? calibration::achievable_bandwidth(hw) : hw.bandwidth;
}

// T11 (docs/fidelity.md; calibration/wave_quantization.hpp): the tile × wave quantization factor of the layer's
// dense GEMMs, FLOP-weighted, or why the device or workload does not get it. The C3 table is measured at the best
// shape (MAMF: full tiles, full waves), so the layer's own shapes lose e_t·e_w on top of it. The MLP's first GEMM is
// gated (gate and up fused, 2F columns) when the layer's parameters say so: per layer (P − V·H)/L is the attention's
// H·(H + 2·H_kv) + H² plus c·H·F, c = 2 (GeLU MLP) or 3 (SwiGLU); c in (2.5, 3.5] is taken as gated.
struct Quantization {
  std::optional<double> factor;
  std::string basis;
};
Quantization layer_quantization(const Hardware& hw, const Workload& w, double tokens, double tp, double H_kv, bool full) {
  const std::string missing = calibration::quantization_missing_field(hw);
  const std::string device = hw.name.empty() ? std::string("the device") : hw.name;
  if (!missing.empty())
    return {std::nullopt, "T11 not applied: " + device + " sets no " + missing +
                              " (its zoo entry has no SM count or GEMM tile with a source; docs/fidelity.md T11)"};
  // The factor corrects a best-shape measurement (C3's table); the user's η is not one, so it is left as given.
  if (hw.gemm_flops.empty())
    return {std::nullopt, "T11 not applied: " + device + " has no GEMM table (C3); the compute time uses `efficiency` as given"};
  if (w.kind != WorkloadKind::transformer || w.layers < 1 || w.hidden_dim < 1)
    return {std::nullopt, "T11 not applied: only a dense transformer layer's GEMM shapes are modelled (not " + w.name + ")"};
  const double H = w.hidden_dim, F = w.ffn_dim ? double(*w.ffn_dim) : 4.0 * H;
  const double attn_params = H * (H + 2.0 * H_kv) + H * H;
  const double per_layer = (params_of(w).value() - (w.vocab ? double(*w.vocab) * H : 0.0)) / w.layers;
  const double c = (per_layer - attn_params) / (H * F);
  const bool gated = c > 2.5 && c <= 3.5;  // above 3.5 the parameters do not describe the shape: plain MLP
  const double f = calibration::layer_quantization_efficiency(hw, tokens, H, H + 2.0 * H_kv, gated ? 2.0 * F : F, F, tp,
                                                              full ? 2.0 : 1.0);
  return {f, "T11: " + std::to_string(*hw.gemm_tile_m) + "x" + std::to_string(*hw.gemm_tile_n) + " tiles over " +
                 std::to_string(*hw.sm_count) + " SMs (" + device + ")" + (gated ? ", gated MLP" : "")};
}

}  // namespace

DistOut solve_distributed_calibrated(const DistIn& in) {
  const Workload& w = in.model;
  const Fleet& f = in.fleet;
  const Node& node = f.node;
  const Hardware& hw = node.accelerator;
  const auto [N, dp, B_dp, m] = check_decomposition(in);
  const double G = node.gpus, B = in.batch_size.value(), S = in.seq_len.value();
  const double tp = in.tp, pp = in.pp, ep = in.ep, cp = in.cp, v = in.v_stages;
  const double L = w.layers, H = w.hidden_dim, a = w.heads, H_kv = w.heads > 0 ? H * double(w.kv_heads.value_or(w.heads)) / a : H;
  const Precision p = in.precision;
  const Recompute rc = parse_recompute(in.recompute);
  const q::FlopRate F = peak_for(hw, p);
  const q::BytesPerParam b = bytes_per(p);
  const double b_mu = B_dp / m;            // sequences per micro-batch
  const double S_cp = S / cp;              // tokens of a sequence on one context-parallel rank
  DistOut o;
  o.dp = dp;
  o.microbatch_count = m;
  o.microbatch_size = b_mu * q::sample;
  o.tokens_per_replica = B_dp * S * q::token;

  // FLOPs per token. Dense GEMMs 2·P_act (Kaplan et al. 2020) plus the attention scores QKᵀ and
  // scores·V, 4·L·H·S forward (Narayanan et al. 2021, Eq. 3; PaLM, Chowdhery et al. 2022, App. B:
  // model FLOPs per token 6·N + 12·L·H·S). Hardware FLOPs add what is recomputed: the whole forward
  // (full) or the attention core only (selective, Korthikanti et al. 2023 §5).
  const q::Flops f_dense = training_unit_flops(w);
  const q::Flops f_attn = attention_score_flops_pending(w, S);
  const q::Flops model_per_token = 3.0 * (f_dense + f_attn);
  const q::Flops hw_per_token =
      model_per_token + (rc == Recompute::full ? f_dense + f_attn : rc == Recompute::selective ? f_attn : q::Flops{});

  // Compute time of one micro-batch on one device: its share of the hardware FLOPs at the efficiency
  // the device reaches on this GEMM shape (rows = tokens of the micro-batch on one cp rank, columns =
  // H/tp; calibration C3), plus the memory-bound non-GEMM operators at the achievable HBM bandwidth
  // (calibration C1): forward once, backward twice (it reads the saved input and the output gradient and
  // writes the input gradient), once more when the forward is recomputed in full.
  const double tokens_mb = b_mu * S;
  const double passes = rc == Recompute::full ? 4.0 : 3.0;
  o.compute_efficiency = gemm_eta(hw, b_mu * S_cp, w.hidden_dim, in.tp, in.efficiency, p);
  // T11: the dense GEMMs (not the attention core's batched GEMMs, whose b·a/tp score blocks fill many waves, nor
  // T5b's output layer) run at η·q, q the layer's tile × wave quantization factor; 1 when the term does not apply.
  const Quantization quant = layer_quantization(hw, w, b_mu * S_cp, tp, H_kv, rc == Recompute::full);
  o.gemm_quantization = quant.factor;
  o.gemm_quantization_basis = quant.basis;
  const double q_dense = quant.factor.value_or(1.0);
  q::Time t_gemm_mb;
  if (in.flash_attention) {
    // T2c (FlashAttention in training): the GEMMs carry the dense FLOPs only; the fused causal attention
    // kernel skips the masked half of the score blocks (Dao 2023, FlashAttention-2 §3.1.1), so it executes
    // half of the 4·L·H·S that the PaLM/Narayanan convention counts, in 16 bit (C10) at the kernel's own
    // efficiency; the backward is twice the forward and full recomputation repeats the forward. Selective
    // recomputation adds nothing: the scores it would recompute are never stored.
    const q::Flops dense_hw = passes * f_dense;
    const q::Flops attn_hw = passes * 0.5 * f_attn;
    const q::FlopRate F_attn = std::min(F, hw.peak_flops) * attention_eta(hw, o.compute_efficiency);
    o.attention_latency = m * attn_hw * tokens_mb / (tp * pp * ep * cp) / F_attn;
    t_gemm_mb = dense_hw * tokens_mb / (tp * pp * ep * cp) / (F * o.compute_efficiency * q_dense) + o.attention_latency / m;
  } else {
    // The attention core's batched GEMMs (QKᵀ, scores·V) run in 16 bit even in an fp8 run (Transformer Engine
    // quantises the linear layers only; as C10), so they take the 16-bit peak; the rest runs at the precision's.
    const q::Flops attn_hw = hw_per_token - (rc == Recompute::full ? 4.0 : 3.0) * f_dense;
    const q::Time dense_t = (hw_per_token - attn_hw) * tokens_mb / (tp * pp * ep * cp) / (F * o.compute_efficiency * q_dense);
    t_gemm_mb = dense_t + attn_hw * tokens_mb / (tp * pp * ep * cp) / (std::min(F, hw.peak_flops) * o.compute_efficiency);
  }
  // T5b (the pipeline's edge stage; Megatron's default layout, Narayanan et al. 2021): the layers are split
  // evenly over the stages and the output layer (logits over the vocabulary, 2·V·H FLOP per token forward, sharded
  // over tp as Megatron's vocabulary-parallel embedding; the micro-batch shared over ep·cp as T2's GEMMs) runs on
  // the last stage on top of its layers. 6·P already spreads one output layer's FLOPs evenly over the stages, so
  // the last stage carries (1 − 1/pp) of it in excess, and in lockstep every stage waits for it. Forward and
  // backward (3 passes; activation recomputation covers the transformer layers only), in 16 bit (Transformer
  // Engine's fp8 covers the transformer layers, as T2's attention).
  // A `balanced` layout (Llama 3 §3.3.2: one layer fewer on each edge stage) spreads the work instead: no excess.
  q::Time t_edge_mb{};
  if (pp > 1 && w.vocab && in.pipeline_layout != "balanced") {
    const q::Flops f_out = 2.0 * double(*w.vocab) * H * q::flop;
    t_edge_mb = 3.0 * f_out * tokens_mb / (tp * ep * cp) * (1.0 - 1.0 / pp) / (std::min(F, hw.peak_flops) * o.compute_efficiency);
  }
  // The scores stay 16 bit in an fp8 run (the attention core is not quantised, as in T2).
  const q::Bytes ew_mb = (L / pp) * (tokens_mb / cp) *
                         (passes * layer_elementwise_bytes_per_token(in.sequence_parallel, tp, H) * (b.value() / 2.0) +
                          score_bytes_per_token(in.flash_attention, rc != Recompute::none, tp, a, S_cp) *
                              (std::max(b.value(), 2.0) / 2.0)) *
                         q::byte;
  const q::Bandwidth hbm = hbm_bandwidth(hw);
  const q::Time t_ew_mb = ew_mb / hbm;
  const q::Time t_comp_mb = t_gemm_mb + t_ew_mb + t_edge_mb;

  // Links: NVLink inside a node at the ring all-reduce bandwidth the serving calibration uses (C-terms,
  // docs/fidelity.md): link_bw_fraction · device_link_bw / 2, one zoo field (nccl-tests) for both
  // levels' users; else intra_bw. The fabric between nodes (one NIC per GPU). α as at the textbook level.
  const q::Time a_intra = 500e-9 * q::seconds, a_inter = f.fabric.latency.value_or(5e-6 * q::seconds);
  const q::Bandwidth bw_intra = hw.link_bw_fraction && hw.device_link_bw
                                    ? q::Bandwidth(*hw.link_bw_fraction * *hw.device_link_bw / 2.0)
                                    : node.intra_bw;
  const q::Bandwidth bw_inter = f.fabric.bandwidth / f.fabric.oversubscription;
  const double layers_per_stage = L / pp;

  // TP (Shoeybi et al. 2019 §3): 2 all-reduces forward and 2 backward per layer of b_µ·(S/cp)·H
  // activations, 2 more when the forward is recomputed in full. With sequence parallelism each becomes an
  // all-gather plus a reduce-scatter of the same volume (Korthikanti et al. §4.2.2): same time.
  const bool tp_intra = tp <= G;
  const q::Bytes tp_msg = b_mu * S_cp * H * b * q::param;
  const double n_ar = rc == Recompute::full ? 6 : 4;
  const q::Time t_tp_mb = n_ar * layers_per_stage *
                          ring_allreduce(tp_msg, tp, tp_intra ? bw_intra : bw_inter, tp_intra ? a_intra : a_inter);

  // EP (MoE): 4 all-to-alls per layer as at the textbook level, per micro-batch, gated by the busiest
  // rank's ι × the mean routed volume.
  const bool ep_intra = tp * ep <= G;
  const q::Bytes ep_msg = in.moe_routing_imbalance * double(w.top_k) * (b_mu * S_cp / ep) * H * b * q::param;
  const q::Time t_ep_mb =
      4 * layers_per_stage * all_to_all(ep_msg, ep, ep_intra ? bw_intra : bw_inter, ep_intra ? a_intra : a_inter);

  // PP point-to-point (Narayanan et al. 2021 §4.1): per micro-batch a stage sends its activations
  // forward and receives their gradients backward, once per virtual stage (v chunks); with tp > 1 the
  // scatter/gather optimisation sends 1/tp of the tensor over the fabric. Stages span nodes once a
  // stage's tp·cp ranks fill a node.
  q::Time t_p2p_mb{};
  if (pp > 1) {
    const bool p2p_intra = tp * cp * pp <= G;
    const q::Bytes p2p_msg = b_mu * S_cp * H * b * q::param / tp;
    t_p2p_mb = 2.0 * v * p2p_time(p2p_msg, p2p_intra ? node.intra_bw : bw_inter, p2p_intra ? a_intra : a_inter);
  }

  // CP (ring attention, Liu et al. 2023; Llama 3 §3.3.2): each layer passes the K and V blocks of its
  // S/cp tokens round the cp ranks, cp − 1 hops forward and twice that backward (K, V and their
  // gradients), overlapped with the attention compute of the block; only the excess is exposed.
  q::Time t_cp_mb{};
  if (cp > 1) {
    const bool cp_intra = tp * cp <= G;
    const q::Bytes kv = 2.0 * b_mu * S_cp * (H_kv / tp) * b * q::param;
    const q::Time hop = p2p_time(kv, cp_intra ? bw_intra : bw_inter, cp_intra ? a_intra : a_inter);
    if (in.cp_method == "allgather") {
      // T6b (Llama 3 §3.3.2): all-gather K and V before the local attention, in the critical path; the backward
      // reduce-scatters their gradients, full recomputation all-gathers once more. Each is cp − 1 ring hops.
      const double collectives = rc == Recompute::full ? 3.0 : 2.0;
      t_cp_mb = layers_per_stage * collectives * (cp - 1) * hop;
    }
    const q::Time ring = 3.0 * (cp - 1) * hop;
    const q::Time attn = in.flash_attention ? q::Time(o.attention_latency / m / layers_per_stage)
                                            : q::Time(f_attn * 3.0 * tokens_mb / (tp * pp * cp) / (F * o.compute_efficiency) / L * pp);
    if (in.cp_method != "allgather") t_cp_mb = layers_per_stage * std::max(q::Time{}, q::Time(ring - attn));
  }

  // Pipeline (Narayanan et al. 2021 §2.2.2): 1F1B over m micro-batches; the interleaved schedule
  // with v model chunks per device shrinks the bubble to (pp − 1)/v micro-batch times.
  const q::Time t_mb = t_comp_mb + t_tp_mb + t_ep_mb + t_p2p_mb + t_cp_mb;
  const double bubble_mb = pp > 1 ? (pp - 1) / v : 0;
  o.elementwise_latency = m * t_ew_mb;
  o.edge_stage_latency = m * t_edge_mb;
  o.node_latency_compute = m * t_comp_mb;
  o.node_latency_memory = params_of(w) * b / (tp * pp * ep) / hw.bandwidth;
  o.node_latency = std::max(o.node_latency_compute, o.node_latency_memory) + hw.dispatch_tax;
  o.node_bottleneck = o.node_latency_compute >= o.node_latency_memory ? "Compute" : "Memory";
  o.tp_communication_latency = m * t_tp_mb;
  o.ep_communication_latency = m * t_ep_mb;
  o.p2p_communication_latency = m * t_p2p_mb;
  o.cp_communication_latency = m * t_cp_mb;
  o.bubble_fraction = bubble_mb / (m + bubble_mb);
  o.pipeline_bubble_latency = bubble_mb * t_mb;

  // DP gradient all-reduce (Eq. 21, hierarchical), its exposed part after overlap as at the textbook level;
  // with ZeRO-2/3 the partitioned gradients and parameters move with every micro-batch (T8d).
  const q::Bytes M = params_of(w) * b / (tp * pp * ep);
  const double g = tp * cp <= G ? std::min(dp, std::max(1.0, std::floor(G / (tp * cp)))) : 1;
  o.dp_local_group = g;
  o.dp_communication_latency = zero_traffic_per_step(in.zero_stage, m) *
                                hierarchical_allreduce(M, g, dp / g, bw_intra, bw_inter, a_intra, a_inter);
  o.dp_communication_latency *= in.congestion_factor;
  o.tp_communication_latency *= in.congestion_factor;
  o.ep_communication_latency *= in.congestion_factor;
  o.dp_communication_exposed = (1 - in.overlap_efficiency) * o.dp_communication_latency;
  o.communication_latency = o.dp_communication_exposed + o.tp_communication_latency + o.ep_communication_latency +
                            o.p2p_communication_latency + o.cp_communication_latency;

  // Memory (§3.4) with Korthikanti's activation terms; the first stage holds min(m, pp) micro-batches
  // in 1F1B, ×(1 + (pp − 1)/(pp·v)) with interleaving (Korthikanti et al. §4.2.3).
  auto mem = training_memory(w, p, S, b_mu, Recompute::none, in.tp, in.pp, in.ep, int(dp), in.zero_stage, in.optimizer,
                             in.lora, 0);
  const double in_flight = std::min(m, pp) * (v > 1 ? 1 + (pp - 1) / (pp * v) : 1.0);
  mem.activations = layers_per_stage * in_flight * S_cp * b_mu * H *
                    activation_bytes_per_element(rc, in.sequence_parallel, tp, a, S_cp, H) * b.value() / 2.0 * q::byte;
  mem.total = mem.weights + mem.gradients + mem.optimizer + mem.activations;
  // T8b, the optimizer step (after the gradient reduction, not overlapped): memory-bound, the bytes Megatron-LM's
  // mixed-precision optimizer moves over the parameters this device updates, at the achievable HBM bandwidth.
  o.optimizer_latency = optimizer_step_bytes(mem, p, in.optimizer) / hbm;
  o.step_latency_total = (std::max(o.node_latency_compute, o.node_latency_memory) + hw.dispatch_tax +
                          o.communication_latency + o.pipeline_bubble_latency + o.optimizer_latency) *
                         std::max(1.0, in.straggler_factor);
  o.scaling_efficiency = (o.node_latency / o.step_latency_total).value();
  o.memory_per_device = mem.total;
  o.memory_weights = mem.weights;
  o.memory_gradients = mem.gradients;
  o.memory_optimizer = mem.optimizer;
  o.memory_activations = mem.activations;
  o.feasible = mem.total <= hw.capacity;
  if (!o.feasible)
    o.reason = "memory does not fit: " + memory_shortfall(mem.total, hw.capacity) + " (weights " + bytes_text(mem.weights) +
               ", gradients " + bytes_text(mem.gradients) + ", optimizer " + bytes_text(mem.optimizer) +
               ", activations " + bytes_text(mem.activations) +
               ", calibrated level); try sequence_parallel = true, recompute = selective, a larger tp·pp·cp or zero_stage";

  // MFU and HFU as PaLM defines them (Chowdhery et al. 2022, App. B): model FLOPs (no recomputation)
  // and hardware FLOPs (with it) over the fleet's peak for the step.
  o.mfu = (model_per_token * (B * S) / (N * F * o.step_latency_total)).value();
  o.hfu = (hw_per_token * (B * S) / (N * F * o.step_latency_total)).value();
  o.effective_throughput = in.batch_size / o.step_latency_total;
  o.token_throughput = B * S * q::token / o.step_latency_total;
  fill_run_totals(in, o);
  return o;
}

}  // namespace mls
