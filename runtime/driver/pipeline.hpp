// The MLS pipeline, top-down: source → tokens → AST → checked AST → IR → LLVM IR → run.
#pragma once

#include "compiler/diag/diagnostic.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/ir/evaluator.hpp"
#include "compiler/sema/checker.hpp"
#include "compiler/units/unit_table.hpp"
#include "runtime/driver/exit_codes.hpp"
#include "runtime/output/output_sink.hpp"
#include "runtime/plot/render.hpp"
#include "stdlib/core/value.hpp"

#include <chrono>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace mls::jit {
struct State;
}

namespace mls::driver {

enum class Emit { Run, Check, Tokens, Ast, Typed, Ir, Llvm };

struct Options {
  Emit emit = Emit::Run;
  out::OutputOptions output;
  bool diagnostics_json = false;
  RenderOptions render;
  bool jit = true;
  bool keep_types = false;   // record every expression's static type (the analysis API); --emit=typed always does
  bool as_zoo = false;  // check the script as a zoo file: every entry needs provenance (E0413)
  plot::RenderOptions plots;  // where charts go (--plots DIR, --plot-format, --plot-text)
  bool whole_zoo = false;
  bool command_line = false;  // `mls -e`: top-level bindings are answers, never unused (W0603)
  double max_points = 1e9;   // --max-points: the largest loop nest, refused at compile time when its size is known, else when it starts
  double max_memory = 2.0 * (1ull << 30);  // --max-memory: the lists and ranges a run may hold (ir::MemoryBudget)
  int shard_k = 0, shard_n = 1;  // --shard K/N: the K-th of N slices of every top-level loop
  int threads = 1;               // --threads N: a top-level loop of 4096+ points runs on N threads
  std::string fidelity = "textbook";  // --fidelity: the level of solver calls that do not choose one (docs/fidelity.md)
};

// The header of a run's output naming the fidelity levels other than textbook its calls used
// ("calibrated"), or "" when every result is textbook.
std::string fidelity_levels_text(const std::set<std::string>& levels);

// The run-time bounds of the options (--max-points, --max-memory, --shard, --threads), with a fresh
// memory budget unless one is given (the REPL keeps one for the session).
ir::EvalLimits run_limits(const Options& o, std::shared_ptr<ir::MemoryBudget> memory = nullptr);

// The report of an allocation that failed (std::bad_alloc) in any command: E0507, no span.
Diagnostic out_of_memory();

class StageTimer {
 public:
  StageTimer();
  void lap(const char* stage);

 private:
  bool on_;
  std::chrono::steady_clock::time_point t_;
};

// A compilation context with the prelude and the built-in zoo already checked.
class Session {
 public:
  Session();
  ~Session();
  // Compiles and runs one script (text from `path`, or `text` when given: `mls -e`). The run writes
  // through `sink` when one is given (the embedding API's, which also keeps the outputs as data), else
  // through an output sink of its own on `out`. `folder`: where imports resolve (default: the
  // script's folder, or the working directory for `text`).
  int run(const std::string& path, const std::optional<std::string>& text, const Options& o, std::ostream& out,
          std::ostream& err, out::OutputSink* sink = nullptr, const std::string& folder = "");
  // Every diagnostic the last run() reported, as data (the embedding API reads them).
  const std::vector<Diagnostic>& reported() const { return reported_; }
  // The REPL: runs one entry against everything the session holds. An entry that fails (compile or
  // run-time error) leaves the session exactly as before it.
  struct EntryResult {
    int code = kOk;
    bool kept = false;                 // the entry is part of the session now (`:save` writes it)
    std::vector<std::string> rebound;  // names it bound again
    const ast::Program* program = nullptr;  // kept entries: the syntax tree (spans index the text given)
  };
  EntryResult run_entry(const std::string& text, const Options& o, std::ostream& out, std::ostream& err);
  // `:type EXPR`: the static type of an expression (nothing runs), or the diagnostics on `err`.
  std::optional<std::string> type_of(const std::string& expr, const Options& o, std::ostream& err);
  // Global names bound so far (variables, functions and loaded zoo entries), with their types.
  const std::map<std::string, sema::Binding>& globals() const { return checker_->globals(); }
  // The zoo's values by name (evaluates the zoo once).
  std::optional<Value> zoo_value(const std::string& name);
  // A REPL session: the value a global variable holds now (nothing for functions or unknown names).
  std::optional<Value> global_value(const std::string& name) const;
  // Checks a file of declarations (no run) and adds its entries to the zoo view (`mls audit FILE`).
  int load_entries(const std::string& path, const Options& o, std::ostream& err);
  const units::UnitTable& units() const { return units_; }
  // Every zoo entry (compiles the whole zoo).
  const std::vector<sema::ZooEntry>& zoo_entries();
  // Compiles the zoo files the source text names (and those they need); all of them.
  void require_zoo_for(const std::string& source);
  void load_whole_zoo();
  // Diagnostics from loading the prelude/zoo (a broken build); empty when healthy.
  const DiagnosticSink& builtin_diagnostics() const { return builtin_diags_; }
  const SourceManager& sources() const { return sm_; }
  // The checker after the last run(): every name bound and the static type of every expression
  // checked (the embedding API's analysis for the language server).
  const sema::Checker& checker() const { return *checker_; }

 private:
  void load_builtins();
  // Draws the run's charts; false when one could not be drawn or written (reported on err).
  bool draw(const out::OutputSink& sink, const Options& o, const std::string& stem, std::ostream& out, std::ostream& err);
  void require_zoo(const std::vector<std::size_t>& files);
  bool builtins_broken(const Options& o, std::ostream& err) const;
  int report(const DiagnosticSink& d, const Options& o, std::ostream& err) const;

  StageTimer timer_;  // first member: it starts before the prelude loads
  SourceManager sm_;
  units::UnitTable units_;
  DiagnosticSink builtin_diags_;
  std::vector<std::unique_ptr<ast::Program>> programs_;
  std::unique_ptr<sema::Checker> checker_;
  size_t builtin_insts_ = 0;
  std::vector<bool> zoo_loaded_;
  // The REPL's run-time state: values of every entry so far (JIT slots and handles), and how much of
  // the module they cover.
  std::unique_ptr<jit::State> repl_state_;
  std::size_t repl_done_ = 0;
  std::size_t repl_entries_ = 0;
  std::optional<std::map<std::string, Value>> zoo_values_;
  std::shared_ptr<ir::MemoryBudget> repl_memory_;  // the REPL session's budget: its values live across entries
  out::CsvBlocks repl_csv_;
  mutable std::vector<Diagnostic> reported_;  // what report() wrote last  // the REPL's CSV output: one document over all entries
};

}  // namespace mls::driver
