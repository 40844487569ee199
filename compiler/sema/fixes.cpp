// Fix suggestions built from the place of an error (issue 23): the unit a value is written in there,
// the binding without a unit that a later dimension error traces back to, swapped arguments, names
// close to a misspelt one. Each suggestion is also an edit (Fix: span + replacement) that, applied as
// written, makes the script check.
#include "compiler/sema/checker.hpp"

#include "compiler/diag/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

namespace mls::sema {

namespace {
const ast::Expr& unparen(const ast::Expr& e) {
  const ast::Expr* x = &e;
  while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
  return *x;
}

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

const Binding* Checker::bare_binding(const ast::Expr& e) {
  const ast::Expr& x = unparen(e);
  if (x.kind != ast::ExprKind::Ident) return nullptr;
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
    if (auto f = it->find(x.text); f != it->end())
      return f->second.k == Binding::K::Var && f->second.bare_literal.valid() ? &f->second : nullptr;
  return nullptr;
}

// The exponent of binding `name` in `e`'s dimension (a product or quotient of it), 0 when it is not a
// factor: `job / mtbf` gives -1 for mtbf.
static int exponent_of(const ast::Expr& e, const std::string& name) {
  using K = ast::ExprKind;
  using B = ast::BinOp;
  switch (e.kind) {
    case K::Ident: return e.text == name ? 1 : 0;
    case K::Paren:
    case K::Unary: return exponent_of(*e.lhs, name);
    case K::Binary:
      if (e.binop == B::Mul || e.binop == B::Juxt) return exponent_of(*e.lhs, name) + exponent_of(*e.rhs, name);
      if (e.binop == B::Div) return exponent_of(*e.lhs, name) - exponent_of(*e.rhs, name);
      if (e.binop == B::Add || e.binop == B::Sub) {
        int l = exponent_of(*e.lhs, name);
        return l ? l : exponent_of(*e.rhs, name);
      }
      return 0;
    default: return 0;
  }
}

std::optional<std::pair<const Binding*, Dimension>> Checker::unitless_cause(const ast::Expr& e, const Dimension& got,
                                                                            const Dimension& want) {
  std::vector<const ast::Expr*> idents;
  std::function<void(const ast::Expr&)> walk = [&](const ast::Expr& x) {
    if (x.kind == ast::ExprKind::Ident) idents.push_back(&x);
    for (auto* c : {x.lhs.get(), x.rhs.get()})
      if (c && x.kind != ast::ExprKind::Convert) walk(*c);
  };
  walk(e);
  for (auto* id : idents) {
    const Binding* b = bare_binding(*id);
    if (!b) continue;
    int p = exponent_of(e, id->text);
    if (p != 1 && p != -1) continue;
    // got = rest · 1^p; want = rest · D^p  =>  D = (want / got)^p
    Dimension need = (want / got).pow(Rational(p));
    if (!need.dimensionless()) return std::make_pair(b, need);
  }
  return std::nullopt;
}

std::string Checker::article_for(const std::string& w) {
  return (!w.empty() && std::string("AEIOUaeiou").find(w[0]) != std::string::npos ? "an " : "a ") + w;
}

std::string Checker::unit_for(const Dimension& d) const {
  return units::format(1, units::default_display(d, units_)).unit;
}

std::string Checker::unit_near(const ast::Expr& e, const Dimension& d) {
  std::string found;
  std::function<void(const ast::Expr&)> walk = [&](const ast::Expr& x) {
    if (!found.empty()) return;
    using K = ast::ExprKind;
    if (x.kind == K::Ident) {
      for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
        if (auto f = it->find(x.text); f != it->end()) {
          if (f->second.k == Binding::K::Var && f->second.type.is_num() && f->second.type.dim == d)
            found = shown_unit(f->second.type);
          return;
        }
      return;
    }
    if (x.kind == K::Binary && x.binop == ast::BinOp::Juxt && unparen(*x.lhs).kind == K::Number)
      if (auto uv = unit_value(*x.rhs); uv && uv->dim == d) {
        found = uv->text;
        return;
      }
    for (auto* c : {x.lhs.get(), x.rhs.get()})
      if (c && x.kind != K::Convert) walk(*c);
  };
  walk(e);
  return found.empty() ? unit_for(d) : found;
}

void Checker::unitless_binding(Diagnostic d, const std::string& name, const Binding& b, const std::string& unit) {
  std::string number = text(b.bare_literal);
  std::string fixed = number + " " + unit;
  d.labels.insert(d.labels.begin(), {b.bare_literal, "`" + name + "` has no unit", true});
  for (size_t k = 1; k < d.labels.size(); ++k) d.labels[k].primary = false;
  d.help = "`" + name + "` (line " + line_of(b.bare_literal) + ") has no unit: did you mean `" + fixed + "`?";
  d.fixes = {{"write `" + fixed + "`", b.bare_literal, fixed}};
  error(d);
}

void Checker::bare_number(const ast::Expr& e, const TExpr& a, const TExpr& b, const std::string& verb) {
  const TExpr& q = a.t.bare ? b : a;
  const ast::Expr& num = a.t.bare ? *e.lhs : *e.rhs;
  const ast::Expr& other = a.t.bare ? *e.rhs : *e.lhs;
  std::string unit = shown_unit(q.t);  // the scale the other side prints at: `200 ms` beside a value in ms
  Diagnostic d;
  d.code = "E0309";
  d.message = "a plain number cannot be " + verb + article_for(dim_label(q.t.dim, units_));
  d.labels.push_back({num.span, "this number has no unit", true});
  d.labels.push_back({other.span, dim_label(q.t.dim, units_), false});
  d.dims.push_back({a.t.bare ? "right" : "left", q.t.dim.base_form(), units_.dimension_name(q.t.dim), origin_of(other)});
  if (const Binding* bb = bare_binding(num)) {
    d.labels[0].text = "a plain number";
    unitless_binding(d, unparen(num).text, *bb, unit);
  }
  std::string fixed = text(num.span) + " " + unit;
  d.help = "did you mean `" + fixed + "`?";
  d.fixes.push_back({"write `" + fixed + "`", num.span, fixed});
  error(d);
}

// `got` written where `want` is needed, as text that has it: a plain number takes the unit of the place
// (`0.12` -> `0.12 USD/kWh`); a literal that lacks a `/s` gets it (`4.8 TB` -> `4.8 TB/s`); a literal
// in the first part of the place's unit gets the rest (`0.09 USD` -> `0.09 USD/kWh`).
std::optional<std::string> Checker::with_unit(const ast::Expr& e, const TExpr& got, const Dimension& want) {
  if (!got.t.is_num() || want.dimensionless()) return std::nullopt;
  const ast::Expr& x = unparen(e);
  std::string place = unit_for(want);
  bool number = x.kind == ast::ExprKind::Number ||
                (x.kind == ast::ExprKind::Unary && unparen(*x.lhs).kind == ast::ExprKind::Number);
  if (number && got.t.dim.dimensionless()) return text(e.span) + " " + place;
  if (x.kind != ast::ExprKind::Binary || x.binop != ast::BinOp::Juxt || unparen(*x.lhs).kind != ast::ExprKind::Number)
    return std::nullopt;
  auto uv = unit_value(*x.rhs);
  if (!uv) return std::nullopt;
  Dimension ratio = want / got.t.dim;
  if (ratio == Dimension::base(BaseDim::Time, -1)) return text(e.span) + "/s";
  if (place.rfind(uv->text + "/", 0) == 0) return text(x.lhs->span) + " " + place;
  return std::nullopt;
}

Fix Checker::swap_fix(Span a, Span b) const {
  if (b.begin < a.begin) std::swap(a, b);
  std::string between = text({a.file, a.end, b.begin});
  return {"swap them", {a.file, a.begin, b.end}, text(b) + between + text(a)};
}

void Checker::unknown_field(const std::string& message, const std::string& name, Span at,
                            const std::vector<std::string>& pool, const std::string& all) {
  Diagnostic d;
  d.code = "E0406";
  d.message = message;
  d.labels.push_back({at, "unknown field", true});
  auto close = close_names(name, pool);
  if (!close.empty()) {
    d.help = "did you mean `" + close[0] + "`?" + (all.empty() ? "" : " (" + all + ")");
    d.fixes.push_back({"write `" + close[0] + "`", at, close[0]});
  } else if (!all.empty()) {
    d.help = all;
  }
  error(d);
}

void Checker::unknown_argument(const std::string& message, const std::string& name, Span at,
                               const std::vector<std::string>& pool) {
  Diagnostic d;
  d.code = "E0404";
  d.message = message;
  d.labels.push_back({at, "unknown argument", true});
  std::string all;
  for (auto& n : pool) all += (all.empty() ? "" : ", ") + n;
  auto close = close_names(name, pool);
  if (!close.empty()) {
    d.help = "did you mean `" + close[0] + "`? (parameters: " + all + ")";
    d.fixes.push_back({"write `" + close[0] + "`", at, close[0]});
  } else {
    d.help = "its parameters: " + all;
  }
  error(d);
}

bool Checker::passes_as(const SType& want, const SType& got) const {
  if (want.is_num()) return got.is_num() && got.dim == want.dim;
  if (want.is_record())
    return got.is_record() && (want.family.empty() || got.family == want.family || got.kind.empty() ||
                               (want.family == "site" && (got.family == "grid" || got.family == "datacenter")));
  return want.k == got.k;
}

void Checker::swapped(const std::string& p1, const std::string& p2, const ast::Expr& a, const TExpr& va, const ast::Expr& b) {
  Diagnostic d;
  d.code = "E0402";
  d.message = "the arguments for `" + p1 + "` and `" + p2 + "` look swapped";
  d.labels.push_back({a.span, "this is " + describe_a(va.t, units_) + ", which `" + p2 + "` takes", true});
  d.labels.push_back({b.span, "and this fits `" + p1 + "`", false});
  Fix f = swap_fix(a.span, b.span);
  d.help = "swap them: `" + f.replacement + "`";
  d.fixes.push_back(f);
  error(d);
}

void Checker::out_of_range(const char* code, const reg::ParamDesc& p, const ast::Expr& e, const TExpr& v, bool percent) {
  double x = *v.t.konst;
  Diagnostic d;
  d.code = code;
  d.message = "`" + p.name + "` = " + units::format_number(x, 6) + " is outside its range " + p.range.describe();
  d.labels.push_back({e.span, "out of range", true});
  Span at = e.span;
  std::string written = text(e.span);
  if (const Binding* b = bare_binding(e)) {  // `eff = 70` ... `efficiency = eff`: the number is at the binding
    at = b->bare_literal;
    written = text(at);
    d.labels.insert(d.labels.begin(), {at, "bound here", true});
    d.labels[1].primary = false;
  }
  if (percent) {
    d.help = "a fraction: write `" + written + " %` (= " + units::format_number(x / 100, 4) + ")";
    d.fixes.push_back({"write `" + written + " %`", at, written + " %"});
    error(d);
  }
  std::optional<double> nearest;
  if (p.range.lo && x < *p.range.lo && !p.range.lo_open) nearest = *p.range.lo;
  if (p.range.hi && x > *p.range.hi && !p.range.hi_open) nearest = *p.range.hi;
  d.help = "`" + p.name + "` must be " + p.range.describe() + (p.doc.empty() ? "" : " (" + p.doc + ")");
  if (nearest && v.t.dim.dimensionless()) {
    std::string n = units::format_number(*nearest, 6);
    d.help = *d.help + "; the nearest valid value is `" + n + "`";
    d.fixes.push_back({"write `" + n + "`", at, n});
  }
  error(d);
}

// Names of `pool` close to `name`: the same letters in another case first, then small edit distances.
std::vector<std::string> Checker::close_names(const std::string& name, const std::vector<std::string>& pool) const {
  std::vector<std::pair<size_t, std::string>> scored;
  std::string ln = lower(name);
  for (auto& c : pool) {
    std::string lc = lower(c);
    size_t d = lc == ln ? 0 : edit_distance(ln, lc) + 1;
    // `hour` for `hours`, `hbm_bandwidth` for `bandwidth`: one name inside the other
    bool prefix = std::min(lc.size(), ln.size()) >= 4 && (ln.find(lc) != std::string::npos || lc.find(ln) != std::string::npos);
    if (d <= std::max<size_t>(2, name.size() / 3) || prefix) scored.emplace_back(prefix && d > 1 ? 2 : d, c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [_, c] : scored)
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

}  // namespace mls::sema
