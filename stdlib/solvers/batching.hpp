// MODELS §5, §7, §8: Wall 3 EfficiencyModel, Wall 5 ContinuousBatchingModel (seed Eq. (8)), Wall 6
// WeightStreamingModel (seed Eq. (9)).
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>
#include <string>

namespace mls {

struct EfficiencyIn {
  Hardware hardware;
  std::string workload_type = "ffn";     // ffn, attention, conv, other
  bool use_flash_attention = false;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;               // η
};
struct EfficiencyOut {
  double mfu = 0;                        // η_eff
  q::FlopRate achievable_flops{};        // F_p·η_eff
  q::FlopRate peak_flops{};              // F_p
  double occupancy_loss = 0;             // 1 − min(1.1·η, 1)
  double memory_stall = 0;               // max(0, 1 − η_eff − occupancy_loss)
};
EfficiencyOut solve_efficiency(const EfficiencyIn& in);

struct ContinuousBatchingIn {
  Workload model;
  Hardware hardware;
  q::TokensPerRequest seq_len{};         // S
  q::Requests max_batch_size = 1.0 * q::request;  // n_max
  q::Tokens page_size = 16.0 * q::token; // p_s
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  int tp = 1;
  std::optional<q::TokensPerRequest> output_len;  // N: tokens generated per request (mean); textbook: S + N is the context
  double length_cv = 0;                  // calibrated: coefficient of variation of N (0 fixed, 1 exponential)
  // Request lengths min(Exponential, S_max) with this mean (request_lengths.hpp): both or neither.
  std::optional<q::TokensPerRequest> mean_request_tokens;
  std::optional<q::TokensPerRequest> max_seq_len;
  q::Time host_step_time{};              // calibrated, C13: the engine's host work per step the device waits for
  std::string fidelity = "textbook";     // docs/fidelity.md: calibrated adds C1–C8
};
struct ContinuousBatchingOut {
  bool feasible = false;                 // n > 0
  std::optional<std::string> reason;     // when n = 0: why, and the smallest change (issue 20.4)
  q::Requests max_active_requests{};     // n
  q::TokenRate throughput_tokens_per_sec{};  // n / ITL(n)
  q::TimePerToken itl{};                 // ITL(n), time per output token; +inf when n = 0
  q::Time ttft{};                        // prefill of n_max requests
  q::Bytes paged_kv_cache_size{};        // n·kv_seq
  q::Bytes kv_bytes_per_request{};       // KV(S_pad, 1)
  double memory_fragmentation = 0;       // (S_pad − S)/S_pad
  double speedup_vs_static = 1;          // vs a 50 %-fragmented static batch
  q::Requests static_batch{};            // n_s = max(1, floor(0.5·n))
  std::optional<q::TokensPerRequest> mean_context;  // calibrated with output_len: S + N(1 + cv²)/2
  std::optional<std::string> fidelity;   // the level when not textbook
  // With mean_request_tokens and max_seq_len (request_lengths.hpp): the capped exponential's scale μ, the
  // expected KV tokens per request and internal fragmentation of a paged and of a static allocator, and how
  // many requests each fits in the free memory.
  std::optional<q::TokensPerRequest> length_scale;
  std::optional<q::TokensPerRequest> paged_kv_tokens;
  std::optional<double> paged_fragmentation;
  std::optional<q::TokensPerRequest> static_kv_tokens;
  std::optional<double> static_fragmentation;
  std::optional<q::Requests> paged_capacity;
  std::optional<q::Requests> static_capacity;
};
ContinuousBatchingOut solve_continuous_batching(const ContinuousBatchingIn& in);

struct WeightStreamingIn {
  Workload model;
  Hardware hardware;
  q::TokensPerRequest seq_len{};
  q::Requests batch_size = 1.0 * q::request;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  std::string phase = "decode";          // decode or prefill
};
struct WeightStreamingOut {
  bool feasible = true;                  // 1.1·KV ≤ on-wafer capacity
  std::optional<std::string> reason;     // when the KV cache does not fit: the largest batch that does (issue 20.4)
  q::Bytes sram_required{};
  double wafer_memory_utilization = 0;
  q::Time layer_injection_time{};        // W_ℓ / BW_inj
  q::Time layer_compute_time{};          // 2·P_ℓ,act·B·(S|1)/(F_p·η)
  q::Time layer_time{};
  q::Time step_time{};                   // L·T_layer
  std::string bottleneck;                // Compute or Injection
  q::TokenRate throughput_tokens_per_sec{};
  q::Requests optimal_batch_size{};      // B* = b·F_p·η·(P_ℓ/P_ℓ,act)/(2·BW_inj)
  q::TokenRate throughput_at_optimal_batch{};  // B*/(L·t_inj)
};
WeightStreamingOut solve_weight_streaming(const WeightStreamingIn& in);

}  // namespace mls
