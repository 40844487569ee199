// What evaluated code does to the outside world: print values, emit table rows, report failed
// checks. Both evaluators (the IR reference evaluator and the JIT) call the same sink.
#pragma once

#include "compiler/diag/diagnostic.hpp"
#include "compiler/ir/ir.hpp"
#include "stdlib/core/value.hpp"

#include <optional>
#include <cstdint>
#include <iterator>
#include <utility>
#include <string>
#include <vector>

namespace mls::ir {

class RuntimeSink {
 public:
  virtual ~RuntimeSink() = default;
  // `bare`: a bare expression statement (shown with its dimension name), not a `print`.
  virtual void print(const std::vector<Value>& values, const std::vector<ShapePtr>& shapes, bool bare, Span where) = 0;
  // `pending`: the loop has clauses; the row waits for the point's reduce().
  virtual void row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                   const std::vector<ShapePtr>& shapes, bool pending) = 0;
  // The end of one point of a loop with clauses: keep or drop its pending rows, fold it into the
  // reduction (best N by key, count, minimum/maximum/mean, Pareto set); table_end shows the result.
  // `keys`: the source text of each key (values[0] is the condition, values[1..] the keys).
  virtual void reduce(int table, const std::string& kind, double top, const std::vector<std::string>& keys,
                      const std::vector<Value>& values, const std::vector<ShapePtr>& shapes) {
    (void)table, (void)kind, (void)top, (void)keys, (void)values, (void)shapes;
  }
  // Whether reduce() called now with these values would keep the point's rows. An evaluator may
  // skip building the rows of a point that is dropped anyway (most points of a `best N by` sweep,
  // every point of a `count`), then call reduce() without them. True is always a safe answer.
  virtual bool keeps_rows(int table, const std::string& kind, double top, const std::vector<Value>& values) {
    (void)table, (void)kind, (void)top, (void)values;
    return true;
  }
  virtual void table_end(int table) = 0;
  // --threads: the exact text row() would write for a row outside any reduction, made ahead on a
  // worker thread (so it reads no state of the sink), or nothing when the output format needs the
  // sink's state (aligned text tables). row_text() later writes it in its place.
  virtual std::optional<std::string> format_row(int table, const std::vector<std::string>& columns,
                                                const std::vector<Value>& cells, const std::vector<ShapePtr>& shapes) const {
    (void)table, (void)columns, (void)cells, (void)shapes;
    return std::nullopt;
  }
  // format_row's text appended to `out` (a reused buffer: no allocation per row); false, with `out`
  // unchanged, when there is none.
  virtual bool append_row(std::string& out, int table, const std::vector<std::string>& columns,
                          const std::vector<Value>& cells, const std::vector<ShapePtr>& shapes) const {
    auto text = format_row(table, columns, cells, shapes);
    if (text) out += *text;
    return text.has_value();
  }
  // `text` may hold several consecutive rows of one row statement (a worker's rows go out as one
  // block); `cells` is then empty. A sink that formats rows ahead overrides this.
  virtual void row_text(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                        const std::vector<ShapePtr>& shapes, const std::string& text) {
    (void)text;
    row(table, columns, cells, shapes, false);
  }
  // One point (or one whole chart) of plot `id`: arguments by name ("x=b": name and source text).
  virtual void plot(int id, const std::string& kind, const std::vector<std::string>& args, const std::vector<Value>& values,
                    const std::vector<ShapePtr>& shapes) {
    (void)id, (void)kind, (void)args, (void)values, (void)shapes;
  }
  // A failed assert/expect: reported, and the script goes on (every failure is shown; exit 1 at the end).
  virtual void check_failed(Diagnostic d) = 0;
  virtual void bind(const std::string& name, const Value& v) { (void)name; (void)v; }
  // Significant digits numbers are shown with (--digits): an interpolated string formats its values so.
  virtual int digits() const { return 4; }
};

// `best N by`: whether a point with this (key, arrival) enters `best`, the N best kept so far
// (smallest key first; a tie goes to the earlier point). Every sink decides with this.
template <class Map> bool best_admits(const Map& best, std::pair<double, std::uint64_t> key, double top) {
  return best.size() < static_cast<std::size_t>(top) || key < std::prev(best.end())->first;
}

// A run-time error (division by zero, NaN produced, solver error): stops the run.
struct RuntimeError {
  Diagnostic diag;
};

}  // namespace mls::ir
