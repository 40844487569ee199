// Quantity literals: the grammar (grammar/Mls.g4, juxtExpr) parses `3.35 TB/s` as the product
// (3.35 TB) / s so that every parse decision is taken on one token; this file regroups it into the
// literal `3.35 (TB / s)` the language defines, exactly as the earlier rule
//   quantityLit : NUMBER unitAtom ((STAR | SLASH | CDOT | TIMES | DIVIDE)? unitAtom)* ;
//   unitAtom    : (juxtName | PERCENT) (powOp powRhs)? ;
// grouped it. That rule was taken whenever it could be: a number with nothing after it but unit atoms
// (a name or `%`, no field, call or `with`, an optional power) is a literal (`2 GPU x` is 2 (GPU x),
// `2 GPU x.y` is the product (2 GPU) x.y), and the literal goes on through `* / · × ÷` as long as the
// next term (without a sign) is unit atoms too (`50 cm / 2 m` is (50 cm) / (2 m), `2 m / s x.y` is
// (2 m) / (s x.y)). scripts/same-parse compares the ASTs with a build of the earlier grammar.
#include "compiler/syntax/quantity.hpp"

#include "compiler/syntax/ast_builder.hpp"

#include <algorithm>

namespace mls::syntax {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using P = mls_gen::MlsParser;

bool unit_atom(P::PrimaryNoNumberContext* c, const std::vector<P::PostfixContext*>& postfixes) {
  return postfixes.empty() &&
         (dynamic_cast<P::IdentPrimaryContext*>(c) != nullptr || dynamic_cast<P::PercentPrimaryContext*>(c) != nullptr);
}

bool unit_atoms(const std::vector<P::JuxtOperandContext*>& operands) {
  return std::all_of(operands.begin(), operands.end(), [](P::JuxtOperandContext* o) {
    auto* pf = o->powExprNoNumber()->postfixNoNumber();
    return unit_atom(pf->primaryNoNumber(), pf->postfix());
  });
}

bool quantity_head(P::JuxtExprContext* c) {
  auto* head = c->powExpr();
  auto* pf = head->postfixExpr();
  return !head->powOp() && pf->postfix().empty() && pf->primary()->NUMBER() && !c->juxtOperand().empty() &&
         unit_atoms(c->juxtOperand());
}

bool continues_quantity(P::UnaryExprContext* c) {
  if (c->unaryExpr()) return false;
  auto* j = c->juxtExpr();
  auto* pf = j->powExpr()->postfixExpr();
  auto* pn = pf->primary()->primaryNoNumber();
  return pn && unit_atom(pn, pf->postfix()) && unit_atoms(j->juxtOperand());
}

// A unit atom's name spans its token; `%` spans the whole atom, power included (as the earlier
// rule's unitAtom context did).
ExprPtr AstBuilder::atom(P::PrimaryNoNumberContext* c, P::PowOpContext* op, P::PowRhsContext* rhs,
                         antlr4::ParserRuleContext* whole) {
  bool percent = dynamic_cast<P::PercentPrimaryContext*>(c) != nullptr;
  auto u = std::make_unique<Expr>(ExprKind::Ident, percent ? span(whole) : span(c));
  u->text = percent ? std::string(1, '%') : c->getText();
  u->text_span = u->span;
  return pow_tail(std::move(u), op, rhs, span(whole));
}

// Juxt(number, chain): the atoms juxtaposed left to right (`GPU h` → GPU h).
ExprPtr AstBuilder::quantity(P::JuxtExprContext* c) {
  auto* primary = c->powExpr()->postfixExpr()->primary();
  auto num = std::make_unique<Expr>(ExprKind::Number, span(primary->NUMBER()));
  num->text = primary->NUMBER()->getText();
  num->number = parse_number(num->text);
  ExprPtr chain;
  for (auto* o : c->juxtOperand()) {
    auto* p = o->powExprNoNumber();
    ExprPtr a = atom(p->postfixNoNumber()->primaryNoNumber(), p->powOp(), p->powRhs(), p);
    chain = chain ? binary(ast::BinOp::Juxt, std::move(chain), std::move(a)) : std::move(a);
  }
  return binary(ast::BinOp::Juxt, std::move(num), std::move(chain));
}

// Appends `op term` to the open literal's chain (`TB` → TB / s) and widens the spans of the nodes
// above it on `root`'s right spine (its signs, the products it ends), which the earlier grammar's
// contexts covered.
void AstBuilder::extend_quantity(Expr* root, OpenQuantity& open, ast::BinOp op, P::UnaryExprContext* term) {
  auto* j = term->juxtExpr();
  auto* head = j->powExpr();
  Expr* q = open.quantity;
  q->rhs = binary(op, std::move(q->rhs), atom(head->postfixExpr()->primary()->primaryNoNumber(), head->powOp(),
                                             head->powRhs(), head));
  for (auto* o : j->juxtOperand()) {
    auto* p = o->powExprNoNumber();
    q->rhs = binary(ast::BinOp::Juxt, std::move(q->rhs),
                    atom(p->postfixNoNumber()->primaryNoNumber(), p->powOp(), p->powRhs(), p));
  }
  std::uint32_t end = q->rhs->span.end;
  for (Expr* e = root;; e = e->kind == ExprKind::Binary ? e->rhs.get() : e->lhs.get()) {
    e->span.end = std::max(e->span.end, end);
    if (e == q) break;
  }
}

}  // namespace mls::syntax
