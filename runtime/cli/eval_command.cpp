#include "runtime/cli/eval_command.hpp"

#include "mls/exit_codes.hpp"
#include "runtime/reference/nearest_name.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

namespace mls::cli {

namespace {

// The settings of `mls eval MODEL HARDWARE`, with the solver parameter each one sets. tp splits the
// serving estimate over tensor-parallel devices; the roofline is of one device.
struct Setting {
  const char* name;
  const char* roofline;  // parameter of roofline(), or nullptr
  const char* serve;     // parameter of serve(), or nullptr
  const char* fallback;  // the value used when the setting is not given
};
const Setting kSettings[] = {
    {"batch", "batch_size", "batch_size", "1"},
    {"precision", "precision", "precision", "fp16"},
    {"efficiency", "efficiency", "efficiency", "0.5"},
    {"prompt", nullptr, "seq_len", "2048"},
    {"tp", nullptr, "tp", "1"},
};
// Other spellings people type (MLSYSIM's --batch-size, seq_len for the prompt).
const std::map<std::string, std::string> kSettingAliases = {
    {"batch_size", "batch"}, {"seq", "prompt"}, {"seq_len", "prompt"}, {"eta", "efficiency"}};
// The workload kinds serve() accepts (language models); the others get memory and roofline only.
const std::set<std::string> kLanguageModelKinds = {"transformer", "moe"};
const std::set<std::string> kWorkloadKinds = {"transformer", "moe", "cnn", "ssm", "diffusion", "generic", "vla"};

// A command-line mistake: code, message and the one fix, as text or JSON like every diagnostic.
int usage_error(const api::RenderOptions& ro, std::ostream& err, const std::string& code, const std::string& message,
                const std::string& help) {
  api::Diagnostic d;
  d.code = code;
  d.message = message;
  d.help = help;
  if (ro.diagnostics_json) err << api::to_json({d}) << "\n";
  else err << "error[" << code << "]: " << message << "\n  = help: " << help << "\n";
  return api::kUsage;
}

std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates) {
  std::string near = nearest_name(name, candidates);
  return near.empty() ? "" : "did you mean `" + near + "`? ";
}

int list_scenarios(const api::Engine& engine, const std::vector<api::ZooEntryInfo>& zoo, std::ostream& out) {
  out << "Scenarios (`mls eval NAME [batch=N precision=P efficiency=E seq_len=S]`; or `mls eval MODEL HARDWARE`):\n";
  for (auto& e : zoo) {
    if (e.kind != "scenario") continue;
    const api::Value entry = engine.zoo(e.name);
    const api::Record& s = entry.as_record();
    auto entry_name = [&](const char* field) -> std::string {
      const api::Value* v = s.find(field);
      if (!v || v->kind() != api::Value::Kind::Record) return "";
      const api::Value* n = v->as_record().find("name");
      return n && n->kind() == api::Value::Kind::String ? n->as_string() : "";
    };
    std::string system = entry_name("hardware");
    if (system.empty()) system = entry_name("fleet");
    const api::Value* sla = s.find("sla");
    out << "  " << e.name << std::string(e.name.size() < 26 ? 26 - e.name.size() : 1, ' ') << entry_name("workload")
        << " on " << system << (sla && sla->kind() == api::Value::Kind::Quantity ? ", SLA " + sla->as_quantity().str() : "")
        << "\n";
  }
  return api::kOk;
}

// The script `mls eval MODEL HARDWARE` runs: the roofline of one step and, for a language model, serve()
// (prompt = its seq_len), summarised in a few fields each.
std::string model_script(const std::string& model, const std::string& hardware, bool language_model,
                         const std::map<std::string, std::string>& given) {
  auto value = [&](const Setting& s) {
    auto it = given.find(s.name);
    return it != given.end() ? it->second : std::string(s.fallback);
  };
  std::string roofline_args, serve_args;
  for (const Setting& s : kSettings) {
    if (s.roofline && given.count(s.name)) roofline_args += ", " + std::string(s.roofline) + " = " + value(s);
    if (s.serve) serve_args += ", " + std::string(s.serve) + " = " + value(s);
  }
  std::string headline = model + " on " + hardware + ": batch " + value(kSettings[0]) + ", " + value(kSettings[1]) +
                         ", efficiency " + value(kSettings[2]);
  if (language_model) headline += ", prompt " + value(kSettings[3]) + " tokens, tp " + value(kSettings[4]);
  if (language_model && given.count("tp")) headline += " (tp splits serving; memory and roofline are of one device)";
  std::string s = "print \"" + headline + "\"\n";
  s += "device_step = roofline(" + model + ", " + hardware + roofline_args + ")\n";
  if (language_model) s += "served = serve(" + model + ", " + hardware + serve_args + ")\n";
  s += "print { memory = { fits = device_step.feasible, needed = device_step.memory_footprint, capacity = " + hardware +
       ".capacity, tier = device_step.memory_tier },\n"
       "        roofline = { latency = device_step.latency, throughput = device_step.throughput,\n"
       "                     bottleneck = device_step.bottleneck, arithmetic_intensity = device_step.arithmetic_intensity,\n"
       "                     ridge_point = device_step.ridge_point, mfu = device_step.mfu, energy = device_step.energy }";
  if (language_model)
    s += ",\n        serving = { fits = served.feasible, ttft = served.ttft, itl = served.itl,\n"
         "                    decode_throughput = served.decode_throughput, prefill_throughput = served.prefill_throughput,\n"
         "                    kv_cache = served.kv_cache_size, memory_per_device = served.memory_per_device }";
  s += " }\n";
  // When the model does not fit, the roofline's reason says by how much and what to change.
  s += "for r in [device_step] where has(reason) { print r.reason }\n";
  return s;
}

}  // namespace

