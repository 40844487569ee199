#include "stdlib/solvers/batching.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"
#include "stdlib/solvers/calibration/forward_step.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/request_lengths.hpp"
#include "stdlib/solvers/serving.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mls {

EfficiencyOut solve_efficiency(const EfficiencyIn& in) {
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  const double s = in.efficiency / 0.5;  // MODELS §5: heuristics scaled by η/0.5 (kept from 0.1.1)
  double e;
  if (in.workload_type == "attention") e = in.use_flash_attention ? std::min(0.75 * s, 0.85) : 0.30 * s;
  else if (in.workload_type == "ffn") e = std::min(0.50 * s, 0.60);
  else if (in.workload_type == "conv") e = std::min(0.40 * s, 0.55);
  else if (in.workload_type == "other") e = 0.30 * s;
  else throw SolverError("InvalidInput", "workload_type must be ffn, attention, conv or other");
  e = std::clamp(e, 0.0, 1.0);
  EfficiencyOut o;
  o.peak_flops = peak_for(in.hardware, in.precision);
  o.mfu = e;
  o.achievable_flops = e * o.peak_flops;  // seed Eq. (5)
  o.occupancy_loss = 1 - std::min(1.1 * in.efficiency, 1.0);
  o.memory_stall = std::max(0.0, 1 - e - o.occupancy_loss);
  return o;
}

