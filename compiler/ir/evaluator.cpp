#include "compiler/ir/evaluator.hpp"

#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace mls::ir {

namespace {

Diagnostic runtime_diag(const std::string& code, std::string message, Span where, std::string label,
                        std::optional<std::string> help = std::nullopt) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  d.labels.push_back({where, std::move(label), true});
  d.help = std::move(help);
  return d;
}

[[noreturn]] void fail(const std::string& code, std::string message, Span where, std::string label,
                       std::optional<std::string> help = std::nullopt) {
  throw RuntimeError{runtime_diag(code, std::move(message), where, std::move(label), std::move(help))};
}

// NaN or infinity is never silently printed as a number: an operation that makes one from finite
// operands is an error naming the operation (E0504).
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

bool str_eq(const std::string& a, const std::string& b) {
  // Enum tags compare case-insensitively: `r.bottleneck == memory` matches "Memory".
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

bool values_equal(const Value& a, const Value& b) {
  if (a.is_num() && b.is_num()) return a.num() == b.num();
  if (a.is_bool() && b.is_bool()) return a.boolean() == b.boolean();
  if (a.is_str() && b.is_str()) return str_eq(a.str(), b.str());
  if (a.is_none() && b.is_none()) return true;
  return false;
}

class Interp {
 public:
  Interp(const Module& m, RuntimeSink& sink, const EvalLimits& lim, std::vector<Value>& vals)
      : m_(m), sink_(sink), lim_(lim), vals_(vals) {
    if (vals_.size() < static_cast<size_t>(m.num_values)) vals_.resize(static_cast<size_t>(m.num_values));
  }
  void run(size_t first, size_t last) {
    for (size_t k = first; k < last && k < m_.body.insts.size(); ++k) inst(m_.body.insts[k]);
  }

 private:
  const Value& v(ValueId id) const { return vals_[static_cast<size_t>(id)]; }
  double n(ValueId id) const { return vals_[static_cast<size_t>(id)].num(); }

  Value block(const Block& b) {
    for (auto& i : b.insts) inst(i);
    return b.yield == kNoValue ? Value() : v(b.yield);
  }

  void set(const Inst& i, Value x) {
    if (i.result != kNoValue) vals_[static_cast<size_t>(i.result)] = std::move(x);
  }

  void inst(const Inst& i) {
    auto& o = i.operands;
    switch (i.op) {
      case Op::ConstNum: set(i, i.num); break;
      case Op::ConstBool: set(i, i.flag); break;
      case Op::ConstStr: set(i, i.str); break;
      case Op::ConstNone: set(i, Value()); break;
      case Op::Add: set(i, checked(n(o[0]) + n(o[1]), {n(o[0]), n(o[1])}, i.span, "addition")); break;
      case Op::Sub: set(i, checked(n(o[0]) - n(o[1]), {n(o[0]), n(o[1])}, i.span, "subtraction")); break;
      case Op::Mul: set(i, checked(n(o[0]) * n(o[1]), {n(o[0]), n(o[1])}, i.span, "multiplication")); break;
      case Op::Div:
        if (n(o[1]) == 0)
          fail("E0503", "division by zero", i.span, "the divisor is zero here",
               "guard the division, e.g. `if d == 0 then ... else x / d`");
        set(i, checked(n(o[0]) / n(o[1]), {n(o[0]), n(o[1])}, i.span, "division"));
        break;
      case Op::Pow: set(i, checked(std::pow(n(o[0]), n(o[1])), {n(o[0]), n(o[1])}, i.span, "power")); break;
      case Op::Neg: set(i, -n(o[0])); break;
      case Op::Lt: set(i, n(o[0]) < n(o[1])); break;
      case Op::Le: set(i, n(o[0]) <= n(o[1])); break;
      case Op::Gt: set(i, n(o[0]) > n(o[1])); break;
      case Op::Ge: set(i, n(o[0]) >= n(o[1])); break;
      case Op::Eq: set(i, values_equal(v(o[0]), v(o[1]))); break;
      case Op::Ne: set(i, !values_equal(v(o[0]), v(o[1]))); break;
      case Op::And: set(i, v(o[0]).boolean() && v(o[1]).boolean()); break;
      case Op::Or: set(i, v(o[0]).boolean() || v(o[1]).boolean()); break;
      case Op::Not: set(i, !v(o[0]).boolean()); break;
      case Op::Math: {
        std::vector<Value> args;
        for (auto id : o) args.push_back(v(id));
        set(i, eval_math(i.str, args, i.span));
        break;
      }
      case Op::MakeRecord: {
        auto r = std::make_shared<Record>();
        r->kind = i.str;
        for (size_t k = 0; k < i.names.size(); ++k) r->fields.emplace_back(i.names[k], v(o[k]));
        set(i, Value(RecordPtr(std::move(r))));
        break;
      }
      case Op::GetField: {
        const Value* f = v(o[0]).record().find(i.str);
        if (!f || f->is_none())
          fail("E0406", "field '" + i.str + "' is not set on this " + v(o[0]).record().kind, i.span,
               "this value has no '" + i.str + "'",
               "absent fields are absent, not zero: set it with `with { " + i.str + " = ... }`");
        set(i, *f);
        break;
      }
      case Op::With: {
        auto r = std::make_shared<Record>(v(o[0]).record());
        for (size_t k = 0; k < i.names.size(); ++k) r->set(i.names[k], v(o[k + 1]));
        set(i, Value(RecordPtr(std::move(r))));
        break;
      }
      case Op::MakeList: {
        List l;
        for (auto id : o) l.push_back(v(id));
        set(i, Value(std::move(l)));
        break;
      }
      case Op::Range: set(i, Value(eval_range(n(o[0]), n(o[1]), n(o[2]), i.flag, i.span, lim_.max_loop_iterations))); break;
      case Op::CallSolver: {
        const reg::SolverDesc* s = reg::find_solver(i.str);
        std::vector<Value> args;
        for (auto id : o) args.push_back(v(id));
        try {
          set(i, s->invoke(args));
        } catch (const SolverError& e) {
          Diagnostic d = runtime_diag("E0505", s->name + ": " + e.what(), i.span, e.kind + " raised here");
          d.kind = e.kind;
          throw RuntimeError{std::move(d)};
        } catch (const std::exception& e) {
          Diagnostic d = runtime_diag("E0505", s->name + " failed: " + e.what(), i.span, "in this call");
          d.kind = "InternalError";
          throw RuntimeError{std::move(d)};
        }
        break;
      }
      case Op::If: set(i, v(o[0]).boolean() ? block(i.blocks[0]) : block(i.blocks[1])); break;
      case Op::For: loop(i); break;
      case Op::Print: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        sink_.print(vs, i.shapes, i.flag, i.span);
        break;
      }
      case Op::Row: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        sink_.row(i.aux, i.names, vs, i.shapes, i.flag);
        break;
      }
      case Op::TableEnd: sink_.table_end(i.aux); break;
      case Op::Reduce: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        sink_.reduce(i.aux, i.str, i.num, i.names, vs, i.shapes);
        break;
      }
      case Op::Plot: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        sink_.plot(i.aux, i.str, i.names, vs, i.shapes);
        break;
      }
      case Op::Assert: assert_(i); break;
      case Op::Expect: expect_(i); break;
      case Op::Bind: sink_.bind(i.names[0], v(o[0])); break;
    }
  }

  void loop(const Inst& i) {
    double total = 1;
    for (auto id : i.operands) total *= double(v(id).list().size());
    if (total > lim_.max_loop_iterations)
      fail("E0507", "this loop would run " + format_count(total) + " iterations", i.span, "loop too large",
           "the limit is " + format_count(lim_.max_loop_iterations) + " iterations; narrow the ranges");
    ++depth_;
    try {
      nest(i, 0);
    } catch (...) {
      --depth_;
      throw;
    }
    --depth_;
  }
  int depth_ = 0;  // loops being run (a top-level loop is the only one running at depth 1)
  static std::string format_count(double x) { return units::format_number(x, 4); }

  void nest(const Inst& i, size_t depth) {
    if (depth == i.operands.size()) {
      block(i.blocks[0]);
      return;
    }
    // Copy: the body may overwrite nothing outside its own values, but keep the list alive.
    Value list = v(i.operands[depth]);
    const List& items = list.list();
    auto [b, e] = depth == 0 && depth_ == 1 ? shard_slice(items.size(), lim_.shard_k, lim_.shard_n)
                                            : std::pair<std::size_t, std::size_t>{0, items.size()};
    for (std::size_t k = b; k < e; ++k) {
      vals_[static_cast<size_t>(i.vars[depth])] = items[k];
      nest(i, depth + 1);
    }
  }

  void assert_(const Inst& i) {
    if (v(i.operands[0]).boolean()) return;
    Diagnostic d = runtime_diag("E0501", i.str.empty() ? "assertion failed" : "assertion failed: " + i.str, i.span,
                                "this is false");
    if (i.operands.size() == 3) {
      d.notes.push_back("left:  " + format_value_for_message(v(i.operands[1]), *i.shapes[0]));
      d.notes.push_back("right: " + format_value_for_message(v(i.operands[2]), *i.shapes[1]));
    }
    sink_.check_failed(std::move(d));
  }

  void expect_(const Inst& i) {
    double a = n(i.operands[0]), b = n(i.operands[1]), tol = n(i.operands[2]);
    double allowed = i.flag ? std::fabs(b) * tol : tol;
    if (std::fabs(a - b) <= allowed) return;
    Diagnostic d = runtime_diag("E0502", "expectation failed", i.span, "not within tolerance");
    d.notes.push_back("actual:   " + format_value_for_message(v(i.operands[0]), *i.shapes[0]));
    d.notes.push_back("expected: " + format_value_for_message(v(i.operands[1]), *i.shapes[1]));
    if (i.flag)
      d.notes.push_back("differs by " + units::format_number(b != 0 ? std::fabs(a - b) / std::fabs(b) * 100 : INFINITY, 3) +
                        " %, allowed " + units::format_number(tol * 100, 3) + " %");
    else
      d.notes.push_back("allowed difference: " + format_value_for_message(Value(tol), *i.shapes[0]));
    sink_.check_failed(std::move(d));
  }

  const Module& m_;
  RuntimeSink& sink_;
  const EvalLimits& lim_;
  std::vector<Value>& vals_;
};

}  // namespace

