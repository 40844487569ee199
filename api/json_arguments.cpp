#include "api/json_arguments.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"

#include "api/conversion.hpp"
#include "api/quantity_data.hpp"
#include "mls/error.hpp"
#include "stdlib/registry/kind_registry.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

namespace {
using api::ArgumentError;
using api::EvalResult;
using api::Engine;
using api::Error;
using nlohmann::json;

bool compatible(const Dimension& want, const Dimension& got) {
  if (want == got) return true;
  Dimension r = want / got;
  Dimension per_sample = Dimension::base(BaseDim::Sample, -1), per_request = Dimension::base(BaseDim::Request, -1);
  return r == per_sample || r == per_request || r == per_sample.pow(-1) * per_request ||
         r == per_request.pow(-1) * per_sample;
}

[[noreturn]] void bad(const std::string& what, const std::string& msg, const char* code = "E0505", std::string help = "") {
  throw ArgumentError(code, what + ": " + msg, std::move(help));
}

// The language's diagnostic for a quantity or unit text that does not read, as this argument's.
[[noreturn]] void unreadable(const std::string& what, const std::string& text, const Error& e) {
  const api::Diagnostic& d = e.diagnostic();
  throw ArgumentError(d.code.empty() ? "E0505" : d.code, what + ": cannot read '" + text + "': " + d.message, d.help);
}

// A zoo entry by name; an unknown name gets the script's diagnostic (E0110 with the nearest names).
mls::Value zoo_entry(const std::string& name, const std::string& what, driver::Session& session, const Engine::Impl& engine) {
  auto v = session.zoo_value(name);
  if (v) return *v;
  EvalResult e = engine.evaluate(name);
  if (!e.ok() && !e.diagnostics.empty()) {
    const api::Diagnostic& d = e.diagnostics.front();
    throw ArgumentError(d.code, what + ": no zoo entry named '" + name + "': " + d.message, d.help);
  }
  bad(what, "no zoo entry named '" + name + "'", "E0110");
}

// +∞ is written "inf" or "Infinity" (the spec cases disable a component's failures with an infinite
// MTBF); any other non-finite number, and strtod's "nan"/"1e400", is refused.
bool is_infinity_word(const json& j) {
  return j.is_string() && (j.get<std::string>() == "inf" || j.get<std::string>() == "Infinity");
}

mls::Value from_json(const json& j, const reg::Type& t, const std::string& what, driver::Session& zoo, const Engine::Impl& u);

std::string names_of(const std::vector<const reg::KindDesc*>& ks) {
  std::string all;
  for (auto* k : ks) all += (all.empty() ? "" : ", ") + k->name;
  return all;
}

mls::Value record_from_json(const json& j, const std::string& family, const std::string& what, driver::Session& zoo,
                       const Engine::Impl& u) {
  if (j.is_string()) {
    return zoo_entry(j.get<std::string>(), what, zoo, u);
  }
  if (!j.is_object()) bad(what, "expected a zoo name or an object");
  // Which kind: an explicit "kind"; a site is a datacenter when it names a grid; else the family's first.
  std::string fam = family;
  if (family == "site") fam = j.contains("grid") ? "datacenter" : "grid";
  auto ks = reg::kinds_of_family(fam);
  if (ks.empty()) bad(what, "unknown record family " + fam);
  const reg::KindDesc* k = ks.front();
  if (j.contains("kind")) {
    const json& kj = j["kind"];
    if (!kj.is_string()) bad(what + ".kind", "must be a string naming a kind (" + names_of(ks) + ")", "E0408");
    auto it = std::find_if(ks.begin(), ks.end(), [&](const reg::KindDesc* c) { return c->name == kj.get<std::string>(); });
    if (it == ks.end()) bad(what + ".kind", "'" + kj.get<std::string>() + "' is not a kind of " + fam + " (" + names_of(ks) + ")", "E0408");
    k = *it;
  }
  auto r = std::make_shared<Record>();
  r->kind = k->name;
  for (auto& [key, val] : j.items()) {
    if (key == "kind") continue;
    // The spec's scenario objects name their system with one key: a hardware entry or a fleet.
    if (k->name == "scenario" && key == "system" && val.is_string()) {
      Value sys = zoo_entry(val.get<std::string>(), what + ".system", zoo, u);
      if (!sys.is_record()) bad(what + ".system", "'" + val.get<std::string>() + "' is not a hardware or fleet entry", "E0408");
      r->set(sys.record().kind == "fleet" ? "fleet" : "hardware", sys);
      continue;
    }
    // Keys the kind does not have are skipped: the spec's objects carry some (a scenario's
    // "distributed", a fleet's "node_mtbf_h"). Required fields are checked below.
    const reg::FieldDesc* f = k->field(key);
    if (!f || val.is_null()) continue;
    r->set(f->name, from_json(val, f->type, what + "." + key, zoo, u));
  }
  for (auto& f : k->fields)
    if (f.required && !r->find(f.name))
      bad(what, "a " + k->name + " needs '" + f.name + "' (" + f.doc + ")", "E0411");
  return Value(RecordPtr(std::move(r)));
}

mls::Value quantity_from_json(const json& j, const reg::Type& t, const std::string& what, const Engine::Impl& u) {
  auto dimension_error = [&](const std::string& text, const Dimension& d) {
    bad(what, "'" + text + "' is " + d.base_form() + ", expected " + t.dim.base_form(), "E0407");
  };
  // A quantity string is MLS: the script's rule for an argument, and the script's code (E0401) when
  // it does not fit. A {"value", "unit"} object is the reference cases' notation: its count word may
  // stand for the parameter's count (docs/solvers.md, "Counts in `mls solve`").
  auto string_fits = [&](const std::string& text, const Dimension& d) {
    if (api::argument_fits(t, d)) return;
    std::string name = u.units().dimension_name(d);
    bad(what, "'" + text + "' is " + (name.empty() ? d.base_form() : "a " + name) + ", not " + t.describe() +
                  " (a quantity string is read as in a script)", "E0401",
        "give it in units of " + t.describe() + (t.count_kind() ? ", or a plain number for the count" : ""));
  };
  auto fits = [&](const Dimension& d) { return api::case_unit_fits(t, d); };
  if (j.is_number()) return Value(j.get<double>());  // JSON numbers are finite (1e400 fails to parse)
  if (is_infinity_word(j)) return Value(double(INFINITY));
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (auto n = u.read_number(s)) {  // the common case, in the reader's kept session
      string_fits(s, n->second);
      return Value(n->first);
    }
    EvalResult q = u.evaluate(s);
    if (!q.ok()) unreadable(what, s, Error(q.diagnostics.empty() ? api::diagnostic("E0505", "not a quantity", "") : q.diagnostics.front()));
    if (q.value.kind() != api::Value::Kind::Quantity) bad(what, "'" + s + "' is not a quantity", "E0401");
    const auto& d = q.value.as_quantity().data();
    string_fits(s, d.dim);
    return Value(d.si);
  }
  if (!j.is_object()) bad(what, "expected a number, a quantity string or {\"value\", \"unit\"}");
  for (auto& [key, val] : j.items())
    if (key != "value" && key != "unit") bad(what, "a quantity object has only \"value\" and \"unit\", not \"" + key + "\"");
  if (!j.contains("value")) bad(what, "a quantity object needs a \"value\"");
  const json& jv = j["value"];
  if (!jv.is_number() && !is_infinity_word(jv)) bad(what, "\"value\" must be a number (or \"inf\")");
  double v = jv.is_number() ? jv.get<double>() : INFINITY;
  if (j.contains("unit") && !j["unit"].is_string()) bad(what, "\"unit\" must be a string");
  std::string unit = j.contains("unit") ? j["unit"].get<std::string>() : "1";
  Engine::Impl::Unit uv;
  try {
    uv = u.unit(unit);
  } catch (const Error& e) {
    unreadable(what, unit, e);
  }
  if (!fits(uv.dim)) dimension_error(unit, uv.dim);
  if (std::isfinite(v) && !std::isfinite(v * uv.scale)) bad(what, "the value overflows in base units");
  return Value(v * uv.scale);
}

