// Warnings: legal but suspicious code (W06xx). A warning never aborts the statement and never changes
// the exit code; the script runs. Reported once per span (function bodies are checked at every call,
// assert operands twice) and never while a typed hole is being solved (its trial substitutions).
//   W0601 decimal and binary prefixes of one unit mixed in a sum, difference or comparison (80 GB + 16 GiB)
//   W0602 a constant that would print as 0 or inf at the unit chosen with `->`
//   W0603 a binding, function, parameter or loop variable of the script that is never read
//   W0604 a count-like suffix glued to a number before a count unit: `7B params` is 7 byte·param
//   W0605 a unit that is almost never meant: `50 Ms` (megaseconds), `100 W/h` (a power per hour)
//   W0606 a plain number above 1 where a fraction is meant: `r.mfu > 40`, `within 5` (500 %)
//   W0607 a binding whose dimension has a fractional exponent: `t = sqrt(2 s)` is Time^1/2 (check_stmt.cpp)
#include "compiler/sema/checker.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

namespace mls::sema {

void Checker::warn(Diagnostic d) {
  if (hole_fill_ || opt_.builtin || uncalled_body_) return;
  Span s = d.primary_span();
  std::string key = d.code + " " + std::to_string(s.file) + ":" + std::to_string(s.begin) + "-" + std::to_string(s.end);
  if (!warned_.insert(key).second) return;
  d.severity = Severity::Warning;
  diags_->report(std::move(d));
}

namespace {
struct PrefixUse {
  const units::UnitEntry* unit = nullptr;
  Span span;
  Span literal;         // the literal that wrote the unit (at the binding, for a name): the fix replaces it
  double value = 0;     // its value in base units
};
// Per base unit ("B", "bit"): the first decimal-prefixed [0] and binary-prefixed [1] symbol written.
using PrefixUses = std::map<std::string, std::array<PrefixUse, 2>>;

bool mixes(const PrefixUses& u) {
  for (auto& [_, p] : u)
    if (p[0].unit && p[1].unit) return true;
  return false;
}
}  // namespace

// W0601. Only units written in the operands count (literals such as `16 GiB`, `x * 1 GiB`), not the
// display a bound value carries: comparing weights in GB with a zoo capacity in GiB is ordinary. An
// explicit conversion `(16 GiB -> GB)` marks a deliberate mix and is not looked into.
void Checker::warn_prefix_mix(const ast::Expr& e, const TExpr& a, const TExpr& b) {
  auto bound = [&](const std::string& n) {
    for (auto& sc : scopes_)
      if (sc.count(n)) return true;
    return false;
  };
  // `lit` is the quantity literal the unit belongs to (`16 GiB` of `x + 16 GiB`), labelled in the message.
  std::function<void(const ast::Expr&, PrefixUses&, const ast::Expr*)> collect = [&](const ast::Expr& x, PrefixUses& out,
                                                                                    const ast::Expr* lit) {
    using K = ast::ExprKind;
    if (x.kind == K::Ident) {
      // A name bound to a literal (`b = 16 GiB`) counts as that literal: the mix travels through bindings.
      const Binding* b = nullptr;
      for (auto it = scopes_.rbegin(); it != scopes_.rend() && bound(x.text); ++it)
        if (auto f = it->find(x.text); f != it->end()) {
          b = &f->second;
          break;
        }
      const units::UnitEntry* u = bound(x.text) ? (b && !lit ? b->written_unit : nullptr) : units_.find(x.text);
      if (!u || u->prefix.empty() || (u->prefixes != units::PrefixSystem::SI && u->prefixes != units::PrefixSystem::IEC)) return;
      PrefixUse& slot = out[u->base][u->prefixes == units::PrefixSystem::IEC ? 1 : 0];
      if (slot.unit) return;
      if (b) slot = {u, x.span, b->unit_literal, b->type.konst.value_or(0)};
      else slot = {u, (lit ? lit : &x)->span, lit ? lit->span : Span{}, lit ? lit->lhs->number * u->scale : 0};
    } else if (x.kind == K::Paren || x.kind == K::Unary) {
      collect(*x.lhs, out, lit);
    } else if (x.kind == K::Binary && x.binop <= ast::BinOp::Pow) {
      bool literal = !lit && (x.binop == ast::BinOp::Juxt || x.binop == ast::BinOp::Mul) && x.lhs->kind == K::Number;
      collect(*x.lhs, out, literal ? &x : lit);
      collect(*x.rhs, out, literal ? &x : lit);
    }
  };
  PrefixUses l, r;
  collect(*e.lhs, l, nullptr);
  collect(*e.rhs, r, nullptr);
  if (mixes(l) || mixes(r)) return;  // reported on the inner expression already
  for (auto& [base, lp] : l) {
    auto it = r.find(base);
    if (it == r.end()) continue;
    const auto& rp = it->second;
    bool dec_left = lp[0].unit && rp[1].unit;
    if (!dec_left && !(lp[1].unit && rp[0].unit)) continue;
    const PrefixUse& dec = dec_left ? lp[0] : rp[0];
    const PrefixUse& bin = dec_left ? rp[1] : lp[1];
    const ast::Expr& bin_side = dec_left ? *e.rhs : *e.lhs;
    const TExpr& bin_val = dec_left ? b : a;
    using B = ast::BinOp;
    std::string where = e.binop == B::Add ? "sum" : e.binop == B::Sub ? "difference" : "comparison";
    const std::string& ds = dec.unit->symbol;
    const std::string& bs = bin.unit->symbol;
    bool same_level = !dec.unit->prefix.empty() && !bin.unit->prefix.empty() &&
                      std::toupper(static_cast<unsigned char>(dec.unit->prefix[0])) == bin.unit->prefix[0];
    Diagnostic d;
    d.code = "W0601";
    if (same_level) {
      char pct[32];
      std::snprintf(pct, sizeof pct, "%.1f", (bin.unit->scale / dec.unit->scale - 1) * 100);
      d.message = "decimal `" + ds + "` and binary `" + bs + "` mixed in one " + where + ": they are " + pct + " % apart";
    } else {
      d.message = "decimal `" + ds + "` and binary `" + bs + "` prefixes mixed in one " + where;
    }
    auto factor = [&](const units::UnitEntry* u) {
      // 1 GB = 10^9 B, 1 GiB = 2^30 B (powers of the prefix family), else the plain scale
      double n = u->scale / units_.find(u->base)->scale;
      int p10 = int(std::lround(std::log10(n))), p2 = int(std::lround(std::log2(n)));
      if (u->prefixes == units::PrefixSystem::IEC && std::ldexp(1.0, p2) == n) return "2^" + std::to_string(p2);
      if (std::pow(10.0, p10) == n) return "10^" + std::to_string(p10);
      return units::format_number(n, 6);
    };
    std::string bin_text = "1 " + bs + " = " + factor(bin.unit) + " " + bin.unit->base;
    std::string dec_text = "1 " + ds + " = " + factor(dec.unit) + " " + dec.unit->base;
    d.labels.push_back({(dec_left ? bin : dec).span, dec_left ? bin_text : dec_text, true});
    d.labels.push_back({(dec_left ? dec : bin).span, dec_left ? dec_text : bin_text, false});
    std::string same;
    bool whole = bin.span.begin == bin_side.span.begin && bin.span.end == bin_side.span.end;
    if (whole && bin_val.t.konst && bin_val.t.is_num() && bin_val.t.dim == bin.unit->dim)
      same = "`" + text(bin_side.span) + "` is " + units::format_number(*bin_val.t.konst / dec.unit->scale, 4) + " " + ds;
    else
      same = "1 " + bs + " is " + units::format_number(bin.unit->scale / dec.unit->scale, 4) + " " + ds;
    d.help = same + ": write both sides with one kind of prefix (an explicit `-> " + ds + "` marks a deliberate mix)";
    if (bin.literal.valid() && bin.value > 0) {
      std::string as_dec = units::format_number(bin.value / dec.unit->scale, 6) + " " + ds;
      d.help = "`" + text(bin.literal) + "` is " + units::format_number(bin.value / dec.unit->scale, 4) + " " + ds + ": write both sides with one kind of prefix (an explicit `-> " + ds +
               "` marks a deliberate mix)";
      d.fixes.push_back({"write `" + as_dec + "`", bin.literal, as_dec});
    }
    warn(std::move(d));
    return;
  }
}

// W0602. A constant converted with `->` to a unit at which it overflows to inf or underflows to 0:
// the printed value would say nothing about the real one.
void Checker::warn_display_range(const ast::Expr& e, const TExpr& v, double unit_scale, const std::string& unit) {
  if (!v.t.konst || !v.t.is_num()) return;
  double si = *v.t.konst;
  if (!std::isfinite(si) || si == 0 || !(unit_scale > 0)) return;
  double shown = si / unit_scale;
  if (shown != 0 && std::isfinite(shown)) return;
  bool big = shown != 0;
  units::Display natural = v.t.display && !v.t.display->fixed ? *v.t.display : units::default_display(v.t.dim, units_);
  auto f = units::format(si, natural);
  std::string value = f.number + (f.unit.empty() ? "" : " " + f.unit);
  Diagnostic d;
  d.code = "W0602";
  d.message = "`" + text(e.lhs->span) + "` would print as " + (big ? std::string(si < 0 ? "-inf" : "inf") : "0") + " " +
              unit + ": too " + (big ? "large" : "small") + " for this unit";
  d.labels.push_back({e.rhs->span, big ? "overflows to infinity" : "underflows to zero", true});
  d.labels.push_back({e.lhs->span, "this is " + value, false});
  d.help = "convert to a unit of its size, or drop `-> " + text(e.rhs->span) + "` and MLS shows " + value;
  warn(std::move(d));
}

// W0603. Bindings of the script itself (not the prelude, the zoo or imported files; not in the REPL)
// that are never read: `let`s at any depth, functions, loop variables, and parameters a function's
// body never mentions. Names starting with `_` are exempt. Only reported on a script without errors:
// a statement that failed may have stopped before reading a name.
void Checker::report_unused(const ast::Program& p) {
  if (opt_.builtin || opt_.repl || opt_.allow_rebinding || diags_->has_errors()) return;
  auto read = [&](Span s) { return read_sites_.count({s.file, s.begin}) > 0; };
  // `fidelity = ...` is the script's fidelity setting, not a binding (check_fidelity.cpp).
  auto exempt = [](const std::string& n) { return n.empty() || n[0] == '_' || n == "fidelity"; };
  auto unused = [&](const std::string& msg, Span s, const std::string& label, const std::string& help) {
    Diagnostic d;
    d.code = "W0603";
    d.message = msg;
    d.labels.push_back({s, label, true});
    d.help = help;
    warn(std::move(d));
  };
  std::function<bool(const ast::Expr*, const std::string&)> mentions = [&](const ast::Expr* x, const std::string& n) {
    if (!x) return false;
    using K = ast::ExprKind;
    if ((x->kind == K::Ident || x->kind == K::Call) && x->text == n) return true;
    if (x->kind == K::Convert) return mentions(x->lhs.get(), n);  // the target is units only
    if (mentions(x->lhs.get(), n) || mentions(x->rhs.get(), n) || mentions(x->step.get(), n) ||
        mentions(x->cond.get(), n) || mentions(x->then_e.get(), n) || mentions(x->else_e.get(), n))
      return true;
    for (auto& a : x->args)
      if (mentions(a.value.get(), n)) return true;
    for (auto& f : x->fields)
      if (mentions(f.value.get(), n)) return true;
    for (auto& i : x->items)
      if (mentions(i.get(), n)) return true;
    return false;
  };
  std::function<void(const std::vector<ast::StmtPtr>&)> walk = [&](const std::vector<ast::StmtPtr>& stmts) {
    // `mls -e 'x = 3 m'`: a binding typed on the command line is what the user asked for, not a leftover.
    const bool answers = opt_.command_line && &stmts == &p.stmts;
    for (auto& sp : stmts) {
      const ast::Stmt& s = *sp;
      switch (s.kind) {
        case ast::StmtKind::Let:
          if (!answers && !exempt(s.name) && !read(s.name_span))
            unused("`" + s.name + "` is bound but never used", s.name_span, "never read",
                   "use it (`print " + s.name + "`), delete it, or name it `_" + s.name + "` to keep it unused");
          break;
        case ast::StmtKind::Fn:
          if (exempt(s.name)) break;
          if (!read(s.name_span) && !answers) {
            unused("function `" + s.name + "` is never called", s.name_span, "never called",
                   "call it (`" + s.name + "(...)`), delete it, or name it `_" + s.name + "` to keep it unused");
            break;
          }
          for (auto& prm : s.params)
            if (!exempt(prm.name) && !mentions(s.value.get(), prm.name))
              unused("parameter `" + prm.name + "` of `" + s.name + "` is never used", prm.span, "not in the body",
                     "use it in the body, remove it from `" + s.name + "` and its calls, or name it `_" + prm.name + "`");
          break;
        case ast::StmtKind::For:
          for (auto& fb : s.bindings)
            if (!exempt(fb.name) && !read(fb.name_span))
              unused("loop variable `" + fb.name + "` is never used", fb.name_span, "never read in the loop",
                     "if the loop only repeats, name the variable `_` (`for _ in ...`)");
          walk(s.body);
          break;
        default: break;
      }
    }
  };
  walk(p.stmts);
}

}  // namespace mls::sema

