#include "runtime/zoo/hf_layout.hpp"

#include <algorithm>

namespace mls::zoo {

namespace {
using json = nlohmann::ordered_json;

// Families and what sets them apart (attention biases, q/k norms, norms per layer, MoE keys).
struct Family {
  const char* type;
  bool qkv_bias, o_bias, qk_norm;
  int norms;
  bool tied_default;
};
const Family kFamilies[] = {
    {"llama", false, false, false, 2, false},       {"mistral", false, false, false, 2, false},
    {"mixtral", false, false, false, 2, false},     {"qwen2", true, false, false, 2, false},
    {"qwen2_moe", true, false, false, 2, false},    {"qwen3", false, false, true, 2, false},
    {"qwen3_moe", false, false, true, 2, false},    {"gemma", false, false, false, 2, true},
    {"gemma2", false, false, false, 4, true},       {"gemma3", false, false, true, 4, true},
    {"gemma3_text", false, false, true, 4, true},   {"phi3", false, false, false, 2, false},
    {"deepseek_v2", false, false, false, 2, false}, {"deepseek_v3", false, false, false, 2, false},
    {"llama4", false, false, false, 2, false},      {"llama4_text", false, false, false, 2, false},
    {"gpt_oss", true, true, false, 2, false},
};

const Family* family(const std::string& t) {
  for (auto& f : kFamilies)
    if (t == f.type) return &f;
  return nullptr;
}

// A whole, positive number under `key` (absent: nullopt; present but not a positive integer: error).
std::optional<long long> count(const json& c, const char* key, HfProblem& p, bool& bad) {
  auto it = c.find(key);
  if (it == c.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<long long>() <= 0) {
    p = {"E0702", std::string("`") + key + "` must be a positive whole number, not " + it->dump(),
         std::string("write the value from the model's published config.json, e.g. \"") + key + "\": 4096"};
    bad = true;
    return std::nullopt;
  }
  return it->get<long long>();
}

std::string activation_of(const std::string& hidden_act, const std::string& type) {
  if (type == "gpt_oss") return "swiglu";
  if (hidden_act == "silu" || hidden_act == "swish") return "swiglu";
  if (hidden_act.rfind("gelu", 0) == 0) return type.rfind("gemma", 0) == 0 ? "geglu" : "gelu";
  if (hidden_act == "relu") return "relu";
  return "";
}
}  // namespace

const std::vector<std::string>& hf_known_types() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> out;
    for (auto& f : kFamilies) out.push_back(f.type);
    return out;
  }();
  return v;
}

bool HfLayout::is_moe_layer(long long layer) const {
  if (experts == 0 || layer < dense_layers) return false;
  return moe_every <= 1 || (layer + 1) % moe_every == 0;
}

namespace {
double attention(const HfLayout& l) {
  double H = double(l.hidden), a = double(l.heads);
  if (l.kv_lora_rank > 0) {
    double qk = double(l.qk_nope_dim + l.qk_rope_dim);
    double q = l.q_lora_rank > 0 ? H * l.q_lora_rank + l.q_lora_rank + double(l.q_lora_rank) * a * qk : H * a * qk;
    return q + H * double(l.kv_lora_rank + l.qk_rope_dim) + double(l.kv_lora_rank) +
           double(l.kv_lora_rank) * a * double(l.qk_nope_dim + l.v_head_dim) + a * double(l.v_head_dim) * H;
  }
  double d = double(l.head_dim), kv = double(l.kv_heads);
  double p = 2 * H * a * d + 2 * H * kv * d;
  if (l.qkv_bias) p += a * d + 2 * kv * d;
  if (l.o_bias) p += H;
  if (l.qk_norm) p += 2 * d;
  return p;
}

double gated_ffn(double H, double F) { return 3 * H * F; }

double count_params(const HfLayout& l, bool active) {
  double H = double(l.hidden);
  double total = double(l.vocab) * H * (l.tied ? 1 : 2) + H;
  for (long long i = 0; i < l.layers; ++i) {
    double layer = attention(l) + l.norms_per_layer * H;
    if (l.is_moe_layer(i)) {
      double routed = double(active ? l.top_k : l.experts);
      layer += routed * gated_ffn(H, double(l.expert_ffn)) + double(l.shared_experts) * gated_ffn(H, double(l.shared_ffn)) +
               H * double(l.experts);
      if (l.expert_bias) layer += routed * double(2 * l.expert_ffn + l.hidden) + double(l.experts);
    } else {
      layer += gated_ffn(H, double(l.experts > 0 && l.dense_ffn > 0 ? l.dense_ffn : l.ffn));
    }
    total += layer;
  }
  return total;
}
}  // namespace

double HfLayout::parameters() const { return count_params(*this, false); }
double HfLayout::active_parameters() const { return count_params(*this, true); }

