// The MLS abstract syntax tree. Built from the ANTLR parse tree by syntax/ast_builder; every node
// carries a Span. Nodes are plain structs with a kind tag (switch over `kind`, no visitor templates).
#pragma once

#include "compiler/source/source.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mls::ast {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

// ---- expressions -------------------------------------------------------------------------------
enum class ExprKind {
  Number,     // 3.35  (text kept for messages)
  String,     // "text"
  Bool,       // true / false
  Ident,      // peak, TB, H100, fp16
  Unary,      // -x, not x
  Binary,     // a + b, a * b, a b (juxtaposition: op = Juxt), a ^ b, comparisons, and/or
  Convert,    // a -> unit  |  a to unit
  Call,       // f(a, name = b)
  Field,      // a.b
  With,       // a with { f = v, ... }
  RecordLit,  // { f = v, ... }
  ListLit,    // [a, b, c]
  Range,      // a..b [step s | step *s]
  If,         // if c then a else b
  Hole,       // ?
  Paren,      // (a) — kept so spans and messages can quote what the user wrote
  Interp,     // "ridge = {r -> FLOP/B}" in `print`: pieces[k] text, then items[k] shown, ..., then the last piece
};

enum class BinOp { Add, Sub, Mul, Div, Juxt, Pow, Eq, Ne, Lt, Le, Gt, Ge, And, Or, Approx, Default };  // Default: `a ?? b`
enum class UnOp { Neg, Plus, Not };

const char* binop_text(BinOp op);  // "+", "*", " " for Juxt, "≈" for Approx

struct Arg {
  std::optional<std::string> name;  // named argument
  Span name_span;
  ExprPtr value;
};

struct FieldInit {
  std::string name;
  Span name_span;
  ExprPtr value;
};

struct Expr {
  ExprKind kind;
  Span span;

  // Number
  double number = 0;
  // Number (source text), String (contents), Ident (name), Field (field name), Call (callee name)
  std::string text;
  Span text_span;  // Field: span of the field name; Call: span of the callee name

  // Unary / Binary
  UnOp unop = UnOp::Neg;
  BinOp binop = BinOp::Add;
  ExprPtr lhs, rhs;  // Unary uses lhs; Convert: lhs -> rhs (rhs is a unit expression);
                     // Range: lhs..rhs; Field / With: lhs is the object; Paren: lhs
  // Range step: step (arithmetic) or geometric factor
  ExprPtr step;
  bool geometric = false;
  // If
  ExprPtr cond, then_e, else_e;
  // Call
  std::vector<Arg> args;
  // With, RecordLit
  std::vector<FieldInit> fields;
  // ListLit, Interp (the values between the pieces)
  std::vector<ExprPtr> items;
  std::vector<std::string> pieces;  // Interp: literal text, one more than items
  // Bool
  bool boolean = false;

  explicit Expr(ExprKind k, Span s) : kind(k), span(s) {}
};

// ---- statements --------------------------------------------------------------------------------
enum class StmtKind {
  Let,        // name[: Type] = expr
  Print,      // print e1, e2
  Assert,     // assert cond[, "message"]
  Expect,     // expect a ≈ b within tol   (ASCII: ~=)
  ExprStmt,   // a bare expression (printed)
  Fn,         // fn name(p[: T], ...) [-> T] = expr
  Dimension,  // dimension Name [= dim-expr]
  Unit,       // @decorators unit name [: Dim] [= expr]
  Record,     // kind Name { fields }   (zoo-style typed declaration)
  For,        // for x in e[, y in e2] { stmts }
  Row,        // row k = v, ...   (inside for)
  Import,     // import "path.mls"
  Plot,       // plot kind(args)   (value = the call; its callee names the chart kind)
};

// @source("title", url = "...", verified = "2024-06-15"), @assumed, @metric_prefixes, @aliases(a, b)
struct Annotation {
  std::string name;
  Span span;
  std::vector<Arg> args;
};

struct Param {
  std::string name;
  Span span;
  ExprPtr type;  // optional annotation: a dimension or record-kind expression (Ident / Binary of Idents)
};

struct RecordField {
  std::string name;
  Span name_span;
  ExprPtr value;
  std::vector<Annotation> annotations;  // per-field provenance overrides
};

struct ForBinding {
  std::string name;
  Span name_span;
  ExprPtr iterable;
  ExprPtr filter;                 // `in LIST where COND`: the items COND is true for (optional)
};

// A clause after a loop's block: `where COND`, `best 5 by KEY`, `count`, `pareto(K1, K2)`, ...
struct LoopClause {
  std::string word;               // where, best, count, minimum, maximum, mean, pareto
  Span span;
  std::optional<double> top;      // best N by
  std::string by;                 // "by" (best)
  std::vector<ExprPtr> exprs;     // condition or keys
};

struct Stmt {
  StmtKind kind;
  Span span;

  std::string name;            // Let / Fn / Dimension / Unit: the bound name; Record: entry name; Import: path
  Span name_span;
  std::string kind_name;       // Record: the kind ("hardware", "transformer", ...)
  Span kind_span;
  ExprPtr type;                // Let annotation; Fn result annotation; Unit ": Dim"; Dimension "= dim-expr"
  ExprPtr value;               // Let value; Fn body; Unit "= expr"; Assert condition; Expect lhs; ExprStmt
  ExprPtr value2;              // Expect rhs
  ExprPtr tolerance;           // Expect "within" tolerance (a percentage or an absolute quantity)
  ExprPtr message;             // Assert message (string)
  std::vector<ExprPtr> exprs;  // Print
  std::vector<Param> params;   // Fn
  std::vector<Annotation> annotations;  // Unit decorators, Record entry annotations, Let annotations
  std::vector<RecordField> fields;      // Record body; Row cells (value = cell expression)
  std::vector<ForBinding> bindings;     // For
  std::vector<StmtPtr> body;            // For body
  std::vector<LoopClause> clauses;      // For: where / reductions

  explicit Stmt(StmtKind k, Span s) : kind(k), span(s) {}
};

struct Program {
  FileId file = 0;
  std::vector<StmtPtr> stmts;
};

// Indented, span-annotated dump for `mls --emit=ast`.
std::string dump(const Program& p, const SourceManager& sm);

}  // namespace mls::ast
