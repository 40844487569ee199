#include "compiler/syntax/ast_builder.hpp"

#include "compiler/syntax/quantity.hpp"

#include <algorithm>
#include <cstdlib>

namespace mls::syntax {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using P = mls_gen::MlsParser;

namespace {
std::string unescape(const std::string& quoted) {
  std::string s;
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      char n = quoted[++i];
      s += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      s += c;
    }
  }
  return s;
}

}  // namespace

double parse_number(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != '_') t += c;
  return std::strtod(t.c_str(), nullptr);  // 1e999 → inf: the checker reports E0314
}

Span AstBuilder::span(antlr4::Token* t) const {
  auto at = [&](size_t cp) { return map_[std::min(cp, map_.size() - 1)]; };
  if (!t || t->getType() == antlr4::Token::EOF) {
    std::uint32_t end = map_.back();
    return {file_, end, end};
  }
  return {file_, at(t->getStartIndex()), at(t->getStopIndex() + 1)};
}

Span AstBuilder::span(antlr4::ParserRuleContext* c) const {
  Span a = span(c->getStart());
  antlr4::Token* stop = c->getStop();
  if (!stop || stop->getTokenIndex() < c->getStart()->getTokenIndex()) return {file_, a.begin, a.begin};
  Span b = span(stop);
  return {file_, a.begin, b.end};
}

ast::Program AstBuilder::program(P::ProgramContext* ctx) {
  ast::Program p;
  p.file = file_;
  for (auto* s : ctx->statement()) p.stmts.push_back(statement(s));
  return p;
}

ast::Annotation AstBuilder::annotation(P::AnnotationContext* a) {
  ast::Annotation r;
  r.name = a->ident()->getText();
  r.span = span(a);
  for (auto* x : a->arg()) r.args.push_back(arg(x));
  return r;
}

std::vector<ast::Annotation> AstBuilder::annotations(const std::vector<P::AnnotationContext*>& as) {
  std::vector<ast::Annotation> r;
  for (auto* a : as) r.push_back(annotation(a));
  return r;
}

ast::Arg AstBuilder::arg(P::ArgContext* a) {
  ast::Arg r;
  if (a->ident()) {
    r.name = a->ident()->getText();
    r.name_span = span(a->ident());
  }
  r.value = expr(a->expr());
  return r;
}

