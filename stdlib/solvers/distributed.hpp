// MODELS §12: the DistributedModel's inputs and outputs, shared by the textbook solver (distributed.cpp)
// and the calibrated fidelity level's training model (training_calibrated.cpp, docs/fidelity.md).
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>
#include <string>

namespace mls {

struct DistIn {
  Workload model;
  Fleet fleet;
  q::Samples batch_size{};
  q::TokensPerSample seq_len = 2048.0 * q::token / q::sample;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  int tp = 1, pp = 1, ep = 1, v_stages = 1;
  std::optional<double> microbatch_count;  // default B/dp: micro-batch = 1 sequence [J4]
  int zero_stage = 0;
  std::string recompute = "selective";
  std::string optimizer = "adam";
  bool lora = false;
  double overlap_efficiency = 0.85;        // seed Wall 14 default (D13)
  double congestion_factor = 1;
  double straggler_factor = 1;
  // Issue 25.2 (MLSYSIM head's moe_routing_imbalance_factor): ι, the busiest expert-parallel rank's routed
  // tokens ÷ the mean (≥ 1; the moe_routing solver's `imbalance`). The all-to-all waits for that rank, so
  // its volume scales by ι at both levels; 1 leaves the textbook results unchanged.
  double moe_routing_imbalance = 1;
  // Issue 22. Defaults leave the textbook level unchanged. cp shards the sequence at both levels (its
  // ring-attention exchange is calibrated only); sequence_parallel changes the calibrated memory and is
  // what the textbook activation memory already assumes.
  std::string fidelity = "textbook";
  int cp = 1;                              // context-parallel degree (ring attention)
  bool sequence_parallel = false;          // Korthikanti et al. 2023 sequence parallelism
  std::optional<q::Tokens> training_tokens;  // whole-run tokens, for run_time and gpu_hours
  double run_overhead = 0;                 // extra GPU time the user counts (restarts, context extension), fraction
  double goodput = 1;                      // T10b: share of the run's wall-clock time that trains (restarts, stalls)
  std::string cp_method = "ring";          // T6/T6b: ring attention (overlapped) or all-gather of K, V (exposed)
  bool flash_attention = false;            // T2c: fused causal attention kernel (calibrated level; off = T2b operators)
  std::string pipeline_layout = "even";    // T5b: layers split evenly, output layer on the last stage; or "balanced"
};

struct DistOut {
  double dp = 1, microbatch_count = 1;
  q::Samples microbatch_size{};
  q::Tokens tokens_per_replica{};
  q::Time node_latency{}, node_latency_compute{}, node_latency_memory{};
  std::string node_bottleneck;
  q::Bytes memory_per_device{}, memory_weights{}, memory_gradients{}, memory_optimizer{}, memory_activations{};
  bool feasible = true;
  std::optional<std::string> reason;  // when memory does not fit: its parts and the smallest change (issue 20.4)
  double dp_local_group = 1;
  q::Time dp_communication_latency{}, dp_communication_exposed{}, tp_communication_latency{}, ep_communication_latency{};
  q::Time communication_latency{};
  double bubble_fraction = 0;
  q::Time pipeline_bubble_latency{};
  q::Time step_latency_total{};
  double scaling_efficiency = 1, mfu = 0, hfu = 0;
  q::SampleRate effective_throughput{};
  q::TokenRate token_throughput{};
  // Calibrated level only (0 at textbook).
  double compute_efficiency = 0;           // η(GEMM shape) used for the compute time
  q::Time p2p_communication_latency{}, cp_communication_latency{};
  q::Time elementwise_latency{};           // memory-bound non-GEMM work of the step (norms, softmax, GeLU, dropout)
  q::Time optimizer_latency{};             // memory-bound optimizer step over the device's parameters and states
  q::Time attention_latency{};             // T2c: fused attention kernel time of the step (in the compute time)
  q::Time edge_stage_latency{};            // T5b: the last stage's output layer beyond its even share (in the compute time)
  // T11: the layer GEMMs' tile × wave quantization factor, and what it rests on or why the device does not get it
  // (absent at textbook: textbook output is unchanged).
  std::optional<double> gemm_quantization;
  std::optional<std::string> gemm_quantization_basis;
  std::optional<q::Time> run_time, gpu_hours;
};

// Validated decomposition (MODELS §12.3, D8; cp joins the product): devices, dp, sequences per
// replica, micro-batches. Throws SolverError (InvalidParallelism/InvalidInput).
struct Decomposition {
  double N, dp, B_dp, m;
};
Decomposition check_decomposition(const DistIn& in);

// The calibrated level's training step (issue 22; docs/fidelity.md "Training"). Fills the same outputs.
DistOut solve_distributed_calibrated(const DistIn& in);
// Whole-run time and GPU-hours from a step's token throughput (both levels; empty without training_tokens).
void fill_run_totals(const DistIn& in, DistOut& o);

}  // namespace mls
