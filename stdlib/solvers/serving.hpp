// MODELS §6: Wall 4 ServingModel (seed Eq. (6)–(7)): TTFT and ITL with tensor parallelism, prefix
// caching, speculative decoding and disaggregated prefill/decode.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>
#include <string>

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
  std::optional<q::TokensPerRequest> output_len;        // tokens generated per request: e2e latency, throughput
  std::optional<q::TokensPerRequest> prefill_chunk_tokens;  // chunked prefill (Sarathi-Serve): tokens per chunk c
  q::Time host_step_time{};                             // C13: the engine's host work per step the GPU waits for
  std::string fidelity = "textbook";                    // docs/fidelity.md: calibrated adds C1–C7
};

struct ServingOut {
  bool feasible = true;
  q::Time ttft{};                       // time to first token
  q::TimePerToken itl{};                // inter-token latency: time per output token of each sequence
  q::Bytes kv_cache_size{};
  q::Bytes model_weights_size{};
  q::Bytes total_memory_required{};
  q::Bytes memory_per_device{};
  double memory_utilization = 0;        // (mem/tp) / capacity of the decode device
  q::TokenRate prefill_throughput{};    // B·S_new / TTFT
  q::TokenRate decode_throughput{};     // B / ITL (B sequences, each one token per ITL)
  q::Tokens expected_tokens_per_step{}; // speculative: (1 − α^(K+1))/(1 − α)
  double prompt_cache_hit_ratio = 0;    // C / S
  q::Time kv_transfer_time{};           // KV / network_bw when disaggregated
  q::Time prefill_compute_time{}, prefill_memory_time{};
  q::TimePerToken decode_compute_time{}, decode_memory_time{};  // the two roofs of one decode step
  std::optional<std::string> reason;    // when it does not fit: the memory check that failed, the least tp and
                                        // the largest batch that pass (issue 20.4)
  std::optional<q::Time> e2e_latency;   // with output_len N: TTFT + the N − 1 decode steps after it
  std::optional<q::TokenRate> throughput;  // with output_len: B·N / e2e_latency
  std::optional<std::string> fidelity;  // the level when not textbook (calibrated)
  // Chunked prefill (with prefill_chunk_tokens c): ⌈S_new/c⌉ chunks, the longest chunk's time, and the bound
  // it puts on a decode step that waits behind one chunk.
  std::optional<double> prefill_chunks;
  std::optional<q::Time> prefill_chunk_time;
  std::optional<q::Time> decode_stall_bound;
};

// One decode step of `model` on `dev` (MODELS §6, Eq. 7 with |W| = W + KV, through the roofline max), for B
// sequences on tp devices. A step makes one token per sequence (MODELS §0.1), so its times are per output token.
struct DecodeStep {
  q::TimePerToken compute, memory, itl;
};
DecodeStep decode_step(const Workload& model, const Hardware& dev, q::Bytes W, q::Bytes KV, double B, Precision p,
                       double eta, int tp);

ServingOut solve_serving(const ServingIn& in);

}  // namespace mls
