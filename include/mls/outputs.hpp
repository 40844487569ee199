// What a run produced, as data: the same prints, table rows, reductions, charts and failed checks
// that the text, CSV and JSON outputs show (docs/output.md), in the order the run produced them.
#pragma once

#include "mls/diagnostic.hpp"
#include "mls/value.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mls::api {

struct Print {
  std::vector<Value> values;
  bool bare = false;           // a bare expression statement (the REPL's `= value`), not `print`
  std::optional<Span> where;   // the statement
};

struct Table {
  int id = 0;                  // one per `row` statement's loop
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

// The result of `count`, `minimum/maximum/mean KEY` over a loop (best N and Pareto keep rows instead).
struct Reduction {
  int table = 0;
  std::string kind;   // "count", "minimum", "maximum", "mean"
  std::string key;    // the key's source text ("" for count)
  Value value;        // none when no point passed
  double points = 0;  // how many points it is over
};

struct Chart {
  int id = 0;
  std::string kind;                              // roofline, line, scatter, bar, heatmap, scorecard
  std::map<std::string, std::string> arguments;  // argument → its source text (axis labels)
  std::vector<std::map<std::string, Value>> points;
};

// One entry of the run's output stream, in order: which list holds it and at which index. TableEnd
// marks where a table's loop ended (the text output aligns a table's columns up to there).
struct OutputEvent {
  enum class Kind { Print, Row, Reduction, TableEnd } kind;
  std::size_t index = 0;  // into prints / the table's rows / reductions
  int table = 0;          // Row, TableEnd: the table id
};

// `text` made safe inside HTML, as the HTML renderer writes every string: & < > " ' escaped, control
// characters (terminal escapes) dropped. For hosts that build their own HTML (notebooks' _repr_html_).
std::string html_escape(const std::string& text);

}  // namespace mls::api
