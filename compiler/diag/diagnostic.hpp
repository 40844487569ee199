// Diagnostics: a stable code, a one-line message in domain words, labelled spans, an aligned
// left/right block of dimensions, notes and at most one computed help (ARCHITECTURE decision 6).
#pragma once

#include "compiler/source/source.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mls {

enum class Severity { Error, Warning, Note };

struct Label {
  Span span;
  std::string text;
  bool primary = true;
};

// One side of the "left:/right:" (or "expected:/found:") block:
//   left: Compute / Time       [= ComputeRate]   (peak = 989 TFLOP/s, line 2)
struct DimLine {
  std::string role;        // "left", "right", "expected", "found"
  std::string dims;        // base form: "Compute / Time"
  std::string name;        // named dimension or "" : "ComputeRate"
  std::string origin;      // "peak = 989 TFLOP/s, line 2" or ""
};

// A suggested edit, as data: replacing the text of `span` with `replacement` applies the fix the help
// states, so an editor offers it as a quick fix and an autograder can apply it and check again.
struct Fix {
  std::string title;        // "write `50 ms`"
  Span span;                // the text replaced (empty for an insertion)
  std::string replacement;  // "50 ms"
};

struct Diagnostic {
  std::string code;        // "E0301"
  Severity severity = Severity::Error;
  std::string message;     // "cannot add a compute rate to a bandwidth"
  std::vector<Label> labels;
  std::vector<DimLine> dims;
  std::vector<std::string> notes;
  std::optional<std::string> help;
  std::vector<Fix> fixes;  // zero or more edits, each one a complete fix of this diagnostic
  std::string kind;        // solver error kind for runtime errors ("PrecisionUnsupported"), else ""

  Span primary_span() const;
};

// Collects diagnostics of one compilation. Sema reports one error per statement (no cascades).
class DiagnosticSink {
 public:
  void report(Diagnostic d) { diags_.push_back(std::move(d)); }
  bool has_errors() const;
  size_t error_count() const;
  const std::vector<Diagnostic>& all() const { return diags_; }
  void clear() { diags_.clear(); }
  void clear_last() { if (!diags_.empty()) diags_.pop_back(); }

 private:
  std::vector<Diagnostic> diags_;
};

struct RenderOptions {
  bool color = false;      // ANSI colours (only on a TTY unless --color=always)
  bool unicode = true;     // box-drawing characters; plain ASCII when the terminal is not UTF-8
};

// codespan/rustc-style text:
//   error[E0301]: cannot add a compute rate to a bandwidth
//     ┌─ roofline.mls:4:9
//     │
//   4 │ total = peak + bw
//     │         ^^^^ - ^^ Bandwidth
//     │         │    │
//     │         │    dimensions differ in addition
//     │         ComputeRate
//     │
//     =  left: Compute / Time       [= ComputeRate]   (peak = 989 TFLOP/s, line 2)
//       right: Information / Time   [= Bandwidth]     (bw = 3.35 TB/s, line 1)
//     = help: to relate them, divide: `peak / bw` is an Intensity (FLOP/B), the roofline ridge point
std::string render_text(const Diagnostic& d, const SourceManager& sm, const RenderOptions& o);
// One JSON array of objects {code, severity, message, file, line, column, end_line, end_column,
// labels:[{file,line,column,end_line,end_column,text,primary}], dims:[...], notes:[...], help, kind,
// fixes:[{title,replacement,file,line,column,end_line,end_column}] (only when there are fixes)}.
std::string render_json(const std::vector<Diagnostic>& ds, const SourceManager& sm);

}  // namespace mls
