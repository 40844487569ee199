// floor, ceil and round of a quantity: the result depends on the unit the value is counted in
// (2.6 ms rounds to 3 ms, but 0.0026 s to 0 s), and dimensions are erased to base units before the
// IR runs. So the unit is written in the call, `round(x -> ms)`, and travels into the IR as the
// second operand of the Math op; a bare `round(x)` of a value with a unit is E0315.
#include "compiler/sema/checker.hpp"

#include <cmath>

namespace mls::sema {

namespace {
std::string article(const std::string& w) {
  return (std::string("AEIOU").find(w[0]) != std::string::npos ? "an " : "a ") + w;
}

// A plain number: no dimension and no display unit (12.5 % is dimensionless but shown in %).
bool plain_number(const SType& t) {
  if (!t.dim.dimensionless() || !t.display) return t.dim.dimensionless();
  const units::Display& d = *t.display;
  return d.fixed ? d.text.empty() && d.scale == 1 : d.prefix_base.empty() && d.rest.empty() && d.rest_scale == 1;
}
}  // namespace

// The unit a value of type `t` is shown in: the one its constant value prints at (2.6 ms → ms), the
// unit it was converted to, else its display family's unprefixed unit (s, B/s).
std::string Checker::shown_unit(const SType& t) const {
  units::Display d = t.display ? *t.display : units::default_display(t.dim, units_);
  if (t.konst && std::isfinite(*t.konst)) {
    std::string u = units::format(*t.konst, d).unit;
    if (!u.empty()) return u;
  }
  if (d.fixed) return d.text;
  std::string u = d.prefix_base + d.rest;
  return u.empty() ? t.dim.base_unit_form() : u;
}

Checker::TExpr Checker::call_rounding(const ast::Expr& e, const std::string& fn, const TExpr& x) {
  const ast::Expr* arg = e.args[0].value.get();
  while (arg->kind == ast::ExprKind::Paren) arg = arg->lhs.get();
  ir::Inst i{ir::Op::Math};
  i.str = fn;
  i.type = ir::VType::F64;
  i.span = e.span;
  i.operands = {x.v};
  SType t = SType::num(x.t.dim);
  t.display = x.t.display;
  if (arg->kind == ast::ExprKind::Convert) {
    // `round(x -> ms)`: rounded in ms, shown in ms (convert() made the display fixed at that unit).
    i.operands.push_back(konst(x.t.display->scale, arg->rhs->span));
    return {t, emit(std::move(i))};
  }
  if (plain_number(x.t)) return {t, emit(std::move(i))};
  const ast::Expr& a = *e.args[0].value;
  std::string unit = shown_unit(x.t);
  std::string what = x.t.dim.dimensionless() ? "a value in " + unit : article(dim_label(x.t.dim, units_));
  std::string verb = fn == "floor" ? "round down" : fn == "ceil" ? "round up" : "round";
  std::string label = what + ": the result depends on the unit it is counted in";
  if (x.t.konst && std::isfinite(*x.t.konst)) {
    // What the erased form would give: the function applied to the value in base units.
    double base = fn == "floor" ? std::floor(*x.t.konst) : fn == "ceil" ? std::ceil(*x.t.konst) : std::round(*x.t.konst);
    std::string base_unit = x.t.dim.dimensionless() ? std::string() : x.t.dim.base_unit_form();
    std::string result = units::format_number(base, 15);
    label = base_unit.empty() ? "as a plain number this would " + verb + " to " + result
                              : "in " + base_unit + ", the base unit, this would " + verb + " to " + result + " " + base_unit;
  }
  std::string arg_text = text(a.span);
  if (a.kind == ast::ExprKind::If) arg_text = "(" + arg_text + ")";
  Diagnostic d;
  d.code = "E0315";
  d.message = "`" + fn + "` of " + what + " needs the unit to " + verb + " in";
  d.labels.push_back({a.span, label, true});
  d.help = "name the unit: `" + fn + "(" + arg_text + " -> " + unit + ")` " + (fn == "floor" ? "rounds down" : fn == "ceil" ? "rounds up" : "rounds") +
           " in " + unit + " and keeps the " + (x.t.dim.dimensionless() ? std::string("unit") : "dimension");
  d.fixes.push_back({"round in " + unit, a.span, arg_text + " -> " + unit});
  error(d);
}

}  // namespace mls::sema
