// Clauses after a loop's block: `where COND` filters points; one reduction summarises the sweep
// without keeping every row: `best [N] by KEY` (the N rows with the smallest key; negate a key to
// maximise it), `count`, `minimum KEY`, `maximum KEY`, `mean KEY`, `pareto(K1, K2[, K3])` (the rows no
// other point beats on every key, all minimised). They lower to one Reduce instruction at the end of
// the loop body; the loop's rows become pending and the runtime keeps only what the clause needs.
#include "compiler/sema/checker.hpp"

#include "compiler/ir/evaluator.hpp"

#include <cmath>

namespace mls::sema {

namespace {
bool has_row(const ir::Block& b) {
  for (auto& i : b.insts) {
    if (i.op == ir::Op::Row) return true;
    for (auto& blk : i.blocks)
      if (has_row(blk)) return true;
  }
  return false;
}
void mark_pending(ir::Block& b, int table) {
  for (auto& i : b.insts) {
    if (i.op == ir::Op::Row && i.aux == table) i.flag = true;
    for (auto& blk : i.blocks) mark_pending(blk, table);
  }
}
}  // namespace

// The number of items of a list known at compile time: a list literal, or a range whose bounds and
// step are constants (the same count eval_range makes).
std::optional<double> Checker::static_length(ir::ValueId v) const {
  const ir::Inst* def = nullptr;
  for (auto b = blocks_.rbegin(); b != blocks_.rend() && !def; ++b)
    for (auto it = (*b)->insts.rbegin(); it != (*b)->insts.rend(); ++it)
      if (it->result == v) {
        def = &*it;
        break;
      }
  if (!def) return std::nullopt;
  if (def->op == ir::Op::MakeList) return static_cast<double>(def->operands.size());
  // A range from an earlier REPL entry may have been run and freed (its operands dropped): size unknown.
  if (def->op != ir::Op::Range || def->operands.size() < 3) return std::nullopt;
  double x[3];
  for (int k = 0; k < 3; ++k) {
    const ir::Inst* c = nullptr;
    for (auto b = blocks_.rbegin(); b != blocks_.rend() && !c; ++b)
      for (auto& i : (*b)->insts)
        if (i.result == def->operands[static_cast<std::size_t>(k)] && i.op == ir::Op::ConstNum) c = &i;
    if (!c) return std::nullopt;
    x[k] = c->num;
  }
  return ir::range_count(x[0], x[1], x[2], def->flag);
}


// A sweep larger than the bound (default 10^9 points, --max-points) is refused before it runs; a loop
// inside loops counts their points too (the nest is one sweep). The sizes known at compile time go
// into sweep_outer_ for the loops nested in this one.
void Checker::sweep_bound(const ast::Stmt& s, const ir::Inst& loop) {
  double points = sweep_outer_;
  std::string sizes = sweep_outer_sizes_;
  for (std::size_t k = 0; k < loop.operands.size(); ++k) {
    auto n = static_length(loop.operands[k]);
    if (!n) continue;
    points *= *n;
    sizes += (sizes.empty() ? "" : " x ") + units::format_count(*n);
  }
  sweep_outer_ = points;
  sweep_outer_sizes_ = sizes;
  if (points <= opt_.max_points) return;
  error("E0507", "this sweep has " + units::format_count(points) + " points (" + sizes + ")", s.span,
        "more than " + units::format_count(opt_.max_points) + " points",
        "narrow the ranges, use a geometric step (`1 .. 1e6 step *2`), or raise the bound with --max-points");
}

void Checker::loop_clauses(const ast::Stmt& s, ir::Block& body, bool outer) {
  if (s.clauses.empty()) return;
  if (!outer)
    error("E0201", "a loop clause belongs on the outermost loop of its table", s.clauses[0].span, "on an inner loop",
          "move `" + s.clauses[0].word + " …` after the outer loop's `}`");
  ir::Inst red{ir::Op::Reduce};
  red.span = s.clauses[0].span;
  red.str = "where";
  ir::ValueId cond = ir::kNoValue;
  std::vector<ir::ValueId> keys;
  auto one_key = [&](const ast::LoopClause& c, const char* what) {
    if (c.exprs.size() != 1)
      error("E0201", "`" + c.word + "` takes one key", c.span, "here", std::string("write `") + what + "`");
  };
  for (auto& c : s.clauses) {
    bool reduction = c.word != "where";
    if (reduction && red.str != "where")
      error("E0201", "a loop has at most one reduction", c.span, "a second reduction",
            "keep one of `" + red.str + "` and `" + c.word + "` (run the loop twice for both)");
    if (c.word == "where") {
      if (c.exprs.size() != 1) error("E0201", "`where` takes one condition", c.span, "here", "write `where r.feasible`");
      TExpr t = expr(*c.exprs[0]);
      if (t.t.k != SType::K::Bool)
        error("E0310", "a `where` condition must be true or false", c.exprs[0]->span, "this is " + describe_a(t.t, units_),
              "compare something: `where r.latency < 50 ms`");
      cond = t.v;
      continue;
    }
    if (c.word == "best" || c.word == "top") {  // best: the N smallest keys; top: the N largest
      if (c.by != "by")
        error("E0201", "write `" + c.word + " by KEY` (or `" + c.word + " 5 by KEY`)", c.span, "`by` is missing");
      one_key(c, (c.word + " by r.latency").c_str());
      if (c.top && (*c.top < 1 || *c.top != std::floor(*c.top) || *c.top > 1e6))
        error("E0409", "`" + c.word + " N by` needs a whole N from 1 to 1,000,000", c.span, "here");
      red.num = c.top.value_or(1);
    } else if (c.word == "count") {
      if (!c.exprs.empty() || !c.by.empty()) error("E0201", "`count` takes nothing", c.span, "here", "write `count`");
    } else if (c.word == "minimum" || c.word == "maximum" || c.word == "mean") {
      one_key(c, (c.word + " r.latency").c_str());
    } else if (c.word == "pareto") {
      if (c.exprs.size() < 2 || c.exprs.size() > 3)
        error("E0201", "`pareto` takes two or three keys", c.span, "here", "write `pareto(r.latency, cost)`");
    } else {
      error("E0201", "unknown loop clause `" + c.word + "`", c.span, "not a clause",
            "clauses: where COND, best [N] by KEY, top [N] by KEY, count, minimum KEY, maximum KEY, mean KEY, pareto(K1, K2[, K3])");
    }
    red.str = c.word == "top" ? "best" : c.word;
    for (auto& e : c.exprs) {
      TExpr k = expr(*e);
      if (!k.t.is_num())
        error("E0309", "a key of `" + c.word + "` must be a number or quantity", e->span, "this is " + describe_a(k.t, units_),
              "use a numeric field, e.g. `r.latency`");
      if (c.word == "top") {  // `top N by K` is `best N by -K`: the runtime keeps the smallest keys
        ir::Inst neg{ir::Op::Neg};
        neg.operands = {k.v};
        neg.type = ir::VType::F64;
        neg.span = e->span;
        k.v = emit(std::move(neg));
      }
      keys.push_back(k.v);
      red.shapes.push_back(shape_of(k.t, units_));
      const ast::Expr* shown = e->kind == ast::ExprKind::Convert ? e->lhs.get() : e.get();  // "r.latency", not "-> ms"
      red.names.push_back(text(shown->span));
    }
  }
  if (current_table_ < 0) current_table_ = module_.num_tables++;
  red.aux = current_table_;
  red.operands.push_back(cond == ir::kNoValue ? none_value(red.span) : cond);
  for (auto k : keys) red.operands.push_back(k);
  if ((red.str == "best" || red.str == "pareto") && !has_row(body))
    error("E0201", "`" + red.str + "` keeps rows: the loop needs a `row`", s.clauses[0].span, "no row to keep",
          "add `row name = …, key = …` to the loop body");
  mark_pending(body, current_table_);
  emit(std::move(red));
}

}  // namespace mls::sema
