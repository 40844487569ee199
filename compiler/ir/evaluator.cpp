#include "compiler/ir/evaluator.hpp"

#include "compiler/ir/lazy_range.hpp"
#include "compiler/ir/parallel_loop.hpp"
#include "compiler/ir/semantics.hpp"

#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>

namespace mls::ir {

namespace {

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
      case Op::Add: set(i, checked(n(o[0]) + n(o[1]), {n(o[0]), n(o[1])}, i.span, arith_name(i.op))); break;
      case Op::Sub: set(i, checked(n(o[0]) - n(o[1]), {n(o[0]), n(o[1])}, i.span, arith_name(i.op))); break;
      case Op::Mul: set(i, checked(n(o[0]) * n(o[1]), {n(o[0]), n(o[1])}, i.span, arith_name(i.op))); break;
      case Op::Div:
        if (n(o[1]) == 0) division_by_zero(i.span);
        set(i, checked(n(o[0]) / n(o[1]), {n(o[0]), n(o[1])}, i.span, arith_name(i.op)));
        break;
      case Op::Pow: set(i, checked(std::pow(n(o[0]), n(o[1])), {n(o[0]), n(o[1])}, i.span, arith_name(i.op))); break;
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
      case Op::GetField: set(i, get_field(i, v(o[0]))); break;
      case Op::HasField: set(i, has_field(i, v(o[0]))); break;
      case Op::With: {
        auto r = std::make_shared<Record>(v(o[0]).record());
        for (size_t k = 0; k < i.names.size(); ++k) r->set(i.names[k], v(o[k + 1]));
        set(i, Value(RecordPtr(std::move(r))));
        break;
      }
      case Op::MakeList: {
        List l;
        for (auto id : o) l.push_back(v(id));
        set(i, make_list(std::move(l), i.span, lim_));
        break;
      }
      case Op::Range:
        if (i.aux == kLazyRange) ranges_[i.result] = lazy_range(n(o[0]), n(o[1]), n(o[2]), i.flag, i.span, lim_);
        else set(i, eval_range(n(o[0]), n(o[1]), n(o[2]), i.flag, i.span, lim_));
        break;
      case Op::CallSolver: {
        const reg::SolverDesc* s = reg::find_solver(i.str);
        std::vector<Value> args;
        for (auto id : o) args.push_back(v(id));
        set(i, call_solver(*s, args, i.span));
        break;
      }
      case Op::If: set(i, v(o[0]).boolean() ? block(i.blocks[0]) : block(i.blocks[1])); break;
      case Op::For: loop(i); break;
      case Op::Print: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        check_output_size(i, vs, lim_.max_output_values);
        check_shown(i, vs);
        sink_.print(vs, i.shapes, i.flag, i.span);
        break;
      }
      case Op::Row: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        check_output_size(i, vs, lim_.max_output_values);
        check_shown(i, vs);
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
        check_shown(i, vs);
        sink_.plot(i.aux, i.str, i.names, vs, i.shapes);
        break;
      }
      case Op::Assert: assert_(i); break;
      case Op::Expect: expect_(i); break;
      case Op::Bind: sink_.bind(i.names[0], v(o[0])); break;
      case Op::Aggregate: set(i, aggregate(i, v(o[0]))); break;
      case Op::Format: {
        std::vector<Value> vs;
        for (auto id : o) vs.push_back(v(id));
        check_shown(i, vs);
        set(i, Value(interpolate(i, vs, sink_.digits())));
        break;
      }
    }
  }

  void loop(const Inst& i) {
    double total = sweep_points_;  // a loop inside loops: the nest is one sweep
    for (auto id : i.operands) total *= double(length(id));
    check_loop_size(i, total, lim_.max_loop_iterations);
    double outer = sweep_points_;
    sweep_points_ = total;
    ++depth_;
    try {
      if (depth_ == 1 && lim_.threads > 1 && total >= kMinParallelPoints) parallel(i, total);
      else nest(i, 0);
    } catch (...) {
      --depth_;
      sweep_points_ = outer;
      throw;
    }
    --depth_;
    sweep_points_ = outer;
  }
  int depth_ = 0;             // loops being run (a top-level loop is the only one running at depth 1)
  double sweep_points_ = 1;   // the points of the running loop nest
  std::optional<std::pair<std::size_t, std::size_t>> slice_;  // --threads: this thread's part of the first list
  std::unordered_map<ValueId, LazyRange> ranges_;  // the loop headers' lazy ranges (kLazyRange), by value

  const LazyRange* lazy(ValueId id) const {
    auto it = ranges_.find(id);
    return it == ranges_.end() ? nullptr : &it->second;
  }
  std::size_t length(ValueId id) const {
    const LazyRange* r = lazy(id);
    return r ? r->count : v(id).list().size();
  }

  // --threads: chunks of the first list on several interpreters, each on its own copy of the values.
  void parallel(const Inst& i, double total) {
    std::size_t size = length(i.operands[0]);
    auto [b, e] = shard_slice(size, lim_.shard_k, lim_.shard_n);
    auto on_main = [&](std::size_t lo, std::size_t hi, RuntimeSink&) {
      slice_ = {lo, hi};
      nest(i, 0);
      slice_.reset();
    };
    auto make_worker = [&]() -> SliceFn {
      auto vals = std::make_shared<std::vector<Value>>(vals_);
      return [this, &i, vals, ranges = ranges_, points = sweep_points_](std::size_t lo, std::size_t hi, RuntimeSink& sink) {
        Interp w(m_, sink, lim_, *vals);
        w.ranges_ = ranges;
        w.depth_ = 1;
        w.sweep_points_ = points;
        w.slice_ = {lo, hi};
        w.nest(i, 0);
      };
    };
    run_parallel(b, e, total / static_cast<double>(size), lim_.threads, sink_, on_main, make_worker);
    slice_.reset();
  }

  void nest(const Inst& i, size_t depth) {
    if (depth == i.operands.size()) {
      block(i.blocks[0]);
      return;
    }
    std::size_t size = length(i.operands[depth]);
    auto [b, e] = depth == 0 && depth_ == 1 ? (slice_ ? *slice_ : shard_slice(size, lim_.shard_k, lim_.shard_n))
                                            : std::pair<std::size_t, std::size_t>{0, size};
    auto var = static_cast<size_t>(i.vars[depth]);
    if (const LazyRange* found = lazy(i.operands[depth])) {
      LazyRange r = *found;  // a copy: the body may evaluate its own ranges into ranges_
      double x = b < e ? r.item(b) : 0;
      for (std::size_t k = b; k < e; ++k, x = r.geometric ? r.next(x) : r.item(k)) {
        vals_[var] = Value(x);
        nest(i, depth + 1);
      }
      return;
    }
    // Copy: the body may overwrite nothing outside its own values, but keep the list alive.
    Value list = v(i.operands[depth]);
    const List& items = list.list();
    for (std::size_t k = b; k < e; ++k) {
      vals_[var] = items[k];
      nest(i, depth + 1);
    }
  }

  void assert_(const Inst& i) {
    if (v(i.operands[0]).boolean()) return;
    bool sides = i.operands.size() == 3;
    sink_.check_failed(assertion_failed(i, sides ? &v(i.operands[1]) : nullptr, sides ? &v(i.operands[2]) : nullptr));
  }

  void expect_(const Inst& i) {
    if (auto d = expectation_failed(i, n(i.operands[0]), n(i.operands[1]), n(i.operands[2]))) sink_.check_failed(std::move(*d));
  }

  const Module& m_;
  RuntimeSink& sink_;
  const EvalLimits& lim_;
  std::vector<Value>& vals_;
};

}  // namespace

