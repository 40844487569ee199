// Completion, by what precedes the cursor: a record's fields after `.`; units after a number or `->`
// (those of the dimension the solver parameter expects, when the cursor is in `name = 3 |`); inside a
// solver call, its parameters and the zoo entries of the kind the argument takes; else variables,
// functions, solvers, zoo entries and keywords.
#include "runtime/lsp/server.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace mls::lsp {

namespace {
enum Kind { kText = 1, kMethod = 2, kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kModule = 9, kUnit = 11,
            kValue = 12, kKeyword = 14, kConstant = 21, kStruct = 22 };

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool starts_with_ci(const std::string& s, const std::string& prefix) {
  if (prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  return true;
}

// The identifier chain `a.b` ending at `end` (exclusive): {"a", "b"}.
std::vector<std::string> chain_before(const std::string& t, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && (word_char(t[b - 1]) || t[b - 1] == '.')) --b;
  std::vector<std::string> parts;
  std::string cur;
  for (std::size_t i = b; i < end; ++i) {
    if (t[i] == '.') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += t[i];
    }
  }
  parts.push_back(cur);
  return parts;
}
}  // namespace

Server::json Server::completion(const json& params) {
  Document& d = doc(params);
  const std::size_t at = offset(d, params.at("position"));
  const std::string& t = d.text();
  std::size_t wb = at;
  while (wb > 0 && word_char(t[wb - 1])) --wb;
  const std::string prefix = t.substr(wb, at - wb);
  std::size_t p = wb;
  while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t')) --p;
  const char before = p > 0 ? t[p - 1] : '\n';

  json items = json::array();
  std::set<std::string> seen;
  auto offer = [&](const std::string& label, int kind, const std::string& detail, const std::string& insert = "") {
    if (!starts_with_ci(label, prefix) || !seen.insert(label).second || items.size() >= 400) return;
    json it = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) it["detail"] = detail;
    if (!insert.empty()) it["insertText"] = insert;
    items.push_back(std::move(it));
  };
  const Catalogue& c = catalogue();

  // 1. `object.` : the object's fields, from what the checker knows of it
  if (wb > 0 && t[wb - 1] == '.') {
    auto chain = chain_before(t, wb - 1);
    std::vector<api::FieldType> fields;
    if (!chain.empty() && !chain[0].empty()) {
      // the whole chain as one expression, checked with the document's names when it has them
      std::string expr;
      for (auto& part : chain) expr += (expr.empty() ? "" : ".") + part;
      const api::Analysis* known = d.last_good ? &*d.last_good : nullptr;
      if (known) {
        for (auto& s : known->symbols)
          if (chain.size() == 1 && s.name == chain[0]) fields = s.fields;
        if (fields.empty()) {
          // an expression of the same text that the checker typed (`r` used elsewhere, `H100.x`)
          Document g("", d.last_good_text, 0);
          for (auto& ty : known->types) {
            if (ty.fields.empty() || ty.span.line != ty.span.end_line) continue;
            std::string_view line = g.line_text(ty.span.line - 1);
            // columns count characters; identifiers are ASCII, so a match is byte for byte
            auto from = static_cast<std::size_t>(ty.span.column - 1), len = static_cast<std::size_t>(ty.span.end_column - ty.span.column);
            if (from + len <= line.size() && line.substr(from, len) == expr) fields = ty.fields;
          }
        }
      }
      if (fields.empty()) {
        // a zoo entry or a chain into one, checked on its own
        api::Analysis one = api::analyze(engine_, expr + "\n", "<completion>");
        if (!one.types.empty()) fields = one.types.front().fields;
      }
    }
    for (auto& f : fields) offer(f.name, kField, f.type + (f.unit.empty() ? "" : " (" + f.unit + ")"));
    return {{"isIncomplete", false}, {"items", items}};
  }

  // 2. after a number or `->`: units, of the expected dimension when a solver parameter names it
  bool after_number = p > 0 && std::isdigit(static_cast<unsigned char>(before));
  bool after_arrow = p >= 2 && t[p - 1] == '>' && t[p - 2] == '-';
  if (after_number || after_arrow) {
    std::string want;
    if (auto cc = call_at(t, at); cc && !cc->named.empty())
      if (auto* s = c.solver(cc->callee))
        for (auto& par : s->parameters)
          if (par.name == cc->named && !par.unit.empty()) want = par.type;
    for (auto& u : c.units)
      if (want.empty() || u.dimension == want)
        offer(u.symbol, kUnit, u.dimension + (u.long_name.empty() ? "" : " \u2014 " + u.long_name));
    if (!want.empty() && items.empty())
      for (auto& u : c.units) offer(u.symbol, kUnit, u.dimension);
    return {{"isIncomplete", false}, {"items", items}};
  }

  // 3. inside a solver call: its parameters, and zoo entries of the kind this argument takes
  if (auto cc = call_at(t, at)) {
    if (auto* s = c.solver(cc->callee)) {
      std::string kind;
      if (cc->named.empty()) {
        for (auto& par : s->parameters) offer(par.name, kField, par.type + (par.required ? ", required" : ""), par.name + " = ");
        if (cc->argument < static_cast<int>(s->parameters.size())) kind = s->parameters[static_cast<std::size_t>(cc->argument)].type;
      } else {
        for (auto& par : s->parameters)
          if (par.name == cc->named) kind = par.type;
      }
      for (auto& z : c.zoo)
        if (!kind.empty() && (z.kind == kind || kind.find(z.kind) != std::string::npos))
          offer(z.name, kStruct, z.kind + (z.title.empty() ? "" : ": " + z.title));
    }
  }

  // 4. everything a name can be
  if (d.last_good)
    for (auto& s : d.last_good->symbols)
      offer(s.name, s.kind == api::Symbol::Kind::Function ? kFunction : s.kind == api::Symbol::Kind::Entry ? kStruct : kVariable, s.type);
  for (auto& s : c.solvers) offer(s.name, kFunction, s.doc);
  for (auto& f : api::builtin_functions()) offer(f, kFunction, "built-in function");
  for (auto& z : c.zoo) offer(z.name, kStruct, z.kind + (z.title.empty() ? "" : ": " + z.title));
  for (auto& k : api::keywords()) offer(k, kKeyword, "");
  return {{"isIncomplete", items.size() >= 400}, {"items", items}};
}

}  // namespace mls::lsp