ContinuousBatchingOut solve_continuous_batching(const ContinuousBatchingIn& in) {
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  if (!(in.page_size.value() > 0)) throw SolverError("InvalidInput", "page_size must be > 0");
  if (in.tp < 1) throw SolverError("InvalidInput", "tp must be >= 1");
  const double ps = in.page_size.value(), n_max = in.max_batch_size.value();
  const double S_prompt = in.seq_len.value(), N_out = in.output_len ? in.output_len->value() : 0;
  if (in.output_len && !(N_out >= 1)) throw SolverError("InvalidInput", "output_len must be >= 1 token");
  if (!(in.length_cv >= 0)) throw SolverError("InvalidInput", "length_cv must be >= 0");
  const bool calibrated = fidelity::calibrated(in.fidelity);
  // The context a request holds: S (+ N when the output is given: the request's whole context, seed Eq. 8).
  // Calibrated with an output length (C8): paged KV grows token by token, so the memory of an active
  // request is its current context, on average S + E[N²]/(2·E[N]) = S + N·(1 + cv²)/2 — an active request
  // is more likely a long one (length-biased sampling: the inspection paradox, Ross, "Introduction to
  // Probability Models", 12th ed., §7.7).
  const double S = calibrated && in.output_len ? S_prompt + N_out * (1 + in.length_cv * in.length_cv) / 2
                                               : S_prompt + N_out;
  const Precision p = in.precision;
  ContinuousBatchingOut o;
  if (calibrated && in.output_len) o.mean_context = S * q::token / q::request;
  if (bool(in.mean_request_tokens) != bool(in.max_seq_len))
    throw SolverError("InvalidInput", "a request-length distribution needs both mean_request_tokens and max_seq_len");
  // Seed Eq. (8): pages of p_s tokens; each request's KV rounded up to whole pages.
  const double S_pad = std::ceil(S / ps) * ps;
  q::Bytes kv_seq = kv_cache(in.model, S_pad, 1, p);
  const q::Bytes W = params_of(in.model) * bytes_per(p);
  const q::Bytes free = double(in.tp) * in.hardware.capacity - W;
  const auto fits = [&](q::Bytes per_request) { return free.value() <= 0 ? 0.0 : std::floor(free / per_request); };
  double n = std::min(fits(kv_seq), n_max);
  o.memory_fragmentation = (S_pad - S) / S_pad;
  double n_s = std::max(1.0, std::floor(0.5 * n));  // seed: static batching wastes 50 % (D15)
  if (in.mean_request_tokens) {
    // Request lengths min(Exponential, S_max) (request_lengths.hpp): a paged request holds its expected
    // page-rounded length, a static one the whole window; each admits what fits, up to n_max.
    const RequestLengths rl = request_lengths(in.mean_request_tokens->value(), in.max_seq_len->value(), ps);
    const auto per_request = [](double tokens) { return tokens * q::token / q::request; };
    o.length_scale = per_request(rl.scale);
    o.paged_kv_tokens = per_request(rl.paged_tokens);
    o.paged_fragmentation = rl.paged_fragmentation;
    o.static_kv_tokens = per_request(rl.static_tokens);
    o.static_fragmentation = rl.static_fragmentation;
    kv_seq = kv_cache(in.model, rl.paged_tokens, 1, p);
    const double paged = fits(kv_seq), fixed = fits(kv_cache(in.model, rl.static_tokens, 1, p));
    o.paged_capacity = paged * q::request;
    o.static_capacity = fixed * q::request;
    n = std::min(paged, n_max);
    n_s = std::max(1.0, std::min(fixed, n_max));
    o.memory_fragmentation = rl.paged_fragmentation;
  }
  o.max_active_requests = n * q::request;
  o.kv_bytes_per_request = kv_seq;
  o.paged_kv_cache_size = n * kv_seq;
  o.static_batch = n_s * q::request;
  // TTFT: serving prefill of n_max requests, unpadded KV in the memory branch (§6); of their prompts when
  // the output length is given. Calibrated: one calibrated forward step of those prompts (C7).
  const double S_pre = in.output_len ? S_prompt : S;
  o.fidelity = fidelity::shown(in.fidelity);
  if (calibrated) {
    o.ttft = calibration::forward_step(in.model, in.hardware, {{n_max, S_pre, 0}}, p, in.tp).total + in.host_step_time;
  } else {
    const q::Bytes KV_full = kv_cache(in.model, S_pre, n_max, p);
    q::Time t_c = 2.0 * q::flop / q::param * active_params_of(in.model) * S_pre * n_max /
                  (double(in.tp) * peak_for(in.hardware, p) * in.efficiency);
    q::Time t_m = (W + KV_full) / (double(in.tp) * in.hardware.bandwidth);
    o.ttft = std::max(t_c, t_m) + in.hardware.dispatch_tax;
  }
  if (n <= 0) {
    o.feasible = false;
    // One request needs W + kv_seq on tp devices: the least tp that holds it is ⌈(W + kv_seq)/capacity⌉.
    const double tp_needed = std::ceil(((W + kv_seq) / in.hardware.capacity).value());
    o.reason = "no request fits: the weights (" + bytes_text(W) + ") and one request's KV cache (" + bytes_text(kv_seq) +
               ") need " + bytes_text(W + kv_seq) + ", " + std::to_string(in.tp) + " × " + bytes_text(in.hardware.capacity) +
               " available; try tp = " + std::to_string(int(tp_needed)) + " or a device with ≥ " +
               bytes_text((W + kv_seq) / double(in.tp));
    o.itl = std::numeric_limits<double>::infinity() * q::seconds / q::token;
    o.throughput_tokens_per_sec = q::TokenRate{};
    o.speedup_vs_static = 1;
    o.static_batch = q::Requests{};  // nothing is admitted, statically or not (spec case cb.*.infeasible)
    return o;
  }
  o.feasible = true;
  const q::Tokens per_step = 1.0 * q::token;
  if (calibrated) {
    // C8: the steady state of continuous batching. Each step decodes one token of each of the n active
    // requests at their mean context, and (with an output length) carries the prefill of the requests that
    // replace those that finished: n/N requests of S tokens per step, mixed into the same step (chunked
    // prefill, Agrawal et al., "Sarathi-Serve", OSDI 2024). Output tokens per second: n per step.
    auto step = [&](double batch) {
      std::vector<calibration::StepPart> parts{{batch, 1, S}};
      if (in.output_len) parts.push_back({batch / N_out, S_prompt, 0});
      // C13: the engine's host work between steps, once per step.
      return (calibration::forward_step(in.model, in.hardware, parts, p, in.tp).total + in.host_step_time) / per_step;
    };
    o.itl = step(n);
    o.throughput_tokens_per_sec = n / o.itl;
    o.speedup_vs_static = (o.throughput_tokens_per_sec / (n_s / step(n_s))).value();
    return o;
  }
  // ITL(n): the serving decode step (MODELS §6) with weights W and KV = n·kv_seq, batch n.
  o.itl = decode_step(in.model, in.hardware, W, n * kv_seq, n, p, in.efficiency, in.tp).itl;
  o.throughput_tokens_per_sec = n / o.itl;  // n sequences, each one token per ITL (MODELS §0.1)
  const q::TimePerToken itl_s = decode_step(in.model, in.hardware, W, n_s * kv_seq, n_s, p, in.efficiency, in.tp).itl;
  o.speedup_vs_static = (o.throughput_tokens_per_sec / (n_s / itl_s)).value();
  return o;
}

