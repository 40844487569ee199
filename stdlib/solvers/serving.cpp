#include "stdlib/solvers/serving.hpp"

#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"
#include "stdlib/solvers/chunked_prefill.hpp"
#include "stdlib/solvers/calibration/forward_step.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

DecodeStep decode_step(const Workload& model, const Hardware& dev, q::Bytes W, q::Bytes KV, double B, Precision p,
                       double eta, int tp) {
  const q::Tokens per_step = 1.0 * q::token;  // MODELS §0.1: one token per sequence per decode step
  const q::FlopRate F = peak_for(dev, p);
  const q::Flops flops = 2.0 * q::flop / q::param * active_params_of(model) * B;
  DecodeStep d;
  d.memory = (W + KV) / (double(tp) * dev.bandwidth) / per_step;
  d.compute = flops / (double(tp) * F * eta) / per_step;
  d.itl = std::max(d.compute, d.memory) + dev.dispatch_tax / per_step;  // Eq. (7) + dispatch per step (D14)
  return d;
}

// Why a serving configuration does not fit, in the numbers of the check above (MODELS §6: mem/tp ≤ capacity
// of the decode device, (W + KV)/tp ≤ capacity of the prefill device): the least tp that holds the batch,
// and the largest batch that fits at this tp (the KV cache grows linearly with B, §3.2).
static std::string serving_shortfall(const Hardware& pre, const Hardware& dec, q::Bytes W, q::Bytes KV, q::Bytes weights,
                                     q::Bytes mem, double B, int tp) {
  const bool decode_short = mem / double(tp) > dec.capacity;
  const q::Bytes needed = decode_short ? mem / double(tp) : (W + KV) / double(tp);
  const Hardware& short_dev = decode_short ? dec : pre;
  const int tp_needed = int(std::ceil(std::max((mem / dec.capacity).value(), ((W + KV) / pre.capacity).value())));
  std::string why = "weights + KV cache " + memory_shortfall(needed, short_dev.capacity) +
                    (&pre != &dec ? (decode_short ? " on the decode device" : " on the prefill device") : "") +
                    "; try tp = " + std::to_string(tp_needed);
  // Largest B with both checks passing: KV and the draft's KV are per request.
  const q::Bytes kv_per_request = (mem - weights) / B, kv_main_per_request = KV / B;
  const double b_dec = std::floor(((double(tp) * dec.capacity - weights) / kv_per_request).value());
  const double b_pre = std::floor(((double(tp) * pre.capacity - W) / kv_main_per_request).value());
  const double b_fit = std::min(b_dec, b_pre);
  if (b_fit >= 1) why += ", or batch ≤ " + std::to_string(long(b_fit)) + " at tp = " + std::to_string(tp);
  else why += " (the weights alone need " + bytes_text(weights / double(tp)) + " per device at tp = " + std::to_string(tp) + ")";
  return why;
}

