#include "compiler/syntax/interpolation.hpp"

#include "MlsLexer.h"
#include "MlsParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/ast_builder.hpp"
#include "compiler/syntax/error_listener.hpp"

namespace mls::syntax {

namespace {

Diagnostic brace_error(std::string msg, Span at, std::string label, std::string help) {
  Diagnostic d;
  d.code = "E0201";
  d.message = std::move(msg);
  d.labels.push_back({at, std::move(label), true});
  d.help = std::move(help);
  return d;
}

// Parses the expression at bytes [begin, end) of the file; spans stay those of the file.
ast::ExprPtr parse_piece(const SourceFile& file, std::uint32_t begin, std::uint32_t end, DiagnosticSink& diags) {
  std::string text = file.text().substr(begin, end - begin);
  std::vector<std::uint32_t> map;  // code point → byte offset in the file (ANTLR counts code points)
  for (std::uint32_t k = 0; k < text.size(); ++k)
    if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) map.push_back(begin + k);
  map.push_back(end);
  antlr4::ANTLRInputStream input(text);
  mls_gen::MlsLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  int depth = 0, deepest = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    auto type = t->getType();
    depth += type == mls_gen::MlsLexer::LPAREN || type == mls_gen::MlsLexer::LBRACK || type == mls_gen::MlsLexer::LBRACE;
    depth -= depth > 0 && (type == mls_gen::MlsLexer::RPAREN || type == mls_gen::MlsLexer::RBRACK || type == mls_gen::MlsLexer::RBRACE);
    deepest = std::max(deepest, depth);
  }
  // The bounds parse() puts on a statement (the parser and the checker recurse on what they read).
  if (deepest > 256 || tokens.getTokens().size() > 10000) {
    Diagnostic d = brace_error("the expression between these braces is too large or nests too deep", {file.id(), begin, end},
                               "here", "bind it to a name and show the name");
    d.code = "E0205";
    diags.report(std::move(d));
    return nullptr;
  }
  for (antlr4::Token* t : tokens.getTokens())
    if (t->getType() == mls_gen::MlsLexer::ERRCHAR || t->getType() == mls_gen::MlsLexer::STRING ||
        t->getType() == mls_gen::MlsLexer::UNTERMINATED_STRING) {
      Span at{file.id(), map[std::min<size_t>(t->getStartIndex(), map.size() - 1)],
              map[std::min<size_t>(t->getStopIndex() + 1, map.size() - 1)]};
      diags.report(brace_error("`" + t->getText() + "` cannot appear between the braces of a string", at, "here",
                               "between braces write an expression without quotes; bind a string to a name first"));
      return nullptr;
    }
  mls_gen::MlsParser parser(&tokens);
  parser.removeErrorListeners();
  std::vector<Diagnostic> errors;
  ErrorListener listener(file.id(), map, errors);
  parser.addErrorListener(&listener);
  auto* tree = parser.interpolation();
  if (!errors.empty()) {
    for (auto& d : errors) diags.report(std::move(d));
    return nullptr;
  }
  AstBuilder builder(file.id(), map);
  return builder.interpolation(tree);
}

// The string expression `e` (a `print` operand) as pieces and values; nullptr when it has no braces.
bool split(ast::ExprPtr& e, const SourceFile& file, DiagnosticSink& diags) {
  if (e->kind != ast::ExprKind::String || e->span.end < e->span.begin + 2) return true;
  const std::string& src = file.text();
  std::uint32_t b = e->span.begin + 1, end = e->span.end - 1;  // inside the quotes
  std::string_view raw(src.data() + b, end - b);
  if (raw.find_first_of("{}") == std::string_view::npos) return true;
  auto out = std::make_unique<ast::Expr>(ast::ExprKind::Interp, e->span);
  std::string piece;
  bool ok = true;
  for (std::uint32_t k = b; k < end; ++k) {
    char c = src[k];
    if (c == '\\' && k + 1 < end) {
      char n = src[++k];
      piece += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else if ((c == '{' || c == '}') && k + 1 < end && src[k + 1] == c) {
      piece += c;
      ++k;
    } else if (c == '}') {
      diags.report(brace_error("a lone `}` in a printed string", {file.id(), k, k + 1}, "not closing a `{`",
                               "write `}}` for a literal brace"));
      return false;
    } else if (c == '{') {
      std::uint32_t close = k + 1;
      for (int depth = 1; close < end; ++close) {
        if (src[close] == '{') ++depth;
        if (src[close] == '}' && --depth == 0) break;
      }
      if (close >= end) {
        diags.report(brace_error("this `{` in a printed string is never closed", {file.id(), k, k + 1},
                                 "opens a value to show", "close it with `}`, or write `{{` for a literal brace"));
        return false;
      }
      if (src.find_first_not_of(" \t", k + 1) >= close) {
        diags.report(brace_error("`{}` shows nothing", {file.id(), k, close + 1}, "empty",
                                 "put an expression between the braces (`{ridge -> FLOP/B}`), or write `{{}}` for literal braces"));
        return false;
      }
      ast::ExprPtr x = parse_piece(file, k + 1, close, diags);
      if (!x) ok = false;
      out->pieces.push_back(std::move(piece));
      piece.clear();
      out->items.push_back(std::move(x));
      k = close;
    } else {
      piece += c;
    }
  }
  if (!ok) return false;
  out->pieces.push_back(std::move(piece));
  e = std::move(out);
  return true;
}

bool walk(std::vector<ast::StmtPtr>& stmts, const SourceFile& file, DiagnosticSink& diags) {
  bool ok = true;
  for (auto& s : stmts) {
    if (s->kind == ast::StmtKind::Print)
      for (auto& e : s->exprs) ok = split(e, file, diags) && ok;
    ok = walk(s->body, file, diags) && ok;
  }
  return ok;
}

}  // namespace

bool split_interpolations(ast::Program& program, const SourceFile& file, DiagnosticSink& diags) {
  return walk(program.stmts, file, diags);
}

}  // namespace mls::syntax
