// Chunked prefill (issue 25 item 3; Agrawal et al., "Taming Throughput-Latency Tradeoff in LLM Inference with
// Sarathi-Serve", OSDI 2024, §4.2; MLSYSIM's `prefill_chunk_tokens` of ServingModel). A prompt of S_new new
// tokens is split into n = ⌈S_new / c⌉ chunks of at most c tokens, each one forward step that can share its
// step with running decodes. Chunk k (k = 1 … n) processes c_k = min(c, S_new − (k − 1)·c) tokens after
// C + (k − 1)·c cached ones:
//   T_chunk,k = roofline step of c_k tokens at that context (textbook: MODELS §6's prefill equation on the
//               chunk; calibrated: the C7 forward step)
//   TTFT      = Σ_k T_chunk,k            (each chunk pays the weight read and the dispatch again)
//   prefill_chunk_time = max_k T_chunk,k = decode_stall_bound (the longest a decode step waits behind a chunk)
// Without chunking (c ≥ S_new) n = 1 and the chunk is the unchunked prefill.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <functional>

namespace mls {

struct PrefillChunkTime {
  q::Time compute{}, memory{}, total{};
};
// The time of one chunk of `tokens` new tokens after `context` tokens already in the KV cache.
using PrefillChunkStep = std::function<PrefillChunkTime(double tokens, double context)>;

struct ChunkedPrefill {
  double chunks = 0;
  q::Time compute{}, memory{}, total{}, longest{};  // compute/memory/total summed over chunks; the longest chunk
};

// S_new new tokens after C cached ones, in chunks of c tokens (InvalidInput when c < 1 or there would be more
// than a million chunks).
ChunkedPrefill chunked_prefill(double S_new, double C, double c, const PrefillChunkStep& step);

}  // namespace mls
