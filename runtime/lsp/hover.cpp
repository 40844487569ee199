// Hover: the dimension and unit of the expression under the cursor (`Bandwidth — B/s`), its value
// when the checker knows it, and for names: a zoo entry's provenance, a solver's signature, a unit.
#include "runtime/lsp/server.hpp"

namespace mls::lsp {

namespace {
bool contains(const api::Span& s, int line, int col) {
  auto before = [](int l1, int c1, int l2, int c2) { return l1 < l2 || (l1 == l2 && c1 <= c2); };
  return before(s.line, s.column, line, col) && before(line, col, s.end_line, s.end_column) &&
         !(line == s.end_line && col == s.end_column);
}

std::string signature(const api::SolverInfo& s) {
  std::string out = s.name + "(";
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    auto& p = s.parameters[i];
    out += (i ? ", " : "") + p.name + ": " + p.type;
    if (!p.required && !p.default_value.empty()) out += " = " + p.default_value;
  }
  return out + ")";
}
std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

// The coherent unit `scale` is counted in: the base of the unit's family ("B" for TB).
std::string base_unit_of(const api::UnitInfo& u, const Catalogue& c) {
  if (auto* b = c.unit(u.base); b && b->scale == 1) return b->symbol;
  return "(SI)";
}
}  // namespace

Server::json Server::hover(const json& params) {
  Document& d = doc(params);
  const std::size_t at = offset(d, params.at("position"));
  if (d.dirty) analyse(d);
  auto [line, col] = d.to_api(at);
  std::vector<std::string> parts;
  const api::ExpressionType* inner = nullptr;
  for (auto& t : d.analysis->types) {
    if (!contains(t.span, line, col)) continue;
    // sorted outer first: the last one is innermost, except that the number of a unit literal
    // (`3.35` of `3.35 TB/s`) shows the quantity it starts
    bool literal_number = inner && t.type == "a plain number" && t.span.line == inner->span.line &&
                          t.span.column == inner->span.column && !inner->unit.empty();
    if (!literal_number) inner = &t;
  }
  std::optional<api::Span> span;
  if (inner) {
    span = inner->span;
    std::string head = inner->dimension.empty() ? inner->type : inner->dimension;
    if (!inner->unit.empty()) head += " \u2014 " + inner->unit;
    std::string s = "```mls\n" + head + "\n```";
    if (!inner->value.empty()) s += "\nvalue: `" + inner->value + "`";
    if (!inner->fields.empty()) {
      s += "\n\n| field | type |\n|---|---|";
      for (auto& f : inner->fields) s += "\n| `" + f.name + "` | " + f.type + (f.unit.empty() ? "" : " (" + f.unit + ")") + " |";
    }
    parts.push_back(s);
  }
  auto [wb, we] = word_at(d.text(), at);
  if (we > wb) {
    std::string word = d.text().substr(wb, we - wb);
    const Catalogue& c = catalogue();
    if (auto* z = c.entry(word)) {
      std::string s = "**" + z->name + "** \u2014 " + z->kind + (z->title.empty() ? "" : ": " + z->title);
      if (!z->source.empty()) s += "\n\nsource: " + z->source + (z->url.empty() ? "" : " <" + z->url + ">");
      if (!z->verified.empty()) s += "\n\nverified: " + z->verified;
      if (z->assumed) s += "\n\n@assumed (an estimate, not a published number)";
      s += "\n\ndeclared in `" + z->file + "` line " + std::to_string(z->line);
      parts.push_back(s);
    } else if (auto* sv = c.solver(word)) {
      std::string s = "```mls\n" + signature(*sv) + "\n```\n" + sv->doc;
      for (auto& p : sv->parameters)
        s += "\n- `" + p.name + "`: " + p.type + (p.unit.empty() ? "" : " in " + p.unit) + (p.required ? ", required" : "") +
             (p.doc.empty() ? "" : " \u2014 " + p.doc);
      if (!sv->results.empty()) {
        s += "\n\nresult fields:";
        for (auto& r : sv->results) s += " `" + r + "`";
      }
      parts.push_back(s);
    } else if (auto* u = c.unit(word)) {
      parts.push_back("unit `" + u->symbol + "`" + (u->long_name.empty() ? "" : " (" + u->long_name + ")") + " of " +
                      u->dimension + (u->symbol == u->base ? "" : " = " + number_text(u->scale) + " " + base_unit_of(*u, c)));
    }
  }
  if (parts.empty()) return nullptr;
  std::string value;
  for (auto& p : parts) value += (value.empty() ? "" : "\n\n---\n\n") + p;
  json h = {{"contents", {{"kind", "markdown"}, {"value", value}}}};
  if (span) h["range"] = range(d, *span);
  return h;
}

}  // namespace mls::lsp