ast::StmtPtr AstBuilder::statement(P::StatementContext* c) {
  using K = ast::StmtKind;
  Span sp = span(c);
  if (auto* u = dynamic_cast<P::UnitDeclContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Unit, sp);
    s->annotations = annotations(u->annotation());
    s->name = u->unitName()->getText();
    s->name_span = span(u->unitName());
    if (u->typ) s->type = expr(u->typ);
    if (u->value) s->value = expr(u->value);
    return s;
  }
  if (auto* d = dynamic_cast<P::DimensionDeclContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Dimension, sp);
    s->name = d->ident()->getText();
    s->name_span = span(d->ident());
    if (d->typ) s->type = expr(d->typ);
    return s;
  }
  if (auto* r = dynamic_cast<P::RecordDeclContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Record, sp);
    s->kind_name = r->kind->getText();
    s->kind_span = span(r->kind);
    s->name = r->name->getText();
    s->name_span = span(r->name);
    for (auto* item : r->recordBlock()->recordItem()) {
      if (auto* ea = dynamic_cast<P::EntryAnnotationsContext*>(item)) {
        for (auto& a : annotations(ea->annotation())) s->annotations.push_back(std::move(a));
      } else if (auto* fi = dynamic_cast<P::FieldItemContext*>(item)) {
        ast::RecordField f;
        f.name = fi->fieldInit()->ident()->getText();
        f.name_span = span(fi->fieldInit()->ident());
        f.value = expr(fi->fieldInit()->expr());
        f.annotations = annotations(fi->annotation());
        s->fields.push_back(std::move(f));
      }
    }
    return s;
  }
  if (auto* f = dynamic_cast<P::FnDeclContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Fn, sp);
    s->name = f->ident()->getText();
    s->name_span = span(f->ident());
    for (auto* p : f->param()) {
      ast::Param q;
      q.name = p->ident()->getText();
      q.span = span(p->ident());
      if (p->typ) q.type = expr(p->typ);
      s->params.push_back(std::move(q));
    }
    if (f->typ) s->type = expr(f->typ);
    s->value = expr(f->body);
    return s;
  }
  if (auto* p = dynamic_cast<P::PrintStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Print, sp);
    for (auto* e : p->expr()) s->exprs.push_back(expr(e));
    return s;
  }
  if (auto* a = dynamic_cast<P::AssertStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Assert, sp);
    s->value = expr(a->cond);
    if (a->msg) s->message = expr(a->msg);
    return s;
  }
  if (auto* e = dynamic_cast<P::ExpectStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Expect, sp);
    s->value = expr(e->lhs);
    if (e->rhs) s->value2 = expr(e->rhs);
    if (e->tol) s->tolerance = expr(e->tol);
    return s;
  }
  if (auto* f = dynamic_cast<P::ForStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::For, sp);
    for (auto* b : f->forBinding()) {
      ast::ForBinding fb;
      fb.name = b->name->getText();
      fb.name_span = span(b->name);
      fb.iterable = expr(b->iter);
      if (b->cond) fb.filter = expr(b->cond);
      s->bindings.push_back(std::move(fb));
    }
    for (auto* st : f->block()->statement()) s->body.push_back(statement(st));
    for (auto* rc : f->reduceClause()) {
      ast::LoopClause cl;
      cl.word = rc->word->getText();
      cl.span = span(rc);
      if (rc->top) cl.top = std::stod(rc->top->getText());
      for (auto* e : rc->expr()) cl.exprs.push_back(expr(e));
      if (rc->by) cl.by = "by";  // the grammar takes `by` only when the word is `by`
      s->clauses.push_back(std::move(cl));
    }
    return s;
  }
  if (auto* r = dynamic_cast<P::RowStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Row, sp);
    for (auto* fi : r->fieldInit()) {
      ast::RecordField f;
      f.name = fi->ident()->getText();
      f.name_span = span(fi->ident());
      f.value = expr(fi->expr());
      s->fields.push_back(std::move(f));
    }
    return s;
  }
  if (auto* pl = dynamic_cast<P::PlotStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Plot, sp);
    s->value = expr(pl->expr());
    return s;
  }
  if (auto* i = dynamic_cast<P::ImportStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Import, sp);
    s->name = unescape(i->STRING()->getText());
    s->name_span = span(i->STRING());
    return s;
  }
  if (auto* l = dynamic_cast<P::LetStmtContext*>(c)) {
    auto s = std::make_unique<ast::Stmt>(K::Let, sp);
    s->name = l->ident()->getText();
    s->name_span = span(l->ident());
    if (l->typ) s->type = expr(l->typ);
    s->value = expr(l->value);
    return s;
  }
  auto* e = dynamic_cast<P::ExprStmtContext*>(c);
  auto s = std::make_unique<ast::Stmt>(K::ExprStmt, sp);
  s->value = expr(e->expr());
  return s;
}

ExprPtr AstBuilder::binary(ast::BinOp op, ExprPtr a, ExprPtr b) {
  auto e = std::make_unique<Expr>(ExprKind::Binary, Span::join(a->span, b->span));
  e->binop = op;
  e->lhs = std::move(a);
  e->rhs = std::move(b);
  return e;
}

ExprPtr AstBuilder::expr(P::ExprContext* c) {
  if (auto* i = dynamic_cast<P::IfExprContext*>(c)) {
    auto e = std::make_unique<Expr>(ExprKind::If, span(c));
    e->cond = expr(i->cond);
    e->then_e = expr(i->thenE);
    e->else_e = expr(i->elseE);
    return e;
  }
  return conv(dynamic_cast<P::PlainExprContext*>(c)->convExpr());
}

ExprPtr AstBuilder::conv(P::ConvExprContext* c) {
  ExprPtr e = or_(c->orExpr());
  for (auto* m : c->mulExpr()) {
    auto x = std::make_unique<Expr>(ExprKind::Convert, Span::join(e->span, span(m)));
    x->lhs = std::move(e);
    x->rhs = mul(m);
    e = std::move(x);
  }
  return e;
}

ExprPtr AstBuilder::or_(P::OrExprContext* c) {
  auto parts = c->andExpr();
  ExprPtr e = and_(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) e = binary(ast::BinOp::Or, std::move(e), and_(parts[i]));
  return e;
}

ExprPtr AstBuilder::and_(P::AndExprContext* c) {
  auto parts = c->notExpr();
  ExprPtr e = not_(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) e = binary(ast::BinOp::And, std::move(e), not_(parts[i]));
  return e;
}

