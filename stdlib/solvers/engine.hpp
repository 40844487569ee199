// MODELS §4: Engine.solve / SingleNodeModel (Walls 1–2; seed 002 §3.1, Eq. (1)–(4)).
#pragma once

#include "stdlib/kinds/kinds.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <optional>
#include <string>

namespace mls {

struct EngineIn {
  Workload model;
  Hardware hardware;
  q::Samples batch_size = 1.0 * q::sample;              // B ≥ 1
  Precision precision = Precision::fp16;
  double efficiency = 0.5;                              // η ∈ (0, 1]
  bool is_training = false;
  q::TokensPerSample seq_len = 2048.0 * q::token / q::sample;  // training of token workloads only
  std::string recompute = "selective";
  int zero_stage = 0;
  int dp_size = 1;
  std::string optimizer = "adam";
  bool lora = false;
  std::string fidelity = "textbook";                    // docs/fidelity.md: calibrated adds C1-C3
};

struct EngineOut {
  q::Time latency{};                  // T = max(t_c, t_m) + dispatch
  q::Time latency_compute{};          // t_c = ops / (F_p·η)
  q::Time latency_memory{};           // t_m = W / BW
  q::Time latency_overhead{};         // dispatch tax
  q::SampleRate throughput{};         // B / T
  std::string bottleneck;             // "Compute" if t_c ≥ t_m and ops > 0, else "Memory"
  q::Intensity arithmetic_intensity{};  // ops / W
  q::Intensity ridge_point{};           // F_p / BW: the hardware ridge (MODELS §4, Eq. 4)
  q::Intensity effective_ridge{};       // F_p·η / BW: the ridge the bottleneck decision uses (issue 20.1)
  double mfu = 0;                     // model FLOPs / (F_p·T)   (D5)
  double hfu = 0;                     // executed FLOPs / (F_p·T)
  q::Energy energy{};                 // TDP·(0.3 + 0.7·mfu)·T  (seed 003 Wall 18)
  q::Bytes memory_footprint{};        // W (inference) or §3.4 total (training)
  bool feasible = true;               // footprint ≤ capacity
  std::optional<std::string> reason;  // when it does not fit: footprint vs capacity (issue 20.4)
  q::FlopRate peak_flops_actual{};    // F_p·η
  q::Bandwidth peak_bw_actual{};      // BW of the tier used
  std::string memory_tier;            // sram / flash / hbm
  q::Flops model_flops{};             // useful FLOPs of the step
  std::optional<std::string> fidelity;  // the level when not textbook
};

EngineOut solve_engine(const EngineIn& in);

// solve_engine in two parts (issue 24): what does not depend on the batch (the model's lowering, the
// peak, the memory tier, an inference step's footprint), computed once per set of other arguments,
// and the per-batch rest. solve_engine(in) is engine_at_batch(plan_engine(in), in) on a copy of the
// plan's base, so a sweep over the batch (reg::SolverDef::split) runs the same equation.
struct EnginePlan {
  EngineOut base;            // the fields that do not depend on the batch
  q::FlopRate F{};           // F_p at the precision
  Graph g;                   // the model lowered at the precision
  q::Bandwidth BW{};         // bandwidth of the tier used
  q::Time overhead{};        // dispatch (+ launch cost when calibrated)
  bool gemm_eta = false;     // calibrated transformer/MoE: η is the GEMM efficiency of the batch's tokens
  Recompute recompute = Recompute::selective;  // training only
};
EnginePlan plan_engine(const EngineIn& in);
// Writes every field of `o` that depends on in.batch_size; the others are the plan's base.
void engine_at_batch(const EnginePlan& p, const EngineIn& in, EngineOut& o);

}  // namespace mls
