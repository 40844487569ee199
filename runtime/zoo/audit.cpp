#include "runtime/zoo/audit.hpp"

#include "compiler/units/unit_table.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

namespace mls::zoo {

namespace {
struct Band {
  const char* field;
  double lo, hi;  // SI
  const char* unit;
};

// Physical ranges per hardware tier (SI). Wide on purpose: they catch unit slips (GB for TB, bits for
// bytes, aggregate for per-device), not engineering judgement. Sources: the spread of the seeds' zoo,
// from a 64 MHz micro-controller to an NVL72 rack and a wafer-scale engine.
const std::vector<std::pair<std::string, std::vector<Band>>> kHardwareBands = {
    // cloud capacity from 100 MB: an SRAM-only chip (Groq's 230 MB) is a datacenter part too.
    {"cloud", {{"peak_flops", 1e12, 2e17, "FLOP/s"}, {"bandwidth", 1e11, 1e17, "B/s"}, {"capacity", 1e8, 1e14, "B"}, {"tdp", 10, 2e5, "W"}}},
    {"workstation", {{"peak_flops", 1e11, 1e16, "FLOP/s"}, {"bandwidth", 1e10, 1e13, "B/s"}, {"capacity", 1e9, 1e13, "B"}, {"tdp", 5, 5e3, "W"}}},
    {"edge", {{"peak_flops", 1e9, 1e16, "FLOP/s"}, {"bandwidth", 1e8, 5e12, "B/s"}, {"capacity", 1e6, 1e13, "B"}, {"tdp", 0.5, 2e3, "W"}}},
    {"mobile", {{"peak_flops", 1e10, 1e15, "FLOP/s"}, {"bandwidth", 1e9, 5e11, "B/s"}, {"capacity", 1e8, 1e11, "B"}, {"tdp", 0.5, 50, "W"}}},
    {"tiny", {{"peak_flops", 1e6, 1e12, "FLOP/s"}, {"bandwidth", 1e5, 1e11, "B/s"}, {"capacity", 1e3, 1e9, "B"}, {"tdp", 1e-4, 10, "W"}}},
};

double num_field(const Record& r, const char* f, bool& present) {
  const Value* v = r.find(f);
  present = v && v->is_num();
  return present ? v->num() : 0;
}

std::string sci(double x) { return units::format_number(x, 4); }

std::string str_field(const Record& r, const char* f) {
  const Value* v = r.find(f);
  return v && v->is_str() ? v->str() : "";
}

// Catalogue facts of a device (issue 26): prices, dates, and peaks in the order precisions allow.
void audit_catalogue(const sema::ZooEntry& e, const Record& r, std::vector<Finding>& out) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})"), month(R"((\d{4})-(\d{2})(-\d{2})?)");
  bool p;
  double rent = num_field(r, "rental_price", p) * 3600;  // USD/s -> USD/h
  bool has_rent = p;
  if (has_rent && !(rent > 0)) out.push_back({e.name, "rental_price", "rental price must be positive"});
  if (has_rent && rent > 1000) out.push_back({e.name, "rental_price", "rental price " + sci(rent) + " USD/h per device is implausible (a whole instance?)"});
  double reserved = num_field(r, "reserved_price", p) * 3600;
  if (p && !(reserved > 0)) out.push_back({e.name, "reserved_price", "reserved price must be positive"});
  if (p && has_rent && reserved > rent) out.push_back({e.name, "reserved_price", "reserved price exceeds the on-demand price"});
  if (has_rent && str_field(r, "rental_provider").empty())
    out.push_back({e.name, "rental_provider", "a rental price needs rental_provider (provider, instance, region)"});
  std::string rd = str_field(r, "rental_date");
  if (has_rent && rd.empty()) out.push_back({e.name, "rental_date", "a rental price needs rental_date (YYYY-MM-DD)"});
  else if (!rd.empty() && (!std::regex_match(rd, date) || rd < "2015-01-01" || rd > "2026-12-31"))
    out.push_back({e.name, "rental_date", "rental_date '" + rd + "' is not a plausible YYYY-MM-DD date"});
  std::string ld = str_field(r, "launch_date");
  std::smatch m;
  if (!ld.empty()) {
    if (!std::regex_match(ld, m, month) || std::stoi(m[2]) < 1 || std::stoi(m[2]) > 12 || m[1] < "1990" || m[1] > "2027")
      out.push_back({e.name, "launch_date", "launch_date '" + ld + "' is not a plausible YYYY-MM date"});
    else if (double year = num_field(r, "release_year", p); p && year != 0 && std::fabs(std::stoi(m[1]) - year) > 1)
      out.push_back({e.name, "launch_date", "launch_date " + ld + " disagrees with release_year " + sci(year)});
  }
  double sparse = num_field(r, "sparsity_speedup", p);
  if (p && (sparse < 1 || sparse > 4)) out.push_back({e.name, "sparsity_speedup", "sparsity speed-up " + sci(sparse) + " must lie in [1, 4]"});
  // Narrower formats never run slower on the same tensor units: fp4 >= fp8 >= 16-bit >= tf32 >= fp32.
  const char* order[] = {"fp4", "fp8", "peak_flops", "tf32", "fp32"};
  for (int i = 0; i < 5; ++i) {
    double hi = num_field(r, order[i], p);
    if (!p) continue;
    for (int j = i + 1; j < 5; ++j) {
      double lo = num_field(r, order[j], p);
      if (p && lo > hi * (1 + 1e-9))
        out.push_back({e.name, order[j], std::string(order[j]) + " peak " + sci(lo) + " FLOP/s exceeds the " + order[i] +
                                             " peak " + sci(hi) + " FLOP/s (peaks are dense; a sparse figure?)"});
    }
  }
}