int eval_command(const api::Engine& engine, const std::vector<std::string>& args, const api::RenderOptions& ro,
                 std::ostream& out, std::ostream& err) {
  std::vector<std::string> names;
  std::vector<std::pair<std::string, std::string>> settings;
  for (auto& a : args) {
    auto eq = a.find('=');
    if (eq == std::string::npos) names.push_back(a);
    else settings.emplace_back(a.substr(0, eq), a.substr(eq + 1));
  }
  const std::vector<api::ZooEntryInfo> zoo = engine.zoo_entries();
  auto of_kinds = [&](const std::set<std::string>& kinds) {
    std::vector<std::string> v;
    for (auto& e : zoo)
      if (kinds.count(e.kind)) v.push_back(e.name);
    return v;
  };
  auto kind_of = [&](const std::string& name) -> std::string {
    for (auto& e : zoo)
      if (e.name == name) return e.kind;
    return "";
  };
  const std::vector<std::string> scenarios = of_kinds({"scenario"}), models = of_kinds(kWorkloadKinds),
                                 hardware = of_kinds({"hardware"});
  if (names.empty() && settings.empty()) return list_scenarios(engine, zoo, out);
  if (names.empty() || names.size() > 2)
    return usage_error(ro, err, "E0403", "`mls eval` takes a scenario, or a model and a hardware, then k=v settings",
                       "`mls eval ChatbotServing` or `mls eval Llama3_8B H100 batch=8`; `mls eval` lists the scenarios");
  auto call_args = [&] {
    std::string s;
    for (auto& [k, v] : settings) s += ", " + k + " = " + v;
    return s;
  };
  if (names.size() == 1) {
    const std::string& name = names[0];
    const std::string kind = kind_of(name);
    if (kind == "scenario")
      return engine.run_to("<eval>", "print evaluate(" + name + call_args() + ")\n", ro, out, err);
    if (kWorkloadKinds.count(kind))
      return usage_error(ro, err, "E0405", "`" + name + "` is a model: `mls eval MODEL HARDWARE` needs the device too",
                         "name one: `mls eval " + name + " H100` (`mls zoo` lists the hardware)");
    std::vector<std::string> either = scenarios;
    either.insert(either.end(), models.begin(), models.end());
    return usage_error(ro, err, "E0110", "no scenario or model named `" + name + "`",
                       did_you_mean(name, either) + "`mls eval` lists the scenarios, `mls zoo` the models");
  }
  const std::string &model = names[0], &device = names[1];
  const std::string model_kind = kind_of(model), device_kind = kind_of(device);
  if (!kWorkloadKinds.count(model_kind))
    return usage_error(ro, err, model_kind.empty() ? "E0110" : "E0401",
                       model_kind.empty() ? "no model named `" + model + "`"
                                          : "`" + model + "` is a " + model_kind + ", not a model",
                       did_you_mean(model, models) + "`mls zoo` lists the models (`mls eval MODEL HARDWARE`)");
  if (device_kind != "hardware")
    return usage_error(ro, err, device_kind.empty() ? "E0110" : "E0401",
                       device_kind.empty() ? "no hardware named `" + device + "`"
                                           : "`" + device + "` is a " + device_kind + ", not a hardware device",
                       did_you_mean(device, hardware) + "`mls zoo` lists the hardware (`mls eval MODEL HARDWARE`)");
  std::map<std::string, std::string> given;
  std::vector<std::string> known;
  for (const Setting& s : kSettings) known.push_back(s.name);
  for (auto& [k, v] : settings) {
    std::string key = kSettingAliases.count(k) ? kSettingAliases.at(k) : k;
    if (std::find(known.begin(), known.end(), key) == known.end())
      return usage_error(ro, err, "E0404", "`mls eval MODEL HARDWARE` has no setting `" + k + "`",
                         did_you_mean(k, known) + "the settings are batch, precision, efficiency, prompt and tp");
    if (v.empty())
      return usage_error(ro, err, "E0404", "setting `" + k + "` has no value", "write `" + key + "=VALUE`, e.g. `batch=8`");
    given[key] = v;
  }
  return engine.run_to("<eval>", model_script(model, device, kLanguageModelKinds.count(model_kind) > 0, given), ro,
                       out, err);
}

}  // namespace mls::cli
