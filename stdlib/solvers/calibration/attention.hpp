// Attention-score FLOPs and the FlashAttention memory term (docs/fidelity.md, equations C4 and C5).
//
// C4. Per layer, QKᵀ and the product with V each cost 2·H FLOP per (query, key) pair (Narayanan et al.,
// "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM", SC'21, §5.1:
// 4·B·s²·h per layer forward without a mask). With a causal mask a kernel that skips masked blocks
// (FlashAttention-2, Dao 2023, §3.1) visits, for S_new new tokens after C cached ones,
// S_new·C + S_new²/2 pairs:
//   F_attn = 4 · L · B · H · (S_new·C + S_new²/2)
// Decode (S_new = 1 at context C) gives 4·L·B·H·(C + 1/2).
//
// C5. FlashAttention never writes the S×S score matrix to memory (Dao et al., "FlashAttention: Fast and
// Memory-Efficient Exact Attention with IO-Awareness", NeurIPS 2022, §3.2): its traffic is reading Q,
// K, V and writing O. K and V are the KV cache, which the step already reads; what attention adds is
// Q and O, per layer
//   M_attn = 2 · L · T · H · b      (T = tokens of the step)
// (the lower bound of its IO; the K/V re-reads across query blocks mostly hit the L2 cache).
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

q::Flops attention_flops(const Workload& w, double new_tokens, double cached_tokens, double batch);
q::Bytes attention_bytes(const Workload& w, double tokens, Precision p);

}  // namespace mls::calibration
