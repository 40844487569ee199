// Diagnostics as one JSON array for editors and autograders: everything the text shows.
// Lines and columns are 1-based; end_column is exclusive (the column just after the span).
#include "compiler/diag/diagnostic.hpp"

#include <nlohmann/json.hpp>

namespace mls {

namespace {
nlohmann::json position(const SourceManager& sm, Span s, nlohmann::json o) {
  if (s.file < sm.size()) {
    auto& f = sm.get(s.file);
    auto b = f.line_col(s.begin), e = f.line_col(s.end);
    o["file"] = f.path();
    o["line"] = b.line;
    o["column"] = b.column;
    o["end_line"] = e.line;
    o["end_column"] = e.column;
  }
  return o;
}
}  // namespace

std::string render_json(const std::vector<Diagnostic>& ds, const SourceManager& sm) {
  nlohmann::json arr = nlohmann::json::array();
  for (auto& d : ds) {
    nlohmann::json o = {{"code", d.code},
                        {"severity", d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note"},
                        {"message", d.message}};
    o = position(sm, d.primary_span(), o);
    nlohmann::json labels = nlohmann::json::array();
    for (auto& l : d.labels) labels.push_back(position(sm, l.span, {{"text", l.text}, {"primary", l.primary}}));
    o["labels"] = labels;
    nlohmann::json dims = nlohmann::json::array();
    for (auto& x : d.dims) dims.push_back({{"role", x.role}, {"dimensions", x.dims}, {"name", x.name}, {"origin", x.origin}});
    o["dims"] = dims;
    o["notes"] = d.notes;
    o["help"] = d.help ? nlohmann::json(*d.help) : nlohmann::json(nullptr);
    if (!d.kind.empty()) o["kind"] = d.kind;
    // Only when there are some: goldens and consumers of diagnostics without a fix see no new key.
    if (!d.fixes.empty()) {
      nlohmann::json fixes = nlohmann::json::array();
      for (auto& f : d.fixes) fixes.push_back(position(sm, f.span, {{"title", f.title}, {"replacement", f.replacement}}));
      o["fixes"] = fixes;
    }
    arr.push_back(o);
  }
  // A message may quote input that is not UTF-8 (`mls solve --args` text): shown as U+FFFD, never a throw.
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mls
