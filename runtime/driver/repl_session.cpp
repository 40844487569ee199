// The session side of the REPL: one entry at a time against everything entered so far, each entry
// a transaction (compiled, run as its own JIT unit, its code freed; undone whole on error).
#include "compiler/ir/evaluator.hpp"
#include "compiler/sema/stype.hpp"
#include "compiler/syntax/parse.hpp"
#include "runtime/driver/pipeline.hpp"
#include "runtime/jit/jit.hpp"

#include <bit>
#include <filesystem>
#include <new>

namespace mls::driver {

namespace {
bool declares_units(const ast::Program& p) {
  for (auto& s : p.stmts)
    if (s->kind == ast::StmtKind::Unit || s->kind == ast::StmtKind::Dimension) return true;
  return false;
}
}  // namespace

Session::EntryResult Session::run_entry(const std::string& text, const Options& o, std::ostream& out, std::ostream& err) {
  EntryResult r;
  reported_.clear();
  auto done = [&](int code) {
    r.code = code;
    return r;
  };
  if (builtins_broken(o, err)) return done(kInternal);
  if (!repl_state_) repl_state_ = std::make_unique<jit::State>();
  const SourceFile& file = sm_.add("<repl:" + std::to_string(++repl_entries_) + ">", text);
  if (repl_entries_ == 1) checker_->set_fidelity(o.fidelity);  // the session's level; `fidelity = ...` entries change it
  timer_.lap("read");
  DiagnosticSink diags;
  auto program = syntax::parse(file, diags);
  if (!program) return done(report(diags, o, err));
  timer_.lap("parse");
  // Zoo entries the entry names are built-ins: compiled and loaded for good, outside the transaction.
  require_zoo_for(text);
  if (builtins_broken(o, err)) return done(kInternal);
  const ir::Module& m = checker_->module();
  out::OutputSink sink(out, units_, o.output, &repl_csv_);
  if (repl_done_ < m.body.insts.size()) {
    jit::load_data(m, repl_done_, m.body.insts.size(), *repl_state_, sink);
    repl_done_ = m.body.insts.size();
  }
  timer_.lap("zoo");
  // The entry, as a transaction.
  checker_->set_diagnostics(diags);
  checker_->begin_entry(declares_units(*program));
  sema::Options opts;
  opts.allow_rebinding = true;
  opts.repl = true;
  std::size_t first = m.body.insts.size();
  checker_->check_program(*program, opts, std::filesystem::current_path());
  checker_->set_diagnostics(builtin_diags_);
  if (diags.has_errors()) {
    checker_->rollback_entry();
    return done(report(diags, o, err));
  }
  programs_.push_back(std::make_unique<ast::Program>(std::move(*program)));  // fn bodies point into it
  timer_.lap("check");
  if (auto levels = fidelity_levels_text(checker_->fidelity_levels()); !levels.empty()) sink.fidelity_header(levels);
  if (!repl_memory_) repl_memory_ = std::make_shared<ir::MemoryBudget>(o.max_memory);
  try {
    ir::EvalLimits limits = run_limits(o, repl_memory_);
    if (o.jit) jit::run_unit(m, first, m.body.insts.size(), *repl_state_, sink, limits);
    else ir::evaluate_range(m, first, m.body.insts.size(), repl_state_->values, sink, limits);
  } catch (const std::bad_alloc&) {
    out.flush();
    checker_->rollback_entry();
    programs_.pop_back();
    diags.report(out_of_memory());
    report(diags, o, err);
    return done(kRuntimeError);
  } catch (const jit::InternalError& e) {
    out.flush();
    checker_->rollback_entry();
    programs_.pop_back();
    err << "mls: internal error: " << e.what() << "\n";
    return done(kInternal);
  } catch (const ir::RuntimeError& e) {
    sink.stopped();
    out.flush();
    checker_->rollback_entry();
    programs_.pop_back();
    draw(sink, o, "repl", out, err);
    for (auto& d : sink.failures) diags.report(d);
    diags.report(e.diag);
    report(diags, o, err);
    return done(kRuntimeError);
  }
  out.flush();
  timer_.lap("run");
  draw(sink, o, "repl-" + std::to_string(repl_entries_), out, err);
  r.rebound = checker_->commit_entry();
  r.kept = true;
  r.program = programs_.back().get();
  // The entry has run: its values live in the JIT state, and nothing reads its instructions again
  // (later units only read values). Keep each instruction's slot (indices stay valid), drop the rest.
  for (std::size_t k = first; k < checker_->module().body.insts.size(); ++k) {
    ir::Inst& i = checker_->module().body.insts[k];
    ir::Inst slim{i.op};
    slim.result = i.result;
    slim.type = i.type;
    i = std::move(slim);
  }
  repl_done_ = m.body.insts.size();
  for (auto& d : sink.failures) diags.report(d);
  if (!diags.all().empty()) report(diags, o, err);
  return done(sink.failures.empty() ? kOk : kFailed);
}

std::optional<Value> Session::global_value(const std::string& name) const {
  auto g = checker_->globals().find(name);
  if (!repl_state_ || g == checker_->globals().end() || g->second.k != sema::Binding::K::Var || g->second.value < 0 ||
      static_cast<std::size_t>(g->second.value) >= repl_state_->values.size())
    return std::nullopt;
  // JIT code keeps numbers and truth values in native slots only; the rest are values.
  const auto v = static_cast<std::size_t>(g->second.value);
  if (v < repl_state_->kinds.size() && repl_state_->kinds[v] == codegen::Kind::F64)
    return Value(std::bit_cast<double>(repl_state_->slots[v]));
  if (v < repl_state_->kinds.size() && repl_state_->kinds[v] == codegen::Kind::Bool) return Value(repl_state_->slots[v] != 0);
  return repl_state_->values[v];
}

std::optional<std::string> Session::type_of(const std::string& expr, const Options& o, std::ostream& err) {
  const std::string name = "__type_of";
  std::string text = name + " = " + expr + "\n";
  const SourceFile& file = sm_.add("<type>", text);
  DiagnosticSink diags;
  auto program = syntax::parse(file, diags);
  if (!program) {
    report(diags, o, err);
    return std::nullopt;
  }
  require_zoo_for(text);
  checker_->set_diagnostics(diags);
  checker_->begin_entry(false);
  sema::Options opts;
  opts.allow_rebinding = true;
  opts.repl = true;
  checker_->check_program(*program, opts, std::filesystem::current_path());
  checker_->set_diagnostics(builtin_diags_);
  std::optional<std::string> t;
  auto it = checker_->globals().find(name);
  if (!diags.has_errors() && it != checker_->globals().end()) {
    const sema::SType& st = it->second.type;
    t = st.is_num() ? sema::dim_label(st.dim, units_) + "   (" + st.dim.base_form() + ")" : sema::describe(st, units_);
  }
  checker_->rollback_entry();  // nothing of `:type` stays
  if (!t) report(diags, o, err);
  return t;
}

}  // namespace mls::driver