Value eval_math(const std::string& fn, const std::vector<Value>& a, Span where) {
  auto x = [&](size_t k) { return a[k].num(); };
  double r;
  if (fn == "sqrt") r = std::sqrt(x(0));
  else if (fn == "cbrt") r = std::cbrt(x(0));
  else if (fn == "exp") r = std::exp(x(0));
  else if (fn == "ln") r = std::log(x(0));
  else if (fn == "log2") r = std::log2(x(0));
  else if (fn == "log10") r = std::log10(x(0));
  else if (fn == "abs") r = std::fabs(x(0));
  else if (fn == "floor") r = std::floor(x(0));
  else if (fn == "ceil") r = std::ceil(x(0));
  else if (fn == "round") r = std::round(x(0));
  else if (fn == "min" || fn == "max") {
    r = x(0);
    for (size_t k = 1; k < a.size(); ++k) r = fn == "min" ? std::min(r, x(k)) : std::max(r, x(k));
  } else if (fn == "ceil_div") {
    if (x(1) == 0) fail("E0503", "division by zero in ceil_div", where, "the divisor is zero here");
    r = std::ceil(x(0) / x(1));
  } else {
    fail("E0505", "unknown built-in '" + fn + "'", where, "here");
  }
  std::vector<double> in;
  for (auto& v : a) in.push_back(v.num());
  if (std::isnan(r) && std::none_of(in.begin(), in.end(), [](double d) { return std::isnan(d); }))
    fail("E0504", fn + " produced NaN", where, "NaN produced here", fn == "sqrt" || fn == "ln" || fn == "log2" || fn == "log10"
                                                                          ? std::optional<std::string>("its argument must not be negative")
                                                                          : std::nullopt);
  if (std::isinf(r) && std::all_of(in.begin(), in.end(), [](double d) { return std::isfinite(d); }))
    fail("E0504", fn + " produced infinity", where, "infinite result here",
         fn == "ln" || fn == "log2" || fn == "log10" ? std::optional<std::string>("the logarithm of 0 is -infinity")
                                                     : std::nullopt);
  return Value(r);
}

