// The runtime ABI (compiler/codegen/runtime_abi.h): what JIT code calls. Each thunk does exactly
// what the reference evaluator (compiler/ir/evaluator.cpp) does for its instruction — the same
// values, the same sink calls, the same diagnostics — and never lets an exception reach JIT code:
// it parks it in the context's error slot and returns 1.
#include "compiler/codegen/runtime_abi.h"

#include "compiler/ir/evaluator.hpp"
#include "runtime/jit/rt_context.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <optional>

namespace {

using namespace mls;
using codegen::Kind;
using ir::Inst;
using ir::Op;
using ir::ValueId;

// ---- the evaluator's semantics (kept word for word: the differential test compares the two) ----

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
  throw ir::RuntimeError{runtime_diag(code, std::move(message), where, std::move(label), std::move(help))};
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

bool str_eq(const std::string& a, const std::string& b) {
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

std::string format_count(double x) { return units::format_number(x, 4); }

// ---- decoding the argument slots ------------------------------------------------------------------

double f64(std::uint64_t bits) { return std::bit_cast<double>(bits); }
std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

const Inst& inst_of(MlsRt* rt, std::int32_t inst) {
  if (inst < 0 || static_cast<std::size_t>(inst) >= rt->unit->insts.size())
    throw jit::InternalError("runtime ABI: no instruction " + std::to_string(inst) + " in this unit");
  return *rt->unit->insts[static_cast<std::size_t>(inst)];
}

Value& handle(MlsRt* rt, std::uint64_t h) {
  if (h >= rt->state->values.size()) throw jit::InternalError("runtime ABI: bad handle " + std::to_string(h));
  return rt->state->values[h];
}

Value decode(MlsRt* rt, ValueId id, std::uint64_t a) {
  switch (rt->unit->kind(id)) {
    case Kind::F64: return Value(f64(a));
    case Kind::Bool: return Value(a != 0);
    case Kind::Handle: break;
  }
  return handle(rt, a);
}

Value operand(MlsRt* rt, const Inst& i, std::size_t k, const std::uint64_t* args) {
  return decode(rt, i.operands[k], args[k]);
}

std::vector<Value> operands(MlsRt* rt, const Inst& i, const std::uint64_t* args) {
  std::vector<Value> vs;
  vs.reserve(i.operands.size());
  for (std::size_t k = 0; k < i.operands.size(); ++k) vs.push_back(operand(rt, i, k, args));
  return vs;
}

[[noreturn]] void mismatch(const Inst& i, const char* want) {
  throw jit::InternalError(std::string("runtime ABI: `") + ir::op_name(i.op) + "` produced a value that is not " + want);
}

// The instruction's result: native ones go back in out[0], others into the value table.
void set_result(MlsRt* rt, const Inst& i, Value v, std::uint64_t* out) {
  if (i.result == ir::kNoValue) return;
  switch (rt->unit->kind(i.result)) {
    case Kind::F64:
      if (!v.is_num()) mismatch(i, "a number");
      out[0] = bits(v.num());
      return;
    case Kind::Bool:
      if (!v.is_bool()) mismatch(i, "a bool");
      out[0] = v.boolean() ? 1 : 0;
      return;
    case Kind::Handle: handle(rt, static_cast<std::uint64_t>(i.result)) = std::move(v); return;
  }
}

template <class F> std::int32_t guard(MlsRt* rt, F&& f) noexcept {
  try {
    f();
    return 0;
  } catch (...) {
    rt->error = std::current_exception();
    return 1;
  }
}

}  // namespace

extern "C" {

std::int32_t mls_rt_make_record(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto r = std::make_shared<Record>();
    r->kind = i.str;
    for (std::size_t k = 0; k < i.names.size(); ++k) r->fields.emplace_back(i.names[k], operand(rt, i, k, args));
    set_result(rt, i, Value(RecordPtr(std::move(r))), out);
  });
}

std::int32_t mls_rt_get_field(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    Value rec = operand(rt, i, 0, args);
    const Value* f = rec.record().find(i.str);
    if (!f || f->is_none())
      fail("E0406", "field '" + i.str + "' is not set on this " + rec.record().kind, i.span,
           "this value has no '" + i.str + "'",
           "absent fields are absent, not zero: set it with `with { " + i.str + " = ... }`");
    set_result(rt, i, *f, out);
  });
}