WeightStreamingOut solve_weight_streaming(const WeightStreamingIn& in) {
  const Hardware& h = in.hardware;
  if (!h.host_link_bw) throw SolverError("MissingSpec", h.name + " has no host_link_bw (injection bandwidth, MODELS §8 interconnect_bw)");
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  if (in.phase != "decode" && in.phase != "prefill") throw SolverError("InvalidInput", "phase must be decode or prefill");
  const Workload& m = in.model;
  if (m.layers <= 0) throw SolverError("InvalidInput", m.name + " has no layers");
  const Precision p = in.precision;
  const double L = m.layers, B = in.batch_size.value(), S = in.seq_len.value();
  const double tokens = in.phase == "prefill" ? S : 1;
  const q::Params P_l = params_of(m) / L, P_l_act = active_params_of(m) / L;
  const q::Bytes W_l = P_l * bytes_per(p);
  const q::Bandwidth BW = *h.host_link_bw;  // weights stream from host/external memory (MODELS §8)
  const q::FlopRate F = peak_for(h, p);
  WeightStreamingOut o;
  // Seed Eq. (9): each layer's weights stream in while the previous computes; no dispatch (D16).
  o.layer_injection_time = W_l / BW;
  o.layer_compute_time = 2.0 * q::flop / q::param * P_l_act * B * tokens / (F * in.efficiency);
  o.layer_time = std::max(o.layer_injection_time, o.layer_compute_time);
  o.step_time = L * o.layer_time;
  // MODELS §8: t_comp ≥ t_inj ⇔ B·(S in prefill) ≥ B*, and B* below carries η, so the regime and the
  // reported threshold agree (checked for issue 20.1).
  o.bottleneck = o.layer_compute_time >= o.layer_injection_time ? "Compute" : "Injection";
  o.throughput_tokens_per_sec = B * tokens * q::token / o.step_time;
  // B* where compute time equals injection time (real-valued, not floored).
  o.optimal_batch_size = (bytes_per(p) * q::param * F * in.efficiency * (P_l / P_l_act) /
                          (2.0 * q::flop * BW)).value() * q::request;
  o.throughput_at_optimal_batch = o.optimal_batch_size.value() * q::token / (L * o.layer_injection_time);
  // On-wafer memory holds the KV cache plus 10 % working memory.
  o.sram_required = 1.1 * kv_cache(m, S, B, p);
  o.wafer_memory_utilization = (o.sram_required / h.capacity).value();
  o.feasible = o.sram_required <= h.capacity;
  if (!o.feasible) {
    // 1.1·KV grows linearly with B: the largest batch that fits is ⌊B·capacity/sram_required⌋.
    const double fits = std::floor(B * (h.capacity / o.sram_required).value());
    o.reason = "the KV cache does not fit on the wafer: 1.1·KV = " + bytes_text(o.sram_required) + ", capacity " +
               bytes_text(h.capacity) + "; try " +
               (fits >= 1 ? "batch_size = " + std::to_string(int(fits)) : std::string("a shorter seq_len")) + " or a device with ≥ " +
               bytes_text(o.sram_required);
  }
  return o;
}

