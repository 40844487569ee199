// The playground's JavaScript-facing API (Embind), a thin layer over the public embedding API
// (include/mls/): every function takes the script's text and returns JSON for the page. One engine on
// the reference evaluator (the wasm build has no JIT; docs/playground.md).
#include "mls/analysis.hpp"
#include "mls/engine.hpp"

#include <emscripten/bind.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace {

using nlohmann::json;
using namespace mls::api;

const Engine& engine() {
  static const Engine e{[] {
    Options o;
    o.evaluator = Evaluator::Reference;
    return o;
  }()};
  return e;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A value for the page: its text as the CLI shows it, and for a quantity the numbers a chart needs.
json value_json(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::None: return {{"t", "none"}, {"text", "none"}};
    case Value::Kind::Bool: return {{"t", "bool"}, {"v", v.as_bool()}, {"text", v.str()}};
    case Value::Kind::String: return {{"t", "string"}, {"v", v.as_string()}, {"text", v.str()}};
    case Value::Kind::Quantity: {
      const Quantity& q = v.as_quantity();
      return {{"t", "quantity"}, {"si", q.si()},      {"value", q.value()}, {"unit", q.unit()},
              {"base", q.base_unit()}, {"dim", q.dimension()}, {"text", v.str()}};
    }
    case Value::Kind::List: {
      json items = json::array();
      for (auto& x : v.as_list()) items.push_back(value_json(x));
      return {{"t", "list"}, {"items", items}, {"text", v.str()}};
    }
    case Value::Kind::Record: {
      json fields = json::array();
      for (auto& [name, x] : v.as_record().fields) fields.push_back({{"name", name}, {"value", value_json(x)}});
      return {{"t", "record"}, {"kind", v.as_record().kind}, {"fields", fields}, {"text", v.str()}};
    }
  }
  return nullptr;
}

// The diagnostics as `mls --diagnostics json` writes them, each with the text the CLI prints.
json diagnostics_json(const std::vector<Diagnostic>& ds) {
  json arr = json::parse(to_json(ds));
  for (std::size_t k = 0; k < ds.size() && k < arr.size(); ++k) arr[k]["rendered"] = ds[k].rendered;
  return arr;
}

std::string check(const std::string& src) {
  CheckResult r = engine().check(src);
  return dump({{"exit_code", r.exit_code}, {"diagnostics", diagnostics_json(r.diagnostics)}});
}

std::string run(const std::string& src) {
  RunResult r = engine().run(src);
  json tables = json::array();
  for (auto& t : r.tables) {
    json rows = json::array();
    for (auto& row : t.rows) {
      json cells = json::array();
      for (auto& c : row) cells.push_back(c.str());
      rows.push_back(cells);
    }
    tables.push_back({{"id", t.id}, {"columns", t.columns}, {"rows", rows}});
  }
  json charts = json::array();
  for (auto& c : r.charts) {
    json points = json::array();
    for (auto& p : c.points) {
      json o = json::object();
      for (auto& [k, v] : p) o[k] = value_json(v);
      points.push_back(o);
    }
    charts.push_back({{"id", c.id}, {"kind", c.kind}, {"arguments", c.arguments}, {"points", points}});
  }
  json events = json::array();
  for (auto& e : r.events)
    events.push_back({{"kind", e.kind == OutputEvent::Kind::Print ? "print" : e.kind == OutputEvent::Kind::Row ? "row" : "reduction"},
                      {"index", e.index}, {"table", e.table}});
  return dump({{"exit_code", r.exit_code}, {"text", r.text}, {"tables", tables}, {"charts", charts},
               {"events", events}, {"diagnostics", diagnostics_json(r.diagnostics)}});
}

// The command line's own rendering (`mls [--format csv] FILE`): stdout, stderr and the exit code. The
// Node.js equivalence test compares it with the native `mls --no-jit`.
std::string cli(const std::string& src, const std::string& name, const std::string& format) {
  RenderOptions ro;
  ro.format = format == "csv" ? RenderOptions::Format::Csv : format == "json" ? RenderOptions::Format::Json
                                                                              : RenderOptions::Format::Text;
  std::ostringstream out, err;
  int code = engine().run_to(name, src, ro, out, err);
  return dump({{"exit_code", code}, {"stdout", out.str()}, {"stderr", err.str()}});
}

// What the editor's hover needs: the type of every checked expression, and the script's names.
std::string analyze_json(const std::string& src) {
  Analysis a = analyze(engine(), src);
  json types = json::array();
  for (auto& t : a.types) {
    json fields = json::array();
    for (auto& f : t.fields) fields.push_back({{"name", f.name}, {"type", f.type}, {"unit", f.unit}});
    types.push_back({{"line", t.span.line}, {"column", t.span.column}, {"end_line", t.span.end_line},
                     {"end_column", t.span.end_column}, {"type", t.type}, {"dimension", t.dimension},
                     {"unit", t.unit}, {"value", t.value}, {"fields", fields}});
  }
  json symbols = json::array();
  for (auto& s : a.symbols) symbols.push_back({{"name", s.name}, {"type", s.type}});
  return dump({{"exit_code", a.exit_code}, {"diagnostics", diagnostics_json(a.diagnostics)}, {"types", types},
               {"symbols", symbols}});
}

// The catalogues for completion and the zoo browser: units, zoo entries with provenance, keywords,
// built-in functions, solvers.
std::string catalog() {
  json units = json::array();
  for (auto& u : mls::api::units(engine()))
    units.push_back({{"symbol", u.symbol}, {"long_name", u.long_name}, {"dimension", u.dimension}});
  json zoo = json::array();
  for (auto& z : zoo_sources(engine()))
    zoo.push_back({{"name", z.name}, {"kind", z.kind}, {"title", z.title}, {"file", z.file}, {"line", z.line},
                   {"source", z.source}, {"url", z.url}, {"verified", z.verified}, {"assumed", z.assumed}});
  json solvers = json::array();
  for (auto& s : engine().solvers()) solvers.push_back({{"name", s.name}, {"doc", s.doc}});
  return dump({{"units", units}, {"zoo", zoo}, {"keywords", keywords()}, {"functions", builtin_functions()},
               {"solvers", solvers}});
}

// `mls zoo show NAME`: one entry in full, as text.
std::string zoo_entry(const std::string& name) {
  std::ostringstream out, err;
  engine().write_zoo_entry(name, ListingFormat::Text, out, err);
  return out.str() + err.str();
}

}  // namespace

EMSCRIPTEN_BINDINGS(mls_playground) {
  emscripten::function("check", &check);
  emscripten::function("run", &run);
  emscripten::function("cli", &cli);
  emscripten::function("analyze", &analyze_json);
  emscripten::function("catalog", &catalog);
  emscripten::function("zooEntry", &zoo_entry);
}