std::int32_t mls_rt_with(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto r = std::make_shared<Record>(operand(rt, i, 0, args).record());
    for (std::size_t k = 0; k < i.names.size(); ++k) r->set(i.names[k], operand(rt, i, k + 1, args));
    set_result(rt, i, Value(RecordPtr(std::move(r))), out);
  });
}

std::int32_t mls_rt_make_list(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    set_result(rt, i, Value(operands(rt, i, args)), out);
  });
}

std::int32_t mls_rt_range(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto n = [&](std::size_t k) { return operand(rt, i, k, args).num(); };
    set_result(rt, i, Value(ir::eval_range(n(0), n(1), n(2), i.flag, i.span, rt->limits->max_loop_iterations)), out);
  });
}

std::int32_t mls_rt_call_solver(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto [it, fresh] = rt->solvers.try_emplace(inst, nullptr);
    if (fresh) it->second = reg::find_solver(i.str);
    const reg::SolverDesc* s = it->second;
    std::vector<Value> a = operands(rt, i, args);
    Value r;
    try {
      r = s->invoke(a);
    } catch (const SolverError& e) {
      Diagnostic d = runtime_diag("E0505", s->name + ": " + e.what(), i.span, e.kind + " raised here");
      d.kind = e.kind;
      throw ir::RuntimeError{std::move(d)};
    } catch (const std::exception& e) {
      Diagnostic d = runtime_diag("E0505", s->name + " failed: " + e.what(), i.span, "in this call");
      d.kind = "InternalError";
      throw ir::RuntimeError{std::move(d)};
    }
    set_result(rt, i, std::move(r), out);
  });
}

// args[k] = operand k as f64 bits (codegen converted them).
std::int32_t mls_rt_math(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    std::vector<Value> a;
    a.reserve(i.operands.size());
    for (std::size_t k = 0; k < i.operands.size(); ++k) a.emplace_back(f64(args[k]));
    Value r = ir::eval_math(i.str, a, i.span);
    out[0] = bits(r.num());
  });
}

std::int32_t mls_rt_equal(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    out[0] = values_equal(operand(rt, i, 0, args), operand(rt, i, 1, args)) ? 1 : 0;
  });
}

std::int32_t mls_rt_arith_error(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    const char* what = i.op == Op::Add ? "addition" : i.op == Op::Sub ? "subtraction" : i.op == Op::Mul ? "multiplication"
                     : i.op == Op::Div ? "division" : "power";
    checked(f64(args[2]), {f64(args[0]), f64(args[1])}, i.span, what);
  });
}

std::int32_t mls_rt_div_zero(MlsRt* rt, std::int32_t inst, const std::uint64_t*, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    fail("E0503", "division by zero", i.span, "the divisor is zero here",
         "guard the division, e.g. `if d == 0 then ... else x / d`");
  });
}

std::int32_t mls_rt_print(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    rt->sink->print(operands(rt, i, args), i.shapes, i.flag, i.span);
  });
}

std::int32_t mls_rt_row(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    rt->sink->row(i.aux, i.names, operands(rt, i, args), i.shapes, i.flag);
  });
}

std::int32_t mls_rt_table_end(MlsRt* rt, std::int32_t inst, const std::uint64_t*, std::uint64_t*) {
  return guard(rt, [&] { rt->sink->table_end(inst_of(rt, inst).aux); });
}

std::int32_t mls_rt_reduce(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    rt->sink->reduce(i.aux, i.str, i.num, i.names, operands(rt, i, args), i.shapes);
  });
}

std::int32_t mls_rt_plot(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    rt->sink->plot(i.aux, i.str, i.names, operands(rt, i, args), i.shapes);
  });
}

std::int32_t mls_rt_bind(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    rt->sink->bind(i.names[0], operand(rt, i, 0, args));
  });
}

// Called only when the condition is false.
std::int32_t mls_rt_assert_failed(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    if (operand(rt, i, 0, args).boolean()) return;
    Diagnostic d = runtime_diag("E0501", i.str.empty() ? "assertion failed" : "assertion failed: " + i.str, i.span,
                                "this is false");
    if (i.operands.size() == 3) {
      d.notes.push_back("left:  " + ir::format_value_for_message(operand(rt, i, 1, args), *i.shapes[0]));
      d.notes.push_back("right: " + ir::format_value_for_message(operand(rt, i, 2, args), *i.shapes[1]));
    }
    rt->sink->check_failed(std::move(d));
  });
}

