// Sema: name resolution and dimension checking, lowering each checked statement to IR as it goes
// (one walk; the typed view for `--emit=typed` is recorded on the way). One error per statement:
// a reported error aborts the statement, never the program, so there are no cascades.
#pragma once

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/sema/stype.hpp"
#include "compiler/units/unit_table.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mls::sema {

// The part of a literal that `path` leads to through record fields (`4.8 TB` of `{bw = 4.8 TB}` for
// {"bw"}), else the innermost literal on the way: where a field's message points.
const ast::Expr& literal_part(const ast::Expr& e, const std::vector<std::string>& path);

// The chart kinds `plot` knows (roofline, line, scatter, bar, heatmap, scorecard).
std::vector<std::string> chart_kinds();

// Provenance of a zoo entry (entry level and per field), kept for `mls zoo show` and `mls audit`.
struct Provenance {
  std::string source, url, verified;
  bool assumed = false;
  bool present = false;
};
struct ZooEntry {
  std::string name, kind;
  Span span;
  Provenance prov;
  std::map<std::string, Provenance> field_prov;
  std::map<std::string, units::Display> field_display;  // how each field was written (80 GiB stays GiB)
  bool builtin = false;
};

struct Binding {
  enum class K { Var, Fn } k = K::Var;
  SType type;
  ir::ValueId value = ir::kNoValue;
  const ast::Stmt* fn = nullptr;
  Span span;              // where it was bound
  std::string origin;     // "peak = 989 TFLOP/s, line 2" for dimension messages
  bool zoo = false;
  bool used = false;
  bool generic = false;  // a parameter without a type while an uncalled body is checked: its type comes from a call
  // `name = 200`: the number literal, so a dimension error the missing unit causes later points here
  Span bare_literal;
  // `name = 16 GiB`: the literal and its unit, so a decimal/binary prefix mix is seen through the name (W0601)
  Span unit_literal;
  const units::UnitEntry* written_unit = nullptr;
};

struct Options {
  bool zoo_requires_provenance = false;  // set while compiling zoo files (E0413)
  bool builtin = false;                  // prelude / zoo: entries are built in
  bool allow_rebinding = false;          // REPL
  bool repl = false;                     // REPL: a bare expression also binds `ans`
  bool command_line = false;             // `mls -e`: top-level bindings are the user's answers (no W0603)
  bool keep_types = false;               // record every expression's type (`--emit=typed`, the analysis API)
  double max_points = 1e9;               // a sweep larger than this is refused at compile time (E0507)
  // The session's fidelity level (docs/fidelity.md): fills the `fidelity` parameter of the calls that
  // do not pass it, until a `fidelity = ...` statement changes it. Unset: keep the checker's current one.
  std::optional<std::string> fidelity;
};

class Checker {
 public:
  Checker(SourceManager& sm, DiagnosticSink& diags, units::UnitTable& units);

  // Checks and lowers a parsed file into the module. `dir` is the sandbox root for imports.
  void check_program(const ast::Program& p, const Options& o, const std::filesystem::path& dir);

  ir::Module& module() { return module_; }
  void set_diagnostics(DiagnosticSink& d) { diags_ = &d; }
  // Names that exist but are not loaded yet (the lazily compiled zoo): offered as suggestions.
  void set_extra_names(std::vector<std::string> n) { extra_names_ = std::move(n); }
  const std::vector<ZooEntry>& zoo_entries() const { return zoo_; }
  const std::map<std::string, Binding>& globals() const { return scopes_.front(); }
  std::string typed_dump_of(FileId file) const;  // `--emit=typed` for one file
  // Every checked expression with its static type (`--emit=typed`, and the language server's hover
  // and completion through the embedding API). Not kept in the REPL.
  struct TypedNote {
    Span span;
    std::string text;  // describe() of the type, with its compile-time value
    SType type;
  };
  const std::vector<TypedNote>& typed() const { return typed_; }
  // The fidelity levels other than textbook that the last check_program's solver calls may run at
  // ("calibrated"; "chosen at run time" for a level held in a variable): the run's output says so.
  const std::set<std::string>& fidelity_levels() const { return fidelity_levels_; }
  void set_fidelity(const std::string& level) { fidelity_ = level; }  // the REPL session's starting level

  // The REPL checks each entry as a transaction: after an error (at compile or run time) rollback()
  // undoes every change the entry made — bindings, IR, declared units, zoo entries — so the session
  // is exactly as before it. An undo log, not a copy: an entry costs what it changes.
  void begin_entry(bool declares_units);
  void rollback_entry();
  std::vector<std::string> commit_entry();  // returns the names the entry bound again

