// The formula library (seed 002 §4.1: "20+ canonical equations, individually callable"): every
// closed form the solvers use, as an MLS function with a dimension signature.
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

namespace mls::reg {

namespace {
struct LowerIn {
  Workload model;
  Precision precision = Precision::fp16;
};
struct KvIn {
  Workload model;
  q::Tokens S = 2048.0 * q::token;
  q::Samples B = 1.0 * q::sample;
  Precision precision = Precision::fp16;
};
struct ActIn {
  Workload model;
  q::Tokens S = 2048.0 * q::token;
  q::Samples b_micro = 1.0 * q::sample;
  Precision precision = Precision::fp16;
  std::string recompute = "selective";
  int tp = 1, pp = 1;
  double in_flight = 1;
};
struct TrainMemIn {
  Workload model;
  Precision precision = Precision::fp16;
  q::Tokens S = 2048.0 * q::token;
  q::Samples b_micro = 1.0 * q::sample;
  std::string recompute = "selective";
  int tp = 1, pp = 1, ep = 1, dp = 1, zero_stage = 0;
  std::string optimizer = "adam";
  bool lora = false;
  double in_flight = 1;
};
struct RidgeIn {
  q::FlopRate peak{};
  q::Bandwidth bandwidth{};
};
struct AiIn {
  q::Flops ops{};
  q::Bytes bytes{};
};
struct TrainFlopsIn {
  Workload model;
  q::Samples batch = 1.0 * q::sample;
  q::TokensPerSample seq_len = 2048.0 * q::token / q::sample;
};
struct InfFlopsIn {
  Workload model;
  q::Samples batch = 1.0 * q::sample;
};
struct EffIn {
  q::FlopRate peak{};
  double efficiency = 0.5;
};
struct AmdahlIn {
  double parallel_fraction = 0;
  double workers = 1;
};
struct LittleIn {
  q::RequestRate arrival_rate{};
  q::Time latency{};
};
}  // namespace

void register_formulas() {
  SolverDef<LowerIn, Graph>("lower", "lower", "MODELS §3.1", "a workload's FLOPs, weight bytes and arithmetic intensity per sample")
      .in("model", &LowerIn::model, "the workload", Req)
      .in("precision", &LowerIn::precision, "numeric precision")
      .out("ops", &Graph::ops, "forward FLOP per sample (per token for token workloads)")
      .out("weight_bytes", &Graph::weight_bytes, "W = P·b")
      .out("parameters", &Graph::parameters, "P")
      .out("arithmetic_intensity", &Graph::arithmetic_intensity, "ops / W")
      .run([](const LowerIn& i) { return lower(i.model, i.precision); });
  SolverDef<KvIn, q::Bytes>("kv_cache_bytes", "kv_cache_bytes", "MODELS §3.2, seed 002 §3.2",
                            "KV cache: 2·L·n_kv·d_head·S·B·b")
      .in("model", &KvIn::model, "transformer or MoE", Req)
      .in("S", &KvIn::S, "sequence length", at_least(0)).alias("seq_len")
      .in("B", &KvIn::B, "sequences", at_least(0)).alias("batch")
      .in("precision", &KvIn::precision, "numeric precision")
      .run([](const KvIn& i) { return kv_cache(i.model, i.S.value(), i.B.value(), i.precision); });
  SolverDef<ActIn, q::Bytes>("activation_bytes", "activation_bytes", "MODELS §3.3 (Korthikanti et al. 2022)",
                             "resident activation memory of a transformer")
      .in("model", &ActIn::model, "the workload", Req)
      .in("S", &ActIn::S, "sequence length", at_least(0)).alias("seq_len")
      .in("b_micro", &ActIn::b_micro, "micro-batch (sequences)", at_least(0))
      .in("precision", &ActIn::precision, "numeric precision")
      .in("recompute", &ActIn::recompute, "none, selective or full", one_of({"none", "selective", "full"}))
      .in("tp", &ActIn::tp, "tensor-parallel degree", at_least(1))
      .in("pp", &ActIn::pp, "pipeline-parallel degree", at_least(1))
      .in("in_flight", &ActIn::in_flight, "micro-batches in flight", at_least(0))
      .run([](const ActIn& i) {
        return activation_memory(i.model, i.S.value(), i.b_micro.value(), i.precision, parse_recompute(i.recompute), i.tp,
                                 i.pp, i.in_flight);
      });
  SolverDef<TrainMemIn, TrainingMemory>("training_memory", "training_memory", "MODELS §3.4",
                                        "per-device training memory: weights, gradients, optimizer, activations")
      .in("model", &TrainMemIn::model, "the workload", Req)
      .in("precision", &TrainMemIn::precision, "numeric precision")
      .in("S", &TrainMemIn::S, "sequence length", at_least(0)).alias("seq_len")
      .in("b_micro", &TrainMemIn::b_micro, "micro-batch (sequences)", at_least(0))
      .in("recompute", &TrainMemIn::recompute, "none, selective or full", one_of({"none", "selective", "full"}))
      .in("tp", &TrainMemIn::tp, "tensor-parallel degree", at_least(1))
      .in("pp", &TrainMemIn::pp, "pipeline-parallel degree", at_least(1))
      .in("ep", &TrainMemIn::ep, "expert-parallel degree", at_least(1))
      .in("dp", &TrainMemIn::dp, "data-parallel degree (ZeRO)", at_least(1))
      .in("zero_stage", &TrainMemIn::zero_stage, "ZeRO stage 0-3")
      .in("optimizer", &TrainMemIn::optimizer, "adam or sgd", one_of({"adam", "sgd"}))
      .in("lora", &TrainMemIn::lora, "LoRA (rank 16)")
      .in("in_flight", &TrainMemIn::in_flight, "micro-batches in flight", at_least(0))
      .out("weights", &TrainingMemory::weights, "P·b/k")
      .out("gradients", &TrainingMemory::gradients, "f·P·b/k")
      .out("optimizer", &TrainingMemory::optimizer, "f·P·s_opt/k")
      .out("activations", &TrainingMemory::activations, "§3.3")
      .out("total", &TrainingMemory::total, "sum")
      .run([](const TrainMemIn& i) {
        return training_memory(i.model, i.precision, i.S.value(), i.b_micro.value(), parse_recompute(i.recompute), i.tp,
                               i.pp, i.ep, i.dp, i.zero_stage, i.optimizer, i.lora, i.in_flight);
      });
  SolverDef<RidgeIn, q::Intensity>("ridge_point", "ridge_point", "seed 002 §2.2", "the roofline ridge: peak / bandwidth")
      .in("peak", &RidgeIn::peak, "peak compute", Req)
      .in("bandwidth", &RidgeIn::bandwidth, "memory bandwidth", Req)
      .run([](const RidgeIn& i) { return q::Intensity(i.peak / i.bandwidth); });
  SolverDef<AiIn, q::Intensity>("arithmetic_intensity", "arithmetic_intensity", "seed 002 Eq. (4)", "FLOPs per byte moved")
      .in("ops", &AiIn::ops, "work", Req)
      .in("bytes", &AiIn::bytes, "traffic", Req)
      .run([](const AiIn& i) { return i.bytes.value() > 0 ? q::Intensity(i.ops / i.bytes) : q::Intensity{}; });
  SolverDef<TrainFlopsIn, q::Flops>("training_flops", "training_flops", "MODELS §3.5, seed Eq. (14)",
                                    "model FLOPs of one training step: 6·P_act·B·S")
      .in("model", &TrainFlopsIn::model, "the workload", Req)
      .in("batch", &TrainFlopsIn::batch, "batch (samples)", at_least(0))
      .in("seq_len", &TrainFlopsIn::seq_len, "tokens per sample", at_least(0))
      .run([](const TrainFlopsIn& i) { return training_model_flops(i.model, i.batch.value(), i.seq_len.value()); });
  SolverDef<InfFlopsIn, q::Flops>("inference_flops", "inference_flops", "MODELS §3.1",
                                  "forward FLOPs of a batch (per token for token workloads)")
      .in("model", &InfFlopsIn::model, "the workload", Req)
      .in("batch", &InfFlopsIn::batch, "batch (samples)", at_least(0))
      .run([](const InfFlopsIn& i) { return q::Flops(i.batch.value() * lower(i.model, Precision::fp16).ops); });
  SolverDef<EffIn, q::FlopRate>("effective_flops", "effective_flops", "seed 002 Eq. (5)", "achievable compute: peak·η")
      .in("peak", &EffIn::peak, "peak compute", Req)
      .in("efficiency", &EffIn::efficiency, "η", between(0, 1, true, false))
      .run([](const EffIn& i) { return q::FlopRate(i.efficiency * i.peak); });
  SolverDef<AmdahlIn, double>("amdahl_speedup", "amdahl_speedup", "Amdahl 1967",
                              "speed-up of n workers: 1 / ((1 - p) + p / n)")
      .in("parallel_fraction", &AmdahlIn::parallel_fraction, "parallel fraction p", between(0, 1))
      .in("workers", &AmdahlIn::workers, "workers n", at_least(1))
      .run([](const AmdahlIn& i) { return 1.0 / ((1 - i.parallel_fraction) + i.parallel_fraction / i.workers); });
  SolverDef<LittleIn, q::Requests>("littles_law", "littles_law", "Little 1961", "requests in the system: L = λ·W")
      .in("arrival_rate", &LittleIn::arrival_rate, "arrival rate λ", Req)
      .in("latency", &LittleIn::latency, "time in system W", Req)
      .run([](const LittleIn& i) { return q::Requests(i.arrival_rate * i.latency); });
}

}  // namespace mls::reg
