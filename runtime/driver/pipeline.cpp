#include "runtime/driver/pipeline.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"

#include "compiler/ir/evaluator.hpp"
#include "compiler/syntax/ast_serial.hpp"
#include "compiler/syntax/parse.hpp"
#include "runtime/driver/embedded.hpp"
#include "runtime/driver/zoo_index.hpp"
#include "runtime/jit/jit.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <new>

namespace mls::driver {

namespace {
bool env_flag(const char* name) {
  const char* v = std::getenv(name);
  return v && *v && std::string_view(v) != "0";
}
// A script without loops runs each instruction once, so the reference evaluator (the JIT's
// specification: the same output, tests/cli/check_jit_choice.py) runs it; creating the LLJIT and
// compiling the unit cost more than the whole run. MLS_JIT_ALWAYS=1 compiles it all the same: the
// test suite sets it to compare both evaluators on every script (tests/run_mls_test.py).
bool jit_always() {
  static const bool always = env_flag("MLS_JIT_ALWAYS");
  return always;
}
// Captures the zoo's bindings while the built-in part of the module runs.
class BindCapture : public ir::RuntimeSink {
 public:
  std::map<std::string, Value> values;
  void print(const std::vector<Value>&, const std::vector<ir::ShapePtr>&, bool, Span) override {}
  void row(int, const std::vector<std::string>&, const std::vector<Value>&, const std::vector<ir::ShapePtr>&, bool) override {}
  void table_end(int) override {}
  void check_failed(Diagnostic) override {}
  void bind(const std::string& n, const Value& v) override { values[n] = v; }
};

// A built-in file's AST parsed at build time, or "" to parse the file now: always "" under
// MLS_PARSE_BUILTINS=1, which tests use to compare the two (tests/cli/check_builtin_ast.py).
std::string_view built_ast(std::string_view ast) {
  static const bool parse = env_flag("MLS_PARSE_BUILTINS");
  return parse ? std::string_view() : ast;
}

std::optional<ast::Program> builtin_program(const SourceFile& f, std::string_view ast, DiagnosticSink& diags) {
  if (!built_ast(ast).empty())
    if (auto p = syntax::deserialize(ast, f.id())) return p;
  return syntax::parse(f, diags);
}

std::string stem_of(const std::string& path, const std::optional<std::string>& text) {
  if (text) return "plot";
  return std::filesystem::path(path).stem().string();
}

}  // namespace

ir::EvalLimits run_limits(const Options& o, std::shared_ptr<ir::MemoryBudget> memory) {
  ir::EvalLimits limits;
  limits.max_loop_iterations = o.max_points;
  limits.memory = memory ? std::move(memory) : std::make_shared<ir::MemoryBudget>(o.max_memory);
  limits.shard_k = o.shard_k;
  limits.shard_n = o.shard_n;
  limits.threads = o.threads;
  return limits;
}

Diagnostic out_of_memory() {
  Diagnostic d;
  d.code = "E0507";
  d.message = "out of memory: an allocation failed (the machine's or the process's memory limit)";
  d.help = "lower the script's memory budget with --max-memory SIZE below the process's limit so the script stops "
           "with its own diagnostic, or give the process more memory";
  return d;
}

// MLS_TIMING=1: how long each stage took, on stderr (for bench/ and for finding start-up costs).
StageTimer::StageTimer() : on_(std::getenv("MLS_TIMING") != nullptr), t_(std::chrono::steady_clock::now()) {}
void StageTimer::lap(const char* stage) {
  if (!on_) return;
  auto now = std::chrono::steady_clock::now();
  std::fprintf(stderr, "mls: %-10s %7.2f ms\n", stage, std::chrono::duration<double, std::milli>(now - t_).count());
  t_ = now;
}

Session::Session() {
  load_builtins();
  timer_.lap("prelude");
}
Session::~Session() = default;

void Session::load_builtins() {
  checker_ = std::make_unique<sema::Checker>(sm_, builtin_diags_, units_);
  checker_->set_extra_names(ZooIndex::builtin().names());  // suggestions name entries not loaded yet
  sema::Options prelude_opts;
  prelude_opts.builtin = true;
  for (std::size_t k = 0; k < embedded::kPreludeCount; ++k) {
    const SourceFile& f = sm_.add(std::string("<builtin>/") + embedded::kPrelude[k].path, embedded::kPrelude[k].text);
    auto p = builtin_program(f, embedded::kPreludeAst[k], builtin_diags_);
    if (!p) continue;
    programs_.push_back(std::make_unique<ast::Program>(std::move(*p)));
    checker_->check_program(*programs_.back(), prelude_opts, "/nonexistent-builtin");
  }
  zoo_loaded_.assign(ZooIndex::builtin().size(), false);
  builtin_insts_ = checker_->module().body.insts.size();
}

// Zoo entries are compiled on first need, in load order (ZooIndex explains why). The entries of one
// file needed together are compiled as one program: the statements of the file's AST parsed at build
// time that lie in them, over the file's text; or, for a file without such an AST, the file parsed
// with every other line emptied (kept as a bare newline). Either way line numbers and columns, and
// with them diagnostics, stay those of the file.
void Session::require_zoo(const std::vector<std::size_t>& stmts) {
  const ZooIndex& index = ZooIndex::builtin();
  sema::Options zoo_opts;
  zoo_opts.builtin = true;
  zoo_opts.zoo_requires_provenance = true;
  std::size_t k = 0;
  while (k < stmts.size()) {
    std::size_t file = index.stmt(stmts[k]).file;
    std::string_view text(embedded::kZoo[file].text);
    std::vector<bool> keep(text.size() + 1, false);  // by byte: inside a statement compiled now
    bool any = false;
    for (; k < stmts.size() && index.stmt(stmts[k]).file == file; ++k) {
      std::size_t s = stmts[k];
      if (zoo_loaded_[s]) continue;
      zoo_loaded_[s] = true;
      any = true;
      for (std::size_t c = index.stmt(s).begin; c < index.stmt(s).end; ++c) keep[c] = true;
    }
    if (!any) continue;
    std::string path = std::string("<builtin>/") + embedded::kZoo[file].path;
    std::optional<ast::Program> p;
    if (!built_ast(embedded::kZooAst[file]).empty()) {
      p = syntax::deserialize(embedded::kZooAst[file], sm_.add(path, std::string(text)).id());
      if (p)
        std::erase_if(p->stmts, [&](const ast::StmtPtr& st) { return st->span.begin >= text.size() || !keep[st->span.begin]; });
    }
    if (!p) {
      std::string kept;
      kept.reserve(text.size());
      for (std::size_t c = 0; c < text.size(); ++c)
        if (keep[c] || text[c] == '\n') kept += text[c];
      p = syntax::parse(sm_.add(path, kept), builtin_diags_);
    }
    if (!p) continue;
    programs_.push_back(std::make_unique<ast::Program>(std::move(*p)));
    checker_->check_program(*programs_.back(), zoo_opts, "/nonexistent-builtin");
    builtin_insts_ = checker_->module().body.insts.size();
    zoo_values_.reset();
  }
}

void Session::require_zoo_for(const std::string& source) {
  // An import may name anything, and a typed hole's help offers candidates from the whole zoo.
  std::set<std::string> names = identifiers(source);
  if (names.count("import") || names.count("?")) return load_whole_zoo();
  require_zoo(ZooIndex::builtin().closure(names));
}

void Session::load_whole_zoo() { require_zoo(ZooIndex::builtin().all()); }

bool Session::builtins_broken(const Options& o, std::ostream& err) const {
  if (!builtin_diags_.has_errors()) return false;
  err << "mls: internal error: the built-in prelude or zoo does not compile:\n";
  Options plain = o;
  plain.diagnostics_json = false;
  report(builtin_diags_, plain, err);
  return true;
}

const std::vector<sema::ZooEntry>& Session::zoo_entries() {
  load_whole_zoo();
  return checker_->zoo_entries();
}


int Session::load_entries(const std::string& path, const Options& o, std::ostream& err) {
  load_whole_zoo();
  std::string src;
  if (!read_source(path, src)) {
    err << "mls: cannot read '" << path << "'\n";
    return kUsage;
  }
  const SourceFile& file = sm_.add(path, src);
  DiagnosticSink diags;
  auto program = syntax::parse(file, diags);
  if (!program) return report(diags, o, err);
  programs_.push_back(std::make_unique<ast::Program>(std::move(*program)));
  checker_->set_diagnostics(diags);
  checker_->check_program(*programs_.back(), sema::Options{}, std::filesystem::absolute(path).parent_path());
  checker_->set_diagnostics(builtin_diags_);
  builtin_insts_ = checker_->module().body.insts.size();
  zoo_values_.reset();
  return report(diags, o, err);
}

std::optional<Value> Session::zoo_value(const std::string& name) {
  require_zoo(ZooIndex::builtin().closure({name}));
  if (repl_state_) {
    // A REPL session: the module interleaves zoo entries with the user's (already run) entries, so
    // the value comes from the session's run-time state, never by running the module again.
    out::OutputSink quiet(std::cout, units_, {});
    const ir::Module& m = checker_->module();
    if (repl_done_ < m.body.insts.size()) {
      jit::load_data(m, repl_done_, m.body.insts.size(), *repl_state_, quiet);
      repl_done_ = m.body.insts.size();
    }
    auto g = checker_->globals().find(name);
    if (g == checker_->globals().end() || !g->second.zoo || g->second.value < 0 ||
        static_cast<std::size_t>(g->second.value) >= repl_state_->values.size())
      return std::nullopt;
    return repl_state_->values[static_cast<std::size_t>(g->second.value)];
  }
  if (!zoo_values_) {
    BindCapture cap;
    ir::Module builtin;
    builtin.num_values = checker_->module().num_values;
    builtin.body.insts.assign(checker_->module().body.insts.begin(),
                              checker_->module().body.insts.begin() + static_cast<std::ptrdiff_t>(builtin_insts_));
    try {
      ir::evaluate(builtin, cap);
    } catch (const ir::RuntimeError&) {
    }
    zoo_values_ = std::move(cap.values);
  }
  auto it = zoo_values_->find(name);
  if (it == zoo_values_->end()) return std::nullopt;
  return it->second;
}

// 8. pictures: the charts of the run, drawn after it (the command line chose where they go).
bool Session::draw(const out::OutputSink& sink, const Options& o, const std::string& stem, std::ostream& out,
                   std::ostream& err) {
  if (sink.plots.empty()) return true;
  plot::RenderOptions r = o.plots;
  r.stem = stem;
  if (r.dir.empty() && !r.text) {
    err << "mls: " << sink.plots.charts().size() << " chart(s) not drawn: give --plots DIR for files, --plot-text to see them here\n";
    return true;
  }
  out.flush();
  plot::Rendered done = plot::render(sink.plots, units_, r, out, err);
  for (auto& p : done.written) err << "mls: wrote " << p << "\n";
  return done.ok;
}

int Session::report(const DiagnosticSink& d, const Options& o, std::ostream& err) const {
  reported_ = d.all();
  if (o.diagnostics_json) {
    err << render_json(d.all(), sm_) << "\n";
  } else {
    for (auto& x : d.all()) err << render_text(x, sm_, o.render) << "\n";
  }
  return d.has_errors() ? kCompileError : kOk;
}

std::string fidelity_levels_text(const std::set<std::string>& levels) {
  std::string t;
  for (auto& l : levels) t += (t.empty() ? "" : " and ") + l;
  return t;
}

int Session::run(const std::string& path, const std::optional<std::string>& text, const Options& o, std::ostream& out,
                 std::ostream& err, out::OutputSink* given_sink, const std::string& folder) {
  reported_.clear();
  if (builtins_broken(o, err)) return kInternal;
  if (!fidelity::known(o.fidelity)) {
    err << "mls: --fidelity takes textbook or calibrated, not '" << o.fidelity << "'\n";
    return kUsage;
  }
  // 1. source
  std::string src;
  if (text) src = *text;
  else if (!read_source(path, src)) {
    err << "mls: cannot read '" << path << "'\n";
    return kUsage;
  }
  const SourceFile& file = sm_.add(path, src);
  timer_.lap("read");
  // 2. tokens
  if (o.emit == Emit::Tokens) {
    out << syntax::dump_tokens(file);
    return kOk;
  }
  // 3. AST
  DiagnosticSink diags;
  auto program = syntax::parse(file, diags);
  if (!program) return report(diags, o, err);
  if (o.emit == Emit::Ast) {
    out << ast::dump(*program, sm_);
    return kOk;
  }
  timer_.lap("parse");
  // 4. checked AST (sema lowers each statement to IR in the same walk), after the zoo files it names
  if (o.whole_zoo) load_whole_zoo();
  else require_zoo_for(src);
  timer_.lap("zoo");
  if (builtins_broken(o, err)) return kInternal;
  checker_->set_diagnostics(diags);
  size_t first = checker_->module().body.insts.size();
  sema::Options user_opts;
  user_opts.zoo_requires_provenance = o.as_zoo;
  user_opts.max_points = o.max_points;
  user_opts.command_line = o.command_line;
  user_opts.keep_types = o.keep_types || o.emit == Emit::Typed;
  user_opts.fidelity = o.fidelity;
  std::filesystem::path dir = !folder.empty() ? std::filesystem::absolute(folder)
                              : text           ? std::filesystem::current_path()
                                               : std::filesystem::absolute(path).parent_path();
  checker_->check_program(*program, user_opts, dir);
  checker_->set_diagnostics(builtin_diags_);
  if (diags.has_errors()) return report(diags, o, err);
  if (o.emit == Emit::Typed) {
    out << checker_->typed_dump_of(file.id());
    return kOk;
  }
  timer_.lap("check");
  // 5. IR (the script's part of the module; the built-in zoo precedes it)
  const ir::Module& m = checker_->module();
  if (o.emit == Emit::Ir) {
    ir::Module mine;
    mine.num_values = m.num_values;
    mine.body.insts.assign(m.body.insts.begin() + static_cast<std::ptrdiff_t>(first), m.body.insts.end());
    out << ir::print(mine, &sm_);
    return kOk;
  }
  if (o.emit == Emit::Check) {
    if (!diags.all().empty()) report(diags, o, err);  // warnings
    return kOk;
  }
  // 6. LLVM IR (codegen) of the script's unit, as the JIT compiles it
  if (o.emit == Emit::Llvm) {
    try {
      out << jit::emit_llvm(m, first);
    } catch (const jit::InternalError& e) {
      err << "mls: internal error: " << e.what() << "\n";
      return kInternal;
    }
    return kOk;
  }
  // 7. run: JIT-compiled (the built-in zoo and the script as two units), or on the IR reference evaluator
  std::optional<out::OutputSink> own_sink;
  if (!given_sink) own_sink.emplace(out, units_, o.output);
  out::OutputSink& sink = given_sink ? *given_sink : *own_sink;
  if (auto levels = fidelity_levels_text(checker_->fidelity_levels()); !levels.empty()) sink.fidelity_header(levels);
  try {
    ir::EvalLimits limits = run_limits(o);
    if (o.jit && (jit::has_loops(m, first) || jit_always())) jit::run(m, first, sink, limits);
    else ir::evaluate(m, sink, limits);
  } catch (const std::bad_alloc&) {
    sink.stopped();
    out.flush();
    for (auto& d : sink.failures) diags.report(d);
    diags.report(out_of_memory());
    report(diags, o, err);
    return kRuntimeError;
  } catch (const jit::InternalError& e) {
    out.flush();
    err << "mls: internal error: " << e.what() << "\n";
    return kInternal;
  } catch (const ir::RuntimeError& e) {
    // One report per run (one JSON array): warnings, failed checks so far, then the error.
    sink.stopped();
    out.flush();
    draw(sink, o, stem_of(path, text), out, err);  // the charts drawn so far are kept
    for (auto& d : sink.failures) diags.report(d);
    diags.report(e.diag);
    report(diags, o, err);
    return kRuntimeError;
  }
  out.flush();
  timer_.lap("run");
  bool drawn = draw(sink, o, stem_of(path, text), out, err);
  for (auto& d : sink.failures) diags.report(d);
  if (!diags.all().empty()) report(diags, o, err);
  if (!drawn) return kRuntimeError;  // a chart not drawn or not written fails the run like a run-time error
  return sink.failures.empty() ? kOk : kFailed;
}

}  // namespace mls::driver
