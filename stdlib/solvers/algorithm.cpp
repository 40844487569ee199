// MODELS §11: Wall 11 ScalingModel (seed Eq. (14)–(16), Chinchilla), Wall 12 InferenceScalingModel
// (Eq. (17), case S1), Wall 13 CompressionModel (Eq. (18)–(19)).
#include "stdlib/solvers/calibration/fidelity.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/serving.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

namespace {
struct ScalingIn {
  std::optional<q::Flops> compute_budget_flop;
  std::optional<q::Time> gpu_time;
  std::optional<q::Params> target_parameters;
};
struct ScalingOut {
  q::Params optimal_parameters{};
  q::Tokens optimal_tokens{};
  q::Flops compute_budget_flops{};
  q::TokensPerParam tokens_per_parameter{};
};
ScalingOut solve_scaling(const ScalingIn& in) {
  if (bool(in.compute_budget_flop) == bool(in.gpu_time))
    throw SolverError("InvalidInput", "give exactly one of compute_budget_flop and gpu_time");
  // A GPU-time budget is converted at 989 TFLOP/s × 0.4 (kept from 0.1.1).
  const q::Flops C = in.compute_budget_flop ? *in.compute_budget_flop : q::Flops(*in.gpu_time * (989e12 * 0.4 * q::flop / q::seconds));
  if (!(C.value() > 0)) throw SolverError("InvalidInput", "the compute budget must be > 0");
  // Chinchilla: C = 6·P·D with D = 20·P (seed Eq. (14)-(16)); 6 FLOP per parameter per token.
  const auto six = 6.0 * q::flop / (q::param * q::token);
  const auto twenty = 20.0 * q::token / q::param;
  ScalingOut o;
  if (in.target_parameters) {
    o.optimal_parameters = *in.target_parameters;
    o.optimal_tokens = C / (six * *in.target_parameters);
  } else {
    o.optimal_parameters = std::sqrt((C / (six * twenty)).value()) * q::param;
    o.optimal_tokens = twenty * o.optimal_parameters;
  }
  o.compute_budget_flops = C;
  o.tokens_per_parameter = o.optimal_tokens / o.optimal_parameters;
  return o;
}

struct InferenceScalingIn {
  Workload model;
  Hardware hardware;
  int reasoning_steps = 8;
  q::Tokens context_length = 2048.0 * q::token;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  int tp = 1;
  q::Tokens tokens_per_step = 50.0 * q::token;
  std::string fidelity = "textbook";  // the level of its serve() call (docs/fidelity.md)
  q::Time host_step_time{};           // calibrated, C13: passed on to serve()
};
struct InferenceScalingOut {
  q::Time total_reasoning_time{};   // TTFT + K·n·ITL
  q::Time ttft{};
  q::TimePerToken itl{};            // time per output token (MODELS §0.1)
  q::Time time_per_step{};          // n·ITL
  q::Tokens tokens_generated{};     // K·n
  double latency_multiplier_vs_single_step = 1;
  q::Energy energy_per_query{};     // tp·TDP·T (full TDP, kept)
  bool feasible = true;
  std::optional<std::string> reason;  // when it does not fit (issue 20.4)
  std::optional<std::string> fidelity;  // the level when not textbook
};
InferenceScalingOut solve_inference_scaling(const InferenceScalingIn& in) {
  if (in.reasoning_steps < 1) throw SolverError("InvalidInput", "reasoning_steps must be >= 1");
  ServingIn s;
  s.model = in.model;
  s.hardware = in.hardware;
  s.seq_len = in.context_length / (1.0 * q::request);
  s.precision = in.precision;
  s.efficiency = in.efficiency;
  s.tp = in.tp;
  s.fidelity = in.fidelity;
  s.host_step_time = in.host_step_time;
  ServingOut r = solve_serving(s);  // B = 1, S = context (D28 inherits D14)
  InferenceScalingOut o;
  const double K = in.reasoning_steps;
  o.ttft = r.ttft;
  o.itl = r.itl;
  o.time_per_step = in.tokens_per_step * r.itl;  // n tokens at ITL each
  o.total_reasoning_time = r.ttft + K * o.time_per_step;  // seed Eq. (17)
  o.tokens_generated = K * in.tokens_per_step;
  o.latency_multiplier_vs_single_step = (o.total_reasoning_time / (r.ttft + o.time_per_step)).value();
  o.energy_per_query = double(in.tp) * in.hardware.tdp * o.total_reasoning_time;
  o.feasible = r.feasible;
  o.reason = r.reason;  // serve's: the memory check, the least tp and the largest batch that pass
  o.fidelity = r.fidelity;
  return o;
}

struct CompressionIn {
  Workload model;
  Hardware hardware;
  std::string method = "quantization";
  q::Bytes target_bitwidth = 1.0 * q::byte;   // 8 bit
  q::Bytes base_bitwidth = 2.0 * q::byte;     // 16 bit (D19)
  std::optional<Precision> baseline_precision;  // names the baseline instead (issue 25): fp16 → INT4 is 4×
  double sparsity = 0;
  std::string sparsity_type = "unstructured";
  q::Samples batch_size = 1.0 * q::sample;
  double efficiency = 0.5;
};
struct CompressionOut {
  q::Bytes original_size{}, compressed_size{};
  double compression_ratio = 1, estimated_accuracy_delta = 0, memory_savings = 0, inference_speedup = 1;
  std::string baseline_precision;  // the precision the ratio and the speed-up are measured against
};
CompressionOut solve_compression(const CompressionIn& in) {
  double b0 = in.base_bitwidth.value() * 8;  // bits
  const double bt = in.target_bitwidth.value() * 8;
  Precision p0;
  if (in.baseline_precision) {
    // A named baseline fixes both the width b_0 and the peak the baseline runs at (§2).
    p0 = *in.baseline_precision;
    const double named = bytes_per(p0).value() * 8;
    if (b0 != 16 && b0 != named)
      throw SolverError("InvalidInput", "base_bitwidth " + std::to_string(int(b0)) + " bit contradicts baseline_precision " +
                                            precision_names()[size_t(p0)] + " (" + std::to_string(int(named)) +
                                            " bit): give one of the two");
    b0 = named;
  } else if (b0 == 32) p0 = Precision::fp32;
  else if (b0 == 16) p0 = Precision::fp16;
  else if (b0 == 8) p0 = Precision::int8;
  else throw SolverError("InvalidInput", "base_bitwidth must be 32, 16 or 8 bit");
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  const q::FlopRate F = peak_for(in.hardware, p0);  // the base precision needs a peak (§2)
  const Graph g = lower(in.model, p0);
  const q::Time t_c = in.batch_size.value() * g.ops / (F * in.efficiency);
  const q::Time t_m = g.weight_bytes / in.hardware.bandwidth;
  CompressionOut o;
  o.baseline_precision = precision_names()[size_t(p0)];
  o.original_size = params_of(in.model).value() * (b0 / 8) * q::byte;  // P·b_0/8
  double r = 1;
  if (in.method == "quantization") {
    if (!(bt > 0) || bt > b0) throw SolverError("InvalidInput", "target_bitwidth must be in (0, base_bitwidth] (no upcasting)");
    r = b0 / bt;
    o.estimated_accuracy_delta = bt >= 16 ? 0 : bt >= 8 ? -0.002 : bt >= 4 ? -0.025 : -0.05;
    // Quantization cuts bytes, not FLOPs: ≈ r when memory-bound, 1 when compute-bound [J10].
    o.inference_speedup = std::max(t_c, t_m) / std::max(t_c, t_m / r);
  } else if (in.method == "pruning") {
    const double s = in.sparsity;
    if (!(s >= 0 && s < 1)) throw SolverError("InvalidInput", "sparsity must lie in [0, 1)");
    r = 1 / (1 - s);
    o.estimated_accuracy_delta = s == 0 ? 0 : s <= 0.5 ? -0.001 : -0.01 * std::exp(2 * s);
    if (in.sparsity_type == "structured") o.inference_speedup = r;
    else if (in.sparsity_type == "n_m") o.inference_speedup = std::fabs(s - 0.5) < 0.05 ? 2 : 1;
    else if (in.sparsity_type == "unstructured") o.inference_speedup = 1;
    else throw SolverError("InvalidInput", "sparsity_type must be unstructured, structured or n_m");
  } else if (in.method == "distillation") {
    r = 1;
  } else {
    throw SolverError("InvalidInput", "method must be quantization, pruning or distillation");
  }
  o.compression_ratio = r;
  o.compressed_size = o.original_size / r;
  o.memory_savings = 1 - 1 / r;
  return o;
}
}  // namespace