ExprPtr AstBuilder::not_(P::NotExprContext* c) {
  if (c->NOT()) {
    auto e = std::make_unique<Expr>(ExprKind::Unary, span(c));
    e->unop = ast::UnOp::Not;
    e->lhs = not_(c->notExpr());
    return e;
  }
  return cmp(c->cmpExpr());
}

ExprPtr AstBuilder::cmp(P::CmpExprContext* c) {
  auto parts = c->defaultExpr();
  ExprPtr e = default_(parts[0]);
  if (parts.size() == 2) {
    auto* op = c->cmpOp();
    ast::BinOp b = op->EQ() ? ast::BinOp::Eq : op->NE() ? ast::BinOp::Ne : op->LT() ? ast::BinOp::Lt
                 : op->LE() ? ast::BinOp::Le : op->GT() ? ast::BinOp::Gt : ast::BinOp::Ge;
    e = binary(b, std::move(e), default_(parts[1]));
  }
  return e;
}

ExprPtr AstBuilder::default_(P::DefaultExprContext* c) {
  ExprPtr e = range(c->rangeExpr());
  if (auto* d = c->defaultExpr()) e = binary(ast::BinOp::Default, std::move(e), default_(d));
  return e;
}

ExprPtr AstBuilder::range(P::RangeExprContext* c) {
  auto parts = c->addExpr();
  ExprPtr e = add(parts[0]);
  if (parts.size() >= 2) {
    auto r = std::make_unique<Expr>(ExprKind::Range, span(c));
    r->lhs = std::move(e);
    r->rhs = add(parts[1]);
    if (parts.size() == 3) {
      r->step = add(parts[2]);
      r->geometric = c->STAR() != nullptr;
    }
    return r;
  }
  return e;
}

ExprPtr AstBuilder::add(P::AddExprContext* c) {
  auto parts = c->mulExpr();
  auto ops = c->addOp();
  ExprPtr e = mul(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i)
    e = binary(ops[i - 1]->PLUS() ? ast::BinOp::Add : ast::BinOp::Sub, std::move(e), mul(parts[i]));
  return e;
}

ExprPtr AstBuilder::mul(P::MulExprContext* c) {
  auto parts = c->unaryExpr();
  auto ops = c->mulOp();
  OpenQuantity open;
  ExprPtr e = unary(parts[0], open);
  for (size_t i = 1; i < parts.size(); ++i) {
    bool div = ops[i - 1]->SLASH() || ops[i - 1]->DIVIDE();
    ast::BinOp op = div ? ast::BinOp::Div : ast::BinOp::Mul;
    if (open.quantity && continues_quantity(parts[i])) {  // `3.35 TB/s`: the `/ s` is the literal's
      extend_quantity(e.get(), open, op, parts[i]);
      continue;
    }
    open = {};
    e = binary(op, std::move(e), unary(parts[i], open));
  }
  return e;
}

ExprPtr AstBuilder::unary(P::UnaryExprContext* c, OpenQuantity& open) {
  if (c->unaryExpr()) {
    auto e = std::make_unique<Expr>(ExprKind::Unary, span(c));
    e->unop = c->MINUS() ? ast::UnOp::Neg : ast::UnOp::Plus;
    e->lhs = unary(c->unaryExpr(), open);
    return e;
  }
  return juxt(c->juxtExpr(), open);
}

ExprPtr AstBuilder::juxt(P::JuxtExprContext* c, OpenQuantity& open) {
  if (quantity_head(c)) {
    ExprPtr q = quantity(c);
    open.quantity = q.get();
    return q;
  }
  ExprPtr e = pow(c->powExpr());
  for (auto* j : c->juxtOperand()) e = binary(ast::BinOp::Juxt, std::move(e), pow_nn(j->powExprNoNumber()));
  return e;
}

ExprPtr AstBuilder::pow_tail(ExprPtr base, P::PowOpContext* op, P::PowRhsContext* rhs, Span whole) {
  if (!op) return base;
  ExprPtr r = pow(rhs->powExpr());
  if (rhs->MINUS() || rhs->PLUS()) {
    auto u = std::make_unique<Expr>(ExprKind::Unary, span(rhs));
    u->unop = rhs->MINUS() ? ast::UnOp::Neg : ast::UnOp::Plus;
    u->lhs = std::move(r);
    r = std::move(u);
  }
  auto e = binary(ast::BinOp::Pow, std::move(base), std::move(r));
  e->span = whole;
  return e;
}

ExprPtr AstBuilder::pow(P::PowExprContext* c) {
  auto* pf = c->postfixExpr();
  return pow_tail(postfix(primary(pf->primary()), pf->postfix(), pf), c->powOp(), c->powRhs(), span(c));
}