List eval_range(double lo, double hi, double step, bool geometric, Span where, double max_items) {
  List out;
  if (geometric) {
    if (!(step > 1) || !(lo > 0))
      fail("E0409", "a geometric range needs a start > 0 and a factor > 1", where, "in this range");
    double count = std::floor(std::log(hi / lo) / std::log(step) + 1e-9) + 1;
    if (count > max_items) fail("E0507", "this range has too many items", where, "range too large");
    for (double x = lo; x <= hi * (1 + 1e-12); x *= step) out.push_back(Value(x));
  } else {
    if (!(step > 0)) fail("E0409", "a range step must be positive", where, "in this range");
    double count = std::floor((hi - lo) / step + 1e-9) + 1;
    if (count > max_items) fail("E0507", "this range has too many items", where, "range too large");
    for (double k = 0; k < count; ++k) out.push_back(Value(lo + k * step));
  }
  return out;
}

std::string format_value_for_message(const Value& v, const Shape& s) {
  if (v.is_num()) {
    auto f = units::format(v.num(), s.display, 6);
    return f.unit.empty() ? f.number : f.number + " " + f.unit;
  }
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_str()) return v.str();
  if (v.is_none()) return "none";
  if (v.is_record()) return v.record().kind.empty() ? "{record}" : v.record().kind + " record";
  return "[list of " + std::to_string(v.list().size()) + "]";
}

void evaluate(const Module& m, RuntimeSink& sink, const EvalLimits& limits) {
  std::vector<Value> vals;
  Interp(m, sink, limits, vals).run(0, m.body.insts.size());
}

void evaluate_range(const Module& m, std::size_t first, std::size_t last, std::vector<Value>& values, RuntimeSink& sink,
                    const EvalLimits& limits) {
  Interp(m, sink, limits, values).run(first, last);
}

}  // namespace mls::ir
