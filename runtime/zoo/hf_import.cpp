#include "runtime/zoo/hf_import.hpp"

#include "compiler/source/visible_text.hpp"
#include "runtime/driver/exit_codes.hpp"
#include "runtime/driver/pipeline.hpp"
#include "runtime/zoo/hf_layout.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace mls::zoo {

namespace {
using json = nlohmann::ordered_json;

int problem(std::ostream& err, const std::string& path, const HfProblem& p, int rc = driver::kCompileError) {
  err << "error[" << p.code << "]: " << visible_text(p.message, Layout::Inline) << "\n  ┌─ "
      << visible_text(path, Layout::Inline) << "\n  │\n  = help: " << visible_text(p.help, Layout::Inline) << "\n";
  return rc;
}

// The entry's verification date: today, or SOURCE_DATE_EPOCH's day (reproducible output, the tests).
std::string today() {
  std::time_t t = std::time(nullptr);
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) t = std::time_t(std::strtoll(e, nullptr, 10));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A zoo name from NAME or the config's _name_or_path: letters, digits and _, not starting with a digit.
std::string identifier(std::string s) {
  if (auto slash = s.find_last_of('/'); slash != std::string::npos) s = s.substr(slash + 1);
  std::string out;
  for (char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "M_" + out;
  return out;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (static_cast<unsigned char>(ch) >= 0x20) out += ch;
  }
  return out + "\"";
}

std::string sci(double x) {
  std::ostringstream o;
  o << std::setprecision(6) << x;
  return o.str();
}

std::string entry_text(const HfLayout& l, const std::string& id, const std::string& title, const std::string& path) {
  const bool moe = l.experts > 0;
  std::ostringstream o;
  auto line = [&](const std::string& key, const std::string& value, const std::string& comment = "") {
    o << "  " << key << std::string(key.size() < 17 ? 17 - key.size() : 1, ' ') << "= " << value;
    if (!comment.empty()) o << "  # " << comment;
    o << "\n";
  };
  double P = l.parameters(), Pa = l.active_parameters();
  o << "# Imported by `mls zoo import hf` from " << std::filesystem::path(path).filename().string()
    << ": check the totals against the model card before relying on them.\n";
  o << (moe ? "moe " : "transformer ") << id << " {\n";
  o << "  @source(" << quoted("imported from Hugging Face config.json (" + l.model_type +
                               (l.architecture.empty() ? "" : ", " + l.architecture) + "): " +
                               std::filesystem::path(path).filename().string())
    << ", verified = " << quoted(today()) << ") @assumed\n";
  line("name", quoted(title));
  line("parameters", sci(P) + " param", "counted from the layout (docs/zoo-entries.md)");
  if (moe) line("active_parameters", sci(Pa) + " param", "the same count with top_k of the routed experts");
  line("inference_flops", sci(2 * (moe ? Pa : P)) + " FLOP", moe ? "2 * active_parameters" : "2 * parameters");
  if (moe) {
    line("experts", std::to_string(l.experts));
    line("top_k", std::to_string(l.top_k));
    line("shared_experts", std::to_string(l.shared_experts));
    long long dense = 0;
    for (long long i = 0; i < l.layers; ++i) dense += l.is_moe_layer(i) ? 0 : 1;
    if (dense > 0) {
      line("dense_layers", std::to_string(dense));
      if (l.dense_ffn > 0) line("dense_ffn_dim", std::to_string(l.dense_ffn));
    }
  }
  line("layers", std::to_string(l.layers));
  line("hidden_dim", std::to_string(l.hidden));
  line("heads", std::to_string(l.heads));
  line("kv_heads", std::to_string(l.kv_lora_rank > 0 ? l.heads : l.kv_heads));
  if (l.kv_lora_rank > 0) {
    line("kv_lora_rank", std::to_string(l.kv_lora_rank), "multi-head latent attention");
    if (l.q_lora_rank > 0) line("q_lora_rank", std::to_string(l.q_lora_rank));
    line("rope_head_dim", std::to_string(l.qk_rope_dim));
  } else if (l.heads > 0 && l.head_dim != l.hidden / l.heads) {
    line("head_dim", std::to_string(l.head_dim), "not hidden_dim / heads");
  }
  line("ffn_dim", std::to_string(moe ? l.expert_ffn : l.ffn), moe ? "per expert" : "");
  line("vocab", std::to_string(l.vocab));
  if (l.context > 0) line("context", std::to_string(l.context) + " token");
  line("tied_embeddings", l.tied ? "true" : "false");
  if (!l.activation.empty()) line("activation", quoted(l.activation));
  o << "}\n";
  return o.str();
}
}  // namespace

int import_hf(const std::string& path, const std::string& name, std::ostream& out, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return problem(err, path, {"E0701", "cannot read the config file", "give the path of a config.json on disk (the importer never downloads)"}, driver::kUsage);
  json config;
  try {
    config = json::parse(in);
  } catch (const json::parse_error& e) {
    return problem(err, path, {"E0701", std::string("not valid JSON: ") + e.what(), "pass the model's config.json unchanged"});
  }
  HfProblem p;
  auto layout = read_hf_layout(config, p);
  if (!layout) return problem(err, path, p);
  std::string title = !name.empty() ? name : config.value("_name_or_path", std::string());
  if (title.empty()) title = layout->model_type + " (" + sci(std::round(layout->parameters() / 1e8) / 10) + "B)";
  driver::Session session;
  std::string id = identifier(title);
  // A name derived from the config must not hide a built-in entry (Llama3_8B is the zoo's); --name is
  // the user's choice and is checked as given.
  if (name.empty())
    for (auto& e : session.zoo_entries())
      if (e.name == id) id += "_hf";
  std::string text = entry_text(*layout, id, title, path);
  // The entry is compiled before it is printed: what the user keeps is dimension-checked.
  std::ostringstream quiet, diags;
  driver::Options o;
  if (int rc = session.run("<imported entry>", text, o, quiet, diags); rc != driver::kOk) {
    err << diags.str();
    return problem(err, path, {"E0704", "the imported entry does not check (see above)",
                               "rename it with --name if the name is taken; otherwise report the config"});
  }
  out << text;
  return driver::kOk;
}

}  // namespace mls::zoo
