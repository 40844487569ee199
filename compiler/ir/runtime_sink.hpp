// What evaluated code does to the outside world: print values, emit table rows, report failed
// checks. Both evaluators (the IR reference evaluator and the JIT) call the same sink.
#pragma once

#include "compiler/diag/diagnostic.hpp"
#include "compiler/ir/ir.hpp"
#include "stdlib/core/value.hpp"

#include <string>
#include <vector>

namespace mls::ir {

class RuntimeSink {
 public:
  virtual ~RuntimeSink() = default;
  // `bare`: a bare expression statement (shown with its dimension name), not a `print`.
  virtual void print(const std::vector<Value>& values, const std::vector<ShapePtr>& shapes, bool bare, Span where) = 0;
  virtual void row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                   const std::vector<ShapePtr>& shapes) = 0;
  virtual void table_end(int table) = 0;
  // One point (or one whole chart) of plot `id`: arguments by name ("x=b": name and source text).
  virtual void plot(int id, const std::string& kind, const std::vector<std::string>& args, const std::vector<Value>& values,
                    const std::vector<ShapePtr>& shapes) {
    (void)id, (void)kind, (void)args, (void)values, (void)shapes;
  }
  // A failed assert/expect: reported, and the script goes on (every failure is shown; exit 1 at the end).
  virtual void check_failed(Diagnostic d) = 0;
  virtual void bind(const std::string& name, const Value& v) { (void)name; (void)v; }
};

// A run-time error (division by zero, NaN produced, solver error): stops the run.
struct RuntimeError {
  Diagnostic diag;
};

}  // namespace mls::ir