// args = actual, expected, tolerance as f64 bits. Called only when the check failed.
std::int32_t mls_rt_expect_failed(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    double a = f64(args[0]), b = f64(args[1]), tol = f64(args[2]);
    double allowed = i.flag ? std::fabs(b) * tol : tol;
    if (std::fabs(a - b) <= allowed) return;
    Diagnostic d = runtime_diag("E0502", "expectation failed", i.span, "not within tolerance");
    d.notes.push_back("actual:   " + ir::format_value_for_message(Value(a), *i.shapes[0]));
    d.notes.push_back("expected: " + ir::format_value_for_message(Value(b), *i.shapes[1]));
    if (i.flag)
      d.notes.push_back("differs by " + units::format_number(b != 0 ? std::fabs(a - b) / std::fabs(b) * 100 : INFINITY, 3) +
                        " %, allowed " + units::format_number(tol * 100, 3) + " %");
    else
      d.notes.push_back("allowed difference: " + ir::format_value_for_message(Value(tol), *i.shapes[0]));
    rt->sink->check_failed(std::move(d));
  });
}

std::int32_t mls_rt_for_begin(MlsRt* rt, std::int32_t inst, const std::uint64_t*, std::uint64_t* out) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    double total = 1;
    for (auto id : i.operands) total *= double(handle(rt, static_cast<std::uint64_t>(id)).list().size());
    if (total > rt->limits->max_loop_iterations)
      fail("E0507", "this loop would run " + format_count(total) + " iterations", i.span, "loop too large",
           "the limit is " + format_count(rt->limits->max_loop_iterations) + " iterations; narrow the ranges");
    auto& pins = rt->pins[inst];
    pins.resize(i.operands.size());
    for (std::size_t d = 0; d < i.operands.size(); ++d) {
      auto& pin = pins[d];
      pin.list = handle(rt, static_cast<std::uint64_t>(i.operands[d]));  // kept alive while the loop runs
      const List& items = pin.list.list();
      Kind vk = d < i.vars.size() ? rt->unit->kind(i.vars[d]) : Kind::Handle;
      pin.native.clear();
      if (vk != Kind::Handle) {
        pin.native.reserve(items.size());
        for (auto& x : items) {
          if (vk == Kind::F64 && !x.is_num()) mismatch(i, "a list of numbers");
          if (vk == Kind::Bool && !x.is_bool()) mismatch(i, "a list of bools");
          pin.native.push_back(vk == Kind::F64 ? bits(x.num()) : x.boolean() ? 1 : 0);
        }
      }
      // A top-level loop under --shard runs one slice of its first list.
      bool top = d == 0 && rt->unit->outlined.count(&i) > 0;
      auto [b, e] = top ? ir::shard_slice(items.size(), rt->limits->shard_k, rt->limits->shard_n)
                        : std::pair<std::size_t, std::size_t>{0, items.size()};
      pin.offset = b;
      out[2 * d] = e - b;
      out[2 * d + 1] = vk == Kind::Handle ? 0 : reinterpret_cast<std::uint64_t>(pin.native.data() + b);
    }
  });
}

// args = depth, index.
std::int32_t mls_rt_for_item(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    const Inst& i = inst_of(rt, inst);
    auto& pin = rt->pins.at(inst).at(args[0]);
    handle(rt, static_cast<std::uint64_t>(i.vars.at(args[0]))) = pin.list.list().at(args[1] + pin.offset);
  });
}

// args = handle, wanted kind (0 f64, 1 bool).
std::int32_t mls_rt_unbox(MlsRt* rt, std::int32_t inst, const std::uint64_t* args, std::uint64_t* out) {
  return guard(rt, [&] {
    const Value& v = handle(rt, args[0]);
    if (args[1] == 0) {
      if (!v.is_num()) mismatch(inst_of(rt, inst), "a number");
      out[0] = bits(v.num());
    } else {
      if (!v.is_bool()) mismatch(inst_of(rt, inst), "a bool");
      out[0] = v.boolean() ? 1 : 0;
    }
  });
}

// args = destination handle, kind of the payload (0 f64, 1 bool, 2 handle; handle ~0 = none), payload.
std::int32_t mls_rt_box(MlsRt* rt, std::int32_t, const std::uint64_t* args, std::uint64_t*) {
  return guard(rt, [&] {
    Value v;
    if (args[1] == 0) v = Value(f64(args[2]));
    else if (args[1] == 1) v = Value(args[2] != 0);
    else if (args[2] != ~std::uint64_t{0}) v = handle(rt, args[2]);
    handle(rt, args[0]) = std::move(v);
  });
}

}  // extern "C"
