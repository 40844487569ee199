// The typed parse-tree → AST transformer (runtime 4.9's antlrcpp::Any is not used for results).
#pragma once

#include "MlsParser.h"
#include "compiler/ast/ast.hpp"

#include <cstdint>
#include <vector>

namespace mls::syntax {

// A NUMBER token's value (`1_000` → 1000).
double parse_number(const std::string& text);

class AstBuilder {
 public:
  // `cp_to_byte[i]` is the byte offset of code point i (ANTLR indexes code points).
  AstBuilder(FileId file, const std::vector<std::uint32_t>& cp_to_byte) : file_(file), map_(cp_to_byte) {}
  ast::Program program(mls_gen::MlsParser::ProgramContext* ctx);
  ast::ExprPtr interpolation(mls_gen::MlsParser::InterpolationContext* ctx) { return expr(ctx->expr()); }

 private:
  using P = mls_gen::MlsParser;
  Span span(antlr4::ParserRuleContext* c) const;
  Span span(antlr4::Token* t) const;
  Span span(antlr4::tree::TerminalNode* n) const { return span(n->getSymbol()); }

  ast::StmtPtr statement(P::StatementContext* c);
  ast::StmtPtr block_statement(P::StatementContext* c) { return statement(c); }
  std::vector<ast::Annotation> annotations(const std::vector<P::AnnotationContext*>& as);
  ast::Annotation annotation(P::AnnotationContext* a);
  ast::Arg arg(P::ArgContext* a);

  ast::ExprPtr expr(P::ExprContext* c);
  ast::ExprPtr conv(P::ConvExprContext* c);
  ast::ExprPtr or_(P::OrExprContext* c);
  ast::ExprPtr and_(P::AndExprContext* c);
  ast::ExprPtr not_(P::NotExprContext* c);
  ast::ExprPtr cmp(P::CmpExprContext* c);
  ast::ExprPtr default_(P::DefaultExprContext* c);
  ast::ExprPtr range(P::RangeExprContext* c);
  ast::ExprPtr add(P::AddExprContext* c);
  ast::ExprPtr mul(P::MulExprContext* c);
  // The quantity literal ending the operand built last (under its signs), which a following
  // `* / · × ÷ unit…` term still extends; null when there is none. See compiler/syntax/quantity.cpp.
  struct OpenQuantity {
    ast::Expr* quantity = nullptr;
  };
  ast::ExprPtr unary(P::UnaryExprContext* c, OpenQuantity& open);
  ast::ExprPtr juxt(P::JuxtExprContext* c, OpenQuantity& open);
  // compiler/syntax/quantity.cpp
  ast::ExprPtr atom(P::PrimaryNoNumberContext* c, P::PowOpContext* op, P::PowRhsContext* rhs,
                    antlr4::ParserRuleContext* whole);
  ast::ExprPtr quantity(P::JuxtExprContext* c);
  void extend_quantity(ast::Expr* root, OpenQuantity& open, ast::BinOp op, P::UnaryExprContext* term);
  ast::ExprPtr pow(P::PowExprContext* c);
  ast::ExprPtr pow_nn(P::PowExprNoNumberContext* c);
  ast::ExprPtr pow_tail(ast::ExprPtr base, P::PowOpContext* op, P::PowRhsContext* rhs, Span whole);
  ast::ExprPtr postfix(ast::ExprPtr base, const std::vector<P::PostfixContext*>& ps, antlr4::ParserRuleContext* whole);
  ast::ExprPtr primary(P::PrimaryContext* c);
  ast::ExprPtr primary_nn(P::PrimaryNoNumberContext* c);
  ast::ExprPtr record(P::RecordBlockContext* c, ast::ExprKind kind);
  ast::ExprPtr binary(ast::BinOp op, ast::ExprPtr a, ast::ExprPtr b);

  FileId file_;
  const std::vector<std::uint32_t>& map_;
};

}  // namespace mls::syntax
