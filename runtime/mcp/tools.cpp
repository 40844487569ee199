// The MCP tools: each one a thin call into the embedding API, answering with a text block (what a
// person would read) and the same data as structured content.
#include "mls/analysis.hpp"
#include "runtime/mcp/mcp_server.hpp"

#include <cctype>
#include <sstream>

namespace mls::mcp {

namespace {
using json = nlohmann::json;

json text_result(const std::string& text, const json& structured, bool is_error) {
  return {{"content", {{{"type", "text"}, {"text", text}}}}, {"structuredContent", structured}, {"isError", is_error}};
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string rendered(const std::vector<api::Diagnostic>& ds) {
  std::string out;
  for (auto& d : ds) out += (d.rendered.empty() ? d.code + ": " + d.message : d.rendered) + "\n";
  return out;
}

json object_schema(json properties, std::vector<std::string> required) {
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)},
          {"additionalProperties", false}};
}
}  // namespace

json tool_list() {
  return json::array({
      {{"name", "list_zoo"},
       {"description", "List the zoo's entries (hardware, models, systems, grids, scenarios, ...) with their provenance. "
                       "Filter by kind and/or a search text."},
       {"inputSchema", object_schema({{"kind", {{"type", "string"}, {"description", "only entries of this kind, e.g. hardware, transformer, grid"}}},
                                      {"search", {{"type", "string"}, {"description", "case-insensitive text in the name or title"}}}},
                                     {})}},
      {{"name", "describe_solver"},
       {"description", "A solver's parameters (type, unit, default, required) and result fields; without a name, every solver."},
       {"inputSchema", object_schema({{"name", {{"type", "string"}, {"description", "solver name or id, e.g. roofline, serve"}}}}, {})}},
      {{"name", "run_solver"},
       {"description", "Run one solver on JSON arguments (quantities as \"3.35 TB/s\" strings or SI numbers, zoo names for "
                       "records). Returns the result record, or diagnostics with codes when the arguments do not check."},
       {"inputSchema", object_schema({{"solver", {{"type", "string"}}},
                                      {"arguments", {{"type", "object"}, {"description", "parameter name -> value"}}}},
                                     {"solver"})}},
      {{"name", "run_script"},
       {"description", "Check and run MLS source. Unit mistakes come back as diagnostics (code, span, help, suggested "
                       "fixes) before anything runs. check_only: type-check without running."},
       {"inputSchema", object_schema({{"source", {{"type", "string"}}},
                                      {"check_only", {{"type", "boolean"}, {"default", false}}}},
                                     {"source"})}},
      {{"name", "explain"},
       {"description", "The lesson behind a diagnostic code (e.g. E0301): the rule, why it matters, a wrong and a right example."},
       {"inputSchema", object_schema({{"code", {{"type", "string"}}}}, {"code"})}},
  });
}

json Server::call_tool(const std::string& name, const json& args) {
  auto str = [&](const char* k) { return args.contains(k) && args[k].is_string() ? args[k].get<std::string>() : std::string(); };
  if (name == "list_zoo") {
    const std::string kind = str("kind"), search = lower(str("search"));
    json entries = json::array();
    std::ostringstream text;
    for (auto& z : api::zoo_sources(engine_)) {
      if (!kind.empty() && z.kind != kind) continue;
      if (!search.empty() && lower(z.name).find(search) == std::string::npos && lower(z.title).find(search) == std::string::npos) continue;
      entries.push_back({{"name", z.name}, {"kind", z.kind}, {"title", z.title}, {"source", z.source}, {"url", z.url},
                         {"verified", z.verified}, {"assumed", z.assumed}});
      text << z.name << " (" << z.kind << ")" << (z.title.empty() ? "" : ": " + z.title) << "\n";
    }
    return text_result(entries.empty() ? "no entry matches\n" : text.str(), {{"entries", entries}}, false);
  }
  if (name == "describe_solver") {
    const std::string want = str("name");
    json list = json::array();
    std::ostringstream text;
    for (auto& s : engine_.solvers()) {
      if (!want.empty() && s.name != want && s.id != want) continue;
      json ps = json::array();
      for (auto& p : s.parameters)
        ps.push_back({{"name", p.name}, {"type", p.type}, {"unit", p.unit}, {"required", p.required}, {"default", p.default_value}, {"doc", p.doc}});
      list.push_back({{"name", s.name}, {"id", s.id}, {"doc", s.doc}, {"parameters", ps}, {"results", s.results}});
      text << s.name << " — " << s.doc << "\n";
      if (!want.empty()) {
        for (auto& p : s.parameters)
          text << "  " << p.name << ": " << p.type << (p.unit.empty() ? "" : " [" + p.unit + "]")
               << (p.required ? " (required)" : p.default_value.empty() ? "" : " = " + p.default_value) << "  " << p.doc << "\n";
        text << "  results:";
        for (auto& r : s.results) text << " " << r;
        text << "\n";
      }
    }
    if (list.empty()) return text_result("no solver `" + want + "` (call describe_solver without a name to list them)\n", {{"solvers", list}}, true);
    return text_result(text.str(), {{"solvers", list}}, false);
  }
  if (name == "run_solver") {
    const json arguments = args.value("arguments", json::object());
    api::CallResult r = engine_.call_json(str("solver"), arguments.dump());
    json diags = json::parse(api::to_json(r.diagnostics), nullptr, false);
    if (!r.ok()) return text_result(rendered(r.diagnostics), {{"exit_code", r.exit_code}, {"diagnostics", diags}}, true);
    json result = json::parse(r.json, nullptr, false);
    return text_result(r.json, {{"exit_code", 0}, {"result", result}}, false);
  }
  if (name == "run_script") {
    const std::string source = str("source");
    const bool check_only = args.value("check_only", false);
    std::vector<api::Diagnostic> ds;
    std::string output;
    int code;
    if (check_only) {
      api::CheckResult c = engine_.check(source, "<script>");
      ds = c.diagnostics;
      code = c.exit_code;
    } else {
      api::RunResult r = engine_.run(source, "<script>");
      ds = r.diagnostics;
      output = r.text;
      code = r.exit_code;
    }
    json structured = {{"exit_code", code}, {"output", output}, {"diagnostics", json::parse(api::to_json(ds), nullptr, false)}};
    return text_result(output + rendered(ds), structured, code != 0);
  }
  if (name == "explain") {
    auto l = api::lesson(str("code"));
    if (!l) return text_result("no code `" + str("code") + "`\n", {{"code", str("code")}}, true);
    return text_result(l->code + ": " + l->title + "\n\n" + l->text + "\n", {{"code", l->code}, {"title", l->title}, {"lesson", l->text}}, false);
  }
  return text_result("no tool `" + name + "`", json::object(), true);
}

}  // namespace mls::mcp
