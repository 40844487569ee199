#include "runtime/solve/solve_command.hpp"

#include "compiler/diag/diagnostic.hpp"
#include "runtime/driver/exit_codes.hpp"
#include "runtime/format/value_json.hpp"
#include "runtime/solve/unit_string.hpp"
#include "stdlib/registry/kind_registry.hpp"

#include <ostream>

namespace mls {

namespace {
using nlohmann::json;

// The machine interface reads counts leniently, as the spec cases write them: a token count for a
// tokens-per-request length, samples for requests (MODELS §0.1 uses both for S and B).
bool compatible(const Dimension& want, const Dimension& got) {
  if (want == got) return true;
  Dimension r = want / got;
  Dimension per_sample = Dimension::base(BaseDim::Sample, -1), per_request = Dimension::base(BaseDim::Request, -1);
  return r == per_sample || r == per_request || r == per_sample.pow(-1) * per_request ||
         r == per_request.pow(-1) * per_sample;
}

[[noreturn]] void bad(const std::string& what, const std::string& msg) {
  throw SolverError("InvalidInput", what + ": " + msg);
}

Value from_json(const json& j, const reg::Type& t, const std::string& what, const ZooLookup& zoo, const units::UnitTable& u);

Value record_from_json(const json& j, const std::string& family, const std::string& what, const ZooLookup& zoo,
                       const units::UnitTable& u) {
  if (j.is_string()) {
    auto v = zoo(j.get<std::string>());
    if (!v) bad(what, "no zoo entry named '" + j.get<std::string>() + "'");
    return *v;
  }
  if (!j.is_object()) bad(what, "expected a zoo name or an object");
  // Which kind: an explicit "kind"; a site is a datacenter when it names a grid; else the family's first.
  std::string kind;
  if (j.contains("kind") && j["kind"].is_string()) kind = j["kind"].get<std::string>();
  std::string fam = family;
  if (family == "site") fam = j.contains("grid") ? "datacenter" : "grid";
  const reg::KindDesc* k = kind.empty() ? nullptr : reg::find_kind(kind);
  if (!k) {
    auto ks = reg::kinds_of_family(fam);
    if (ks.empty()) bad(what, "unknown record family " + fam);
    k = ks.front();
  }
  auto r = std::make_shared<Record>();
  r->kind = k->name;
  for (auto& [key, val] : j.items()) {
    // The spec's scenario objects name their system with one key: a hardware entry or a fleet.
    if (k->name == "scenario" && key == "system" && val.is_string()) {
      auto sys = zoo(val.get<std::string>());
      if (!sys || !sys->is_record()) bad(what + ".system", "no zoo entry named '" + val.get<std::string>() + "'");
      r->set(sys->record().kind == "fleet" ? "fleet" : "hardware", *sys);
      continue;
    }
    const reg::FieldDesc* f = k->field(key);
    if (!f || val.is_null()) continue;
    r->set(f->name, from_json(val, f->type, what + "." + key, zoo, u));
  }
  return Value(RecordPtr(std::move(r)));
}

Value from_json(const json& j, const reg::Type& t, const std::string& what, const ZooLookup& zoo, const units::UnitTable& u) {
  if (j.is_null()) return Value();
  switch (t.tag) {
    case reg::Tag::Quantity: {
      if (j.is_number()) return Value(j.get<double>());
      if (j.is_object() && j.contains("value")) {
        double v = j["value"].is_number() ? j["value"].get<double>() : 0;
        if (j["value"].is_string()) {
          std::string s = j["value"].get<std::string>();
          if (s == "inf" || s == "Infinity") v = INFINITY;
          else bad(what, "value must be a number");
        }
        std::string unit = j.contains("unit") && j["unit"].is_string() ? j["unit"].get<std::string>() : "1";
        auto uv = parse_unit_string(unit, u);
        if (!uv) bad(what, "unknown unit '" + unit + "'");
        if (!compatible(t.dim, uv->dim) && !(uv->dim.dimensionless() && t.count_kind()))
          bad(what, "unit '" + unit + "' is " + uv->dim.base_form() + ", expected " + t.dim.base_form());
        return Value(v * uv->scale);
      }
      if (j.is_string()) {
        std::string s = j.get<std::string>();
        if (s == "inf" || s == "Infinity") return Value(double(INFINITY));
        auto q = parse_quantity_string(s, u);
        if (!q) bad(what, "cannot read '" + s + "' as a quantity");
        if (!compatible(t.dim, q->dim) && !(q->dim.dimensionless() && t.count_kind()))
          bad(what, "'" + s + "' is " + q->dim.base_form() + ", expected " + t.dim.base_form());
        return Value(q->scale);
      }
      if (j.is_boolean()) bad(what, "expected a number");
      bad(what, "expected a number");
    }
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

std::vector<Value> args_from_json(const reg::SolverDesc& s, const json& args, const ZooLookup& zoo, const units::UnitTable& u) {
  if (!args.is_object()) bad("--args", "must be a JSON object");
  std::vector<Value> out;
  for (auto& p : s.params) out.push_back(p.required ? Value() : p.def);
  for (auto& [key, val] : args.items()) {
    int i = s.param_index(key);
    if (i < 0) {
      std::string names;
      for (auto& p : s.params) names += (names.empty() ? "" : ", ") + p.name;
      bad(key, "'" + s.id + "' has no parameter '" + key + "' (parameters: " + names + ")");
    }
    out[size_t(i)] = from_json(val, s.params[size_t(i)].type, key, zoo, u);
  }
  return out;
}

// The result as a record in the one output schema (runtime/format/value_json.hpp): nested records
// stay nested, a scalar result is the record {"result": ...}.
Json result_to_json(const Value& v, const reg::SolverDesc& s, const units::UnitTable& u) {
  if (s.results.empty()) return Json{{"result", value_json(v, registry_shape(v, &s.scalar, u), u)}};
  Json o = Json::object();
  if (!v.is_record()) return o;
  for (auto& [name, fv] : v.record().fields) {
    const reg::Type* t = nullptr;
    for (auto& rd : s.results)
      if (rd.name == name) t = &rd.type;
    o[name] = value_json(fv, registry_shape(fv, t, u), u);
  }
  return o;
}

int run_solve_command(const std::string& id, const std::string& args_json, const ZooLookup& zoo, const units::UnitTable& u,
                      bool diagnostics_json, std::ostream& out, std::ostream& err) {
  auto report = [&](const std::string& kind, const std::string& msg, int code) {
    Diagnostic d;
    d.code = "E0505";
    d.kind = kind;
    d.message = msg;
    d.help = "see `mls solve " + id + " --help` for the parameters";
    if (diagnostics_json) {
      SourceManager sm;
      err << render_json({d}, sm) << "\n";
    } else {
      err << "error[E0505]: " << msg << " (" << kind << ")\n";
    }
    return code;
  };
  const reg::SolverDesc* s = reg::find_solver(id);
  if (!s) {
    err << "mls solve: no solver '" << id << "'. Known:";
    for (auto& x : reg::solvers()) err << " " << x.id;
    err << "\n";
    return driver::kUsage;
  }
  json args;
  try {
    args = json::parse(args_json);
  } catch (const json::parse_error& e) {
    return report("InvalidInput", std::string("--args is not valid JSON: ") + e.what(), driver::kUsage);
  }
  try {
    auto vals = args_from_json(*s, args, zoo, u);
    Value r = s->invoke(vals);
    out << json_text(result_to_json(r, *s, u)) << "\n";
    return driver::kOk;
  } catch (const SolverError& e) {  // the solver refused its input, as in a script: a run-time error
    return report(e.kind, e.what(), driver::kRuntimeError);
  } catch (const std::exception& e) {
    return report("InternalError", e.what(), driver::kInternal);
  }
}

}  // namespace mls
