// Statements: bindings, print/assert/expect, fn, for/row tables, imports.
#include "compiler/sema/checker.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"

#include <algorithm>

#include "compiler/sema/limits.hpp"
#include "compiler/syntax/parse.hpp"


namespace mls::sema {

Checker::Checker(SourceManager& sm, DiagnosticSink& diags, units::UnitTable& units)
    : sm_(sm), diags_(&diags), units_(units) {
  scopes_.emplace_back();
  blocks_.push_back(&module_.body);
}

void Checker::check_program(const ast::Program& p, const Options& o, const std::filesystem::path& dir) {
  Options saved = opt_;
  opt_ = o;
  root_ = dir;
  // Built-in files (prelude, zoo) are always textbook; a user program starts at the session's level.
  std::string fidelity_before = fidelity_;
  if (o.builtin) fidelity_ = fidelity::kTextbook;
  else if (o.fidelity) fidelity_ = *o.fidelity;
  if (!o.builtin) fidelity_levels_.clear();
  limits::inlined_exprs = 0;  // the inlining budget is per checked file (limits.hpp)
  // The script itself is on the import stack, so `import` of itself (directly or round a cycle) is E0114.
  std::error_code ec;
  std::filesystem::path self = std::filesystem::weakly_canonical(std::filesystem::absolute(sm_.get(p.file).path()), ec);
  bool real = !ec && std::filesystem::exists(self, ec);
  if (real) import_stack_.push_back(self.string());
  for (auto& s : p.stmts) guarded(*s);
  if (!opt_.builtin) check_uncalled_fns();
  defined_fns_.clear();
  called_fns_.clear();
  report_unused(p);
  if (real) import_stack_.pop_back();
  opt_ = saved;
  if (o.builtin) fidelity_ = fidelity_before;
}

void Checker::guarded(const ast::Stmt& s) {
  // One error per statement: an Abort ends this statement only. The IR emitted for a failed
  // statement is dropped so the module stays well-formed.
  size_t mark = blocks_.back()->insts.size();
  try {
    try {
      stmt(s);
    } catch (const HoleFound& h) {
      report_hole(s, h.span, SType::none());
    }
  } catch (const Abort&) {
    blocks_.back()->insts.resize(mark);
    // A binding that failed poisons its name: later uses are skipped silently (no cascades).
    if (s.kind == ast::StmtKind::Let || s.kind == ast::StmtKind::Record) poisoned_.insert(s.name);
  }
}

void Checker::stmt(const ast::Stmt& s) {
  using K = ast::StmtKind;
  limits::Level level;  // `for` bodies and imports nest statements (limits.hpp)
  if (level.too_deep()) error(limits::diagnostic(limits::Kind::Nesting, s.span));
  switch (s.kind) {
    case K::Let: let(s); break;
    case K::Print: print_stmt(s); break;
    case K::Assert: assert_stmt(s); break;
    case K::Expect: expect_stmt(s); break;
    case K::ExprStmt: expr_stmt(s); break;
    case K::Fn: fn_decl(s); break;
    case K::Dimension: dimension_decl(s); break;
    case K::Unit: unit_decl(s); break;
    case K::Record: record_decl(s); break;
    case K::For: for_stmt(s); break;
    case K::Row: row_stmt(s); break;
    case K::Import: import_stmt(s); break;
    case K::Plot: plot_stmt(s); break;
  }
}

void Checker::let(const ast::Stmt& s) {
  if (s.name == fidelity::kParam) return fidelity_stmt(s);
  TExpr v;
  try {
    v = expr(*s.value);
  } catch (const HoleFound& h) {
    report_hole(s, h.span, s.type ? type_expr(*s.type) : SType::none());
  }
  if (s.type) {
    SType want = type_expr(*s.type);
    if (want.is_num()) {
      if (!v.t.is_num() || v.t.dim != want.dim) {
        Diagnostic d;
        d.code = "E0304";
        d.message = "`" + s.name + "` is declared as " + dim_label(want.dim, units_) + " but its value is " +
                    (v.t.is_num() ? dim_label(v.t.dim, units_) : describe(v.t, units_));
        d.labels.push_back({s.value->span, "this is " + describe_a(v.t, units_), true});
        d.labels.push_back({s.type->span, "declared here", false});
        d.dims.push_back({"expected", want.dim.base_form(), units_.dimension_name(want.dim), ""});
        if (v.t.is_num()) d.dims.push_back({"found", v.t.dim.base_form(), units_.dimension_name(v.t.dim), ""});
        if (v.t.is_num()) {
          Dimension ratio = want.dim / v.t.dim;
          std::string rn = dim_label(ratio, units_);
          std::string found = dim_label(v.t.dim, units_);
          if (auto w = with_unit(*s.value, v, want.dim)) {
            d.help = "write it as " + article_for(dim_label(want.dim, units_)) + ": `" + *w + "`";
            d.fixes.push_back({"write `" + *w + "`", s.value->span, *w});
          } else if (found.find_first_of("×^") == std::string::npos) {
            d.help = rate_amount_hint(want.dim, v.t.dim).value_or("the value is " + article_for(found)) +
                     "; if that is what you meant, declare `" + s.name + ": " + found + "`";
            d.fixes.push_back({"declare `" + s.name + ": " + found + "`", s.type->span, found});
          } else {
            d.help = rate_amount_hint(want.dim, v.t.dim).value_or("multiply the value by a " + rn + " (" + ratio.base_unit_form() + ")");
          }
        }
        error(d);
      }
    } else if (want.k != v.t.k || (want.is_record() && !want.family.empty() && want.family != v.t.family)) {
      error("E0304", "`" + s.name + "` is declared as " + describe(want, units_) + " but its value is " +
                         describe_a(v.t, units_),
            s.value->span, "this is " + describe_a(v.t, units_));
    }
  }
  // W0607 (issue 23.7): a binding whose dimension has a fractional exponent (`sqrt(2 s)` is Time^1/2). It is
  // legal — the root of a squared quantity gives it back — but kept in a binding it is rarely meant.
  if (v.t.is_num() && std::any_of(v.t.dim.exp.begin(), v.t.dim.exp.end(), [](const Rational& e) { return !e.is_integer(); })) {
    Diagnostic d;
    d.code = "W0607";
    d.message = "`" + s.name + "` has the dimension " + v.t.dim.base_form() + ": a fractional exponent";
    d.labels.push_back({s.value->span, "this is " + v.t.dim.base_unit_form(), true});
    d.help = "check the formula: a root of a quantity whose units are not squared (or cubed) is rarely meant; "
             "take the root of the squared quantity (`sqrt(x^2)`), or keep the value squared";
    warn(std::move(d));
  }
  Binding b;
  b.type = v.t;
  b.value = v.v;
  b.span = s.name_span;
  b.origin = s.name + " = " + text(s.value->span) + ", line " + line_of(s.span);
  b.zoo = opt_.builtin;
  {
    const ast::Expr* x = s.value.get();
    while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
    if (v.t.is_num() && v.t.bare && (x->kind == ast::ExprKind::Number ||
                                     (x->kind == ast::ExprKind::Unary && x->lhs->kind == ast::ExprKind::Number)))
      b.bare_literal = s.value->span;
    if (x->kind == ast::ExprKind::Binary && x->binop == ast::BinOp::Juxt && x->lhs->kind == ast::ExprKind::Number &&
        x->rhs->kind == ast::ExprKind::Ident && !lookup(x->rhs->text)) {
      b.written_unit = units_.find(x->rhs->text);
      b.unit_literal = s.value->span;
    }
  }
  bind(s.name, s.name_span, b);
  if (scopes_.size() == 1) {
    ir::Inst i{ir::Op::Bind};
    i.names = {s.name};
    i.operands = {v.v};
    i.span = s.span;
    emit(std::move(i));
  }
}

void Checker::print_stmt(const ast::Stmt& s) {
  ir::Inst i{ir::Op::Print};
  i.span = s.span;
  for (auto& e : s.exprs) {
    TExpr v = expr(*e);
    i.operands.push_back(v.v);
    i.shapes.push_back(shape_of(v.t, units_));
  }
  emit(std::move(i));
}

void Checker::expr_stmt(const ast::Stmt& s) {
  TExpr v = expr(*s.value);
  ir::Inst i{ir::Op::Print};
  i.span = s.span;
  i.flag = true;  // a bare expression: shown with its dimension name
  i.operands.push_back(v.v);
  i.shapes.push_back(shape_of(v.t, units_));
  emit(std::move(i));
  if (opt_.repl && scopes_.size() == 1 && v.t.k != SType::K::None && v.t.k != SType::K::Error) {  // the REPL's `ans`: the last result
    Binding b;
    b.type = v.t;
    b.value = v.v;
    b.span = s.span;
    b.origin = "ans = " + text(s.value->span);
    b.used = true;
    if (tx_) {
      auto it = scopes_.back().find("ans");
      tx_->undo.emplace_back("ans", it == scopes_.back().end() ? std::nullopt : std::optional<Binding>(it->second));
    }
    scopes_.back()["ans"] = b;
  }
}

void Checker::assert_stmt(const ast::Stmt& s) {
  const ast::Expr* c = s.value.get();
  while (c->kind == ast::ExprKind::Paren) c = c->lhs.get();
  TExpr cond = expr(*s.value);
  if (cond.t.k != SType::K::Bool)
    error("E0310", "an assertion needs a true/false condition", s.value->span, "this is " + describe_a(cond.t, units_),
          "compare it with something, e.g. `assert x < 50 ms`");
  ir::Inst i{ir::Op::Assert};
  i.span = s.value->span;
  i.operands.push_back(cond.v);
  // Show both sides of a failed comparison: re-lower the two operands (pure, cheap).
  if (c->kind == ast::ExprKind::Binary && c->binop >= ast::BinOp::Eq && c->binop <= ast::BinOp::Ge) {
    TExpr a = expr(*c->lhs), b = expr(*c->rhs);
    i.operands.push_back(a.v);
    i.operands.push_back(b.v);
    i.shapes.push_back(shape_of(a.t, units_));
    i.shapes.push_back(shape_of(b.t, units_));
  }
  if (s.message) {
    if (s.message->kind != ast::ExprKind::String)
      error("E0201", "an assertion message must be a string", s.message->span, "not a string");
    i.str = s.message->text;
  }
  emit(std::move(i));
}

void Checker::expect_stmt(const ast::Stmt& s) {
  if (!s.value2) {  // `expect cond` behaves like assert
    ast::Stmt const& as = s;
    TExpr cond = expr(*as.value);
    if (cond.t.k != SType::K::Bool)
      error("E0310", "`expect` needs `a ≈ b within tolerance` or a true/false condition", s.value->span,
            "this is " + describe_a(cond.t, units_));
    ir::Inst i{ir::Op::Assert};
    i.span = s.value->span;
    i.operands.push_back(cond.v);
    emit(std::move(i));
    return;
  }
  TExpr a = expr(*s.value), b = expr(*s.value2);
  if (!a.t.is_num() || !b.t.is_num() || a.t.dim != b.t.dim)
    dimension_mismatch("E0302", "compare", *s.value, *s.value, a, *s.value2, b);
  ir::Inst i{ir::Op::Expect};
  i.span = Span::join(s.value->span, s.value2->span);
  TExpr tol;
  bool relative = true;
  if (s.tolerance) {
    tol = expr(*s.tolerance);
    if (!tol.t.is_num() || (!tol.t.dim.dimensionless() && tol.t.dim != a.t.dim))
      error("E0304", "a tolerance is a fraction (5 %) or a quantity of the compared dimension", s.tolerance->span,
            "this is " + describe_a(tol.t, units_));
    relative = tol.t.dim.dimensionless() && !a.t.dim.dimensionless() ? true : tol.t.dim.dimensionless();
    if (relative && tol.t.bare) warn_percent_number(*s.tolerance, tol, "a relative tolerance");
  } else {
    tol.v = konst(1e-9, s.span);  // no tolerance: equal to 1e-9 relative
  }
  i.operands = {a.v, b.v, tol.v};
  i.flag = relative;
  i.shapes = {shape_of(a.t, units_), shape_of(b.t, units_)};
  emit(std::move(i));
}

void Checker::fn_decl(const ast::Stmt& s) {
  Binding b;
  b.k = Binding::K::Fn;
  b.fn = &s;
  b.span = s.name_span;
  bind(s.name, s.name_span, b);
  defined_fns_.push_back(&s);
}

void Checker::for_stmt(const ast::Stmt& s) {
  ir::Inst loop{ir::Op::For};
  loop.span = s.span;
  std::vector<SType> elems;
  for (auto& fb : s.bindings) {
    TExpr l = expr(*fb.iterable);
    if (l.t.k != SType::K::List)
      error("E0410", "`for` needs a list or a range to iterate over", fb.iterable->span,
            "this is " + describe_a(l.t, units_), "write a list `[a, b, c]` or a range `1..8`");
    // A range written in the loop header is read by this loop only: it need not be built (LazyRange).
    // Not in the REPL, whose entries run one by one against the values earlier entries kept: there a
    // range is built as before (the REPL fuzz target found a lazy range read through an empty slot).
    auto& emitted = blocks_.back()->insts;
    if (!opt_.repl && fb.iterable->kind == ast::ExprKind::Range && !emitted.empty() && emitted.back().op == ir::Op::Range &&
        emitted.back().result == l.v)
      emitted.back().aux = ir::kLazyRange;
    loop.operands.push_back(l.v);
    elems.push_back(*l.t.elem);
  }
  struct RestoreSweep {  // the nest's points, for the loops inside this one only
    Checker& c;
    double points;
    std::string sizes;
    ~RestoreSweep() { c.sweep_outer_ = points, c.sweep_outer_sizes_ = std::move(sizes); }
  } restore_sweep{*this, sweep_outer_, sweep_outer_sizes_};
  sweep_bound(s, loop);
  bool outer = current_table_ < 0 && loop_depth_ == 0;
  scopes_.emplace_back();
  for (size_t k = 0; k < s.bindings.size(); ++k) {
    ir::ValueId var = module_.num_values++;
    loop.vars.push_back(var);
    Binding b;
    b.type = elems[k];
    b.value = var;
    b.span = s.bindings[k].name_span;
    b.origin = s.bindings[k].name + " (loop variable)";
    bind(s.bindings[k].name, s.bindings[k].name_span, b);
  }
  loop.blocks.emplace_back();
  blocks_.push_back(&loop.blocks.back());
  ++loop_depth_;
  // `in LIST where COND`: the body and the clauses run in `if COND`, so a point whose items fail
  // the filter computes nothing, prints nothing and is not counted.
  ir::Inst guard{ir::Op::If};
  bool filtered = false;
  try {
    ir::ValueId pass = ir::kNoValue;
    for (auto& fb : s.bindings) {
      if (!fb.filter) continue;
      filter_items_.push_back(fb.name);
      filter_reads_.emplace_back();
      ir::Block cond_block;  // the filter runs only for items that have the optional fields it reads
      blocks_.push_back(&cond_block);
      TExpr c;
      try {
        c = expr(*fb.filter);
      } catch (...) {
        blocks_.pop_back();
        filter_reads_.pop_back();
        filter_items_.pop_back();
        throw;
      }
      blocks_.pop_back();
      std::vector<std::string> reads = std::move(filter_reads_.back());
      filter_reads_.pop_back();
      filter_items_.pop_back();
      c.v = guard_filter(fb.name, std::move(cond_block), c.v, std::move(reads), fb.filter->span);
      if (c.t.k != SType::K::Bool)
        error("E0310", "a `where` filter must be true or false", fb.filter->span, "this is " + describe_a(c.t, units_),
              "compare a field of the item: `for hw in hardware where tier == cloud`");
      if (pass != ir::kNoValue) {
        ir::Inst both{ir::Op::And};
        both.operands = {pass, c.v};
        both.type = ir::VType::Bool;
        both.span = fb.filter->span;
        c.v = emit(std::move(both));
      }
      pass = c.v;
    }
    if (pass != ir::kNoValue) {
      guard.operands = {pass};
      guard.span = s.span;
      guard.blocks.resize(2);
      blocks_.push_back(&guard.blocks[0]);
      filtered = true;
    }
    for (auto& st : s.body) guarded(*st);
    loop_clauses(s, *blocks_.back(), outer);  // in the body's scope: keys see its bindings
  } catch (...) {
    --loop_depth_;
    if (filtered) blocks_.pop_back();
    blocks_.pop_back();
    scopes_.pop_back();
    if (outer) current_table_ = -1, table_columns_.clear();  // the failed loop's table ends with it
    throw;
  }
  --loop_depth_;
  if (filtered) {
    blocks_.pop_back();
    emit(std::move(guard));
  }
  blocks_.pop_back();
  scopes_.pop_back();
  emit(std::move(loop));
  if (outer && current_table_ >= 0) {
    ir::Inst end{ir::Op::TableEnd};
    end.aux = current_table_;
    end.span = s.span;
    emit(std::move(end));
    current_table_ = -1;
  }
  if (outer) table_columns_.clear();
}

void Checker::row_stmt(const ast::Stmt& s) {
  if (loop_depth_ == 0)
    error("E0201", "`row` belongs inside a `for` loop", s.span, "outside any loop",
          "wrap it: `for x in [..] { row name = x }`, or use `print`");
  if (current_table_ < 0) current_table_ = module_.num_tables++;
  ir::Inst i{ir::Op::Row};
  i.span = s.span;
  i.aux = current_table_;
  if (!table_columns_.empty()) same_columns(s);
  bool first = table_columns_.empty();
  std::vector<SType> types;
  for (size_t k = 0; k < s.fields.size(); ++k) {
    auto& f = s.fields[k];
    TExpr v = expr(*f.value);
    types.push_back(v.t);
    i.names.push_back(f.name);
    i.operands.push_back(v.v);
    if (first) {
      i.shapes.push_back(shape_of(v.t, units_));
      continue;
    }
    const Column& col = table_columns_[k];
    if (auto dis = disagreement(col.type, v.t)) {
      Diagnostic d;
      d.code = "E0316";
      d.message = "column `" + f.name + "` of one table disagrees" + disagreement_text(*dis);
      disagree(d, *dis, {col.value, "the row on line " + line_of(col.value->span)}, {f.value.get(), "this row"}, "row",
               "a table column keeps the type of the first `row` that writes it; give this column another name");
    }
    // One unit per column: a later row is shown like the first (its CSV header names that unit).
    i.shapes.push_back(v.t.is_num() ? col.shape : shape_of(v.t, units_));
  }
  if (first)
    for (size_t k = 0; k < s.fields.size(); ++k)
      table_columns_.push_back({s.fields[k].name, s.fields[k].name_span, types[k], i.shapes[k],
                                s.fields[k].value.get()});
  emit(std::move(i));
}

// Every `row` of a table writes the columns of its first row, in that order: the table has one header.
void Checker::same_columns(const ast::Stmt& s) {
  const Column& c0 = table_columns_.front();
  std::string first = "the row on line " + line_of(c0.name_span);
  size_t k = 0;
  while (k < s.fields.size() && k < table_columns_.size() && s.fields[k].name == table_columns_[k].name) ++k;
  if (k == s.fields.size() && k == table_columns_.size()) return;
  Diagnostic d;
  d.code = "E0316";
  d.message = "the rows of one table write different columns";
  if (k < s.fields.size() && k < table_columns_.size()) {
    d.labels.push_back({s.fields[k].name_span, "this row writes `" + s.fields[k].name + "` here", true});
    d.labels.push_back({table_columns_[k].name_span, first + " writes `" + table_columns_[k].name + "`", false});
  } else if (k < table_columns_.size()) {
    d.labels.push_back({s.span, "this row has no `" + table_columns_[k].name + "`", true});
    d.labels.push_back({table_columns_[k].name_span, first + " writes `" + table_columns_[k].name + "`", false});
  } else {
    d.labels.push_back({s.fields[k].name_span, "this row adds `" + s.fields[k].name + "`", true});
    d.labels.push_back({c0.name_span, first + " has no `" + s.fields[k].name + "`", false});
  }
  std::string cols;
  for (auto& c : table_columns_) cols += (cols.empty() ? "" : ", ") + c.name;
  d.help = "the rows of a table share one header (" + cols + "): write the same columns in the same order, or give the " +
           "other values a loop and a table of their own";
  error(d);
}

void Checker::import_stmt(const ast::Stmt& s) {
  namespace fs = std::filesystem;
  const std::string& rel = s.name;
  fs::path here = fs::absolute(fs::path(sm_.get(s.span.file).path())).parent_path();
  fs::path target = fs::path(rel).is_absolute() ? fs::path(rel) : here / rel;
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(target, ec);
  fs::path root = fs::weakly_canonical(root_, ec);
  auto [rit, cit] = std::mismatch(root.begin(), root.end(), canon.begin(), canon.end());
  if (fs::path(rel).is_absolute() || rit != root.end())
    error("E0113", "import outside the script's folder: `" + rel + "`", s.span, "not allowed",
          "scripts may only import files in their own folder tree (instructors run students' scripts)");
  if (std::find(import_stack_.begin(), import_stack_.end(), canon.string()) != import_stack_.end())
    error("E0114", "import cycle: `" + rel + "` is already being imported", s.span, "imports itself");
  if (imported_.count(canon.string())) return;
  std::string text;
  if (!read_source(canon.string(), text))
    error("E0114", "cannot find `" + rel + "`", s.span, "no such file", "paths are relative to this script's folder");
  const SourceFile& f = sm_.add(canon.string(), std::move(text));
  auto parsed = syntax::parse(f, *diags_);
  if (!parsed) throw Abort{};
  owned_.push_back(std::make_unique<ast::Program>(std::move(*parsed)));
  const ast::Program* prog = owned_.back().get();
  imported_.insert(canon.string());
  import_stack_.push_back(canon.string());
  for (auto& st : prog->stmts) guarded(*st);
  import_stack_.pop_back();
}

}  // namespace mls::sema