// Layout facts of a language model (issue 26).
void audit_layout(const sema::ZooEntry& e, const Record& r, std::vector<Finding>& out) {
  static const std::vector<std::string> acts = {"swiglu", "geglu", "gelu", "relu", "squared_relu"};
  std::string act = str_field(r, "activation");
  if (!act.empty() && std::find(acts.begin(), acts.end(), act) == acts.end())
    out.push_back({e.name, "activation", "activation '" + act + "' is not one of swiglu, geglu, gelu, relu, squared_relu"});
  bool p, q;
  double layers = num_field(r, "layers", p);
  double dense = num_field(r, "dense_layers", q);
  if (p && q && dense >= layers) out.push_back({e.name, "dense_layers", "dense_layers must be fewer than layers"});
  double experts = num_field(r, "experts", p), shared = num_field(r, "shared_experts", q);
  if (p && q && shared > experts) out.push_back({e.name, "shared_experts", "more shared experts than experts"});
  double top_k = num_field(r, "top_k", q);
  if (p && q && e.kind == "moe" && top_k > experts) out.push_back({e.name, "top_k", "top_k exceeds the number of experts"});
  for (const char* f : {"head_dim", "kv_lora_rank", "q_lora_rank", "rope_head_dim", "dense_ffn_dim"})
    if (num_field(r, f, p) <= 0 && p) out.push_back({e.name, f, std::string(f) + " must be positive"});
  if (num_field(r, "rope_head_dim", p) > 0 && p && !(num_field(r, "kv_lora_rank", q) > 0 && q))
    out.push_back({e.name, "rope_head_dim", "rope_head_dim describes MLA: set kv_lora_rank too"});
}
}  // namespace

