// The engine: one front door to MLS for every host — the `mls` command line, the REPL, `mls solve`,
// the C API (mls.h), the Python module and programs that embed MLS. Each check/run compiles the
// source through the whole pipeline (source → tokens → AST → checked AST → IR → LLVM → run) with the
// prelude and the built-in zoo, independently of earlier runs.
//
// Errors: check(), run(), evaluate() and call() never throw for a mistake in their input: the result
// holds the diagnostics and the exit code `mls` would give (0 ok, 1 a failed check, 2 compile
// error, 3 run-time error, 64 usage, 70 internal). An Engine is not thread-safe: use one per thread.
#pragma once

#include "mls/diagnostic.hpp"
#include "mls/error.hpp"
#include "mls/exit_codes.hpp"
#include "mls/outputs.hpp"
#include "mls/quantity.hpp"
#include "mls/value.hpp"

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mls::api {

class Session;

enum class Evaluator { Jit, Reference };  // the LLVM ORC JIT, or the IR reference evaluator (--no-jit)

struct Options {
  Evaluator evaluator = Evaluator::Jit;
  double max_points = 1e9;                 // the largest loop nest a run may execute (--max-points)
  double max_memory = 2.0 * (1ull << 30);  // bytes of lists and ranges a run may hold (--max-memory)
  int threads = 1;                         // a top-level loop of 4096+ points runs on this many threads
  int digits = 4;                          // significant digits of the shown values (Quantity::value, str)
  std::string fidelity = "textbook";       // textbook or calibrated: the level of solver calls that do not
                                           // choose one (--fidelity, docs/fidelity.md)
};

struct CheckResult {
  std::vector<Diagnostic> diagnostics;  // errors and warnings
  int exit_code = 0;                    // 0 or 2
  bool ok() const { return exit_code == 0; }
};

struct RunResult {
  std::vector<Print> prints;
  std::vector<Table> tables;
  std::vector<Reduction> reductions;
  std::vector<Chart> charts;
  std::vector<OutputEvent> events;      // the order of prints, rows, reductions and table ends
  std::string fidelity;                 // the fidelity levels other than textbook the results came from
                                        // ("calibrated"), "" when every result is textbook (docs/fidelity.md)
  std::vector<Diagnostic> failures;     // failed assert/expect (the run went on to its end)
  std::vector<Diagnostic> diagnostics;  // everything reported: warnings, compile or run-time errors, failures
  std::string text;                     // the run's text output, as `mls FILE` prints it
  int exit_code = 0;
  bool ok() const { return exit_code == 0; }
  const Table* table(int id) const;
};

struct EvalResult {
  Value value;                          // none when the expression did not check or run
  std::vector<Diagnostic> diagnostics;
  int exit_code = 0;
  bool ok() const { return exit_code == 0; }
};

// A solver call: the result record (or value) and, for machines, its JSON record in the one output
// schema (docs/output.md, "solve_result").
struct CallResult {
  Value result;
  std::string json;
  std::vector<Diagnostic> diagnostics;
  int exit_code = 0;                    // 0; 2 arguments that do not check; 3 the solver refused
  bool ok() const { return exit_code == 0; }
};

struct Argument {
  std::string name;
  Value value;
};

struct ParameterInfo {
  std::string name;
  std::string type;       // "Bandwidth", "hardware", "count", "string", ...
  std::string unit;       // the coherent unit of a quantity ("B/s"), else ""
  bool required = false;
  std::string default_value;  // as text, "" when required or absent
  std::string doc;
};

struct SolverInfo {
  std::string id;         // spec id: "roofline"
  std::string name;       // what a script calls
  std::string doc;
  std::vector<ParameterInfo> parameters;
  std::vector<std::string> results;  // result field names
};

struct ZooEntryInfo {
  std::string name;       // "H100"
  std::string kind;       // "hardware"
  std::string title;      // the entry's `name` field, if any
};

// How `run_to` writes: the command line's formats and options.
struct RenderOptions {
  // Text, JSON lines and CSV stream as the run goes; Markdown and Html are documents written once the
  // run is over, from its outputs as data (a report's or a course page's tables).
  enum class Format { Text, Json, Csv, Markdown, Html } format = Format::Text;
  bool diagnostics_json = false;
  bool color = false;
  bool unicode = true;
  std::string plots_dir;                 // charts into this folder (svg/png/pdf by plot_formats)
  std::vector<std::string> plot_formats{"svg", "png"};
  bool plot_text = false;                // charts drawn as text on the output
  int shard_k = 0, shard_n = 1;          // run the K-th of N slices of every top-level loop
  bool whole_zoo = false, as_zoo = false;
  bool command_line = false;             // `mls -e`: top-level bindings are answers, never unused (W0603)
  enum class Emit { Run, Check, Tokens, Ast, Typed, Ir, Llvm } emit = Emit::Run;
};

// How the command line's catalogues (`mls zoo`, `mls audit`, `mls solvers`) are written.
enum class ListingFormat { Text, Json, Markdown, Html };

// The resource flags' values, read strictly (a malformed or out-of-range value is refused with the
// reason in `why`): --max-points N, a whole number of points from 1 to 1e15; --max-memory SIZE, bytes
// with an optional unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB) from 1 MiB to 1 TiB.
std::optional<double> parse_max_points(const std::string& text, std::string& why);
std::optional<double> parse_memory_size(const std::string& text, std::string& why);
// The JSON Schema of every JSON output (`mls schema`, docs/mls-output.schema.json).
std::string output_schema();
// The report of an allocation that failed anywhere: E0507 with its help, no span.
Diagnostic out_of_memory();

class Engine {
 public:
  explicit Engine(Options o = {});
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Options& options() const;

  // Type-checks `source` (nothing runs). `name` is the file name diagnostics show; imports resolve
  // from `folder` (default: the working directory).
  CheckResult check(std::string_view source, std::string_view name = "<input>", std::string_view folder = "") const;
  // Compiles and runs `source`: its outputs as data, and its text output.
  RunResult run(std::string_view source, std::string_view name = "<input>", std::string_view folder = "") const;
  // One expression's value: evaluate("3.35 TB/s * 2") is a Bandwidth of 6.7 TB/s.
  EvalResult evaluate(std::string_view expression) const;
  // A solver by id or name with typed arguments (quantities, records, strings, truth values).
  CallResult call(std::string_view solver, const std::vector<Argument>& args) const;
  // The machine interface (`mls solve ID --args JSON`): the arguments as one JSON object — numbers
  // in SI, "3.35 TB/s" strings and {"value", "unit"} objects read as MLS quantities, zoo names or
  // inline objects for records. Malformed JSON: exit code 64.
  CallResult call_json(std::string_view solver, std::string_view json_args) const;

  // A quantity written in MLS ("3.35 TB/s"). Throws mls::api::Error with the language's diagnostic.
  Quantity quantity(std::string_view text) const;
  // A zoo entry's value. Throws mls::api::Error (E0101 with a suggestion) when there is none.
  Value zoo(std::string_view name) const;
  std::vector<ZooEntryInfo> zoo_entries() const;
  std::vector<SolverInfo> solvers() const;

  // The catalogues as `mls` writes them (docs/zoo.md, docs/solvers.md); each returns the exit code.
  int write_zoo(ListingFormat f, std::ostream& out) const;                          // `mls zoo`
  int write_zoo_entry(std::string_view name, ListingFormat f, std::ostream& out,    // `mls zoo show NAME`
                      std::ostream& err) const;
  int write_zoo_search(std::string_view text, ListingFormat f, std::ostream& out) const;  // `mls zoo search TEXT`
  // `mls audit [FILE]`: the provenance and sanity checks of the built-in zoo, or of FILE's entries ("": none).
  int write_audit(const std::string& file, ListingFormat f, std::ostream& out, std::ostream& err) const;
  int write_solvers(ListingFormat f, std::ostream& out) const;                      // `mls solvers`
  int write_units(ListingFormat f, std::ostream& out) const;                        // `mls units` (docs/units.md)
  // `mls zoo import hf CONFIG.json [--name NAME]`: a zoo entry written from a Hugging Face config.
  int import_hf(const std::string& config, const std::string& name, std::ostream& out, std::ostream& err) const;
  // `mls solvers NAME`: one solver in full, as text (MLS name or spec id); false when there is none.
  bool write_solver(std::string_view name, std::ostream& out) const;
  // "; did you mean `serve`?" for a name that is no solver, or "".
  static std::string nearest_solver(std::string_view name);

  // The command line's path: compiles and runs a script (text, or the file at `path` when `text` is
  // absent) and writes its output and diagnostics in the chosen format, as `mls` does. Returns the exit code.
  int run_to(const std::string& path, const std::optional<std::string>& text, const RenderOptions& r,
             std::ostream& out, std::ostream& err) const;
  // A run's outputs written in `format` from the data alone: text, JSON lines and CSV byte for byte
  // as `mls --format F` writes them on stdout; markdown and HTML as the documents it writes (without
  // a title). Every format renders the same objects.
  std::string render(const RunResult& r, RenderOptions::Format format) const;

  struct Impl;

 private:
  friend class Session;  // a session (mls/session.hpp) runs with its engine's options
  std::shared_ptr<Impl> impl_;
};

}  // namespace mls::api
