#include "compiler/ir/semantics.hpp"

#include "compiler/ir/evaluator.hpp"
#include "stdlib/registry/kind_display.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <new>

namespace mls::ir {

Diagnostic runtime_diag(const std::string& code, std::string message, Span where, std::string label,
                        std::optional<std::string> help) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  d.labels.push_back({where, std::move(label), true});
  d.help = std::move(help);
  return d;
}

void fail(const std::string& code, std::string message, Span where, std::string label, std::optional<std::string> help) {
  throw RuntimeError{runtime_diag(code, std::move(message), where, std::move(label), std::move(help))};
}

double checked(double r, std::initializer_list<double> in, Span where, const char* what) {
  if (std::isfinite(r)) return r;
  bool inputs_finite = true, inputs_nan = false;
  for (double x : in) {
    inputs_finite = inputs_finite && std::isfinite(x);
    inputs_nan = inputs_nan || std::isnan(x);
  }
  if (std::isnan(r) && !inputs_nan)
    fail("E0504", std::string("this ") + what + " produced NaN (not a number)", where, "NaN produced here",
         "check the operands: 0/0, inf - inf and sqrt of a negative number have no value");
  if (std::isinf(r) && inputs_finite)
    fail("E0504", std::string("this ") + what + " overflowed to infinity", where, "infinite result here",
         "the value exceeds the range of a double (about 1.8e308 in base units)");
  return r;
}

const char* arith_name(Op op) {
  switch (op) {
    case Op::Add: return "addition";
    case Op::Sub: return "subtraction";
    case Op::Mul: return "multiplication";
    case Op::Div: return "division";
    default: return "power";
  }
}

std::string record_label(const Record& r) {
  for (const char* key : {"id", "name"})
    if (const Value* n = r.find(key); n && n->is_str() && !n->str().empty())
      return reg::kind_display(r.kind) + " '" + n->str() + "'";
  return reg::with_article(reg::record_noun(r.kind));
}

const Value& get_field(const Inst& i, const Value& record) {
  const Record& r = record.record();
  const Value* f = r.find(i.str);
  if (f && !f->is_none()) return *f;
  // A search or check that rejected leaves its best_* fields absent and says why (issue 20.4).
  const Value* reason = r.find("reason");
  const Value* ok = r.find("feasible");
  if (reason && reason->is_str() && ok && ok->is_bool() && !ok->boolean()) {
    const Value* bound = r.find("binding_constraint");
    fail("E0406", "`" + i.str + "` is absent: this " + reg::kind_display(r.kind) + " is infeasible, it found nothing",
         i.span, bound && bound->is_str() ? "nothing to read: the " + bound->str() + " constraint rejected everything" : "nothing to read",
         "why: " + reason->str() + ". Test `.feasible` (or `has(r." + i.str + ")`) before reading it");
  }
  fail("E0406", "field `" + i.str + "` is not set on " + record_label(r), i.span,
       record_label(r) + " has no `" + i.str + "`",
       "absent fields are absent, not zero: test with `has(x." + i.str + ")`, give a default with `x." + i.str +
           " ?? ...`, or set it with `with { " + i.str + " = ... }`");
}

bool has_field(const Inst& i, const Value& record) {
  const Value* f = record.record().find(i.str);
  return f && !f->is_none();
}

void division_by_zero(Span where) {
  fail("E0503", "division by zero", where, "the divisor is zero here",
       "guard the division, e.g. `if d == 0 then ... else x / d`");
}

bool values_equal(const Value& a, const Value& b) {
  auto str_eq = [](const std::string& x, const std::string& y) {
    return x.size() == y.size() &&
           std::equal(x.begin(), x.end(), y.begin(), [](char p, char q) { return std::tolower(p) == std::tolower(q); });
  };
  if (a.is_num() && b.is_num()) return a.num() == b.num();
  if (a.is_bool() && b.is_bool()) return a.boolean() == b.boolean();
  if (a.is_str() && b.is_str()) return str_eq(a.str(), b.str());
  if (a.is_none() && b.is_none()) return true;
  return false;
}

Value call_solver(const reg::SolverDesc& s, const std::vector<Value>& args, Span where) {
  try {
    return s.invoke(args);
  } catch (const SolverError& e) {
    solver_failed(s, e, where);
  } catch (const std::bad_alloc&) {
    throw;  // out of memory is the run's, not the solver's (the driver reports it)
  } catch (const std::exception& e) {
    solver_crashed(s, e, where);
  }
}

void solver_failed(const reg::SolverDesc& s, const SolverError& e, Span where) {
  if (auto* nf = dynamic_cast<const reg::NonFiniteResult*>(&e)) {  // never silently NaN or infinity
    Diagnostic d = runtime_diag("E0504", s.name + ": " + e.what(), where, "`" + nf->field + "` is not finite",
                                "check the arguments: a zero rate, bandwidth or capacity makes a time infinite "
                                "(`mls solvers` lists each solver's parameter ranges)");
    d.kind = e.kind;
    throw RuntimeError{std::move(d)};
  }
  Diagnostic d = runtime_diag("E0505", s.name + ": " + e.what(), where, e.kind + " raised here");
  d.kind = e.kind;
  throw RuntimeError{std::move(d)};
}