namespace mls::sema {

namespace {
const ast::Expr& bare_expr(const ast::Expr& e) {
  const ast::Expr* x = &e;
  while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
  return *x;
}

// The multiplier a suffix means when glued to a number before a count (`7B params`, `8K tokens`).
std::optional<double> count_suffix(const std::string& s) {
  if (s == "k" || s == "K") return 1e3;
  if (s == "M") return 1e6;
  if (s == "B" || s == "G") return 1e9;
  if (s == "T") return 1e12;
  return std::nullopt;
}

// `7` and 1e9 as `7e9`; 8 and 1e3 as `8000`.
std::string scaled(const std::string& number, double value, double mult) {
  double v = value * mult;
  if (v == std::floor(v) && v < 1e7) return units::format_number(v, 15);
  return number + "e" + std::to_string(int(std::lround(std::log10(mult))));
}
}  // namespace

// W0604. `7B params` lexes as 7 · B · params (bytes times parameters) and `8K tokens` as 8 kelvin·token:
// the suffix is glued to the number and a count unit follows.
void Checker::warn_count_suffix(const ast::Expr& e) {
  using K = ast::ExprKind;
  using B = ast::BinOp;
  if (e.kind != K::Binary || e.binop != B::Juxt) return;
  const ast::Expr *num = nullptr, *suffix = nullptr, *count = nullptr;
  const ast::Expr& l = bare_expr(*e.lhs);
  const ast::Expr& r = bare_expr(*e.rhs);
  if (l.kind == K::Binary && l.binop == B::Juxt && l.lhs->kind == K::Number && l.rhs->kind == K::Ident && r.kind == K::Ident) {
    num = l.lhs.get(), suffix = l.rhs.get(), count = &r;
  } else if (l.kind == K::Number && r.kind == K::Binary && r.binop == B::Juxt && r.lhs->kind == K::Ident && r.rhs->kind == K::Ident) {
    num = &l, suffix = r.lhs.get(), count = r.rhs.get();
  }
  if (!num || num->span.end != suffix->span.begin || lookup(suffix->text) || lookup(count->text)) return;
  auto mult = count_suffix(suffix->text);
  const units::UnitEntry* cu = units_.find(count->text);
  if (!mult || !cu) return;
  reg::Type t;
  t.dim = cu->dim;
  if (cu->dim.dimensionless() || !t.count_kind() || cu->scale != 1) return;
  std::string meant = scaled(text(num->span), num->number, *mult) + " " + cu->symbol;
  const units::UnitEntry* su = units_.find(suffix->text);
  Diagnostic d;
  d.code = "W0604";
  d.message = "`" + text(num->span) + suffix->text + " " + count->text + "` reads as " + text(num->span) + " " +
              (su ? su->symbol : suffix->text) + " × " + cu->symbol + ", not " + meant;
  Span whole{e.span.file, num->span.begin, count->span.end};
  d.labels.push_back({whole, (su ? dim_label(su->dim, units_) : suffix->text) + " × " + dim_label(cu->dim, units_), true});
  d.help = "a count is written with its full number: `" + meant + "`";
  d.fixes.push_back({"write `" + meant + "`", whole, meant});
  warn(std::move(d));
}

// W0605. Units that are legal but almost never meant: megaseconds (`50 Ms`, where ms was meant) and a
// power per hour (`100 W/h`, where the energy Wh was meant).
void Checker::warn_unlikely_unit(const ast::Expr& e) {
  using K = ast::ExprKind;
  using B = ast::BinOp;
  if (e.kind != K::Binary) return;
  if (e.binop == B::Juxt && e.lhs->kind == K::Number && e.rhs->kind == K::Ident && !lookup(e.rhs->text)) {
    const units::UnitEntry* u = units_.find(e.rhs->text);
    if (u && u->symbol == "Ms" && units_.find("ms")) {
      Diagnostic d;
      d.code = "W0605";
      d.message = "`" + text(e.span) + "` is " + text(e.lhs->span) + " megaseconds (" +
                  units::format_number(e.lhs->number * 1e6 / 86400, 4) + " days)";
      d.labels.push_back({e.rhs->span, "M is mega: 10^6 s", true});
      d.help = "milliseconds are `ms`, with a small m: `" + text(e.lhs->span) + " ms`";
      d.fixes.push_back({"write `ms`", e.rhs->span, "ms"});
      warn(std::move(d));
    }
    return;
  }
  if (e.binop != B::Div || e.rhs->kind != K::Ident || lookup(e.rhs->text)) return;
  // `100 W/h` is 100 · (W / h); `(100 W)/h` the same
  const ast::Expr& l = bare_expr(*e.lhs);
  const ast::Expr* power = l.kind == K::Ident ? &l
                         : l.kind == K::Binary && l.binop == B::Juxt && l.lhs->kind == K::Number && l.rhs->kind == K::Ident
                             ? l.rhs.get()
                             : nullptr;
  if (!power) return;
  const units::UnitEntry* p = units_.find(power->text);
  const units::UnitEntry* h = units_.find(e.rhs->text);
  if (!p || !h || lookup(power->text) || h->dim != Dimension::base(BaseDim::Time) || h->scale != 3600 ||
      units_.dimension_name(p->dim) != "Power")
    return;
  const units::UnitEntry* energy = units_.find(p->symbol + "h");
  if (!energy || units_.dimension_name(energy->dim) != "Energy") return;
  Span unit{e.span.file, power->span.begin, e.rhs->span.end};
  Diagnostic d;
  d.code = "W0605";
  d.message = "`" + text(unit) + "` is a power per hour (a ramp rate), not an energy";
  d.labels.push_back({unit, "Power / Time", true});
  d.help = "watt-hours are written `" + energy->symbol + "`, without the slash";
  d.fixes.push_back({"write `" + energy->symbol + "`", unit, energy->symbol});
  warn(std::move(d));
}

// W0606. A plain number above 1 (up to 100) where a fraction is meant: `r.mfu > 40` is never true and
// `within 5` is a tolerance of 500 %. The number was a percent.
void Checker::warn_percent_number(const ast::Expr& number, const TExpr& v, const std::string& what) {
  if (!v.t.bare || !v.t.konst || !(*v.t.konst > 1) || *v.t.konst > 100) return;
  std::string n = text(number.span);
  std::string pct = units::format_number(*v.t.konst * 100, 6);
  Diagnostic d;
  d.code = "W0606";
  d.message = what + ": `" + n + "` is " + pct + " %";
  d.labels.push_back({number.span, "a fraction of " + n + " = " + pct + " %", true});
  d.help = "a fraction is between 0 and 1; if `" + n + "` is a percent, write `" + n + " %` (= " +
           units::format_number(*v.t.konst / 100, 4) + ")";
  d.fixes.push_back({"write `" + n + " %`", number.span, n + " %"});
  warn(std::move(d));
}

}  // namespace mls::sema