ExprPtr AstBuilder::pow_nn(P::PowExprNoNumberContext* c) {
  auto* pf = c->postfixNoNumber();
  return pow_tail(postfix(primary_nn(pf->primaryNoNumber()), pf->postfix(), pf), c->powOp(), c->powRhs(), span(c));
}

ExprPtr AstBuilder::postfix(ExprPtr e, const std::vector<P::PostfixContext*>& ps, antlr4::ParserRuleContext* whole) {
  for (auto* p : ps) {
    Span sp = Span::join(e->span, span(p));
    if (auto* f = dynamic_cast<P::FieldPostfixContext*>(p)) {
      auto x = std::make_unique<Expr>(ExprKind::Field, sp);
      x->text = f->ident()->getText();
      x->text_span = span(f->ident());
      x->lhs = std::move(e);
      e = std::move(x);
    } else if (auto* cp = dynamic_cast<P::CallPostfixContext*>(p)) {
      auto x = std::make_unique<Expr>(ExprKind::Call, sp);
      x->text = e->kind == ExprKind::Ident ? e->text : std::string();
      x->text_span = e->span;
      for (auto* a : cp->arg()) x->args.push_back(arg(a));
      x->lhs = std::move(e);
      e = std::move(x);
    } else if (auto* w = dynamic_cast<P::WithPostfixContext*>(p)) {
      auto x = record(w->recordBlock(), ExprKind::With);
      x->span = sp;
      x->lhs = std::move(e);
      e = std::move(x);
    }
  }
  (void)whole;
  return e;
}

ExprPtr AstBuilder::record(P::RecordBlockContext* c, ExprKind kind) {
  auto e = std::make_unique<Expr>(kind, span(c));
  for (auto* item : c->recordItem()) {
    if (auto* fi = dynamic_cast<P::FieldItemContext*>(item)) {
      ast::FieldInit f;
      f.name = fi->fieldInit()->ident()->getText();
      f.name_span = span(fi->fieldInit()->ident());
      f.value = expr(fi->fieldInit()->expr());
      e->fields.push_back(std::move(f));
    }
  }
  return e;
}

ExprPtr AstBuilder::primary(P::PrimaryContext* c) {
  if (c->NUMBER()) {
    auto e = std::make_unique<Expr>(ExprKind::Number, span(c));
    e->text = c->NUMBER()->getText();
    e->number = parse_number(e->text);
    return e;
  }
  if (c->recordBlock()) return record(c->recordBlock(), ExprKind::RecordLit);
  if (c->expr()) {
    auto e = std::make_unique<Expr>(ExprKind::Paren, span(c));
    e->lhs = expr(c->expr());
    return e;
  }
  if (c->primaryNoNumber()) return primary_nn(c->primaryNoNumber());
  auto e = std::make_unique<Expr>(ExprKind::Ident, span(c));  // `where` or `step` as a name
  e->text = c->getText();
  e->text_span = e->span;
  return e;
}

ExprPtr AstBuilder::primary_nn(P::PrimaryNoNumberContext* c) {
  Span sp = span(c);
  if (auto* i = dynamic_cast<P::IdentPrimaryContext*>(c)) {
    auto e = std::make_unique<Expr>(ExprKind::Ident, sp);
    e->text = i->getText();
    e->text_span = sp;
    return e;
  }
  if (dynamic_cast<P::PercentPrimaryContext*>(c)) {
    auto e = std::make_unique<Expr>(ExprKind::Ident, sp);
    e->text = std::string(1, '%');  // (not = "%": GCC 12 -Wrestrict false positive)
    e->text_span = sp;
    return e;
  }
  if (auto* s = dynamic_cast<P::StringPrimaryContext*>(c)) {
    auto e = std::make_unique<Expr>(ExprKind::String, sp);
    e->text = unescape(s->getText());
    return e;
  }
  if (auto* b = dynamic_cast<P::BoolPrimaryContext*>(c)) {
    auto e = std::make_unique<Expr>(ExprKind::Bool, sp);
    e->boolean = b->TRUE() != nullptr;
    return e;
  }
  if (auto* l = dynamic_cast<P::ListPrimaryContext*>(c)) {
    auto e = std::make_unique<Expr>(ExprKind::ListLit, sp);
    for (auto* x : l->expr()) e->items.push_back(expr(x));
    return e;
  }
  return std::make_unique<Expr>(ExprKind::Hole, sp);
}

}  // namespace mls::syntax
