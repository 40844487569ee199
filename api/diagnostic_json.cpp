// The API's diagnostics as JSON, key for key the layout of compiler/diag/render_json.cpp (so a front
// end that holds only API data writes what `--diagnostics json` writes; tests/unit/api_test.cpp
// compares the two).
#include "mls/diagnostic.hpp"

#include <nlohmann/json.hpp>

namespace mls::api {

namespace {
nlohmann::json position(const std::optional<Span>& s, nlohmann::json o) {
  if (s) {
    o["file"] = s->file;
    o["line"] = s->line;
    o["column"] = s->column;
    o["end_line"] = s->end_line;
    o["end_column"] = s->end_column;
  }
  return o;
}
}  // namespace

std::string to_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json arr = nlohmann::json::array();
  for (auto& d : diagnostics) {
    nlohmann::json o = {{"code", d.code},
                        {"severity", d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note"},
                        {"message", d.message}};
    o = position(d.span, o);
    nlohmann::json labels = nlohmann::json::array();
    for (auto& l : d.labels) labels.push_back(position(l.span, {{"text", l.text}, {"primary", l.primary}}));
    o["labels"] = labels;
    nlohmann::json dims = nlohmann::json::array();
    for (auto& x : d.dimensions) dims.push_back({{"role", x.role}, {"dimensions", x.dimension}, {"name", x.name}, {"origin", x.origin}});
    o["dims"] = dims;
    o["notes"] = d.notes;
    o["help"] = d.help.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.help);
    if (!d.kind.empty()) o["kind"] = d.kind;
    if (!d.fixes.empty()) {
      nlohmann::json fixes = nlohmann::json::array();
      for (auto& f : d.fixes) fixes.push_back(position(f.span, {{"title", f.title}, {"replacement", f.replacement}}));
      o["fixes"] = fixes;
    }
    arr.push_back(o);
  }
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mls::api
