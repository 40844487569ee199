// The outline: every name the script binds at top level (variables, functions, zoo-style entries).
#include "runtime/lsp/server.hpp"

namespace mls::lsp {

Server::json Server::document_symbols(const json& params) {
  Document& d = doc(params);
  if (d.dirty) analyse(d);
  const api::Analysis* a = d.last_good ? &*d.last_good : &*d.analysis;
  // the symbols' spans index the text they were found in
  std::optional<Document> old;
  if (d.last_good && d.last_good_text != d.text()) old.emplace(d.uri(), d.last_good_text, 0);
  const Document& shown = old ? *old : d;
  json out = json::array();
  for (auto& s : a->symbols) {
    if (s.span.file != path_of(d.uri())) continue;
    int kind = s.kind == api::Symbol::Kind::Function ? 12 : s.kind == api::Symbol::Kind::Entry ? 23 : 13;
    json r = range(shown, s.span);
    out.push_back({{"name", s.name}, {"detail", s.type}, {"kind", kind}, {"range", r}, {"selectionRange", r}});
  }
  return out;
}

}  // namespace mls::lsp