std::vector<Finding> audit_entry(const sema::ZooEntry& e, const Record& r) {
  std::vector<Finding> out;
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2})");
  if (!e.prov.present) out.push_back({e.name, "", "no @source provenance"});
  else if (!std::regex_match(e.prov.verified, iso)) out.push_back({e.name, "", "@source has no verified date (YYYY-MM-DD)"});
  else if (e.prov.verified > "2026-12-31") out.push_back({e.name, "", "verified date " + e.prov.verified + " is in the future"});
  for (auto& [name, p] : e.field_prov)
    if (p.present && !p.verified.empty() && !std::regex_match(p.verified, iso))
      out.push_back({e.name, name, "field @source has a malformed verified date"});
  // Every number must be finite, and amounts never negative.
  for (auto& [f, v] : r.fields) {
    if (!v.is_num()) continue;
    if (!std::isfinite(v.num())) out.push_back({e.name, f, "is not finite"});
    else if (v.num() < 0) out.push_back({e.name, f, "is negative (" + sci(v.num()) + ")"});
  }
  bool p;
  if (e.kind == "hardware") {
    const Value* tier = r.find("tier");
    std::string t = tier && tier->is_str() ? tier->str() : "";
    bool known = false;
    for (auto& [tn, bands] : kHardwareBands) {
      if (tn != t) continue;
      known = true;
      for (auto& b : bands) {
        double x = num_field(r, b.field, p);
        if (p && (x < b.lo || x > b.hi))
          out.push_back({e.name, b.field, std::string(b.field) + " " + sci(x) + " " + b.unit + " is outside " + sci(b.lo) +
                                              ".." + sci(b.hi) + " " + b.unit + " for tier " + t});
      }
    }
    if (!known) out.push_back({e.name, "tier", "tier '" + t + "' is not one of cloud, workstation, edge, mobile, tiny"});
    double peak = num_field(r, "peak_flops", p), bw = num_field(r, "bandwidth", p);
    if (p && bw > 0 && peak > 0) {
      double ridge = peak / bw;
      if (ridge < 0.01 || ridge > 1e5)
        out.push_back({e.name, "", "ridge point " + sci(ridge) + " FLOP/B is implausible (expected 0.01..1e5)"});
    }
    double year = num_field(r, "release_year", p);
    if (p && year != 0 && (year < 1990 || year > 2027)) out.push_back({e.name, "release_year", "release year " + sci(year) + " is not plausible"});
    for (const char* f : {"peak_flops", "bandwidth", "capacity", "tdp"})
      if (num_field(r, f, p) <= 0 && p) out.push_back({e.name, f, std::string(f) + " must be positive"});
    audit_catalogue(e, r, out);
  } else if (e.kind == "transformer" || e.kind == "moe" || e.kind == "ssm" || e.kind == "cnn" || e.kind == "diffusion" ||
             e.kind == "vla") {
    double params = num_field(r, "parameters", p);
    if (p && (params < 1e3 || params > 1e14)) out.push_back({e.name, "parameters", "parameter count " + sci(params) + " is implausible"});
    if (e.kind == "transformer" || e.kind == "moe") {
      double heads = num_field(r, "heads", p), kv = num_field(r, "kv_heads", p);
      bool has_kv = p;
      double hidden = num_field(r, "hidden_dim", p);
      if (has_kv && kv > heads) out.push_back({e.name, "kv_heads", "more KV heads than attention heads"});
      if (heads > 0 && hidden > 0 && std::fmod(hidden, heads) != 0)
        out.push_back({e.name, "hidden_dim", "hidden_dim is not a multiple of heads"});
    }
    if (e.kind == "transformer" || e.kind == "moe") audit_layout(e, r, out);
    if (e.kind == "moe") {
      double act = num_field(r, "active_parameters", p);
      if (p && act > params) out.push_back({e.name, "active_parameters", "more active than total parameters"});
    }
  } else if (e.kind == "grid") {
    double ci = num_field(r, "carbon_intensity", p) * 3.6e9;  // kg/J → g/kWh
    if (p && ci > 1500) out.push_back({e.name, "carbon_intensity", "carbon intensity " + sci(ci) + " gCO2e/kWh exceeds coal (~1000)"});
    double pue = num_field(r, "pue", p);
    if (p && (pue < 1 || pue > 3)) out.push_back({e.name, "pue", "PUE " + sci(pue) + " must lie in [1, 3]"});
  } else if (e.kind == "node") {
    // A node's per-accelerator link cannot be faster than the accelerator's own device link.
    const Value* acc = r.find("accelerator");
    double intra = num_field(r, "intra_bw", p);
    if (p && acc && acc->is_record()) {
      bool has_link;
      double link = num_field(acc->record(), "device_link_bw", has_link);
      if (has_link && intra > link * (1 + 1e-9))
        out.push_back({e.name, "intra_bw", "intra_bw " + sci(intra) + " B/s exceeds the accelerator's device_link_bw " + sci(link) + " B/s"});
    }
  } else if (e.kind == "fabric") {
    double bw = num_field(r, "bandwidth", p);
    if (p && (bw < 1e8 || bw > 2e12)) out.push_back({e.name, "bandwidth", "per-port bandwidth " + sci(bw) + " B/s is implausible"});
    double os = num_field(r, "oversubscription", p);
    if (p && os < 1) out.push_back({e.name, "oversubscription", "oversubscription must be >= 1"});
  } else if (e.kind == "platform") {
    // Issue 25: a control loop runs between 1 Hz (a slow planner) and 10 kHz (a current loop).
    double fc = num_field(r, "control_frequency", p);
    if (p && (fc < 1 || fc > 1e4)) out.push_back({e.name, "control_frequency", "control frequency " + sci(fc) + " Hz is implausible"});
  } else if (e.kind == "dataset") {
    double n = num_field(r, "examples", p);
    if (p && !(n >= 1)) out.push_back({e.name, "examples", "a data set needs at least one example"});
  }
  return out;
}

}  // namespace mls::zoo
