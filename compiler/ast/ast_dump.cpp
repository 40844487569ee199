#include "compiler/ast/ast.hpp"

#include <sstream>

namespace mls::ast {

const char* binop_text(BinOp op) {
  switch (op) {
    case BinOp::Add: return "+";
    case BinOp::Sub: return "-";
    case BinOp::Mul: return "*";
    case BinOp::Div: return "/";
    case BinOp::Juxt: return "·";
    case BinOp::Pow: return "^";
    case BinOp::Eq: return "==";
    case BinOp::Ne: return "!=";
    case BinOp::Lt: return "<";
    case BinOp::Le: return "<=";
    case BinOp::Gt: return ">";
    case BinOp::Ge: return ">=";
    case BinOp::And: return "and";
    case BinOp::Or: return "or";
    case BinOp::Approx: return "≈";
    case BinOp::Default: return "??";
  }
  return "?";
}

namespace {
struct Dumper {
  const SourceManager& sm;
  std::ostringstream os;

  std::string at(Span s) {
    auto lc = sm.get(s.file).line_col(s.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  void line(int d, const std::string& text, Span s) { os << std::string(size_t(d) * 2, ' ') << text << "  @" << at(s) << "\n"; }

  void expr(const Expr& e, int d) {
    switch (e.kind) {
      case ExprKind::Number: line(d, "Number " + e.text, e.span); break;
      case ExprKind::String: line(d, "String \"" + e.text + "\"", e.span); break;
      case ExprKind::Bool: line(d, std::string("Bool ") + (e.boolean ? "true" : "false"), e.span); break;
      case ExprKind::Ident: line(d, "Ident " + e.text, e.span); break;
      case ExprKind::Hole: line(d, "Hole ?", e.span); break;
      case ExprKind::Paren: line(d, "Paren", e.span); expr(*e.lhs, d + 1); break;
      case ExprKind::Interp:
        line(d, "Interp " + std::to_string(e.items.size()) + " value(s)", e.span);
        for (auto& x : e.items) expr(*x, d + 1);
        break;
      case ExprKind::Unary:
        line(d, std::string("Unary ") + (e.unop == UnOp::Neg ? "-" : e.unop == UnOp::Not ? "not" : "+"), e.span);
        expr(*e.lhs, d + 1);
        break;
      case ExprKind::Binary:
        line(d, std::string("Binary ") + (e.binop == BinOp::Juxt ? "juxtaposition" : binop_text(e.binop)), e.span);
        expr(*e.lhs, d + 1);
        expr(*e.rhs, d + 1);
        break;
      case ExprKind::Convert: line(d, "Convert ->", e.span); expr(*e.lhs, d + 1); expr(*e.rhs, d + 1); break;
      case ExprKind::Call:
        line(d, "Call " + e.text, e.span);
        for (auto& a : e.args) {
          if (a.name) line(d + 1, "named " + *a.name, a.name_span);
          expr(*a.value, d + (a.name ? 2 : 1));
        }
        break;
      case ExprKind::Field: line(d, "Field ." + e.text, e.span); expr(*e.lhs, d + 1); break;
      case ExprKind::With:
      case ExprKind::RecordLit:
        line(d, e.kind == ExprKind::With ? "With" : "Record", e.span);
        if (e.lhs) expr(*e.lhs, d + 1);
        for (auto& f : e.fields) {
          line(d + 1, "field " + f.name, f.name_span);
          expr(*f.value, d + 2);
        }
        break;
      case ExprKind::ListLit:
        line(d, "List", e.span);
        for (auto& i : e.items) expr(*i, d + 1);
        break;
      case ExprKind::Range:
        line(d, std::string("Range") + (e.geometric ? " geometric" : ""), e.span);
        expr(*e.lhs, d + 1);
        expr(*e.rhs, d + 1);
        if (e.step) expr(*e.step, d + 1);
        break;
      case ExprKind::If:
        line(d, "If", e.span);
        expr(*e.cond, d + 1);
        expr(*e.then_e, d + 1);
        expr(*e.else_e, d + 1);
        break;
    }
  }

  void annotations(const std::vector<Annotation>& as, int d) {
    for (auto& a : as) {
      line(d, "@" + a.name, a.span);
      for (auto& x : a.args) expr(*x.value, d + 1);
    }
  }

  void stmt(const Stmt& s, int d) {
    static const char* names[] = {"Let", "Print", "Assert", "Expect", "ExprStmt", "Fn", "Dimension", "Unit", "Record", "For", "Row", "Import", "Plot"};
    std::string head = names[int(s.kind)];
    if (!s.kind_name.empty()) head += " " + s.kind_name;
    if (!s.name.empty()) head += " " + s.name;
    line(d, head, s.span);
    annotations(s.annotations, d + 1);
    for (auto& p : s.params) {
      line(d + 1, "param " + p.name, p.span);
      if (p.type) expr(*p.type, d + 2);
    }
    if (s.type) { line(d + 1, "type", s.type->span); expr(*s.type, d + 2); }
    if (s.value) expr(*s.value, d + 1);
    if (s.value2) expr(*s.value2, d + 1);
    if (s.tolerance) { line(d + 1, "within", s.tolerance->span); expr(*s.tolerance, d + 2); }
    if (s.message) expr(*s.message, d + 1);
    for (auto& e : s.exprs) expr(*e, d + 1);
    for (auto& f : s.fields) {
      line(d + 1, "field " + f.name, f.name_span);
      expr(*f.value, d + 2);
      annotations(f.annotations, d + 2);
    }
    for (auto& b : s.bindings) {
      line(d + 1, "in " + b.name, b.name_span);
      expr(*b.iterable, d + 2);
      if (b.filter) {
        line(d + 2, "where", b.filter->span);
        expr(*b.filter, d + 3);
      }
    }
    for (auto& b : s.body) stmt(*b, d + 1);
  }
};
}  // namespace

std::string dump(const Program& p, const SourceManager& sm) {
  Dumper d{sm, {}};
  for (auto& s : p.stmts) d.stmt(*s, 0);
  return d.os.str();
}

}  // namespace mls::ast
