// A solver called by name: from the host's typed arguments (Engine::call) or from the machine
// interface's JSON (Engine::call_json, `mls solve`). Both run the registry's solver as a script's
// call does and map its refusals to the same codes and exit codes.
#include "api/conversion.hpp"
#include "api/json_arguments.hpp"
#include "api/quantity_data.hpp"
#include "runtime/driver/exit_codes.hpp"
#include "runtime/format/value_json.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"

#include <functional>
#include <new>

namespace mls::api {

namespace {
// The result as a record in the one output schema (runtime/format/value_json.hpp): nested records
// stay nested, a scalar result is the record {"result": ...}.
Json result_to_json(const mls::Value& v, const reg::SolverDesc& s, const units::UnitTable& u) {
  if (s.results.empty()) return Json{{"result", value_json(v, registry_shape(v, &s.scalar, u), u)}};
  Json o = Json::object();
  if (!v.is_record()) return o;
  for (auto& [name, fv] : v.record().fields) {
    const reg::Type* t = nullptr;
    for (auto& rd : s.results)
      if (rd.name == name) t = &rd.type;
    o[name] = value_json(fv, registry_shape(fv, t, u), u);
  }
  // Compatibility with the flat output of `mls solve` before the one schema (docs/output.md): every field
  // of a nested record is also given under its dotted path ("best_config.tp"), after the nested fields,
  // so graders written against the flat form keep working. Quantities keep the schema's value object.
  std::function<void(const std::string&, const Json&)> flatten = [&](const std::string& path, const Json& rec) {
    for (auto& [k, x] : rec.items()) {
      bool record = x.is_object() && !x.contains("si");
      if (record) flatten(path + k + ".", x);
      else if (!path.empty()) o[path + k] = x;
    }
  };
  Json nested = o;
  for (auto& [k, x] : nested.items())
    if (x.is_object() && !x.contains("si")) flatten(k + ".", x);
  // A renamed field is also written under its former name (BatchingOptimizer's is_feasible, docs/output.md).
  for (auto& rd : s.results)
    if (!rd.also_as.empty() && o.contains(rd.name)) o[rd.also_as] = o[rd.name];
  return o;
}

// The static shape of a result: each field's dimension from the solver's declaration of it.
ir::Shape result_shape(const mls::Value& v, const reg::SolverDesc& s, const units::UnitTable& u) {
  if (s.results.empty() || !v.is_record()) return registry_shape(v, &s.scalar, u);
  ir::Shape shape;
  shape.type = ir::VType::Record;
  shape.kind = v.record().kind;
  for (auto& [name, fv] : v.record().fields) {
    const reg::Type* t = nullptr;
    for (auto& rd : s.results)
      if (rd.name == name) t = &rd.type;
    shape.fields.emplace_back(name, std::make_shared<ir::Shape>(registry_shape(fv, t, u)));
  }
  return shape;
}

const std::string kSolveHelp = "`mls solvers` lists every solver's parameters, their dimensions and ranges";

CallResult refused(std::string code, std::string kind, std::string message, int exit, std::string help = kSolveHelp) {
  CallResult r;
  r.diagnostics.push_back(diagnostic(std::move(code), std::move(message), help.empty() ? kSolveHelp : help, std::move(kind)));
  r.exit_code = exit;
  return r;
}

// Runs the solver on checked arguments: its result, or its refusal as a script's run would report it.
CallResult invoke(const reg::SolverDesc& s, const std::function<std::vector<mls::Value>()>& arguments,
                  const driver::Session& session, const std::shared_ptr<const Engine::Impl>& engine) {
  try {
    std::vector<mls::Value> args = arguments();
    mls::Value v = s.invoke(args);
    CallResult r;
    ir::Shape shape = result_shape(v, s, session.units());
    r.result = to_api(v, shape, session.units(), engine);
    r.json = json_text(result_to_json(v, s, session.units()));
    return r;
  } catch (const ArgumentError& e) {  // the arguments do not check, as a script's call would not compile
    return refused(e.code, "InvalidInput", e.what(), driver::kCompileError, e.help);
  } catch (const reg::NonFiniteResult& e) {  // as in a script: a run-time error
    return refused("E0504", e.kind, e.what(), driver::kRuntimeError);
  } catch (const SolverError& e) {  // the solver refused its input, as in a script: a run-time error
    return refused("E0505", e.kind, e.what(), driver::kRuntimeError);
  } catch (const std::bad_alloc&) {
    return refused("E0507", "OutOfMemory", "out of memory while running '" + s.id + "'", driver::kRuntimeError);
  } catch (const std::exception& e) {
    return refused("E0505", "InternalError", e.what(), driver::kInternal);
  }
}

const reg::SolverDesc* find(std::string_view id, CallResult& unknown) {
  const reg::SolverDesc* s = reg::find_solver(id);
  if (s) return s;
  std::string known;
  for (auto& x : reg::solvers()) known += " " + x.id;
  unknown = refused("E0110", "", "no solver '" + std::string(id) + "'. Known:" + known, driver::kUsage,
                    "`mls solvers` lists every solver");
  return nullptr;
}
}  // namespace

CallResult Engine::call_json(std::string_view solver, std::string_view json_args) const {
  try {
    CallResult unknown;
    const reg::SolverDesc* s = find(solver, unknown);
    if (!s) return unknown;
    // Malformed JSON is a usage error (exit 64); nlohmann also throws out_of_range for a number such
    // as 1e400, which no double holds.
    nlohmann::json args;
    try {
      args = nlohmann::json::parse(json_args);
    } catch (const nlohmann::json::exception& e) {
      return refused("E0505", "InvalidInput", std::string("--args is not valid JSON: ") + e.what(), driver::kUsage);
    }
    driver::Session session;
    auto reader = impl_->json_reader();
    return invoke(*s, [&] { return args_from_json(*s, args, session, *reader); }, session, impl_);
  } catch (const std::bad_alloc&) {
    return refused("E0507", "OutOfMemory", "out of memory while running '" + std::string(solver) + "'", driver::kRuntimeError);
  }
}

CallResult Engine::call(std::string_view solver, const std::vector<Argument>& args) const {
  try {
    CallResult unknown;
    const reg::SolverDesc* s = find(solver, unknown);
    if (!s) return unknown;
    driver::Session session;
    auto arguments = [&] {
      std::vector<mls::Value> out;
      for (auto& p : s->params) out.push_back(fidelity::default_argument(p, impl_->options.fidelity));
      for (auto& a : args) {
        int i = s->param_index(a.name);
        if (i < 0) throw ArgumentError("E0404", a.name + ": '" + s->id + "' has no parameter '" + a.name + "'");
        const reg::Type& t = s->params[std::size_t(i)].type;
        if (a.value.kind() == Value::Kind::Quantity) {
          const auto& q = a.value.as_quantity().data();
          if (t.tag != reg::Tag::Quantity || !argument_fits(t, q.dim))
            throw ArgumentError("E0401", a.name + ": " + q.dimension_name + " given, expected " + t.describe());
        }
        out[std::size_t(i)] = to_internal(a.value);
      }
      return out;
    };
    return invoke(*s, arguments, session, impl_);
  } catch (const std::bad_alloc&) {
    return refused("E0507", "OutOfMemory", "out of memory while running '" + std::string(solver) + "'", driver::kRuntimeError);
  }
}

}  // namespace mls::api