void solver_crashed(const reg::SolverDesc& s, const std::exception& e, Span where) {
  Diagnostic d = runtime_diag("E0505", s.name + " failed: " + e.what(), where, "in this call");
  d.kind = "InternalError";
  throw RuntimeError{std::move(d)};
}

void check_loop_size(const Inst& loop, double total, double limit) {
  if (total <= limit) return;
  fail("E0507", "this loop would run " + units::format_count(total) + " iterations", loop.span, "loop too large",
       "the limit is " + units::format_count(limit) + " iterations; narrow the ranges");
}

// Spends one unit of `budget` per value shown; false once it is spent.
bool fits_output(const Value& v, double& budget) {
  if (--budget < 0) return false;
  if (v.is_list())
    for (auto& e : v.list())
      if (!fits_output(e, budget)) return false;
  if (v.is_record())
    for (auto& [n, f] : v.record().fields)
      if (!fits_output(f, budget)) return false;
  return true;
}

void output_too_large(const Inst& i, double limit) {
  fail("E0507", "this would print more than " + units::format_count(limit) + " values", i.span, "output too large",
       "print a summary instead: a field, an element, or a loop clause such as `count` or `best 10 by`");
}

void check_output_size(const Inst& i, const std::vector<Value>& values, double limit) {
  double budget = limit;
  for (auto& v : values)
    if (!fits_output(v, budget)) output_too_large(i, limit);
}

namespace {
const char* shown_by(const Inst& i) { return i.op == Op::Row ? "row" : i.op == Op::Plot ? "plot" : "print"; }
}  // namespace

void check_shown(const Inst& i, double si, const Shape& s) {
  if (std::isnan(si))
    fail("E0504", std::string("this ") + shown_by(i) + " would show NaN (not a number)", i.span, "NaN reaches the output here",
         "a solver or a calculation gave no number: check the inputs it was given");
  if (!std::isfinite(si) || s.type != VType::F64) return;
  const units::Display& d = s.display;
  double shown = si / (d.fixed ? d.scale : d.rest_scale);
  if (std::isfinite(shown) && (shown != 0 || si == 0)) return;
  std::string unit = d.fixed ? d.text : d.prefix_base + d.rest;
  std::string base = s.dim.dimensionless() ? "" : " " + s.dim.base_unit_form();
  fail("E0504", "a value too " + std::string(shown == 0 ? "small" : "large") + " for `" + unit + "` would show as " +
                    (shown == 0 ? "0" : si < 0 ? "-inf" : "inf"),
       i.span, std::string(shown == 0 ? "underflows to zero" : "overflows to infinity") + " in " + unit,
       "the value is " + units::format_number(si, 4) + base + ": convert it to a unit of its size");
}

void check_shown(const Inst& i, const Value& v, const Shape& s) {
  if (v.is_num()) return check_shown(i, v.num(), s);
  static const Shape plain;
  if (v.is_list())
    for (auto& e : v.list()) check_shown(i, e, s.elem ? *s.elem : plain);
  if (v.is_record())
    for (auto& [name, f] : v.record().fields) {
      const Shape* fs = &plain;
      for (auto& [n, sh] : s.fields)
        if (n == name) fs = sh.get();
      check_shown(i, f, *fs);
    }
}

void check_shown(const Inst& i, const std::vector<Value>& values) {
  for (std::size_t k = 0; k < values.size() && k < i.shapes.size(); ++k) check_shown(i, values[k], *i.shapes[k]);
}

Diagnostic assertion_failed(const Inst& i, const Value* lhs, const Value* rhs) {
  Diagnostic d = runtime_diag("E0501", i.str.empty() ? "assertion failed" : "assertion failed: " + i.str, i.span,
                              "this is false");
  if (lhs && rhs && i.shapes.size() >= 2) {
    d.notes.push_back("left:  " + format_value_for_message(*lhs, *i.shapes[0]));
    d.notes.push_back("right: " + format_value_for_message(*rhs, *i.shapes[1]));
  }
  return d;
}

std::optional<Diagnostic> expectation_failed(const Inst& i, double a, double b, double tol) {
  double allowed = i.flag ? std::fabs(b) * tol : tol;
  if (std::fabs(a - b) <= allowed) return std::nullopt;
  Diagnostic d = runtime_diag("E0502", "expectation failed", i.span, "not within tolerance");
  d.notes.push_back("actual:   " + format_value_for_message(Value(a), *i.shapes[0]));
  d.notes.push_back("expected: " + format_value_for_message(Value(b), *i.shapes[1]));
  if (i.flag)
    d.notes.push_back("differs by " + units::format_number(b != 0 ? std::fabs(a - b) / std::fabs(b) * 100 : INFINITY, 3) +
                      " %, allowed " + units::format_number(tol * 100, 3) + " %");
  else
    d.notes.push_back("allowed difference: " + format_value_for_message(Value(tol), *i.shapes[0]));
  return d;
}

}  // namespace mls::ir