double whole_units(const std::string& fn, double si, double unit) {
  double v = si / unit;
  // 300 ms is 0.3 s, and 3 * 0.1 / 0.001 is 300.00000000000006: a quotient within a few ulps of a whole
  // or half number is that number, so ceil(3 * 100 ms -> ms) is 300 ms and round(2.5 ms -> ms) 3 ms.
  double h = std::round(v * 2) / 2;
  if (std::fabs(v - h) <= 4 * std::numeric_limits<double>::epsilon() * std::fabs(h)) v = h;
  return fn == "floor" ? std::floor(v) : fn == "ceil" ? std::ceil(v) : std::round(v);
}

Value eval_math(const std::string& fn, const std::vector<Value>& a, Span where) {
  auto x = [&](size_t k) { return a[k].num(); };
  double r;
  if ((fn == "floor" || fn == "ceil" || fn == "round") && a.size() == 2) r = whole_units(fn, x(0), x(1)) * x(1);
  else if (fn == "sqrt") r = std::sqrt(x(0));
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
    r = whole_units("ceil", x(0), x(1));
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

double range_count(double lo, double hi, double step, bool geometric) {
  // 1e-9: `0.1 .. 0.3 step 0.1` has 3 items although (0.3 - 0.1) / 0.1 is 1.9999999999999998.
  if (geometric) return step > 1 && lo > 0 && hi >= lo ? std::floor(std::log(hi / lo) / std::log(step) + 1e-9) + 1 : 0;
  return step > 0 && hi >= lo ? std::floor((hi - lo) / step + 1e-9) + 1 : 0;
}

Value eval_range(double lo, double hi, double step, bool geometric, Span where, const EvalLimits& limits) {
  LazyRange r = lazy_range(lo, hi, step, geometric, where, limits);
  if (limits.memory) limits.memory->charge(list_bytes(double(r.count)), where, "this range");
  List out;
  try {
    out.reserve(r.count);  // a 10^6-point range: one allocation
    for (double x = lo; out.size() < r.count; x = r.next(x)) out.push_back(Value(geometric ? x : r.item(out.size())));
  } catch (...) {
    if (limits.memory) limits.memory->release(list_bytes(double(r.count)));
    throw;
  }
  return charged_list(std::move(out), limits.memory);
}

Value make_list(List items, Span where, const EvalLimits& limits) {
  if (limits.memory) limits.memory->charge(list_bytes(double(items.size())), where, "this list");
  return charged_list(std::move(items), limits.memory);
}

std::string format_value_for_message(const Value& v, const Shape& s) {
  if (v.is_num()) {
    auto f = units::format(v.num(), s.display, 6);
    std::string shown = f.unit.empty() ? f.number : f.number + " " + f.unit;
    // A value the unit cannot hold (0 or inf in it) says what it is in base units as well.
    if (std::isfinite(v.num()) && (!std::isfinite(f.value) || (f.value == 0 && v.num() != 0)))
      shown += " (" + units::format_number(v.num(), 6) + (s.dim.dimensionless() ? "" : " " + s.dim.base_unit_form()) + ")";
    return shown;
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
