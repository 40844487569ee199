// Go to definition: a name the script binds, a zoo entry or a unit (into the built-in source, written
// read-only to a cache folder), an imported file.
#include "runtime/lsp/server.hpp"

#include <filesystem>

namespace mls::lsp {

Server::json Server::definition(const json& params) {
  Document& d = doc(params);
  const std::size_t at = offset(d, params.at("position"));
  const std::string& t = d.text();
  // `import "file.mls"`: the cursor on the quoted path
  {
    std::size_t ls = t.rfind('\n', at == 0 ? 0 : at - 1);
    ls = ls == std::string::npos ? 0 : ls + 1;
    std::size_t le = t.find('\n', at);
    std::string line = t.substr(ls, (le == std::string::npos ? t.size() : le) - ls);
    std::size_t q1 = line.find('"'), q2 = q1 == std::string::npos ? q1 : line.find('"', q1 + 1);
    if (line.find("import") != std::string::npos && q2 != std::string::npos && at - ls > q1 && at - ls <= q2) {
      std::filesystem::path base = std::filesystem::path(path_of(d.uri())).parent_path();
      std::filesystem::path target = base / line.substr(q1 + 1, q2 - q1 - 1);
      std::error_code ec;
      if (!std::filesystem::exists(target, ec)) return nullptr;
      return json{{"uri", uri_of(std::filesystem::weakly_canonical(target, ec).string())},
                  {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}}};
    }
  }
  auto [wb, we] = word_at(t, at);
  if (we == wb) return nullptr;
  const std::string word = t.substr(wb, we - wb);
  if (d.dirty) analyse(d);
  const api::Analysis* a = d.last_good ? &*d.last_good : &*d.analysis;
  for (auto& s : a->symbols)
    if (s.name == word && s.span.file == path_of(d.uri())) return json{{"uri", d.uri()}, {"range", range(d, s.span)}};
  const Catalogue& c = catalogue();
  if (auto* z = c.entry(word))
    if (auto loc = builtin_location(z->file, z->line, z->column)) return *loc;
  if (auto* u = c.unit(word)) {
    // "prelude/information.mls:12"
    auto colon = u->defined_in.rfind(':');
    if (colon != std::string::npos) {
      int line = std::atoi(u->defined_in.c_str() + colon + 1);
      if (auto loc = builtin_location(u->defined_in.substr(0, colon), line, 1)) return *loc;
    }
  }
  return nullptr;
}

}  // namespace mls::lsp
