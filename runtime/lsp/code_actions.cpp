// Quick fixes: every diagnostic whose help suggests code carries it as edits (api::Fix); each is
// offered as a code action that applies it.
#include "runtime/lsp/server.hpp"

namespace mls::lsp {

Server::json Server::code_actions(const json& params) {
  Document& d = doc(params);
  if (d.dirty) analyse(d);
  const std::string here = path_of(d.uri());
  // the range asked about (protocol positions) as byte offsets
  std::size_t from = offset(d, params.at("range").at("start")), to = offset(d, params.at("range").at("end"));
  json actions = json::array();
  for (auto& diag : d.analysis->diagnostics) {
    if (!diag.span || diag.span->file != here || diag.fixes.empty()) continue;
    auto b = d.offset(d.from_api(diag.span->line, diag.span->column, enc_), enc_);
    auto e = d.offset(d.from_api(diag.span->end_line, diag.span->end_column, enc_), enc_);
    if (!b || !e || *e < from || *b > to) continue;  // not in the asked range
    json lsp_diag = to_lsp(diag, d);
    for (auto& f : diag.fixes) {
      if (f.span.file != here) continue;
      json edit = {{"range", range(d, f.span)}, {"newText", f.replacement}};
      actions.push_back({{"title", f.title.empty() ? "apply the suggested fix" : f.title},
                         {"kind", "quickfix"},
                         {"diagnostics", {lsp_diag}},
                         {"isPreferred", diag.fixes.size() == 1},
                         {"edit", {{"changes", {{d.uri(), {edit}}}}}}});
    }
  }
  return actions;
}

}  // namespace mls::lsp