  // Thrown after a diagnostic was reported: abandons the current statement.
  struct Abort {};
  struct HoleFound { Span span; };

 private:
  struct TExpr {
    SType t;
    ir::ValueId v = ir::kNoValue;
  };

  // statements
  void stmt(const ast::Stmt& s);
  void guarded(const ast::Stmt& s);  // one statement; an error aborts it alone and poisons its name
  void let(const ast::Stmt& s);
  void print_stmt(const ast::Stmt& s);
  void assert_stmt(const ast::Stmt& s);
  void expect_stmt(const ast::Stmt& s);
  void expr_stmt(const ast::Stmt& s);
  void fn_decl(const ast::Stmt& s);
  void dimension_decl(const ast::Stmt& s);
  void unit_decl(const ast::Stmt& s);
  void record_decl(const ast::Stmt& s);
  void for_stmt(const ast::Stmt& s);
  void row_stmt(const ast::Stmt& s);
  void import_stmt(const ast::Stmt& s);
  void plot_stmt(const ast::Stmt& s);
  void loop_clauses(const ast::Stmt& s, ir::Block& body, bool outer);
  void sweep_bound(const ast::Stmt& s, const ir::Inst& loop);
  std::optional<double> static_length(ir::ValueId v) const;

  // expressions
  TExpr expr(const ast::Expr& e);
  TExpr ident(const ast::Expr& e);
  TExpr kind_collection(const std::string& kind, Span where);
  TExpr binary(const ast::Expr& e);
  TExpr arith(const ast::Expr& e, TExpr a, TExpr b);
  TExpr compare(const ast::Expr& e, TExpr a, TExpr b);
  TExpr convert(const ast::Expr& e);
  TExpr call(const ast::Expr& e);
  TExpr call_builtin(const ast::Expr& e, const std::string& name);
  TExpr interpolation(const ast::Expr& e);  // "a {x} b" in print (check_interpolation.cpp)
  // sum/mean/min/max of a list (check_aggregate.cpp): `first` is the checked first argument.
  std::optional<TExpr> aggregate_call(const ast::Expr& e, const std::string& name, const TExpr& first);
  TExpr call_rounding(const ast::Expr& e, const std::string& fn, const TExpr& x);  // floor/ceil/round (E0315)
  std::string shown_unit(const SType& t) const;  // the unit a value of this type prints in ("ms")
  TExpr call_fn(const ast::Expr& e, const Binding& b);
  void check_return_type(const ast::Stmt& f, const TExpr& body, const Span* call);
  void check_uncalled_fns();  // at the end of a file: the bodies of the functions nothing called
  TExpr call_solver(const ast::Expr& e, const reg::SolverDesc& s);
  TExpr construct(const ast::Expr& e, const std::string& kind);
  TExpr field(const ast::Expr& e);
  const SType& field_type(const ast::Expr& e, const TExpr& o, std::string& name);
  const SType* find_field(const SType& t, std::string& name) const;
  TExpr get_field(TExpr o, const std::string& name, const SType& ft, Span span);
  std::optional<TExpr> item_field(const std::string& n, Span span);
  TExpr with(const ast::Expr& e);
  TExpr record_lit(const ast::Expr& e);
  TExpr list_lit(const ast::Expr& e);
  TExpr range(const ast::Expr& e);
  TExpr if_expr(const ast::Expr& e);
  // optional fields (check_optional.cpp): `has(r.f)`, `r.f ?? d`, and filters over items lacking a field
  struct FieldRead {
    TExpr record;
    std::string name;
    SType type;
    Span span;
  };
  FieldRead field_read(const ast::Expr& e, const std::string& what);
  TExpr has_call(const ast::Expr& e);
  TExpr default_expr(const ast::Expr& e);
  bool may_be_absent(const SType& record, const std::string& field) const;
  ir::ValueId has_field(ir::ValueId record, const std::string& name, Span span);
  ir::ValueId guard_filter(const std::string& item, ir::Block cond_block, ir::ValueId cond,
                           std::vector<std::string> reads, Span span);
  TExpr hole(const ast::Expr& e);