mls::Value from_json(const json& j, const reg::Type& t, const std::string& what, driver::Session& zoo, const Engine::Impl& u) {
  if (j.is_null()) return Value();
  switch (t.tag) {
    case reg::Tag::Quantity: return quantity_from_json(j, t, what, u);
    case reg::Tag::Bool:
      if (!j.is_boolean()) bad(what, "expected true or false");
      return Value(j.get<bool>());
    case reg::Tag::String:
    case reg::Tag::Enum:
      if (!j.is_string()) bad(what, "expected a string");
      return Value(j.get<std::string>());
    case reg::Tag::Record: return record_from_json(j, t.record, what, zoo, u);
    case reg::Tag::List: {
      if (!j.is_array()) bad(what, "expected a list");
      List l;
      for (auto& e : j) l.push_back(t.elem ? from_json(e, *t.elem, what, zoo, u) : Value());
      return Value(std::move(l));
    }
    case reg::Tag::Any: return Value();
  }
  return Value();
}

}  // namespace

}  // namespace mls

namespace mls::api {

std::vector<mls::Value> args_from_json(const reg::SolverDesc& s, const nlohmann::json& args, driver::Session& zoo,
                                       const Engine::Impl& u) {
  if (!args.is_object()) bad("--args", "must be a JSON object", "E0505");
  std::vector<mls::Value> out;
  for (auto& p : s.params) out.push_back(fidelity::default_argument(p, u.options.fidelity));
  for (auto& [key, val] : args.items()) {
    int i = s.param_index(key);
    if (i < 0) {
      std::string names;
      for (auto& p : s.params) names += (names.empty() ? "" : ", ") + p.name;
      bad(key, "'" + s.id + "' has no parameter '" + key + "' (parameters: " + names + ")", "E0404");
    }
    out[size_t(i)] = from_json(val, s.params[size_t(i)].type, key, zoo, u);
  }
  return out;
}


// The language's rule (compiler/sema/check_call.cpp, Checker::coerce): the same dimension; "per
// request" or "per sample" implied for a per-item length (`seq_len = 512 token`); a plain number for a count.
bool argument_fits(const reg::Type& want, const Dimension& got) {
  if (want.dim == got) return true;
  auto per = [&](BaseDim item) {
    return want.dim[item] == Rational(-1) && want.dim * Dimension::base(item) == got;
  };
  if (!got.dimensionless() && (per(BaseDim::Request) || per(BaseDim::Sample))) return true;
  return got.dimensionless() && want.count_kind();
}

// The reference cases' {"value", "unit"} objects name a count by its item word (MODELS §0.1): a
// token count for a tokens-per-request length, samples for a batch of requests.
bool case_unit_fits(const reg::Type& want, const Dimension& got) {
  return compatible(want.dim, got) || (got.dimensionless() && want.count_kind());
}

}  // namespace mls::api