namespace reg {
void register_algorithm() {
  SolverDef<ScalingIn, ScalingOut>("scaling", "scaling", "MODELS §11 (Wall 11), seed Eq. (14)-(16)",
                                   "compute-optimal model size and tokens (Chinchilla)")
      .in("compute_budget_flop", &ScalingIn::compute_budget_flop, "training budget C").alias("budget")
      .in("gpu_time", &ScalingIn::gpu_time, "budget in accelerator-time (at 989 TFLOP/s × 0.4)")
      .in("target_parameters", &ScalingIn::target_parameters, "a fixed model size")
      .out("optimal_parameters", &ScalingOut::optimal_parameters, "P* = sqrt(C/120)")
      .out("optimal_tokens", &ScalingOut::optimal_tokens, "D* = 20·P*")
      .out("compute_budget_flops", &ScalingOut::compute_budget_flops, "C")
      .out("tokens_per_parameter", &ScalingOut::tokens_per_parameter, "D/P")
      .run(&solve_scaling);
  SolverDef<InferenceScalingIn, InferenceScalingOut>("inference_scaling", "inference_scaling",
                                                     "MODELS §11 (Wall 12), seed Eq. (17)",
                                                     "cost of chain-of-thought reasoning: K steps of n tokens")
      .in("model", &InferenceScalingIn::model, "the model", Req)
      .in("hardware", &InferenceScalingIn::hardware, "the device", Req)
      .in("reasoning_steps", &InferenceScalingIn::reasoning_steps, "K", at_least(1))
      .in("context_length", &InferenceScalingIn::context_length, "prompt context", at_least(1))
      .in("precision", &InferenceScalingIn::precision, "numeric precision")
      .in("efficiency", &InferenceScalingIn::efficiency, "η", between(0, 1, true, false))
      .in("tp", &InferenceScalingIn::tp, "tensor-parallel devices", at_least(1))
      .in("tokens_per_step", &InferenceScalingIn::tokens_per_step, "tokens per reasoning step n", at_least(0))
      .in("fidelity", &InferenceScalingIn::fidelity, "textbook or calibrated, for its serve() call (docs/fidelity.md)",
          one_of(fidelity::levels()))
      .in("host_step_time", &InferenceScalingIn::host_step_time,
          "calibrated (C13): the engine's host work per step, passed on to serve() (default 0)", at_least(0))
      .out("total_reasoning_time", &InferenceScalingOut::total_reasoning_time, "TTFT + K·n·ITL")
      .out("ttft", &InferenceScalingOut::ttft, "serving TTFT")
      .out("itl", &InferenceScalingOut::itl, "serving ITL (time per output token)")
      .out("time_per_step", &InferenceScalingOut::time_per_step, "n·ITL")
      .out("tokens_generated", &InferenceScalingOut::tokens_generated, "K·n")
      .out("latency_multiplier_vs_single_step", &InferenceScalingOut::latency_multiplier_vs_single_step, "T/(TTFT + n·ITL)")
      .out("energy_per_query", &InferenceScalingOut::energy_per_query, "tp·TDP·T")
      .out("feasible", &InferenceScalingOut::feasible, "serving feasibility")
      .out("reason", &InferenceScalingOut::reason, "when it does not fit: serve's reason")
      .out("fidelity", &InferenceScalingOut::fidelity, "the fidelity level when not textbook")
      .run(&solve_inference_scaling);
  SolverDef<CompressionIn, CompressionOut>("compression", "compression", "MODELS §11 (Wall 13), seed Eq. (18)-(19)",
                                           "quantization, pruning or distillation: size, accuracy, speed-up")
      .in("model", &CompressionIn::model, "the model", Req)
      .in("hardware", &CompressionIn::hardware, "the device", Req)
      .in("method", &CompressionIn::method, "quantization, pruning or distillation", one_of({"quantization", "pruning", "distillation"}))
      .in("target_bitwidth", &CompressionIn::target_bitwidth, "target bits per weight", at_least(0, true))
      .in("base_bitwidth", &CompressionIn::base_bitwidth, "baseline bits (32, 16 or 8)")
      .in("baseline_precision", &CompressionIn::baseline_precision, "the baseline's precision (sets b_0 and its peak; issue 25)")
      .in("sparsity", &CompressionIn::sparsity, "pruned fraction s")
      .in("sparsity_type", &CompressionIn::sparsity_type, "unstructured, structured or n_m", one_of({"unstructured", "structured", "n_m"}))
      .in("batch_size", &CompressionIn::batch_size, "batch B", at_least(1)).alias("batch")
      .in("efficiency", &CompressionIn::efficiency, "η", between(0, 1, true, false))
      .out("original_size", &CompressionOut::original_size, "P·b_0")
      .out("compressed_size", &CompressionOut::compressed_size, "original/r")
      .out("compression_ratio", &CompressionOut::compression_ratio, "r")
      .out("estimated_accuracy_delta", &CompressionOut::estimated_accuracy_delta, "heuristic Δacc")
      .out("memory_savings", &CompressionOut::memory_savings, "1 − 1/r")
      .out("inference_speedup", &CompressionOut::inference_speedup, "roofline speed-up")
      .out("baseline_precision", &CompressionOut::baseline_precision, "precision p_0 of the baseline")
      .run(&solve_compression);
}
}  // namespace reg

}  // namespace mls