  // records against a kind (declarations and constructors share this)
  TExpr build_record(const std::string& kind, Span kind_span, const std::vector<const ast::Expr*>& values,
                     const std::vector<std::string>& names, const std::vector<Span>& name_spans, Span whole,
                     std::map<std::string, units::Display>* displays = nullptr);
  // argument/field value against an expected registry type; `what` names it in messages; `implied_per`:
  // a solver's or kind's "per request/sample" may be left out (not for user functions, whose body sees it)
  TExpr coerce(const ast::Expr& e, TExpr got, const SType& want, const std::string& what, bool count_ok,
               const char* code, bool implied_per = true);

  void record_as_family(const ast::Expr& e, const SType& got, const std::string& family, const std::string& what);

  // static evaluation of unit and dimension expressions
  struct UnitValue {
    double scale = 1;
    Dimension dim;
    std::string text;
  };
  std::optional<UnitValue> unit_value(const ast::Expr& e);
  Dimension dim_expr(const ast::Expr& e);
  SType type_expr(const ast::Expr& e);

  // IR building
  ir::ValueId emit(ir::Inst i);
  ir::ValueId konst(double v, Span s);
  ir::ValueId konst_str(const std::string& v, Span s);
  ir::ValueId none_value(Span s);

  // scopes and names
  Binding* lookup(const std::string& name);
  void bind(const std::string& name, Span span, Binding b);
  void check_shadowing(const std::string& name, Span span);
  [[noreturn]] void unknown_name(const std::string& name, Span span);
  std::vector<std::string> candidates() const;

  // diagnostics
  [[noreturn]] void error(Diagnostic d);
  [[noreturn]] void error(const std::string& code, const std::string& msg, Span span, const std::string& label,
                          std::optional<std::string> help = std::nullopt);
  [[noreturn]] void dimension_mismatch(const std::string& code, const std::string& what, const ast::Expr& whole,
                                       const ast::Expr& l, const TExpr& a, const ast::Expr& r, const TExpr& b);
  // Two values that must share a type do not (agreement.cpp): labels both, with a computed help.
  struct Side {
    const ast::Expr* e;
    std::string name;  // "element 2", "the `then` branch", "the row on line 3"
  };
  std::string disagreement_text(const Disagreement& d) const;  // " on field `bw`: Bandwidth and Information"
  [[noreturn]] void disagree(Diagnostic d, const Disagreement& dis, const Side& first, const Side& other,
                             const std::string& noun, const std::string& rule);
  std::optional<std::string> rate_amount_hint(const Dimension& want, const Dimension& got) const;
  std::string origin_of(const ast::Expr& e) const;
  // fix suggestions (fixes.cpp): suggested edits as data, built from the place of the error
  const Binding* bare_binding(const ast::Expr& e);  // `x` bound to a plain number literal, else null
  // A bare binding inside `e` whose missing unit explains why `e` has dimension `got` where `want` is
  // needed: the binding and the dimension it should have had.
  std::optional<std::pair<const Binding*, Dimension>> unitless_cause(const ast::Expr& e, const Dimension& got,
                                                                      const Dimension& want);
  std::string unit_near(const ast::Expr& e, const Dimension& d);  // a unit of `d` written in `e`, else the default
  // Points a diagnostic at binding `b`'s number literal: "`mtbf` (line 7) has no unit: did you mean `50000 h`?"
  [[noreturn]] void unitless_binding(Diagnostic d, const std::string& name, const Binding& b, const std::string& unit);
  // E0309: a plain number beside a quantity (`latency < 50`): the unit the other side prints at
  [[noreturn]] void bare_number(const ast::Expr& e, const TExpr& a, const TExpr& b, const std::string& verb);
  std::optional<std::string> with_unit(const ast::Expr& e, const TExpr& got, const Dimension& want);
  std::string unit_for(const Dimension& d) const;
  static std::string article_for(const std::string& w);  // "an Energy", "a Time"  // the unit a value of `d` is usually written in
  Fix swap_fix(Span a, Span b) const;              // exchanges two arguments' texts
  // E0406 with "did you mean" over `pool` (fields and their aliases, any case) and an edit to it
  [[noreturn]] void unknown_field(const std::string& message, const std::string& name, Span at,
                                  const std::vector<std::string>& pool, const std::string& all);
  [[noreturn]] void unknown_argument(const std::string& message, const std::string& name, Span at,
                                     const std::vector<std::string>& pool);  // E0404 with did-you-mean
  bool passes_as(const SType& want, const SType& got) const;  // `got` may be passed where `want` is declared
  // E0402: two positional arguments each fit the other's place
  [[noreturn]] void swapped(const std::string& p1, const std::string& p2, const ast::Expr& a, const TExpr& va,
                            const ast::Expr& b);
  // E0313/E0409: a solver parameter outside its range: the range, and the likely intended value as an edit
  [[noreturn]] void out_of_range(const char* code, const reg::ParamDesc& p, const ast::Expr& e, const TExpr& v, bool percent);
  std::vector<std::string> close_names(const std::string& name, const std::vector<std::string>& pool) const;
  std::string text(Span s) const;
  std::string line_of(Span s) const;  // "12"
  void note_type(const ast::Expr& e, const SType& t);

