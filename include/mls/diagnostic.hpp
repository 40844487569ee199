// A diagnostic as data: what the command line renders as `error[E0301]: ...` (docs/embedding.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mls::api {

enum class Severity { Error, Warning, Note };

// A range of source text: 1-based lines and columns (in characters), as --diagnostics=json gives them.
struct Span {
  std::string file;  // the name given to check()/run() ("<input>" by default)
  int line = 0, column = 0, end_line = 0, end_column = 0;  // end_column: just after the span
};

struct Label {
  Span span;
  std::string text;
  bool primary = true;
};

// One side of the dimension block: `left: Compute / Time [= ComputeRate] (peak = 989 TFLOP/s, line 2)`.
struct DimensionLine {
  std::string role;       // "left", "right", "expected", "found"
  std::string dimension;  // "Compute / Time"
  std::string name;       // "ComputeRate" or ""
  std::string origin;     // where the operand came from, or ""
};

// A suggested edit: replacing the text of `span` with `replacement` applies the fix the help states
// (an editor's quick fix). An empty span (end = start) is an insertion.
struct Fix {
  std::string title;        // "write `50 ms`"
  Span span;
  std::string replacement;  // "50 ms"
};

struct Diagnostic {
  std::string code;  // stable: E01xx names, E02xx syntax, E03xx dimensions, E04xx calls, E05xx run time
  Severity severity = Severity::Error;
  std::string message;
  std::optional<Span> span;  // the primary span; absent when there is no source (an option, a budget)
  std::vector<Label> labels;
  std::vector<DimensionLine> dimensions;
  std::vector<std::string> notes;
  std::string help;           // exactly one computed fix, or "" when there is none
  std::vector<Fix> fixes;     // the help as edits, when it suggests code; each one alone fixes it
  std::string kind;           // a solver's error kind at run time ("PrecisionUnsupported"), else ""
  std::string rendered;       // the text the command line prints for it (no colour)
};

// The lesson behind a code (`mls explain CODE`): the rule, why it matters, a wrong and a right example.
struct Lesson {
  std::string code, title, text;
};
std::vector<Lesson> lessons();                   // every code, in order
std::optional<Lesson> lesson(const std::string& code);  // none when there is no such code

// The diagnostics as one JSON array, the layout of `mls --diagnostics json` (docs/output.md).
std::string to_json(const std::vector<Diagnostic>& diagnostics);

}  // namespace mls::api