ServingOut solve_serving(const ServingIn& in) {
  if (in.model.kind != WorkloadKind::transformer && in.model.kind != WorkloadKind::moe)
    throw SolverError("UnsupportedWorkload", "serving needs a transformer or MoE model, not " + in.model.name);
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  const double S = in.seq_len.value(), C = in.cached_prefix_len.value(), B = in.batch_size.value();
  if (!(C >= 0 && C < S)) throw SolverError("InvalidInput", "cached_prefix_len must satisfy 0 <= C < seq_len");
  if (in.tp < 1) throw SolverError("InvalidInput", "tp must be >= 1");
  if (in.draft_acceptance_rate < 0 || in.draft_acceptance_rate > 1)
    throw SolverError("InvalidInput", "draft_acceptance_rate must lie in [0, 1]");
  const Hardware& pre = in.hardware;
  const Hardware& dec = in.decode_hardware ? *in.decode_hardware : in.hardware;
  const Precision p = in.precision;
  const double eta = in.efficiency, tp = in.tp;
  ServingOut o;
  const q::Bytes W = params_of(in.model) * bytes_per(p);
  const q::Bytes KV = kv_cache(in.model, S, B, p);
  const double S_new = S - C;
  const bool calibrated = fidelity::calibrated(in.fidelity);
  // TTFT, Eq. (6) with batch, through the roofline max; disaggregation adds the KV transfer. Calibrated:
  // the prefill as one calibrated forward step of B sequences of S_new tokens after C cached (C1–C7).
  if (in.prefill_chunk_tokens) {
    // Chunked prefill (chunked_prefill.hpp): each chunk is the level's prefill step of its tokens, after the
    // cached prefix and the chunks before it (textbook: compute of the chunk's tokens, memory of W + the KV
    // cache up to the chunk's end; calibrated: the C7 step).
    const q::FlopRate F = peak_for(pre, p);
    const auto chunk = [&](double tokens, double context) -> PrefillChunkTime {
      if (calibrated) {
        const auto step = calibration::forward_step(in.model, pre, {{B, tokens, context}}, p, in.tp);
        return {step.compute, step.memory, step.total};
      }
      PrefillChunkTime t;
      t.compute = 2.0 * q::flop / q::param * active_params_of(in.model) * tokens * B / (tp * F * eta);
      t.memory = (W + kv_cache(in.model, context + tokens, B, p)) / (tp * pre.bandwidth);
      t.total = std::max(t.compute, t.memory) + pre.dispatch_tax;
      return t;
    };
    const ChunkedPrefill cp = chunked_prefill(S_new, C, in.prefill_chunk_tokens->value(), chunk);
    o.prefill_compute_time = cp.compute;
    o.prefill_memory_time = cp.memory;
    o.ttft = cp.total;
    o.prefill_chunks = cp.chunks;
    o.prefill_chunk_time = cp.longest;
    o.decode_stall_bound = cp.longest;
  } else if (calibrated) {
    const auto step = calibration::forward_step(in.model, pre, {{B, S_new, C}}, p, in.tp);
    o.prefill_compute_time = step.compute;
    o.prefill_memory_time = step.memory;
    o.ttft = step.total;
  } else {
    q::FlopRate F = peak_for(pre, p);
    o.prefill_compute_time = 2.0 * q::flop / q::param * active_params_of(in.model) * S_new * B / (tp * F * eta);
    o.prefill_memory_time = (W + KV) / (tp * pre.bandwidth);
    o.ttft = std::max(o.prefill_compute_time, o.prefill_memory_time) + pre.dispatch_tax;
  }
  // C13 (calibrated; 0 unless given): an engine that does its host work between steps (scheduling, input
  // preparation, sampling, output processing) idles the device for host_step_time per step: once per prefill
  // step (per chunk with chunked prefill) and once per decode step (vLLM RFC 6854: about 4 ms per step in
  // vLLM's single-step V0 engine). The decode steps pay it below, in the calibrated ITL.
  const q::Time host = calibrated ? in.host_step_time : q::Time{};
  o.ttft += (o.prefill_chunks ? *o.prefill_chunks : 1.0) * host;
  if (in.decode_hardware) {
    o.kv_transfer_time = KV / in.network_bw;
    o.ttft += o.kv_transfer_time;
  }
  // ITL, Eq. (7) with |W| = W + KV on the decode device; calibrated: a forward step of B sequences of one
  // token at context `ctx` (C7), whose time grows with the context as the request generates.
  const double a = in.draft_acceptance_rate, K = in.spec_k;
  const double E = a == 1 ? K + 1 : (1 - std::pow(a, K + 1)) / (1 - a);  // speculative: tokens per verify step
  const q::Tokens per_step = 1.0 * q::token;
  auto calibrated_itl = [&](double ctx, DecodeStep* parts) {
    const auto step = calibration::forward_step(in.model, dec, {{B, 1, ctx}}, p, in.tp);
    if (parts) *parts = {step.compute / per_step, step.memory / per_step, step.total / per_step};
    if (!in.draft_model) return q::TimePerToken((step.total + host) / per_step);
    // Speculative decoding: K draft steps, then one verify step of the main model over K + 1 tokens; the
    // engine's host work (C13) once per round.
    const auto draft = calibration::forward_step(*in.draft_model, dec, {{B, 1, ctx}}, p, in.tp);
    const auto verify = calibration::forward_step(in.model, dec, {{B, K + 1, ctx}}, p, in.tp);
    return q::TimePerToken((K * draft.total + verify.total + host) / (E * per_step));
  };
  DecodeStep d;
  if (calibrated) {
    o.itl = calibrated_itl(S, &d);
  } else {
    d = decode_step(in.model, dec, W, KV, B, p, eta, in.tp);
    o.itl = d.itl;
  }
  o.decode_compute_time = d.compute;
  o.decode_memory_time = d.memory;
  q::Bytes mem = W + KV, weights = W;
  o.expected_tokens_per_step = 1.0 * q::token;
  if (in.draft_model) {
    // Speculative decoding (kept from 0.1.1): K draft steps, E accepted tokens per verify step.
    const Workload& dm = *in.draft_model;
    q::Bytes Wd = params_of(dm) * bytes_per(p);
    q::Bytes KVd = kv_cache(dm, S, B, p);
    if (!calibrated) {
      DecodeStep dd = decode_step(dm, dec, Wd, KVd, B, p, eta, in.tp);
      o.itl = (K * dd.itl + o.itl) / E;
    }
    o.expected_tokens_per_step = E * q::token;
    mem += Wd + KVd;  // the draft KV is counted too (D14)
    weights += Wd;
  }
  // End to end for N output tokens: the first comes out of the prefill, each of the N − 1 others takes an
  // ITL. Calibrated: the ITL at each step's context S + k (k = 0 … N − 2), averaged by the trapezoid rule
  // over 32 intervals (the step time is piecewise linear in the context).
  if (in.output_len) {
    const double N = in.output_len->value();
    if (!(N >= 1)) throw SolverError("InvalidInput", "output_len must be >= 1 token");
    q::TimePerToken mean_itl = o.itl;
    if (calibrated && N > 2) {
      const int n = 32;
      q::TimePerToken sum{};
      for (int k = 0; k <= n; ++k) sum += (k == 0 || k == n ? 0.5 : 1.0) * calibrated_itl(S + (N - 2) * k / n, nullptr);
      mean_itl = sum / double(n);
    }
    o.e2e_latency = o.ttft + (N - 1) * per_step * mean_itl;
    o.throughput = B * N * q::token / *o.e2e_latency;
  }
  o.fidelity = fidelity::shown(in.fidelity);
  o.kv_cache_size = KV;
  o.model_weights_size = W;
  o.total_memory_required = mem;
  o.memory_per_device = mem / tp;
  o.memory_utilization = (o.memory_per_device / dec.capacity).value();
  o.feasible = o.memory_per_device <= dec.capacity && (W + KV) / tp <= pre.capacity;
  if (!o.feasible) o.reason = serving_shortfall(pre, dec, W, KV, weights, mem, B, in.tp);
  o.prefill_throughput = B * S_new * q::token / o.ttft;
  o.decode_throughput = B / o.itl;  // B sequences, each one token per ITL (MODELS §0.1)
  o.prompt_cache_hit_ratio = C / S;
  return o;
}

