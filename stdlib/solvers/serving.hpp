// MODELS §6: Wall 4 ServingModel (seed Eq. (6)–(7)): TTFT and ITL with tensor parallelism, prefix
// caching, speculative decoding and disaggregated prefill/decode.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>

namespace mls {

struct ServingIn {
  Workload model;
  Hardware hardware;
  q::TokensPerRequest seq_len{};                        // S (prompt)
  q::Requests batch_size = 1.0 * q::request;            // B
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  int tp = 1;
  std::optional<Hardware> decode_hardware;              // disaggregated decode device
  q::Bandwidth network_bw = 100e9 * q::byte / q::seconds;  // KV transfer link (kept from 0.1.1)
  std::optional<Workload> draft_model;                  // speculative decoding
  double draft_acceptance_rate = 0.7;                   // α
  int spec_k = 4;                                       // K draft tokens per step
  q::TokensPerRequest cached_prefix_len{};              // C, 0 ≤ C < S
};

struct ServingOut {
  bool feasible = true;
  q::Time ttft{};                       // time to first token
  q::Time itl{};                        // inter-token latency
  q::Bytes kv_cache_size{};
  q::Bytes model_weights_size{};
  q::Bytes total_memory_required{};
  q::Bytes memory_per_device{};
  double memory_utilization = 0;        // (mem/tp) / capacity of the decode device
  q::TokenRate prefill_throughput{};    // B·S_new / TTFT
  q::TokenRate decode_throughput{};     // B / ITL (one token per request per step)
  q::Tokens expected_tokens_per_step{}; // speculative: (1 − α^(K+1))/(1 − α)
  double prompt_cache_hit_ratio = 0;    // C / S
  q::Time kv_transfer_time{};           // KV / network_bw when disaggregated
  q::Time prefill_compute_time{}, prefill_memory_time{}, decode_compute_time{}, decode_memory_time{};
};

ServingOut solve_serving(const ServingIn& in);

}  // namespace mls