namespace reg {
void register_batching() {
  SolverDef<EfficiencyIn, EfficiencyOut>("efficiency_model", "efficiency", "MODELS §5 (Wall 3), seed Eq. (5)",
                                         "achievable fraction of peak by kernel type")
      .in("hardware", &EfficiencyIn::hardware, "the device", Req)
      .in("workload_type", &EfficiencyIn::workload_type, "kernel class", one_of({"ffn", "attention", "conv", "other"}))
      .in("use_flash_attention", &EfficiencyIn::use_flash_attention, "FlashAttention kernels")
      .in("precision", &EfficiencyIn::precision, "numeric precision")
      .in("efficiency", &EfficiencyIn::efficiency, "base η", between(0, 1, true, false))
      .out("mfu", &EfficiencyOut::mfu, "η_eff")
      .out("achievable_flops", &EfficiencyOut::achievable_flops, "F_p·η_eff")
      .out("peak_flops", &EfficiencyOut::peak_flops, "F_p")
      .out("occupancy_loss", &EfficiencyOut::occupancy_loss, "1 − min(1.1·η, 1)")
      .out("memory_stall", &EfficiencyOut::memory_stall, "max(0, 1 − η_eff − occupancy_loss)")
      .run(&solve_efficiency);
  SolverDef<ContinuousBatchingIn, ContinuousBatchingOut>("continuous_batching", "continuous_batching",
                                                         "MODELS §7 (Wall 5), seed Eq. (8)",
                                                         "paged-KV continuous batching: concurrency and throughput")
      .in("model", &ContinuousBatchingIn::model, "transformer or MoE", Req)
      .in("hardware", &ContinuousBatchingIn::hardware, "the device", Req)
      .in("seq_len", &ContinuousBatchingIn::seq_len, "tokens per request S", positive_required())
      .in("max_batch_size", &ContinuousBatchingIn::max_batch_size, "admission limit n_max", at_least(1))
      .in("page_size", &ContinuousBatchingIn::page_size, "KV page p_s", at_least(0, true))
      .in("precision", &ContinuousBatchingIn::precision, "numeric precision")
      .in("efficiency", &ContinuousBatchingIn::efficiency, "η", between(0, 1, true, false))
      .in("tp", &ContinuousBatchingIn::tp, "tensor-parallel devices", at_least(1))
      .in("output_len", &ContinuousBatchingIn::output_len, "tokens generated per request N (mean); S is then the prompt",
          at_least(1))
      .in("length_cv", &ContinuousBatchingIn::length_cv, "calibrated: coefficient of variation of N (0 fixed, 1 exponential)",
          at_least(0))
      .in("mean_request_tokens", &ContinuousBatchingIn::mean_request_tokens,
          "mean tokens a request fills, lengths min(Exponential, max_seq_len) (with max_seq_len)", at_least(0, true))
      .in("max_seq_len", &ContinuousBatchingIn::max_seq_len, "longest context a request may reach S_max (with mean_request_tokens)",
          at_least(0, true))
      .in("host_step_time", &ContinuousBatchingIn::host_step_time,
          "calibrated (C13): the engine's host work per step that the device waits for (default 0)", at_least(0))
      .in("fidelity", &ContinuousBatchingIn::fidelity, "textbook or calibrated (docs/fidelity.md)", one_of(fidelity::levels()))
      .out("feasible", &ContinuousBatchingOut::feasible, "n > 0")
      .out("reason", &ContinuousBatchingOut::reason, "when no request fits: why, and the least tp that fits")
      .out("max_active_requests", &ContinuousBatchingOut::max_active_requests, "n")
      .out("throughput_tokens_per_sec", &ContinuousBatchingOut::throughput_tokens_per_sec, "n/ITL(n)")
      .out("itl", &ContinuousBatchingOut::itl, "ITL(n)").infinite_when("no request fits in memory")
      .out("ttft", &ContinuousBatchingOut::ttft, "prefill of n_max requests")
      .out("paged_kv_cache_size", &ContinuousBatchingOut::paged_kv_cache_size, "n·kv_seq")
      .out("kv_bytes_per_request", &ContinuousBatchingOut::kv_bytes_per_request, "KV(S_pad, 1)")
      .out("memory_fragmentation", &ContinuousBatchingOut::memory_fragmentation, "(S_pad − S)/S_pad")
      .out("speedup_vs_static", &ContinuousBatchingOut::speedup_vs_static, "vs a static batch of n_s")
      .out("static_batch", &ContinuousBatchingOut::static_batch, "n_s")
      .out("mean_context", &ContinuousBatchingOut::mean_context, "calibrated with output_len: S + N(1 + cv²)/2")
      .out("fidelity", &ContinuousBatchingOut::fidelity, "the fidelity level when not textbook")
      .out("length_scale", &ContinuousBatchingOut::length_scale, "with a length distribution: μ, E[min(X, S_max)] = mean")
      .infinite_when("mean_request_tokens = max_seq_len: every request fills the window (fixed length)")
      .out("paged_kv_tokens", &ContinuousBatchingOut::paged_kv_tokens, "p·(1 − r^K)/(1 − r), r = e^(−p/μ), K = ⌈S_max/p⌉")
      .out("paged_fragmentation", &ContinuousBatchingOut::paged_fragmentation, "1 − mean/paged_kv_tokens")
      .out("static_kv_tokens", &ContinuousBatchingOut::static_kv_tokens, "S_max: a static allocator reserves the window")
      .out("static_fragmentation", &ContinuousBatchingOut::static_fragmentation, "1 − mean/S_max")
      .out("paged_capacity", &ContinuousBatchingOut::paged_capacity, "⌊(tp·capacity − W)/KV(paged_kv_tokens)⌋")
      .out("static_capacity", &ContinuousBatchingOut::static_capacity, "⌊(tp·capacity − W)/KV(S_max)⌋")
      .run(&solve_continuous_batching);
  SolverDef<WeightStreamingIn, WeightStreamingOut>("weight_streaming", "weight_streaming", "MODELS §8 (Wall 6), seed Eq. (9)",
                                                   "wafer-scale weight streaming: per-layer injection vs compute")
      .in("model", &WeightStreamingIn::model, "the workload", Req)
      .in("hardware", &WeightStreamingIn::hardware, "a device with host_link_bw (injection)", Req)
      .in("seq_len", &WeightStreamingIn::seq_len, "tokens per request S", Req)
      .in("batch_size", &WeightStreamingIn::batch_size, "batch B", at_least(1)).alias("batch")
      .in("precision", &WeightStreamingIn::precision, "numeric precision")
      .in("efficiency", &WeightStreamingIn::efficiency, "η", between(0, 1, true, false))
      .in("phase", &WeightStreamingIn::phase, "decode or prefill", one_of({"decode", "prefill"}))
      .out("feasible", &WeightStreamingOut::feasible, "KV fits on the wafer")
      .out("reason", &WeightStreamingOut::reason, "when the KV cache does not fit: the largest batch that does")
      .out("sram_required", &WeightStreamingOut::sram_required, "1.1·KV")
      .out("wafer_memory_utilization", &WeightStreamingOut::wafer_memory_utilization, "sram_required/capacity")
      .out("layer_injection_time", &WeightStreamingOut::layer_injection_time, "W_ℓ/BW_inj")
      .out("layer_compute_time", &WeightStreamingOut::layer_compute_time, "2·P_ℓ,act·B/(F·η)")
      .out("layer_time", &WeightStreamingOut::layer_time, "max of the two")
      .out("step_time", &WeightStreamingOut::step_time, "L·T_layer")
      .out("bottleneck", &WeightStreamingOut::bottleneck,
           "Compute when t_comp ≥ t_inj, i.e. batch (× seq_len in prefill) ≥ optimal_batch_size; else Injection")
      .out("throughput_tokens_per_sec", &WeightStreamingOut::throughput_tokens_per_sec, "B·(S|1)/T_step")
      .out("optimal_batch_size", &WeightStreamingOut::optimal_batch_size,
           "B* = b·F_p·η·(P_ℓ/P_ℓ,act)/(2·BW_inj): the batch where compute time equals injection time")
      .out("throughput_at_optimal_batch", &WeightStreamingOut::throughput_at_optimal_batch, "B*/(L·t_inj)")
      .run(&solve_weight_streaming);
}
}  // namespace reg

}  // namespace mls
