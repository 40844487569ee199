// Calls: built-in math, user functions (inlined), solvers from the registry, kind constructors;
// record declarations of the zoo kinds share the constructor's field checking.
#include "compiler/sema/checker.hpp"
#include "compiler/sema/builtins.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"

#include <utility>

#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cmath>

namespace mls::sema {


Checker::TExpr Checker::call(const ast::Expr& e) {
  const std::string& n = e.text;
  if (Binding* b = lookup(n)) {
    if (b->generic) throw Abort{};  // (check_uncalled_fns)
    if (b->k == Binding::K::Fn) return call_fn(e, *b);
    error("E0410", "`" + n + "` is a value, not a function", e.text_span, "not callable",
          is_builtin_fn(n) ? std::optional<std::string>("this binding hides the built-in `" + n + "`; rename it to call the built-in")
                           : std::nullopt);
  }
  if (n == "has") return has_call(e);  // check_optional.cpp
  if (is_builtin_fn(n)) return call_builtin(e, n);
  if (auto* s = reg::find_solver(n)) return call_solver(e, *s);
  if (reg::find_kind(n)) return construct(e, n);
  unknown_name(n, e.text_span.valid() ? e.text_span : e.span);
}

Checker::TExpr Checker::call_builtin(const ast::Expr& e, const std::string& n) {
  std::vector<TExpr> a;
  for (auto& arg : e.args) {
    if (arg.name) error("E0404", "`" + n + "` takes no named arguments", arg.name_span, "unknown argument");
    a.push_back(expr(*arg.value));
    if (a.size() == 1)
      if (auto r = aggregate_call(e, n, a[0])) return *r;
    if (!a.back().t.is_num())
      error("E0401", "`" + n + "` needs numbers or quantities", arg.value->span, "this is " + describe_a(a.back().t, units_));
  }
  size_t want = (n == "min" || n == "max") ? 0 : (n == "ceil_div" ? 2 : 1);
  if ((want && a.size() != want) || (!want && a.size() < 1))
    error("E0403", "`" + n + "` takes " + (want ? std::to_string(want) : std::string("one or more")) + " argument" +
                       (want == 1 ? "" : "s") + ", got " + std::to_string(a.size()),
          e.span, "wrong number of arguments");
  if (n == "floor" || n == "ceil" || n == "round") return call_rounding(e, n, a[0]);
  SType t = SType::num(a[0].t.dim);
  if (n == "sqrt") t.dim = a[0].t.dim.pow(Rational(1, 2));
  else if (n == "cbrt") t.dim = a[0].t.dim.pow(Rational(1, 3));
  else if (n == "exp" || n == "ln" || n == "log2" || n == "log10") {
    if (!a[0].t.dim.dimensionless())
      if (auto cause = unitless_cause(*e.args[0].value, a[0].t.dim, Dimension::none())) {
        Diagnostic d;
        d.code = "E0306";
        d.message = "`" + n + "` needs a plain number, not " + article_for(dim_label(a[0].t.dim, units_));
        d.labels.push_back({e.args[0].value->span, dim_label(a[0].t.dim, units_), false});
        d.dims.push_back({"argument", a[0].t.dim.base_form(), units_.dimension_name(a[0].t.dim), ""});
        std::string name;
        for (auto& sc : scopes_)
          for (auto& [bn, bd] : sc)
            if (&bd == cause->first) name = bn;
        unitless_binding(d, name, *cause->first, unit_near(*e.args[0].value, cause->second));
      }
    if (!a[0].t.dim.dimensionless())
      error("E0306", "`" + n + "` needs a plain number, not a " + dim_label(a[0].t.dim, units_), e.args[0].value->span,
            dim_label(a[0].t.dim, units_), "divide by a reference quantity first, e.g. `" + n + "(x / 1 " +
            units::format(1, units::default_display(a[0].t.dim, units_)).unit + ")`");
  } else if (n == "min" || n == "max") {
    for (size_t k = 1; k < a.size(); ++k)
      if (a[k].t.dim != a[0].t.dim)
        dimension_mismatch("E0301", n, e, *e.args[0].value, a[0], *e.args[k].value, a[k]);
    t.display = a[0].t.display;
  } else if (n == "ceil_div") {
    if (a[1].t.dim != a[0].t.dim)
      dimension_mismatch("E0301", "ceil_div", e, *e.args[0].value, a[0], *e.args[1].value, a[1]);
    t.dim = Dimension::none();
  } else {
    t.display = a[0].t.display;  // abs keeps the dimension
  }
  ir::Inst i{ir::Op::Math};
  i.str = n;
  i.type = ir::VType::F64;
  i.span = e.span;
  for (auto& x : a) i.operands.push_back(x.v);
  return {t, emit(std::move(i))};
}

Checker::TExpr Checker::call_fn(const ast::Expr& e, const Binding& b) {
  const ast::Stmt& f = *b.fn;
  if (expanding_fns_.count(f.name))
    error("E0412", "`" + f.name + "` calls itself; recursion is not allowed", e.span, "recursive call",
          "MLS programs always terminate: write the closed form or a bounded `for` loop");
  called_fns_.insert(&f);
  if (e.args.size() != f.params.size())
    error("E0403", "`" + f.name + "` takes " + std::to_string(f.params.size()) + " argument(s), got " +
                       std::to_string(e.args.size()),
          e.span, "wrong number of arguments");
  std::vector<TExpr> vals(f.params.size());
  std::vector<bool> set(f.params.size(), false);
  size_t pos = 0;
  for (auto& arg : e.args) {
    size_t k = pos;
    if (arg.name) {
      k = f.params.size();
      for (size_t j = 0; j < f.params.size(); ++j)
        if (f.params[j].name == *arg.name) k = j;
      if (k == f.params.size()) {
        std::vector<std::string> pool;
        for (auto& p : f.params) pool.push_back(p.name);
        unknown_argument("`" + f.name + "` has no parameter `" + *arg.name + "`", *arg.name, arg.name_span, pool);
      }
    } else {
      ++pos;
    }
    TExpr v = expr(*arg.value);
    if (f.params[k].type && !arg.name && k + 1 < f.params.size() && &arg != &e.args.back() && !(&arg + 1)->name &&
        f.params[k + 1].type) {
      SType want = type_expr(*f.params[k].type), next = type_expr(*f.params[k + 1].type);
      if (!passes_as(want, v.t) && passes_as(next, v.t)) {
        const ast::Expr& other = *(&arg + 1)->value;
        TExpr w = expr(other);
        if (passes_as(want, w.t)) swapped(f.params[k].name, f.params[k + 1].name, *arg.value, v, other);
      }
    }
    if (f.params[k].type) {
      SType want = type_expr(*f.params[k].type);
      v = coerce(*arg.value, v, want, "argument `" + f.params[k].name + "`", false, "E0401", false);
    }
    vals[k] = v;
    set[k] = true;
  }
  // The body sees the globals and its parameters (inlined at the call site).
  std::vector<std::map<std::string, Binding>> saved(scopes_.begin() + 1, scopes_.end());
  scopes_.resize(1);
  scopes_.emplace_back();
  for (size_t k = 0; k < f.params.size(); ++k) {
    Binding pb;
    pb.type = vals[k].t;
    pb.value = vals[k].v;
    pb.span = f.params[k].span;
    pb.origin = f.params[k].name + " (parameter of " + f.name + ")";
    scopes_.back()[f.params[k].name] = pb;
  }
  expanding_fns_.insert(f.name);
  std::vector<std::string> filters = std::exchange(filter_items_, {});  // a loop filter's fields are not the body's
  TExpr r;
  try {
    r = expr(*f.value);
  } catch (...) {
    expanding_fns_.erase(f.name);
    filter_items_ = std::move(filters);
    scopes_.resize(1);
    for (auto& s : saved) scopes_.push_back(std::move(s));
    throw;
  }
  expanding_fns_.erase(f.name);
  filter_items_ = std::move(filters);
  scopes_.resize(1);
  for (auto& s : saved) scopes_.push_back(std::move(s));
  check_return_type(f, r, &e.span);
  return r;
}

void Checker::check_return_type(const ast::Stmt& f, const TExpr& r, const Span* call) {
  if (!f.type) return;
  SType want = type_expr(*f.type);
  if ((want.is_num() && (!r.t.is_num() || r.t.dim != want.dim)) || (!want.is_num() && want.k != r.t.k)) {
    Diagnostic d;
    d.code = "E0312";
    d.message = "`" + f.name + "` is declared to return " + describe(want, units_) + " but its body gives " + describe(r.t, units_);
    d.labels.push_back({f.value->span, describe(r.t, units_), true});
    d.labels.push_back({f.type->span, "declared here", false});
    if (call) d.labels.push_back({*call, "in this call", false});
    if (want.is_num() && r.t.is_num()) {
      d.dims.push_back({"declared", want.dim.base_form(), units_.dimension_name(want.dim), ""});
      d.dims.push_back({"body", r.t.dim.base_form(), units_.dimension_name(r.t.dim), ""});
      std::string found = r.t.dim.dimensionless() ? std::string() : dim_label(r.t.dim, units_);
      if (!found.empty() && found.find_first_of("×^") == std::string::npos) {
        d.help = "the body gives " + article_for(found) + ": if that is what `" + f.name + "` computes, declare `-> " + found +
                 "`; else fix the formula";
        d.fixes.push_back({"declare `-> " + found + "`", f.type->span, found});
      }
    }
    error(d);
  }
}

// A function nothing called is checked once at the end of its file (issue 30: a body with a dimension
// error compiled as long as nothing called it). Calls are inlined and check the body with the
// arguments' types; here each parameter has its declared type. A parameter declared without a type
// takes its type from a call, so the check stops, silently, where the body first uses it: what comes
// before that (in evaluation order) is checked. The IR made is dropped, and the check changes no
// warning (W0603 still names the function).
void Checker::check_uncalled_fns() {
  std::vector<const ast::Stmt*> fns = std::exchange(defined_fns_, {});
  for (const ast::Stmt* f : fns) {
    if (called_fns_.count(f)) continue;
    ir::Block scratch;
    const ir::ValueId values = module_.num_values;
    const std::size_t typed = typed_.size();
    std::vector<std::map<std::string, Binding>> saved(scopes_.begin() + 1, scopes_.end());
    scopes_.resize(1);
    scopes_.emplace_back();
    blocks_.push_back(&scratch);
    uncalled_body_ = true;
    expanding_fns_.insert(f->name);
    try {
      for (auto& p : f->params) {
        Binding pb;
        pb.span = p.span;
        pb.origin = p.name + " (parameter of " + f->name + ")";
        if (p.type) {
          pb.type = type_expr(*p.type);
          pb.value = module_.num_values++;
        } else {
          pb.generic = true;
        }
        scopes_.back()[p.name] = pb;
      }
      check_return_type(*f, expr(*f->value), nullptr);
    } catch (const Abort&) {  // reported (or a parameter without a type reached)
    } catch (const HoleFound&) {  // a typed hole is solved where the function is called
    }
    expanding_fns_.erase(f->name);
    uncalled_body_ = false;
    blocks_.pop_back();
    scopes_.resize(1);
    for (auto& sc : saved) scopes_.push_back(std::move(sc));
    module_.num_values = values;
    typed_.resize(typed);
  }
}

// Checks a value against an expected type: dimensions, bare numbers for counts, record families.
Checker::TExpr Checker::coerce(const ast::Expr& e, TExpr got, const SType& want, const std::string& what, bool count_ok,
                               const char* code, bool implied_per) {
  if (want.k == SType::K::None) return got;
  if (want.is_num()) {
    if (got.t.is_num() && got.t.dim == want.dim) return got;
    // "per request"/"per sample" is implied: `seq_len = 512 tokens` for a token/request length (only where
    // the wanted dimension is per request/sample: `3 sample/s` is no Frequency, `3 sample` no plain number).
    if (implied_per && got.t.is_num() && !got.t.dim.dimensionless() &&
        ((want.dim[BaseDim::Request] == Rational(-1) && want.dim * Dimension::base(BaseDim::Request) == got.t.dim) ||
         (want.dim[BaseDim::Sample] == Rational(-1) && want.dim * Dimension::base(BaseDim::Sample) == got.t.dim)))
      return got;
    // A plain number stands for a count (batch = 32, layers = 80), nowhere else.
    if (got.t.is_num() && got.t.dim.dimensionless() && count_ok) {
      got.t.dim = want.dim;
      got.t.display.reset();
      return got;
    }
    Diagnostic d;
    d.code = code;
    d.message = what + " must be " + (want.dim.dimensionless() ? std::string("a plain number") : "a " + dim_label(want.dim, units_)) +
                ", not " + describe_a(got.t, units_);
    d.labels.push_back({e.span, describe(got.t, units_), true});
    d.dims.push_back({"expected", want.dim.base_form(), units_.dimension_name(want.dim), ""});
    if (got.t.is_num()) {
      d.dims.push_back({"found", got.t.dim.base_form(), units_.dimension_name(got.t.dim), origin_of(e)});
      if (got.t.bare)
        if (const Binding* b = bare_binding(e)) {
          const ast::Expr* x = &e;
          while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
          unitless_binding(d, x->text, *b, unit_for(want.dim));
        }
      if (auto w = with_unit(e, got, want.dim)) {
        d.help = what + " is " + article_for(dim_label(want.dim, units_)) + " in " + unit_for(want.dim) + ": write `" + *w + "`";
        d.fixes.push_back({"write `" + *w + "`", e.span, *w});
      } else {
        d.help = rate_amount_hint(want.dim, got.t.dim)
                     .value_or(what + " is " + article_for(dim_label(want.dim, units_)) + ", in units such as " +
                               unit_for(want.dim));
      }
    }
    error(d);
  }
  if (want.is_record()) {
    bool ok = got.t.is_record() &&
              (want.family.empty() || got.t.family == want.family || got.t.kind.empty() ||
               (want.family == "site" && (got.t.family == "grid" || got.t.family == "datacenter")));
    if (!ok) {
      std::string entries;
      int shown = 0;
      for (auto& z : zoo_)
        if (auto* kd = reg::find_kind(z.kind); kd && kd->family == want.family && shown < 8)
          entries += (shown++ ? ", " : "") + z.name;
      error(code, what + " must be a " + (want.family.empty() ? want.kind : want.family) + ", not " + describe_a(got.t, units_),
            e.span, describe(got.t, units_),
            entries.empty() ? std::nullopt : std::optional<std::string>("pass a " + want.family + ", e.g. " + entries));
    }
    if (got.t.kind.empty() && !want.family.empty()) record_as_family(e, got.t, want.family, what);
    return got;
  }
  if (got.t.k != want.k && !(want.k == SType::K::Str && got.t.k == SType::K::Str))
    error(code, what + " must be " + describe(want, units_) + ", not " + describe_a(got.t, units_), e.span, describe(got.t, units_));
  return got;
}

// A record literal standing for a kind's record (`roofline(m, {peak_flops = ..., bandwidth = ...})`)
// is checked like the kind's constructor: known fields of the kind's dimensions, the required ones set.
// Otherwise `bandwidth = 3 TB` would reach the solver as 3 TB/s, and a missing field as NaN.
void Checker::record_as_family(const ast::Expr& e, const SType& got, const std::string& family, const std::string& what) {
  auto kinds = reg::kinds_of_family(family);
  if (kinds.empty() || !got.fields) return;
  for (auto& [n, ft] : *got.fields) {
    const reg::FieldDesc* fd = nullptr;
    for (auto* k : kinds)
      if (!fd) fd = k->field(n);
    const ast::Expr& at = literal_part(e, {n});
    if (!fd) {
      std::string alts;
      for (auto* k : kinds)
        for (auto& f : k->fields)
          if (alts.find(f.name) == std::string::npos) alts += (alts.empty() ? "" : ", ") + f.name;
      error("E0406", "a " + family + " has no field `" + n + "`", at.span, "unknown field in " + what, "fields: " + alts);
    }
    coerce(at, {ft, ir::kNoValue}, from_reg(fd->type), "field `" + fd->name + "` of " + what,
           fd->type.count_kind() || fd->type.integer, "E0407");
  }
  if (kinds.size() != 1) return;  // which kind of a family (a transformer, a moe) is not known
  for (auto& fd : kinds[0]->fields) {
    bool set = false;
    for (auto& [n, _] : *got.fields) set = set || kinds[0]->field(n) == &fd;
    if (fd.required && !set)
      error("E0411", what + " needs `" + fd.name + "` (" + fd.doc + ")", e.span, "missing field",
            "add `" + fd.name + " = ...`, or pass a zoo entry or a `" + kinds[0]->name + "(...)`");
  }
}

// An explicit `fidelity = ...` argument: a level written out must be one (E0409 names them, where the
// run-time check would only say "solver error"); a level held in a variable is known at run time only.
void Checker::note_fidelity_arg(const ast::Expr& a) {
  if (a.kind != ast::ExprKind::Ident && a.kind != ast::ExprKind::String) {
    fidelity_levels_.insert("chosen at run time");
    return;
  }
  if (a.kind == ast::ExprKind::Ident && !fidelity::known(a.text) && lookup(a.text)) {
    fidelity_levels_.insert("chosen at run time");
    return;
  }
  if (!fidelity::known(a.text))
    error("E0409", "`fidelity` is textbook or calibrated, not `" + a.text + "`", a.span, "not a fidelity level",
          "write `fidelity = calibrated` or `fidelity = textbook` (docs/fidelity.md)");
  if (a.text != fidelity::kTextbook) fidelity_levels_.insert(a.text);
}

Checker::TExpr Checker::call_solver(const ast::Expr& e, const reg::SolverDesc& s) {
  std::vector<TExpr> vals(s.params.size());
  std::vector<bool> set(s.params.size(), false);
  size_t pos = 0;
  for (auto& arg : e.args) {
    int k;
    if (arg.name) {
      k = s.param_index(*arg.name);
      if (k < 0) {
        std::vector<std::string> pool;
        for (auto& p : s.params) {
          pool.push_back(p.name);
          for (auto& al : p.aliases) pool.push_back(al);
        }
        unknown_argument("`" + s.name + "` has no parameter `" + *arg.name + "`", *arg.name, arg.name_span, pool);
      }
    } else {
      while (pos < s.params.size() && set[pos]) ++pos;
      if (pos >= s.params.size())
        error("E0403", "`" + s.name + "` takes at most " + std::to_string(s.params.size()) + " arguments", arg.value->span,
              "one too many");
      k = int(pos++);
    }
    if (set[size_t(k)])
      error("E0403", "`" + s.params[size_t(k)].name + "` is given twice", arg.value->span, "again here");
    auto& p = s.params[size_t(k)];
    if (p.name == fidelity::kParam) note_fidelity_arg(*arg.value);
    TExpr v = expr(*arg.value);
    SType want = from_reg(p.type);
    // Swapped positional arguments: each would fit the other's slot.
    if (!arg.name && want.is_num() && v.t.is_num() && v.t.dim != want.dim && k + 1 < int(s.params.size())) {
      SType next = from_reg(s.params[size_t(k) + 1].type);
      if (next.is_num() && next.dim == v.t.dim && &arg != &e.args.back()) {
        Diagnostic d;
        d.code = "E0402";
        d.message = "the arguments for `" + p.name + "` and `" + s.params[size_t(k) + 1].name + "` look swapped";
        d.labels.push_back({arg.value->span, "this is a " + dim_label(v.t.dim, units_) + ", which `" +
                                                 s.params[size_t(k) + 1].name + "` takes", true});
        d.help = "swap them, or name them: `" + p.name + " = ..., " + s.params[size_t(k) + 1].name + " = ...`";
        if (!(&arg + 1)->name) d.fixes.push_back(swap_fix(arg.value->span, (&arg + 1)->value->span));
        error(d);
      }
    }
    if (!arg.name && want.is_record() && !passes_as(want, v.t) && k + 1 < int(s.params.size()) && &arg != &e.args.back() &&
        !(&arg + 1)->name) {
      SType next = from_reg(s.params[size_t(k) + 1].type);
      if (passes_as(next, v.t)) {
        const ast::Expr& other = *(&arg + 1)->value;
        TExpr w = expr(other);
        if (passes_as(want, w.t)) swapped(p.name, s.params[size_t(k) + 1].name, *arg.value, v, other);
      }
    }
    bool count_ok = p.type.count_kind();
    // Dimensionless fractions: `efficiency = 50` is meant as 50 %.
    if (want.is_num() && want.dim.dimensionless() && v.t.is_num() && v.t.dim.dimensionless() && v.t.konst &&
        !p.range.contains(*v.t.konst)) {
      bool pct = p.range.hi && *p.range.hi == 1 && *v.t.konst > 1 && *v.t.konst <= 100;
      out_of_range(pct ? "E0313" : "E0409", p, *arg.value, v, pct);
    }
    if (want.is_num() && v.t.konst && (p.range.lo || p.range.hi) && !p.range.contains(*v.t.konst) &&
        (v.t.dim == want.dim || (v.t.dim.dimensionless() && count_ok)))
      out_of_range("E0409", p, *arg.value, v, false);
    vals[size_t(k)] = coerce(*arg.value, v, want, "argument `" + p.name + "` of " + s.name, count_ok, "E0401");
    set[size_t(k)] = true;
  }
  ir::Inst i{ir::Op::CallSolver};
  i.str = s.id;
  i.span = e.span;
  for (size_t k = 0; k < s.params.size(); ++k) {
    if (set[k]) {
      i.operands.push_back(vals[k].v);
      continue;
    }
    auto& p = s.params[k];
    if (p.required) {
      std::string sig;
      for (auto& q : s.params)
        if (q.required) sig += (sig.empty() ? "" : ", ") + q.name;
      error("E0405", "`" + s.name + "` needs `" + p.name + "` (" + p.type.describe() + ")", e.span, "missing argument",
            "required: " + sig);
    }
    // Defaults are materialised as constants so the solver gets every argument; the fidelity level is
    // the script's (the session's, or the last `fidelity = ...` statement's).
    if (p.name == fidelity::kParam) {
      if (fidelity_ != fidelity::kTextbook) fidelity_levels_.insert(fidelity_);
      i.operands.push_back(konst_str(fidelity_, e.span));
      continue;
    }
    const Value& d = p.def;
    if (d.is_num()) i.operands.push_back(konst(d.num(), e.span));
    else if (d.is_str()) i.operands.push_back(konst_str(d.str(), e.span));
    else if (d.is_bool()) {
      ir::Inst b{ir::Op::ConstBool};
      b.flag = d.boolean();
      b.type = ir::VType::Bool;
      b.span = e.span;
      i.operands.push_back(emit(std::move(b)));
    } else if (d.is_list() && d.list().empty()) {
      ir::Inst l{ir::Op::MakeList};
      l.type = ir::VType::List;
      l.span = e.span;
      i.operands.push_back(emit(std::move(l)));
    } else i.operands.push_back(none_value(e.span));
  }
  SType rt;
  if (s.results.empty()) {
    rt = from_reg(s.scalar);
    i.type = rt.vtype();
  } else {
    rt = record_of_kind(s.result_kind);
    i.type = ir::VType::Record;
  }
  return {rt, emit(std::move(i))};
}

Checker::TExpr Checker::construct(const ast::Expr& e, const std::string& kind) {
  std::vector<const ast::Expr*> vals;
  std::vector<std::string> names;
  std::vector<Span> spans;
  for (auto& a : e.args) {
    if (!a.name)
      error("E0404", "a `" + kind + "` is built with named fields", a.value->span, "unnamed",
            "write `" + kind + "(field = value, ...)`");
    vals.push_back(a.value.get());
    names.push_back(*a.name);
    spans.push_back(a.name_span);
  }
  return build_record(kind, e.text_span, vals, names, spans, e.span);
}

Checker::TExpr Checker::build_record(const std::string& kind, Span kind_span, const std::vector<const ast::Expr*>& values,
                                     const std::vector<std::string>& names, const std::vector<Span>& name_spans, Span whole,
                                     std::map<std::string, units::Display>* displays) {
  const reg::KindDesc* k = reg::find_kind(kind);
  if (!k) {
    std::string all;
    for (auto& kd : reg::kinds()) all += (all.empty() ? "" : ", ") + kd.name;
    error("E0408", "unknown record kind `" + kind + "`", kind_span, "not a kind", "kinds: " + all);
  }
  std::vector<TExpr> got(k->fields.size());
  std::vector<bool> set(k->fields.size(), false);
  for (size_t j = 0; j < names.size(); ++j) {
    const reg::FieldDesc* f = k->field(names[j]);
    if (!f) {
      std::string alts;
      std::vector<std::string> pool;
      for (auto& fd : k->fields) {
        alts += (alts.empty() ? "" : ", ") + fd.name;
        pool.push_back(fd.name);
        for (auto& al : fd.aliases) pool.push_back(al);
      }
      unknown_field("a " + kind + " has no field `" + names[j] + "`", names[j], name_spans[j], pool, "fields: " + alts);
    }
    size_t idx = size_t(f - k->fields.data());
    if (set[idx]) error("E0112", "field `" + f->name + "` is given twice", name_spans[j], "again here");
    TExpr v = expr(*values[j]);
    SType want = from_reg(f->type);
    got[idx] = coerce(*values[j], v, want, "field `" + f->name + "` of a " + kind, f->type.count_kind() || f->type.integer,
                      "E0407");
    if (displays && got[idx].t.is_num() && got[idx].t.display) (*displays)[f->name] = *got[idx].t.display;
    set[idx] = true;
  }
  for (size_t j = 0; j < k->fields.size(); ++j)
    if (!set[j] && k->fields[j].required)
      error("E0411", "a " + kind + " needs `" + k->fields[j].name + "` (" + k->fields[j].doc + ")", whole,
            "missing field", "add `" + k->fields[j].name + " = ...`");
  ir::Inst i{ir::Op::MakeRecord};
  i.str = kind;
  i.type = ir::VType::Record;
  i.span = whole;
  for (size_t j = 0; j < k->fields.size(); ++j) {
    i.names.push_back(k->fields[j].name);
    if (set[j]) {
      i.operands.push_back(got[j].v);
    } else {
      // Unset fields take the C++ struct's default (e.g. dispatch_tax), or stay absent (None).
      Value d = [&] {
        if (k->family == "hardware") return k->fields[j].get(&static_cast<const Hardware&>(Hardware{}));
        if (k->family == "workload") { Workload w{}; return k->fields[j].get(&w); }
        if (k->family == "node") return k->fields[j].get(&static_cast<const Node&>(Node{}));
        if (k->family == "fabric") return k->fields[j].get(&static_cast<const Fabric&>(Fabric{}));
        if (k->family == "grid") return k->fields[j].get(&static_cast<const Grid&>(Grid{}));
        if (k->family == "datacenter") return k->fields[j].get(&static_cast<const Datacenter&>(Datacenter{}));
        if (k->family == "fleet") return k->fields[j].get(&static_cast<const Fleet&>(Fleet{}));
        if (k->family == "scenario") return k->fields[j].get(&static_cast<const Scenario&>(Scenario{}));
        return Value();
      }();
      if (d.is_num() && k->fields[j].type.tag == reg::Tag::Quantity) i.operands.push_back(konst(d.num(), whole));
      else if (d.is_str()) i.operands.push_back(konst_str(d.str(), whole));
      else i.operands.push_back(none_value(whole));
    }
  }
  return {record_of_kind(kind), emit(std::move(i))};
}

namespace {
Provenance provenance_of(const std::vector<ast::Annotation>& anns, const SourceManager& sm) {
  Provenance p;
  for (auto& a : anns) {
    if (a.name == "assumed") p.assumed = true;
    if (a.name != "source") continue;
    p.present = true;
    for (size_t k = 0; k < a.args.size(); ++k) {
      auto& arg = a.args[k];
      std::string v = arg.value->kind == ast::ExprKind::String ? arg.value->text : std::string(sm.get(arg.value->span.file).slice(arg.value->span));
      if (!arg.name && k == 0) p.source = v;
      else if (arg.name && *arg.name == "url") p.url = v;
      else if (arg.name && *arg.name == "verified") p.verified = v;
      else if (arg.name && *arg.name == "title") p.source = v;
    }
  }
  return p;
}
}  // namespace

void Checker::record_decl(const ast::Stmt& s) {
  std::vector<const ast::Expr*> vals;
  std::vector<std::string> names;
  std::vector<Span> spans;
  for (auto& f : s.fields) {
    vals.push_back(f.value.get());
    names.push_back(f.name);
    spans.push_back(f.name_span);
  }
  ZooEntry z;
  z.name = s.name;
  z.kind = s.kind_name;
  z.span = s.span;
  z.builtin = opt_.builtin;
  z.prov = provenance_of(s.annotations, sm_);
  for (auto& f : s.fields)
    if (!f.annotations.empty()) z.field_prov[f.name] = provenance_of(f.annotations, sm_);
  if (opt_.zoo_requires_provenance && (!z.prov.present || z.prov.verified.empty()))
    error("E0413", "zoo entry `" + s.name + "` has no provenance", s.name_span, "no @source with a verified date",
          "add `@source(\"title\", url = \"...\", verified = \"YYYY-MM-DD\")` as the entry's first line");
  // A declaration names its entry: kinds with an `id` field (grids) get the entry name unless given.
  ast::Expr id_expr(ast::ExprKind::String, s.name_span);
  id_expr.text = s.name;
  if (auto* kd = reg::find_kind(s.kind_name); kd && kd->field("id") &&
      std::find(names.begin(), names.end(), "id") == names.end()) {
    vals.push_back(&id_expr);
    names.push_back("id");
    spans.push_back(s.name_span);
  }
  TExpr r = build_record(s.kind_name, s.kind_span, vals, names, spans, s.span, &z.field_display);
  Binding b;
  b.type = r.t;
  b.value = r.v;
  b.span = s.name_span;
  b.origin = s.name + " (" + s.kind_name + ")";
  b.zoo = opt_.builtin;
  bind(s.name, s.name_span, b);
  ir::Inst i{ir::Op::Bind};
  i.names = {s.name};
  i.operands = {r.v};
  i.span = s.span;
  emit(std::move(i));
  zoo_.push_back(std::move(z));
}

}  // namespace mls::sema
