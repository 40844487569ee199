// Expressions: literals, names, arithmetic with dimension rules, conversions, records, lists.
#include "compiler/sema/checker.hpp"
#include "compiler/sema/builtins.hpp"

#include "compiler/sema/limits.hpp"
#include "compiler/sema/unit_lexicon.hpp"
#include "stdlib/registry/kind_display.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cmath>

namespace mls::sema {


namespace {
// Tags usable as bare identifiers: precisions, bottlenecks, recompute modes, ... (string values).
bool is_tag(const std::string& n) {
  static const std::vector<std::string> fixed = {"memory", "compute", "network", "injection", "inference", "training"};
  if (std::find(fixed.begin(), fixed.end(), n) != fixed.end()) return true;
  for (auto& p : precision_names())
    if (p == n) return true;
  for (auto& s : reg::solvers())
    for (auto& p : s.params)
      for (auto& c : p.type.choices)
        if (c == n) return true;
  for (auto& k : reg::kinds())
    for (auto& f : k.fields)
      for (auto& c : f.type.choices)
        if (c == n) return true;
  return false;
}

units::Display display_of_unit(const units::UnitEntry& u, const units::UnitTable& t) {
  units::Display d;
  const units::UnitEntry* base = t.find(u.base);
  d.prefix_base = u.base;
  d.rest_scale = base ? base->scale : u.scale;
  d.prefixes = base ? base->prefixes : u.prefixes;
  // A literal written with an IEC prefix keeps showing IEC prefixes (80 GiB stays in GiB).
  if (u.prefixes == units::PrefixSystem::IEC) d.prefixes = units::PrefixSystem::IEC;
  d.small_prefixes = base ? base->small_prefixes : false;
  return d;
}

}  // namespace

// A type standing for more than one value (list elements, the two branches of `if`) must not carry
// the compile-time constants of one of them, nor may a record after `with` keep the old values of
// the fields it replaced: constant folding (a function body inlined over `r.peak / r.bandwidth`)
// would compute with them.
SType forget_constants(SType t) {
  t.konst.reset();
  if (t.fields) {
    auto f = std::make_shared<Fields>(*t.fields);
    for (auto& [_, ft] : *f) ft = forget_constants(ft);
    t.fields = std::move(f);
  }
  if (t.elem) t.elem = std::make_shared<const SType>(forget_constants(*t.elem));
  return t;
}

namespace {

bool is_count_dim(const Dimension& d) {
  reg::Type t;
  t.dim = d;
  return t.count_kind();
}
}  // namespace

Checker::TExpr Checker::expr(const ast::Expr& e) {
  using K = ast::ExprKind;
  limits::Level level;  // bounded recursion and inlining (limits.hpp)
  if (level.too_deep()) error(limits::diagnostic(limits::Kind::Nesting, e.span));
  if (!expanding_fns_.empty() && ++limits::inlined_exprs > limits::kMaxInlinedExprs)
    error(limits::diagnostic(limits::Kind::Inlining, e.span));
  TExpr r;
  switch (e.kind) {
    case K::Number: {
      if (!std::isfinite(e.number))
        error("E0314", "the number `" + e.text + "` is too large for a double", e.span, "not finite",
              "numbers must lie within about ±1.8e308; use a larger unit");
      r.t = SType::num();
      r.t.bare = true;
      r.t.konst = e.number;
      r.v = konst(e.number, e.span);
      break;
    }
    case K::String: r.t = SType::str(); r.v = konst_str(e.text, e.span); break;
    case K::Bool: {
      ir::Inst i{ir::Op::ConstBool};
      i.flag = e.boolean;
      i.type = ir::VType::Bool;
      i.span = e.span;
      r.t = SType::boolean();
      r.v = emit(std::move(i));
      break;
    }
    case K::Ident: r = ident(e); break;
    case K::Paren: r = expr(*e.lhs); break;
    case K::Interp: r = interpolation(e); break;
    case K::Unary: {
      TExpr a = expr(*e.lhs);
      if (e.unop == ast::UnOp::Not) {
        if (a.t.k != SType::K::Bool) error("E0310", "`not` needs a true/false value", e.lhs->span, "this is " + describe_a(a.t, units_));
        ir::Inst i{ir::Op::Not};
        i.operands = {a.v};
        i.type = ir::VType::Bool;
        i.span = e.span;
        r.t = SType::boolean();
        r.v = emit(std::move(i));
      } else {
        if (!a.t.is_num()) error("E0310", "a sign needs a number", e.lhs->span, "this is " + describe_a(a.t, units_));
        r = a;
        r.t.is_unit = false;
        if (e.unop == ast::UnOp::Neg) {
          ir::Inst i{ir::Op::Neg};
          i.operands = {a.v};
          i.type = ir::VType::F64;
          i.span = e.span;
          r.v = emit(std::move(i));
          if (r.t.konst) r.t.konst = -*r.t.konst;
        }
      }
      break;
    }
    case K::Binary: r = binary(e); break;
    case K::Convert: r = convert(e); break;
    case K::Call: r = call(e); break;
    case K::Field: r = field(e); break;
    case K::With: r = with(e); break;
    case K::RecordLit: r = record_lit(e); break;
    case K::ListLit: r = list_lit(e); break;
    case K::Range: r = range(e); break;
    case K::If: r = if_expr(e); break;
    case K::Hole: r = hole(e); break;
  }
  note_type(e, r.t);
  return r;
}

Checker::TExpr Checker::ident(const ast::Expr& e) {
  const std::string& n = e.text;
  if (poisoned_.count(n) && !lookup(n)) throw Abort{};
  if (!filter_items_.empty())
    if (auto f = item_field(n, e.span)) return *f;
  if (Binding* b = lookup(n)) {
    if (b->generic) throw Abort{};  // a parameter without a type in an uncalled body (check_uncalled_fns)
    if (b->k == Binding::K::Fn)
      error("E0410", "`" + n + "` is a function; call it with arguments", e.span, "not a value",
            "write `" + n + "(...)`");
    return {b->type, b->value};
  }
  if (const units::UnitEntry* u = units_.find(n)) {
    TExpr r;
    r.t = SType::num(u->dim);
    r.t.is_unit = true;
    r.t.konst = u->scale;
    r.t.display = display_of_unit(*u, units_);
    r.v = konst(u->scale, e.span);
    return r;
  }
  // The unit table's own known slips first (`Gb` is a gigabit, `KB` has its lesson), then the lexicon.
  if (auto m = units::known_misspelling(n, units_)) error(m->code, m->message, e.span, "not a unit", m->help);
  if (auto u = unit_spelling(n, units_)) {
    // A unit written another way (`hr`, `GBps`, `μs`): the curated answer, never a unit of another dimension.
    Diagnostic d;
    d.code = "E0110";
    d.message = "unknown name `" + n + "`: MLS writes this unit `" + *u + "`";
    d.labels.push_back({e.span, "not a unit", true});
    d.help = "did you mean `" + *u + "`?";
    d.fixes.push_back({"write `" + *u + "`", e.span, *u});
    error(d);
  }
  if (is_tag(n)) return {SType::str(), konst_str(n, e.span)};
  if (reg::find_solver(n) || is_builtin_fn(n))
    error("E0410", "`" + n + "` is a function; call it with arguments", e.span, "not a value", "write `" + n + "(...)`");
  if (reg::find_kind(n)) return kind_collection(n, e.span);
  unknown_name(n, e.span);
}

// A kind's name is the list of its entries, zoo and script alike, in declaration order: sweeps write
// `for hw in hardware { ... } where hw.tier == "cloud"`.
Checker::TExpr Checker::kind_collection(const std::string& kind, Span where) {
  ir::Inst i{ir::Op::MakeList};
  i.type = ir::VType::List;
  i.span = where;
  for (auto& z : zoo_)
    if (z.kind == kind)
      if (Binding* b = lookup(z.name); b && b->k == Binding::K::Var && b->type.kind == kind) i.operands.push_back(b->value);
  return {SType::list(record_of_kind(kind)), emit(std::move(i))};
}

Checker::TExpr Checker::binary(const ast::Expr& e) {
  using B = ast::BinOp;
  if (e.binop == B::Default) return default_expr(e);  // check_optional.cpp
  if (e.binop == B::And || e.binop == B::Or) {
    TExpr a = expr(*e.lhs), b = expr(*e.rhs);
    for (auto* x : {&a, &b})
      if (x->t.k != SType::K::Bool)
        error("E0310", std::string("`") + ast::binop_text(e.binop) + "` needs true/false values on both sides",
              (x == &a ? e.lhs : e.rhs)->span, "this is " + describe_a(x->t, units_));
    ir::Inst i{e.binop == B::And ? ir::Op::And : ir::Op::Or};
    i.operands = {a.v, b.v};
    i.type = ir::VType::Bool;
    i.span = e.span;
    return {SType::boolean(), emit(std::move(i))};
  }
  size_t mark = blocks_.back()->insts.size();
  // Before the operands: in `128k tokens` the `k` is no name at all, and the warning says what was meant.
  if (e.binop == B::Juxt) warn_count_suffix(e);
  TExpr a = expr(*e.lhs), b = expr(*e.rhs);
  if (e.binop >= B::Eq && e.binop <= B::Ge) {
    TExpr c = compare(e, a, b);
    if (a.t.is_num()) warn_prefix_mix(e, a, b);
    return c;
  }
  TExpr r = arith(e, a, b);
  if (e.binop == B::Add || e.binop == B::Sub) warn_prefix_mix(e, a, b);
  // Constant folding: `3.35 TB/s` becomes one constant (conversions are folded to scale factors).
  if (r.t.konst && std::isfinite(*r.t.konst)) {
    auto& insts = blocks_.back()->insts;
    bool pure = true;
    for (size_t k = mark; k < insts.size(); ++k) {
      ir::Op op = insts[k].op;
      pure = pure && (op == ir::Op::ConstNum || op == ir::Op::Add || op == ir::Op::Sub || op == ir::Op::Mul ||
                      op == ir::Op::Div || op == ir::Op::Pow || op == ir::Op::Neg);
    }
    if (pure) {
      insts.resize(mark);
      r.v = konst(*r.t.konst, e.span);
    }
  }
  return r;
}

Checker::TExpr Checker::arith(const ast::Expr& e, TExpr a, TExpr b) {
  using B = ast::BinOp;
  for (auto* x : {&a, &b})
    if (!x->t.is_num())
      error("E0310", std::string("`") + ast::binop_text(e.binop) + "` needs numbers or quantities",
            (x == &a ? e.lhs : e.rhs)->span, "this is " + describe_a(x->t, units_));
  if (e.binop == B::Juxt || e.binop == B::Div) warn_unlikely_unit(e);
  TExpr r;
  ir::Inst i{ir::Op::Add};
  i.operands = {a.v, b.v};
  i.type = ir::VType::F64;
  i.span = e.span;
  switch (e.binop) {
    case B::Add:
    case B::Sub: {
      if (a.t.dim != b.t.dim) {
        // A bare number beside a quantity: "did you mean 50 ms?"
        if (a.t.bare != b.t.bare && (a.t.bare ? b.t.dim : a.t.dim).dimensionless() == false)
          bare_number(e, a, b, e.binop == B::Add ? "added to " : "subtracted from ");
        dimension_mismatch("E0301", e.binop == B::Add ? "addition" : "subtraction", e, *e.lhs, a, *e.rhs, b);
      }
      i.op = e.binop == B::Add ? ir::Op::Add : ir::Op::Sub;
      r.t = SType::num(a.t.dim);
      r.t.display = a.t.display ? a.t.display : b.t.display;
      if (a.t.konst && b.t.konst) r.t.konst = e.binop == B::Add ? *a.t.konst + *b.t.konst : *a.t.konst - *b.t.konst;
      r.t.bare = a.t.bare && b.t.bare;
      r.t.fraction = a.t.fraction || b.t.fraction;
      break;
    }
    case B::Mul:
    case B::Juxt:
    case B::Div: {
      bool div = e.binop == B::Div;
      i.op = div ? ir::Op::Div : ir::Op::Mul;
      r.t = SType::num(div ? a.t.dim / b.t.dim : a.t.dim * b.t.dim);
      if (a.t.konst && b.t.konst && !(div && *b.t.konst == 0)) r.t.konst = div ? *a.t.konst / *b.t.konst : *a.t.konst * *b.t.konst;
      r.t.bare = a.t.bare && b.t.bare;
      r.t.is_unit = a.t.is_unit && b.t.is_unit;
      // `up / (up + down)`: a part over a whole that contains it is a share (W0606)
      if (div && a.t.dim == b.t.dim && !a.t.dim.dimensionless()) {
        const ast::Expr* w = e.rhs.get();
        while (w->kind == ast::ExprKind::Paren) w = w->lhs.get();
        r.t.fraction = w->kind == ast::ExprKind::Binary && w->binop == B::Add &&
                       (text(w->lhs->span) == text(e.lhs->span) || text(w->rhs->span) == text(e.lhs->span));
      }
      // Display: a number times a unit shows in that unit (3.35 TB); a quantity over a unit keeps its
      // prefix family and appends the unit (3.35 TB/s); scaling by a plain number keeps the display.
      if (a.t.dim.dimensionless() && !a.t.display && !div) r.t.display = b.t.display;
      else if (b.t.dim.dimensionless() && !b.t.display) r.t.display = a.t.display;
      else if (a.t.display && !a.t.display->fixed && b.t.is_unit && b.t.konst && !a.t.dim.dimensionless()) {
        units::Display d = *a.t.display;
        std::string bt = text(e.rhs->span);
        bool compound = bt.find_first_of("*/ ") != std::string::npos;
        d.rest += std::string(div ? "/" : "*") + (compound && !div ? bt : (compound ? "(" + bt + ")" : bt));
        d.rest_scale = div ? d.rest_scale / *b.t.konst : d.rest_scale * *b.t.konst;
        r.t.display = d;
      }
      break;
    }
    case B::Pow: {
      i.op = ir::Op::Pow;
      if (!b.t.dim.dimensionless()) {
        Diagnostic d;
        d.code = "E0305";
        d.message = "an exponent must be a plain number, not " + describe_a(b.t, units_);
        d.labels.push_back({e.rhs->span, "this is " + describe_a(b.t, units_), true});
        d.dims.push_back({"exponent", b.t.dim.base_form(), units_.dimension_name(b.t.dim), origin_of(*e.rhs)});
        // `1.5 ^ horizon` with `horizon = 3 year`: the count of years is `horizon / 1 year`.
        std::string unit = shown_unit(b.t);
        std::string count = "(" + text(e.rhs->span) + " / 1 " + unit + ")";
        d.help = "an exponent counts something: divide by the unit you count in, `" + count + "`";
        d.fixes.push_back({"write `" + count + "`", e.rhs->span, count});
        error(d);
      }
      if (!a.t.dim.dimensionless()) {
        if (!b.t.konst)
          error("E0305", "a quantity with a unit can only be raised to a constant power", e.rhs->span,
                "not known before running", "the dimension of the result must be known: write a number such as `^ 2`");
        double p = *b.t.konst;
        Rational rp;
        bool ok = false;
        for (int den : {1, 2, 3, 4, 6}) {
          double num = p * den;
          if (std::fabs(num - std::round(num)) < 1e-9 && std::fabs(num) <= 64) {
            rp = Rational(int(std::round(num)), den);
            ok = true;
            break;
          }
        }
        if (!ok)
          error("E0305", "the power " + units::format_number(p, 6) + " of a quantity is not a simple fraction", e.rhs->span,
                "unsupported exponent", "use a whole number, or a half/third (sqrt, cbrt)");
        r.t = SType::num(a.t.dim.pow(rp));
      } else {
        r.t = SType::num();
      }
      if (a.t.konst && b.t.konst) r.t.konst = std::pow(*a.t.konst, *b.t.konst);
      r.t.is_unit = a.t.is_unit;
      r.t.bare = a.t.bare && b.t.bare;
      break;
    }
    default: error("E0201", "this operator cannot be used here", e.span, "unexpected operator");
  }
  r.v = emit(std::move(i));
  return r;
}

Checker::TExpr Checker::compare(const ast::Expr& e, TExpr a, TExpr b) {
  using B = ast::BinOp;
  ir::Inst i{ir::Op::Eq};
  static const ir::Op ops[] = {ir::Op::Eq, ir::Op::Ne, ir::Op::Lt, ir::Op::Le, ir::Op::Gt, ir::Op::Ge};
  i.op = ops[int(e.binop) - int(B::Eq)];
  i.operands = {a.v, b.v};
  i.type = ir::VType::Bool;
  i.span = e.span;
  bool ordered = e.binop != B::Eq && e.binop != B::Ne;
  if (a.t.is_num() && b.t.is_num()) {
    if (a.t.dim != b.t.dim) {
      if (a.t.bare != b.t.bare) bare_number(e, a, b, "compared with ");
      dimension_mismatch("E0302", "comparison", e, *e.lhs, a, *e.rhs, b);
    }
    if (a.t.fraction && b.t.dim.dimensionless()) warn_percent_number(*e.rhs, b, "`" + text(e.lhs->span) + "` is a fraction from 0 to 1");
    if (b.t.fraction && a.t.dim.dimensionless()) warn_percent_number(*e.lhs, a, "`" + text(e.rhs->span) + "` is a fraction from 0 to 1");
  } else if (a.t.k == SType::K::Str && b.t.k == SType::K::Str && !ordered) {
  } else if (a.t.k == SType::K::Bool && b.t.k == SType::K::Bool && !ordered) {
  } else {
    error("E0302", "cannot compare " + describe(a.t, units_) + " with " + describe(b.t, units_), e.span,
          ordered ? "only numbers and quantities are ordered" : "different kinds of value");
  }
  return {SType::boolean(), emit(std::move(i))};
}

Checker::TExpr Checker::convert(const ast::Expr& e) {
  TExpr a = expr(*e.lhs);
  if (e.rhs->kind == ast::ExprKind::Ident && (e.rhs->text == "SI" || e.rhs->text == "base") && !units_.contains(e.rhs->text)) {
    if (!a.t.is_num()) error("E0303", "only quantities can be converted", e.lhs->span, "this is " + describe_a(a.t, units_));
    TExpr r = a;
    r.t.display = units::coherent_display(a.t.dim, units_, e.rhs->text == "SI");
    r.t.is_unit = false;
    return r;
  }
  auto uv = unit_value(*e.rhs);
  if (!uv)
    error("E0106", "the target of `->` must be a unit", e.rhs->span, "not a unit expression",
          "write units only, e.g. `-> GB/s`, `-> ms`, `-> FLOP/B`");
  if (!a.t.is_num()) error("E0303", "only quantities can be converted", e.lhs->span, "this is " + describe_a(a.t, units_));
  if (a.t.dim != uv->dim) {
    Diagnostic d;
    d.code = "E0303";
    d.message = "cannot convert " + dim_label(a.t.dim, units_) + " to " + dim_label(uv->dim, units_) + " (`" + uv->text + "`)";
    d.labels.push_back({e.lhs->span, dim_label(a.t.dim, units_), true});
    d.labels.push_back({e.rhs->span, dim_label(uv->dim, units_), false});
    d.dims.push_back({"value", a.t.dim.base_form(), units_.dimension_name(a.t.dim), origin_of(*e.lhs)});
    d.dims.push_back({"target", uv->dim.base_form(), units_.dimension_name(uv->dim), ""});
    Dimension ratio = uv->dim / a.t.dim;
    std::string lt = text(e.lhs->span);
    std::string operand = lt.find_first_of(" +-*/^") == std::string::npos ? lt : "(" + lt + ")";
    if (uv->dim == a.t.dim.pow(-1)) {
      // `itl -> token/s`: the rate is one over the time per token.
      d.help = "the value is the inverse of `" + uv->text + "`: convert `1 / " + operand + "`";
      d.fixes.push_back({"write `1 / " + operand + "`", e.lhs->span, "1 / " + operand});
    } else if (ratio == Dimension::base(BaseDim::Time, -1)) {
      d.help = "`" + uv->text + "` is a rate and the value an amount: divide by a Time first (e.g. `/ 1 s`)";
    } else if (ratio == Dimension::base(BaseDim::Time)) {
      d.help = "`" + uv->text + "` is an amount and the value a rate: convert to a rate unit, or multiply by a Time first (e.g. `* 1 h`)";
    } else {
      d.help = "`" + lt + "` is " + article_for(dim_label(a.t.dim, units_)) + ", in units such as " + unit_for(a.t.dim) +
               "; `" + uv->text + "` measures " + article_for(dim_label(uv->dim, units_));
    }
    // A target one spelling away from the value's dimension is the likely intent: an energy in `kW`
    // meant `kWh`, a bandwidth in `GB` meant `GB/s`.
    if (d.fixes.empty() && e.rhs->kind == ast::ExprKind::Ident)
      for (const std::string& t : {uv->text + "h", uv->text + "/s"})
        if (const units::UnitEntry* u = units_.find(t); u && u->dim == a.t.dim) {
          d.help = "`" + lt + "` is " + article_for(dim_label(a.t.dim, units_)) + ": convert it to `" + t + "`, not `" + uv->text + "`";
          d.fixes.push_back({"convert to `" + t + "`", e.rhs->span, t});
          break;
        }
    if (d.fixes.empty() && ratio == Dimension::base(BaseDim::Time) && e.rhs->kind == ast::ExprKind::Ident) {
      std::string t = uv->text + "/s";  // a rate shown in an amount unit: `link -> GB` meant GB/s
      d.help = "`" + lt + "` is " + article_for(dim_label(a.t.dim, units_)) + ": convert it to `" + t + "`";
      d.fixes.push_back({"convert to `" + t + "`", e.rhs->span, t});
    }
    error(d);
  }
  warn_display_range(e, a, uv->scale, uv->text);
  TExpr r = a;
  units::Display disp;
  disp.fixed = true;
  disp.text = uv->text;
  disp.scale = uv->scale;
  if (const units::UnitEntry* u = units_.find(uv->text); u && u->symbol == u->base && u->prefixes == units::PrefixSystem::SI) {
    disp.fixed_prefixable = true;
    disp.fixed_small_prefixes = u->small_prefixes;
  }
  r.t.display = disp;
  r.t.is_unit = false;
  return r;
}

// A field of a record type by name or alias: its type, and `name` becomes the field's own name.
const SType* Checker::find_field(const SType& t, std::string& name) const {
  if (!t.kind.empty())
    if (auto* k = reg::find_kind(t.kind))
      if (auto* f = k->field(name)) name = f->name;
  if (t.family.size() && t.kind.empty())
    for (auto* k : reg::kinds_of_family(t.family))
      if (auto* f = k->field(name)) { name = f->name; break; }
  return t.field(name);
}

Checker::TExpr Checker::get_field(TExpr o, const std::string& name, const SType& ft, Span span) {
  // A `where` filter skips the items that lack an optional field it reads (guard_filter).
  if (!filter_reads_.empty() && guarded_reads_ == 0 && !filter_items_.empty())
    if (Binding* item = lookup(filter_items_.back()); item && item->value == o.v && may_be_absent(o.t, name))
      filter_reads_.back().push_back(name);
  ir::Inst i{ir::Op::GetField};
  i.operands = {o.v};
  i.str = name;
  i.type = ft.vtype();
  i.span = span;
  return {ft, emit(std::move(i))};
}

// Inside a `for x in LIST where COND` filter a bare name is first a field of the item.
std::optional<Checker::TExpr> Checker::item_field(const std::string& n, Span span) {
  Binding* item = lookup(filter_items_.back());
  if (!item || !item->type.is_record()) return std::nullopt;
  std::string name = n;
  const SType* ft = find_field(item->type, name);
  if (!ft) return std::nullopt;
  return get_field({item->type, item->value}, name, *ft, span);
}

Checker::TExpr Checker::field(const ast::Expr& e) {
  TExpr o = expr(*e.lhs);
  std::string name = e.text;
  const SType& ft = field_type(e, o, name);
  return get_field(o, name, ft, e.span);
}

// The type of field `name` (made the field's own name) of `o`, read by `e` (`o.name`): E0410 when
// `o` is no record, E0406 when its kind has no such field.
const SType& Checker::field_type(const ast::Expr& e, const TExpr& o, std::string& name) {
  if (!o.t.is_record())
    error("E0410", "`." + e.text + "` needs a record", e.lhs->span, "this is " + describe_a(o.t, units_));
  const SType* ft = find_field(o.t, name);
  if (!ft) {
    std::string alts;
    size_t shown = 0;
    std::vector<std::string> pool;
    if (o.t.fields)
      for (auto& [n, _] : *o.t.fields) {
        pool.push_back(n);
        if (shown < 12) alts += (shown++ ? ", " : "") + n;
      }
    unknown_field(reg::with_article(reg::record_noun(o.t.kind)) + " has no field `" + e.text + "`", e.text,
                  e.text_span.valid() ? e.text_span : e.span, pool, alts.empty() ? "" : "fields: " + alts);
  }
  return *ft;
}

Checker::TExpr Checker::with(const ast::Expr& e) {
  TExpr o = expr(*e.lhs);
  if (!o.t.is_record())
    error("E0410", "`with` updates a record", e.lhs->span, "this is " + describe_a(o.t, units_));
  ir::Inst i{ir::Op::With};
  i.operands = {o.v};
  i.type = ir::VType::Record;
  i.span = e.span;
  const reg::KindDesc* kd = o.t.kind.empty() ? nullptr : reg::find_kind(o.t.kind);
  auto updated = std::make_shared<Fields>(o.t.fields ? *o.t.fields : Fields{});
  for (auto& f : e.fields) {
    std::string name = f.name;
    if (kd)
      if (auto* fd = kd->field(name)) name = fd->name;
    const SType* ft = o.t.field(name);
    if (!ft) {
      std::vector<std::string> pool;
      if (o.t.fields)
        for (auto& [n, _] : *o.t.fields) pool.push_back(n);
      if (kd)
        for (auto& fd : kd->fields)
          for (auto& al : fd.aliases) pool.push_back(al);
      unknown_field(reg::with_article(reg::record_noun(o.t.kind)) + " has no field `" + f.name + "`", f.name, f.name_span,
                    pool, "");
    }
    TExpr v = expr(*f.value);
    bool count_ok = ft->is_num() && is_count_dim(ft->dim);
    v = coerce(*f.value, v, *ft, "field `" + name + "`", count_ok, "E0407");
    for (auto& [n, t] : *updated)
      if (n == name) {
        t = forget_constants(t);
        if (v.t.is_num()) t.konst = v.t.konst;
      }
    i.names.push_back(name);
    i.operands.push_back(v.v);
  }
  SType t = o.t;
  if (t.fields) t.fields = std::move(updated);
  return {t, emit(std::move(i))};
}

Checker::TExpr Checker::record_lit(const ast::Expr& e) {
  ir::Inst i{ir::Op::MakeRecord};
  i.type = ir::VType::Record;
  i.span = e.span;
  Fields f;
  for (auto& fi : e.fields) {
    for (auto& [n, _] : f)
      if (n == fi.name) error("E0112", "field `" + fi.name + "` is given twice", fi.name_span, "again here");
    TExpr v = expr(*fi.value);
    f.emplace_back(fi.name, v.t);
    i.names.push_back(fi.name);
    i.operands.push_back(v.v);
  }
  SType t;
  t.k = SType::K::Record;
  t.fields = std::make_shared<const Fields>(std::move(f));
  return {t, emit(std::move(i))};
}

Checker::TExpr Checker::list_lit(const ast::Expr& e) {
  ir::Inst i{ir::Op::MakeList};
  i.type = ir::VType::List;
  i.span = e.span;
  SType elem = SType::none();
  for (size_t k = 0; k < e.items.size(); ++k) {
    TExpr v = expr(*e.items[k]);
    if (k == 0) {
      elem = v.t;
    } else if (v.t.k != elem.k || (elem.is_num() && v.t.dim != elem.dim)) {
      Diagnostic d;
      d.code = "E0308";
      d.message = "list elements must all be of one kind: " + describe(elem, units_) + " and " + describe(v.t, units_);
      d.labels.push_back({e.items[k]->span, describe(v.t, units_), true});
      d.labels.push_back({e.items[0]->span, describe(elem, units_), false});
      d.help = "a list holds values of one dimension; convert or split it";
      error(d);
    } else if (auto dis = disagreement(elem, v.t)) {
      // Records field by field, lists element by element: the list's type is its first element's.
      Diagnostic d;
      d.code = "E0308";
      d.message = "list elements disagree" + disagreement_text(*dis);
      disagree(d, *dis, {e.items[0].get(), "element 1"}, {e.items[k].get(), "element " + std::to_string(k + 1)},
               "element", "the elements of a list share one type, the first element's");
    } else if (elem.is_record() && v.t.kind != elem.kind) {
      elem = record_of_family(elem.family);  // kinds of one family (disagreement() let them through)
    }
    i.operands.push_back(v.v);
  }
  elem = forget_constants(elem);
  elem.bare = false;
  elem.is_unit = false;
  return {SType::list(elem), emit(std::move(i))};
}

Checker::TExpr Checker::range(const ast::Expr& e) {
  TExpr lo = expr(*e.lhs), hi = expr(*e.rhs);
  if (!lo.t.is_num() || !hi.t.is_num() || lo.t.dim != hi.t.dim)
    dimension_mismatch("E0308", "range", e, *e.lhs, lo, *e.rhs, hi);
  TExpr step;
  if (e.step) {
    step = expr(*e.step);
    bool ok = step.t.is_num() && (e.geometric ? step.t.dim.dimensionless() : step.t.dim == lo.t.dim);
    if (!ok) {
      Diagnostic d;
      d.code = "E0304";
      d.message = e.geometric ? "a geometric step is a plain factor (`step *2`)"
                              : "a range step has the range's dimension (" + dim_label(lo.t.dim, units_) + "), not " +
                                    (step.t.is_num() ? dim_label(step.t.dim, units_) : describe(step.t, units_));
      d.labels.push_back({e.step->span, "this is " + describe_a(step.t, units_), true});
      d.labels.push_back({e.lhs->span, dim_label(lo.t.dim, units_), false});
      if (!e.geometric && step.t.is_num()) {
        // `16 GB..80 GB step 1`: the step takes the unit the range is written in
        std::string unit = shown_unit(lo.t);
        std::optional<std::string> w;
        if (step.t.bare) w = text(e.step->span) + " " + unit;
        else w = with_unit(*e.step, step, lo.t.dim);
        if (w) {
          d.help = "write the step in the range's unit: `step " + *w + "`";
          d.fixes.push_back({"write `" + *w + "`", e.step->span, *w});
        }
      }
      error(d);
    }
  } else {
    if (!lo.t.dim.dimensionless())
      error("E0304", "a range of quantities needs a step", e.span, "no step", "write e.g. `1 GB..8 GB step 1 GB`");
    step.v = konst(1, e.span);
  }
  ir::Inst i{ir::Op::Range};
  i.operands = {lo.v, hi.v, step.v};
  i.flag = e.geometric;
  i.type = ir::VType::List;
  i.span = e.span;
  SType el = SType::num(lo.t.dim);
  el.display = lo.t.display;
  return {SType::list(el), emit(std::move(i))};
}

Checker::TExpr Checker::if_expr(const ast::Expr& e) {
  TExpr c = expr(*e.cond);
  if (c.t.k != SType::K::Bool)
    error("E0310", "`if` needs a true/false condition", e.cond->span, "this is " + describe_a(c.t, units_));
  ir::Inst i{ir::Op::If};
  i.operands = {c.v};
  i.span = e.span;
  i.blocks.resize(2);
  TExpr branch[2];
  const ast::Expr* arms[2] = {e.then_e.get(), e.else_e.get()};
  for (int k = 0; k < 2; ++k) {
    blocks_.push_back(&i.blocks[size_t(k)]);
    try {
      branch[k] = expr(*arms[k]);
    } catch (...) {
      blocks_.pop_back();
      throw;
    }
    i.blocks[size_t(k)].yield = branch[k].v;
    blocks_.pop_back();
  }
  if (branch[0].t.k != branch[1].t.k || (branch[0].t.is_num() && branch[0].t.dim != branch[1].t.dim)) {
    Diagnostic d;
    d.code = "E0307";
    d.message = "the two branches of `if` have different types";
    d.labels.push_back({arms[0]->span, describe(branch[0].t, units_), true});
    d.labels.push_back({arms[1]->span, describe(branch[1].t, units_), false});
    d.help = "both branches must give the same dimension so the result has one type";
    error(d);
  }
  if (auto dis = disagreement(branch[0].t, branch[1].t)) {  // records field by field, lists element by element
    Diagnostic d;
    d.code = "E0307";
    d.message = "the two branches of `if` disagree" + disagreement_text(*dis);
    disagree(d, *dis, {arms[0], "`then`"}, {arms[1], "`else`"}, "branch",
             "both branches must give the same type so the result has one");
  }
  i.type = branch[0].t.vtype();
  SType t = forget_constants(branch[0].t);
  t.bare = branch[0].t.bare && branch[1].t.bare;
  return {t, emit(std::move(i))};
}

Checker::TExpr Checker::hole(const ast::Expr& e) {
  if (hole_fill_) {
    SType t = SType::num(*hole_fill_);
    return {t, konst(1, e.span)};
  }
  throw HoleFound{e.span};
}

// A typed hole: the value's dimension is linear in the hole's, d(X) = d0 + p·X, so two trial
// substitutions (X = 1 and X = Time) give p, and the annotation fixes X = (want − d0) / p.
void Checker::report_hole(const ast::Stmt& s, Span hole_span, const SType& want) {
  auto trial = [&](Dimension x) -> std::optional<Dimension> {
    hole_fill_ = x;
    size_t mark = blocks_.back()->insts.size();
    std::optional<Dimension> r;
    try {
      TExpr v = expr(*s.value);
      if (v.t.is_num()) r = v.t.dim;
    } catch (const Abort&) {
      diags_->clear_last();
    } catch (const HoleFound&) {
    }
    hole_fill_.reset();
    blocks_.back()->insts.resize(mark);
    return r;
  };
  Diagnostic d;
  d.code = "E0311";
  d.message = "a hole `?` stands for a value still to be written";
  d.labels.push_back({hole_span, "fill this in", true});
  std::optional<Dimension> d0, d1;
  if (want.is_num() && s.value) {
    d0 = trial(Dimension::none());
    d1 = trial(Dimension::base(BaseDim::Time));
  }
  if (want.is_num() && d0 && d1) {
    Rational p = (*d1)[BaseDim::Time] - (*d0)[BaseDim::Time];
    if (!p.is_zero()) {
      Dimension need = (want.dim / *d0).pow(Rational(1) / p);
      d.labels[0].text = "needs " + dim_label(need, units_);
      d.message = "the hole `?` must be " + (need.dimensionless() ? std::string("a plain number") : "a " + dim_label(need, units_));
      d.dims.push_back({"needed", need.base_form(), units_.dimension_name(need), ""});
      // Candidates: the script's own bindings first, then fields of zoo hardware (always set).
      std::vector<std::string> cands;
      for (auto& sc : scopes_)
        for (auto& [n, b] : sc)
          if (b.k == Binding::K::Var && !b.zoo && b.type.is_num() && b.type.dim == need && cands.size() < 5)
            cands.push_back("`" + n + "`");
      for (auto& sc : scopes_)
        for (auto& [n, b] : sc) {
          if (b.k != Binding::K::Var || !b.zoo || b.type.kind != "hardware" || !b.type.fields || cands.size() >= 5) continue;
          const reg::KindDesc* kd = reg::find_kind("hardware");
          for (auto& [fn, ft] : *b.type.fields) {
            const reg::FieldDesc* fd = kd ? kd->field(fn) : nullptr;
            if (ft.is_num() && ft.dim == need && fd && fd->required) {
              cands.push_back("`" + n + "." + fn + "`");
              break;
            }
          }
        }
      if (!cands.empty()) {
        std::string c;
        for (size_t k = 0; k < cands.size(); ++k) c += (k ? ", " : "") + cands[k];
        d.help = "candidates in scope: " + c;
      } else {
        d.help = "write a " + dim_label(need, units_) + " such as `1 " + units::format(1, units::default_display(need, units_)).unit + "`";
      }
      error(d);
    }
  }
  d.help = "give the binding a type annotation (`dt: Time = 140 GB / ?`) and MLS names the dimension the hole needs";
  error(d);
}
}  // namespace mls::sema