namespace reg {
void register_serving() {
  SolverDef<ServingIn, ServingOut>("serving", "serve", "MODELS §6 (Wall 4), seed Eq. (6)-(7)",
                                   "LLM serving: time to first token and inter-token latency")
      .in("model", &ServingIn::model, "transformer or MoE", Req)
      .in("hardware", &ServingIn::hardware, "the (prefill) device", Req)
      .in("seq_len", &ServingIn::seq_len, "prompt length S", Req).alias("prompt")
      .in("batch_size", &ServingIn::batch_size, "concurrent requests B", at_least(1)).alias("batch")
      .in("precision", &ServingIn::precision, "numeric precision")
      .in("efficiency", &ServingIn::efficiency, "η", between(0, 1, true, false))
      .in("tp", &ServingIn::tp, "tensor-parallel devices", at_least(1))
      .in("decode_hardware", &ServingIn::decode_hardware, "a separate decode device (disaggregated)")
      .in("network_bw", &ServingIn::network_bw, "KV transfer bandwidth", at_least(0, true))
      .in("draft_model", &ServingIn::draft_model, "speculative draft model")
      .in("draft_acceptance_rate", &ServingIn::draft_acceptance_rate, "acceptance α", between(0, 1)).alias("acceptance")
      .in("spec_k", &ServingIn::spec_k, "draft tokens per step K", at_least(1))
      .in("cached_prefix_len", &ServingIn::cached_prefix_len, "prefix-cached tokens C", at_least(0))
      .in("output_len", &ServingIn::output_len, "tokens generated per request N (gives e2e_latency and throughput)", at_least(1))
      .in("prefill_chunk_tokens", &ServingIn::prefill_chunk_tokens,
          "chunked prefill (Sarathi-Serve): at most c prompt tokens per step; TTFT sums the chunks", at_least(1))
      .in("host_step_time", &ServingIn::host_step_time,
          "calibrated (C13): the engine's host work per step that the device waits for (default 0)", at_least(0))
      .in("fidelity", &ServingIn::fidelity, "textbook or calibrated (docs/fidelity.md)", one_of(fidelity::levels()))
      .out("feasible", &ServingOut::feasible, "weights + KV fit")
      .out("ttft", &ServingOut::ttft, "time to first token")
      .out("itl", &ServingOut::itl, "inter-token latency: time per output token")
      .out("kv_cache_size", &ServingOut::kv_cache_size, "KV(S, B, p)")
      .out("model_weights_size", &ServingOut::model_weights_size, "P·b")
      .out("total_memory_required", &ServingOut::total_memory_required, "W + KV (+ draft)")
      .out("memory_per_device", &ServingOut::memory_per_device, "memory / tp")
      .out("memory_utilization", &ServingOut::memory_utilization, "per-device memory / capacity")
      .out("prefill_throughput", &ServingOut::prefill_throughput, "B·S_new/TTFT")
      .out("decode_throughput", &ServingOut::decode_throughput, "B/ITL")
      .out("expected_tokens_per_step", &ServingOut::expected_tokens_per_step, "speculative E")
      .out("prompt_cache_hit_ratio", &ServingOut::prompt_cache_hit_ratio, "C/S")
      .out("kv_transfer_time", &ServingOut::kv_transfer_time, "KV/network_bw when disaggregated")
      .out("reason", &ServingOut::reason, "when it does not fit: the memory check, the least tp and the largest batch that pass")
      .out("prefill_compute_time", &ServingOut::prefill_compute_time, "2·P_act·S_new·B/(tp·F·η)")
      .out("prefill_memory_time", &ServingOut::prefill_memory_time, "(W+KV)/(tp·BW)")
      .out("decode_compute_time", &ServingOut::decode_compute_time, "2·P_act·B/(tp·F·η) per decode step (one token)")
      .out("decode_memory_time", &ServingOut::decode_memory_time, "(W+KV)/(tp·BW) per decode step (one token)")
      .out("e2e_latency", &ServingOut::e2e_latency, "with output_len N: TTFT + (N − 1) ITL (calibrated: ITL as the context grows)")
      .out("throughput", &ServingOut::throughput, "with output_len N: B·N / e2e_latency")
      .out("fidelity", &ServingOut::fidelity, "the fidelity level when not textbook")
      .out("prefill_chunks", &ServingOut::prefill_chunks, "with prefill_chunk_tokens c: ⌈S_new/c⌉")
      .out("prefill_chunk_time", &ServingOut::prefill_chunk_time, "with prefill_chunk_tokens: the longest chunk's step")
      .out("decode_stall_bound", &ServingOut::decode_stall_bound,
           "with prefill_chunk_tokens: the longest a decode step waits behind one chunk (= prefill_chunk_time)")
      .run(&solve_serving);
}
}  // namespace reg

}  // namespace mls