std::optional<HfLayout> read_hf_layout(const json& top, HfProblem& p) {
  if (!top.is_object()) {
    p = {"E0701", "a Hugging Face config is a JSON object, not " + std::string(top.type_name()),
         "pass the model's config.json (the file beside its weights)"};
    return std::nullopt;
  }
  HfLayout l;
  auto str = [](const json& c, const char* k) {
    auto it = c.find(k);
    return it != c.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  l.model_type = str(top, "model_type");
  if (auto it = top.find("architectures"); it != top.end() && it->is_array() && !it->empty() && (*it)[0].is_string())
    l.architecture = (*it)[0].get<std::string>();
  // Multimodal configs (Gemma 3, Llama 4) keep the language model under text_config.
  const json* c = &top;
  if (auto it = top.find("text_config"); it != top.end() && it->is_object()) {
    c = &*it;
    if (std::string t = str(*c, "model_type"); !t.empty()) l.model_type = t;
  }
  if (l.model_type.empty()) {
    p = {"E0703", "the config has no `model_type`, so its architecture is unknown",
         "add \"model_type\" (one of the architectures `mls zoo import hf` knows, e.g. \"llama\")"};
    return std::nullopt;
  }
  const Family* fam = family(l.model_type);
  if (!fam) {
    std::string known;
    for (auto& t : hf_known_types()) known += (known.empty() ? "" : ", ") + t;
    p = {"E0703", "architecture `" + l.model_type + "` is not one the importer knows", "known: " + known +
                                                                                        "; for another architecture write the entry by hand (docs/zoo-entries.md)"};
    return std::nullopt;
  }
  bool bad = false;
  std::vector<std::string> missing;
  auto need = [&](const char* key) -> long long {
    auto v = count(*c, key, p, bad);
    if (!v && !bad) missing.push_back(key);
    return v.value_or(0);
  };
  auto opt = [&](const char* key, long long dflt) { return count(*c, key, p, bad).value_or(dflt); };
  l.hidden = need("hidden_size");
  l.layers = need("num_hidden_layers");
  l.heads = need("num_attention_heads");
  l.vocab = need("vocab_size");
  if (bad) return std::nullopt;
  l.kv_heads = opt("num_key_value_heads", l.heads);
  l.head_dim = opt("head_dim", l.heads > 0 ? l.hidden / l.heads : 0);
  l.context = opt("max_position_embeddings", 0);
  l.norms_per_layer = fam->norms;
  l.qkv_bias = fam->qkv_bias;
  l.o_bias = fam->o_bias;
  l.qk_norm = fam->qk_norm;
  if (auto it = c->find("attention_bias"); it != c->end() && it->is_boolean()) l.qkv_bias = it->get<bool>() || l.qkv_bias;
  l.tied = fam->tied_default;
  for (const json* src : {&top, c})
    if (auto it = src->find("tie_word_embeddings"); it != src->end() && it->is_boolean()) l.tied = it->get<bool>();
  std::string act = str(*c, "hidden_act");
  if (act.empty()) act = str(*c, "hidden_activation");
  l.activation = activation_of(act, l.model_type);
  const std::string& t = l.model_type;
  if (t == "mixtral" || t == "gpt_oss" || t == "llama4" || t == "llama4_text") {
    l.experts = need("num_local_experts");
    l.top_k = t == "gpt_oss" && !c->contains("num_experts_per_tok") ? need("experts_per_token") : need("num_experts_per_tok");
    l.expert_ffn = need("intermediate_size");
    if (t == "gpt_oss") l.expert_bias = true;
    if (t == "llama4" || t == "llama4_text") {
      l.shared_experts = 1;
      l.shared_ffn = l.expert_ffn;
      l.moe_every = opt("interleave_moe_layer_step", 1);
      l.dense_ffn = opt("intermediate_size_mlp", l.expert_ffn);
    }
  } else if (t == "qwen2_moe" || t == "qwen3_moe") {
    l.experts = need("num_experts");
    l.top_k = need("num_experts_per_tok");
    l.expert_ffn = need("moe_intermediate_size");
    l.moe_every = opt("decoder_sparse_step", 1);
    l.dense_ffn = opt("intermediate_size", 0);
    if (long long s = opt("shared_expert_intermediate_size", 0); s > 0) {
      l.shared_experts = 1;
      l.shared_ffn = s;
    }
  } else if (t == "deepseek_v2" || t == "deepseek_v3") {
    l.experts = need("n_routed_experts");
    l.top_k = need("num_experts_per_tok");
    l.expert_ffn = need("moe_intermediate_size");
    l.shared_experts = opt("n_shared_experts", 0);
    l.shared_ffn = l.expert_ffn;
    l.dense_layers = opt("first_k_dense_replace", 0);
    l.moe_every = opt("moe_layer_freq", 1);
    l.dense_ffn = need("intermediate_size");
    l.kv_lora_rank = need("kv_lora_rank");
    l.q_lora_rank = opt("q_lora_rank", 0);
    l.qk_nope_dim = need("qk_nope_head_dim");
    l.qk_rope_dim = need("qk_rope_head_dim");
    l.v_head_dim = need("v_head_dim");
  } else {
    l.ffn = need("intermediate_size");
  }
  if (bad) return std::nullopt;
  if (!missing.empty()) {
    std::string m;
    for (auto& k : missing) m += (m.empty() ? "`" : ", `") + k + "`";
    p = {"E0702", "the " + t + " config lacks " + m,
         "copy the missing field" + std::string(missing.size() > 1 ? "s" : "") + " from the model's published config.json"};
    return std::nullopt;
  }
  if (l.kv_heads > l.heads || l.heads % l.kv_heads != 0) {
    p = {"E0702", "`num_key_value_heads` " + std::to_string(l.kv_heads) + " does not divide `num_attention_heads` " +
                      std::to_string(l.heads),
         "grouped-query attention shares each KV head among heads / kv_heads query heads: check both values"};
    return std::nullopt;
  }
  if (l.experts > 0 && l.top_k > l.experts) {
    p = {"E0702", "routes " + std::to_string(l.top_k) + " experts per token out of " + std::to_string(l.experts),
         "`num_experts_per_tok` cannot exceed the number of experts: check both values"};
    return std::nullopt;
  }
  return l;
}

}  // namespace mls::zoo