  // warnings (W06xx, compiler/sema/warnings.cpp): reported once per span, never while a typed hole
  // is being solved; the statement goes on
  void warn(Diagnostic d);
  void warn_prefix_mix(const ast::Expr& e, const TExpr& a, const TExpr& b);          // W0601
  void warn_display_range(const ast::Expr& e, const TExpr& v, double unit_scale,
                          const std::string& unit);                                  // W0602
  void report_unused(const ast::Program& p);                                          // W0603
  void warn_count_suffix(const ast::Expr& e);                                         // W0604
  void warn_unlikely_unit(const ast::Expr& e);                                        // W0605
  void warn_percent_number(const ast::Expr& number, const TExpr& v, const std::string& what);  // W0606

  SourceManager& sm_;
  DiagnosticSink* diags_;
  units::UnitTable& units_;
  ir::Module module_;
  std::vector<ir::Block*> blocks_;
  std::vector<std::map<std::string, Binding>> scopes_;
  std::vector<ZooEntry> zoo_;
  std::vector<std::string> extra_names_;
  struct Transaction {
    std::size_t insts = 0, zoo = 0, typed = 0, owned = 0;
    ir::ValueId values = 0;
    int tables = 0, plots = 0;
    std::set<std::string> poisoned, imported;
    std::string fidelity;                   // the level before the entry (`fidelity = ...` is undone too)
    std::optional<units::UnitTable> units;  // copied only when the entry declares units or dimensions
    std::vector<std::pair<std::string, std::optional<Binding>>> undo;  // global bindings replaced, oldest first
  };
  std::optional<Transaction> tx_;
  std::set<std::string> expanding_fns_;
  std::vector<const ast::Stmt*> defined_fns_;  // the functions declared in the file being checked
  std::set<const ast::Stmt*> called_fns_;      // ... and those a call has checked
  bool uncalled_body_ = false;                 // checking an uncalled body: no IR, no warnings, no reads kept
  std::set<std::string> imported_;
  std::set<std::string> poisoned_;  // names whose binding failed
  std::vector<std::string> filter_items_;  // loop variables whose `where` filter is being checked
  std::vector<std::vector<std::string>> filter_reads_;  // ... and the item's optional fields each reads
  int guarded_reads_ = 0;  // inside `has(...)` or the left of `??`: a read that cannot fail
  std::set<std::pair<FileId, std::uint32_t>> read_sites_;  // where the bindings that were read are bound (W0603)
  std::set<std::string> warned_;  // warnings reported, as "code file:begin-end"
  std::vector<std::unique_ptr<ast::Program>> owned_;  // imported files (fn bodies point into them)
  std::vector<std::string> import_stack_;
  std::filesystem::path root_;
  Options opt_;
  int current_table_ = -1;
  // The columns of the table being built (the outer loop's): a column keeps the type and the shape
  // of the first `row` that writes it (E0316), so every cell under one header is in one unit.
  struct Column {
    std::string name;
    Span name_span;
    SType type;
    ir::ShapePtr shape;
    const ast::Expr* value;  // in the table's first row
  };
  std::vector<Column> table_columns_;  // the table's first row
  void same_columns(const ast::Stmt& row);
  int loop_depth_ = 0;
  std::string fidelity_ = "textbook";       // the level a call without `fidelity = ...` runs at
  std::set<std::string> fidelity_levels_;   // non-textbook levels of the calls checked (fidelity_levels())
  void fidelity_stmt(const ast::Stmt& s);   // `fidelity = calibrated`: the level of the calls after it
  void note_fidelity_arg(const ast::Expr& a);  // an explicit `fidelity = ...` argument (check_call.cpp)
  // The enclosing loops' points and sizes ("1,000 x 1,000"): a nest is bounded as one sweep.
  double sweep_outer_ = 1;
  std::string sweep_outer_sizes_;
  std::vector<TypedNote> typed_;
  std::optional<Dimension> hole_fill_;  // typed holes: the trial dimension substituted for `?`
  void report_hole(const ast::Stmt& s, Span hole, const SType& want);
};

}  // namespace mls::sema
