// The run-time meaning of the IR operations that both evaluators share word for word — the IR
// reference evaluator (evaluator.cpp) and the JIT's runtime ABI (runtime/jit/runtime_abi.cpp) call
// these, so the differential test compares two evaluators of one semantics, not two copies.
#pragma once

#include "compiler/ir/ir.hpp"
#include "compiler/ir/runtime_sink.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace mls::ir {

Diagnostic runtime_diag(const std::string& code, std::string message, Span where, std::string label,
                        std::optional<std::string> help = std::nullopt);
[[noreturn]] void fail(const std::string& code, std::string message, Span where, std::string label,
                       std::optional<std::string> help = std::nullopt);

// NaN or infinity is never silently a number: an operation that makes one from finite operands is
// E0504 naming the operation ("addition", "division", ...). Returns r when it is fine.
double checked(double r, std::initializer_list<double> in, Span where, const char* what);
const char* arith_name(Op op);

// A record's field (E0406 when absent: absent is not zero), and division by zero (E0503).
const Value& get_field(const Inst& i, const Value& record);
// `has(r.f)`: the record has field f, set (an absent optional is None).
bool has_field(const Inst& i, const Value& record);
[[noreturn]] void division_by_zero(Span where);

// `==` on any two values (enum tags compare case-insensitively: `r.bottleneck == memory`).
bool values_equal(const Value& a, const Value& b);

// A solver call: its typed errors become E0505 at the call's span.
Value call_solver(const reg::SolverDesc& s, const std::vector<Value>& args, Span where);
// The E0505 a solver's typed error (or any other exception) becomes at the call's span.
[[noreturn]] void solver_failed(const reg::SolverDesc& s, const SolverError& e, Span where);
[[noreturn]] void solver_crashed(const reg::SolverDesc& s, const std::exception& e, Span where);

// E0507 when a loop nest of `total` iterations exceeds the limit.
void check_loop_size(const Inst& loop, double total, double limit);

// E0507 when one print/row would show more than `limit` values. Records and lists share their parts,
// so a few lines can build a value of 2^40 fields; the count stops as soon as it passes the limit.
void check_output_size(const Inst& i, const std::vector<Value>& values, double limit);
// The same check one value at a time: `budget` starts at the limit; false once it is spent.
bool fits_output(const Value& v, double& budget);
[[noreturn]] void output_too_large(const Inst& i, double limit);

// A number reaching the output (print, row, plot) is shown as what it is: NaN never, and a finite
// value never as inf or 0 because the unit asked for with `->` cannot hold it (E0504). Infinity is an
// answer some models give (an unstable queue's wait) and is shown as `inf`. Lists and records are
// checked value by value against their shapes.
void check_shown(const Inst& i, const std::vector<Value>& values);
void check_shown(const Inst& i, const Value& v, const Shape& s);
void check_shown(const Inst& i, double si, const Shape& s);

// sum/mean/min/max of a list (of the field `i.names[0]` of record items, skipping items without it):
// sum of nothing is 0; mean, min or max of nothing is E0508.
double aggregate(const Inst& i, const Value& list);
// The text of an interpolated string (Op::Format): its pieces with the values shown between them.
std::string interpolate(const Inst& i, const std::vector<Value>& values, int digits);

// The reports of a failed `assert` (with both sides when given) and of an `expect` (nothing when it holds).
Diagnostic assertion_failed(const Inst& i, const Value* lhs, const Value* rhs);
std::optional<Diagnostic> expectation_failed(const Inst& i, double actual, double expected, double tol);

}  // namespace mls::ir
