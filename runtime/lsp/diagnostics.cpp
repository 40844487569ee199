// A diagnostic of the API as the protocol's Diagnostic: the same code, message, labels and help as
// the command line prints; secondary labels as related information.
#include "runtime/lsp/server.hpp"

namespace mls::lsp {

Server::json Server::to_lsp(const api::Diagnostic& diag, const Document& d) const {
  const std::string here = path_of(d.uri());
  json out;
  std::string message = diag.message;
  // A span in another file (an import) is shown at the top of this one, naming where it is. In this
  // file the range covers every primary label (`bw + peak`, not only `bw`), each label's text said.
  if (diag.span && diag.span->file == here) {
    api::Span whole = *diag.span;
    auto before = [](int l1, int c1, int l2, int c2) { return l1 < l2 || (l1 == l2 && c1 < c2); };
    for (auto& l : diag.labels) {
      if (!l.primary || l.span.file != here) continue;
      if (before(l.span.line, l.span.column, whole.line, whole.column)) {
        whole.line = l.span.line;
        whole.column = l.span.column;
      }
      if (before(whole.end_line, whole.end_column, l.span.end_line, l.span.end_column)) {
        whole.end_line = l.span.end_line;
        whole.end_column = l.span.end_column;
      }
    }
    out["range"] = range(d, whole);
    for (auto& l : diag.labels) {
      if (!l.primary || l.text.empty() || l.span.file != here) continue;
      auto b = d.offset(d.from_api(l.span.line, l.span.column, enc_), enc_);
      auto e = d.offset(d.from_api(l.span.end_line, l.span.end_column, enc_), enc_);
      std::string quoted = b && e && *e > *b ? "`" + d.text().substr(*b, *e - *b) + "`: " : "";
      message += "\n" + quoted + l.text;
    }
  } else {
    out["range"] = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
    if (diag.span) message += " (in " + diag.span->file + ":" + std::to_string(diag.span->line) + ")";
  }
  for (auto& dl : diag.dimensions)
    message += "\n" + dl.role + ": " + dl.dimension + (dl.name.empty() ? "" : " [= " + dl.name + "]") +
               (dl.origin.empty() ? "" : " (" + dl.origin + ")");
  for (auto& n : diag.notes) message += "\nnote: " + n;
  if (!diag.help.empty()) message += "\nhelp: " + diag.help;
  out["message"] = message;
  out["severity"] = diag.severity == api::Severity::Error ? 1 : diag.severity == api::Severity::Warning ? 2 : 3;
  out["source"] = "mls";
  if (!diag.code.empty()) out["code"] = diag.code;  // `mls explain CODE` teaches the rule
  json related = json::array();
  for (auto& l : diag.labels) {
    if (l.primary || l.text.empty()) continue;
    json loc = {{"uri", l.span.file == here ? d.uri() : uri_of(l.span.file)},
                {"range", l.span.file == here ? range(d, l.span) : json{{"start", {{"line", l.span.line - 1}, {"character", 0}}},
                                                                         {"end", {{"line", l.span.line - 1}, {"character", 0}}}}}};
    related.push_back({{"location", loc}, {"message", l.text}});
  }
  if (!related.empty()) out["relatedInformation"] = related;
  return out;
}

}  // namespace mls::lsp
