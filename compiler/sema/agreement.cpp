// Values that must share one type — the elements of a list, the two branches of `if`, the cells of
// one table column — agree field by field and element by element, not just at the top: a list's
// type is its first element's, so `[{bw = 2 TB/s}, {bw = 4.8 TB}]` would print 4.8 TB as 4.8 TB/s.
#include "compiler/sema/checker.hpp"

namespace mls::sema {

namespace {
std::optional<Disagreement> compare(const SType& a, const SType& b, std::vector<std::string>& path) {
  auto here = [&](Disagreement::K k, std::string field = {}) {
    Disagreement d{k, path, a, b, std::move(field)};
    return std::optional<Disagreement>(std::move(d));
  };
  if (a.k != b.k) return here(Disagreement::K::Type);
  if (a.is_num() && a.dim != b.dim) return here(Disagreement::K::Type);
  if (a.k == SType::K::List) {
    // `[]` has no element type yet: it agrees with every list.
    if (!a.elem || !b.elem || a.elem->k == SType::K::None || b.elem->k == SType::K::None) return std::nullopt;
    path.push_back("[]");
    auto r = compare(*a.elem, *b.elem, path);
    path.pop_back();
    // Elements of different dimensions read best as the two lists' types ("list of Time").
    if (r && r->k == Disagreement::K::Type && r->path.size() == path.size() + 1) return here(Disagreement::K::Type);
    return r;
  }
  if (!a.is_record()) return std::nullopt;
  if (!a.kind.empty() || !b.kind.empty()) {
    // Kinds fix their fields; kinds of one family share a record type (a transformer and a moe).
    bool same = a.kind == b.kind || (!a.family.empty() && a.family == b.family);
    return same ? std::nullopt : here(Disagreement::K::Type);
  }
  static const Fields none;
  const Fields& fa = a.fields ? *a.fields : none;
  const Fields& fb = b.fields ? *b.fields : none;
  for (auto& [n, ft] : fa)
    if (!b.field(n)) return here(Disagreement::K::Missing, n);
  for (auto& [n, ft] : fb)
    if (!a.field(n)) return here(Disagreement::K::Extra, n);
  for (auto& [n, ft] : fa) {
    path.push_back(n);
    auto r = compare(ft, *b.field(n), path);
    path.pop_back();
    if (r) return r;
  }
  return std::nullopt;
}

}  // namespace

const ast::Expr& literal_part(const ast::Expr& e, const std::vector<std::string>& path) {
  const ast::Expr* x = &e;
  for (auto& step : path) {
    while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
    if (x->kind != ast::ExprKind::RecordLit) break;
    const ast::Expr* next = nullptr;
    for (auto& f : x->fields)
      if (f.name == step) next = f.value.get();
    if (!next) break;
    x = next;
  }
  return *x;
}

std::optional<Disagreement> disagreement(const SType& a, const SType& b) {
  std::vector<std::string> path;
  return compare(a, b, path);
}

std::string Disagreement::field_path() const {
  std::string s;
  for (auto& p : path) s += p == "[]" ? p : (s.empty() ? "" : ".") + p;
  return s;
}

std::string Checker::disagreement_text(const Disagreement& d) const {
  auto name = [&](const SType& t) { return t.is_num() ? dim_label(t.dim, units_) : describe(t, units_); };
  std::string where = d.path.empty() ? "" : " on field `" + d.field_path() + "`";
  if (d.k == Disagreement::K::Type) return where + ": " + name(d.a) + " and " + name(d.b);
  std::string at = d.path.empty() ? "" : " of `" + d.field_path() + "`";
  return " in their fields" + at + ": `" + d.field + "` is in only one of them";
}

void Checker::disagree(Diagnostic d, const Disagreement& dis, const Side& first, const Side& other,
                       const std::string& noun, const std::string& rule) {
  const ast::Expr& fe = literal_part(*first.e, dis.path);
  const ast::Expr& oe = literal_part(*other.e, dis.path);
  std::string path = dis.field_path();
  if (dis.k == Disagreement::K::Type) {
    auto what = [&](const SType& t) { return (path.empty() ? "" : "`" + path + "` is ") + describe(t, units_); };
    d.labels.push_back({oe.span, other.name + ": " + what(dis.b), true});
    d.labels.push_back({fe.span, first.name + ": " + what(dis.a), false});
    std::optional<std::string> hint;
    if (dis.a.is_num() && dis.b.is_num()) {
      d.dims.push_back({first.name, dis.a.dim.base_form(), units_.dimension_name(dis.a.dim), origin_of(fe)});
      d.dims.push_back({other.name, dis.b.dim.base_form(), units_.dimension_name(dis.b.dim), origin_of(oe)});
      hint = rate_amount_hint(dis.a.dim, dis.b.dim);
    }
    d.help = hint ? *hint + "; " + rule : rule;
  } else {
    bool missing = dis.k == Disagreement::K::Missing;  // the first has the field, the other has not
    std::string f = "`" + dis.field + "`";
    std::vector<std::string> to_field = dis.path;
    to_field.push_back(dis.field);
    const ast::Expr& with_field = literal_part(missing ? *first.e : *other.e, to_field);
    d.labels.push_back({missing ? oe.span : with_field.span, other.name + (missing ? " has no " : " has ") + f, true});
    d.labels.push_back({missing ? with_field.span : fe.span, first.name + (missing ? " has " : " has no ") + f, false});
    d.help = "give every " + noun + " the same fields: " +
             (missing ? "add " + f + " to " + other.name : "remove " + f + " from " + other.name + " or add it to " + first.name);
  }
  error(std::move(d));
}

}  // namespace mls::sema
