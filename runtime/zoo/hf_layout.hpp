// The layout of a decoder language model as a Hugging Face config.json states it, and the parameter
// count that layout implies. Formula (docs/zoo-entries.md, "Importing a Hugging Face config"):
//
//   P = V·H·(tied ? 1 : 2) + H                                 embeddings, output head, final norm
//     + Σ_layers [ attention + n_norm·H + ffn_layer ]
//   attention (GQA)  = 2·H·a·d + 2·H·n_kv·d  (+ a·d + 2·n_kv·d q/k/v biases, + H output bias, + 2·d q/k norms)
//   attention (MLA)  = q path + H·(r_kv + d_rope) + r_kv + r_kv·a·(d_nope + d_v) + a·d_v·H,
//                      q path = H·r_q + r_q + r_q·a·(d_nope + d_rope)  (or H·a·(d_nope + d_rope) without r_q)
//   ffn (dense)      = 3·H·F (gated: gate, up, down)
//   ffn (MoE layer)  = E·3·H·F_e + S·3·H·F_s + H·E (router)   (+ E·(2·F_e + H) expert biases)
//   P_act            = P with E replaced by the routed top-k.
// Norm weights are counted (n_norm = 2, Gemma 4); rotary tables and buffers are not parameters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mls::zoo {

struct HfLayout {
  std::string model_type;     // llama, qwen3_moe, deepseek_v3, ...
  std::string architecture;   // architectures[0], when given
  long long hidden = 0, layers = 0, heads = 0, kv_heads = 0, head_dim = 0, ffn = 0, vocab = 0, context = 0;
  bool tied = false;
  std::string activation;     // swiglu, geglu, gelu, relu
  int norms_per_layer = 2;
  bool qkv_bias = false, o_bias = false, qk_norm = false;
  // MoE (experts == 0: dense)
  long long experts = 0, top_k = 0, expert_ffn = 0, shared_experts = 0, shared_ffn = 0;
  long long dense_layers = 0, dense_ffn = 0, moe_every = 1;
  bool expert_bias = false;
  // MLA (kv_lora_rank == 0: none)
  long long q_lora_rank = 0, kv_lora_rank = 0, qk_nope_dim = 0, qk_rope_dim = 0, v_head_dim = 0;

  bool is_moe_layer(long long layer) const;
  double parameters() const;
  double active_parameters() const;
};

// Why a config cannot be read as a layout: the diagnostic code, what is wrong and how to fix it.
struct HfProblem {
  std::string code, message, help;
};

// The architectures the importer knows (model_type values), for the error that names them.
const std::vector<std::string>& hf_known_types();

// Reads the layout from a parsed config (a nested text_config, as Gemma 3 and Llama 4 have, is used
// for the language model). Returns the problem instead when a required field is missing or malformed.
std::optional<HfLayout> read_hf_layout(const nlohmann::ordered_json& config, HfProblem& problem);

}  // namespace mls::zoo
