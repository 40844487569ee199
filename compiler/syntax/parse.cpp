// Text → tokens → parse tree → AST: UTF-8 check, lexing, lexical errors, nesting bound, then a
// two-stage parse (SLL with bail-out first, full LL with error reporting only when SLL fails).
#include "compiler/syntax/parse.hpp"

#include "MlsLexer.h"
#include "MlsParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/ast_builder.hpp"
#include "compiler/syntax/error_listener.hpp"
#include "compiler/syntax/error_strategy.hpp"
#include "compiler/syntax/interpolation.hpp"
#include "compiler/syntax/keywords.hpp"

namespace mls::syntax {

namespace {
constexpr int kMaxNesting = 256;
// A statement longer than this is refused: the checker walks expressions recursively, and a 1 MB
// one-line sum would otherwise exhaust the stack (tests/hostile/long_line.mls).
constexpr size_t kMaxStatementTokens = 10000;
// Expressions nest at most this deep in the AST, counted in operators and brackets above a leaf (a
// number or a name), so the 256 brackets allowed above are also 256 levels of expression (issue 30:
// the leaf counted as a level and refused them). Brackets are bounded above, but a left-deep chain
// (`1 + 1 + ... + 1`, `a b c d ...`, `x and y and ...`) or a run of prefix operators (`- - - x`)
// nests as deep as it is long, and the checker, both evaluators and the dumps recurse on it: 5,000
// terms overflowed the 8 MB stack (tests/hostile/regress/deep_*.mls).
constexpr int kMaxExprDepth = 256;

// Decodes UTF-8 into code points (what ANTLR indexes) and records each code point's byte offset.
// Returns the offset of the first invalid byte, or -1.
long decode(const std::string& s, std::u32string& cps, std::vector<std::uint32_t>& map) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return long(i);
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) return long(i);
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return long(i);
    map.push_back(static_cast<std::uint32_t>(i));
    cps.push_back(cp);
    i += n;
  }
  map.push_back(static_cast<std::uint32_t>(s.size()));
  return -1;
}

Diagnostic lexical(const std::string& code, std::string msg, Span sp, std::string label, std::string help) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(msg);
  d.labels.push_back({sp, std::move(label), true});
  d.help = std::move(help);
  return d;
}

struct Lexed {
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::unique_ptr<mls_gen::MlsLexer> lexer;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  std::vector<std::uint32_t> map;
  bool ok = true;
};

class SilentLexerListener : public antlr4::BaseErrorListener {
  void syntaxError(antlr4::Recognizer*, antlr4::Token*, size_t, size_t, const std::string&, std::exception_ptr) override {}
};

std::unique_ptr<Lexed> lex(const SourceFile& file, DiagnosticSink* diags) {
  auto L = std::make_unique<Lexed>();
  if (file.text().size() > kMaxSourceBytes) {
    if (diags)
      diags->report(lexical("E0507", "this file is larger than " + std::to_string(kMaxSourceBytes >> 20) + " MiB",
                            {file.id(), 0, 0}, "the limit is " + std::to_string(kMaxSourceBytes >> 20) + " MiB of source",
                            "split it into files joined by `import`, or sweep with a `for` loop instead of writing "
                            "one binding per configuration"));
    L->ok = false;
    return L;
  }
  std::u32string cps;
  long bad = decode(file.text(), cps, L->map);
  if (bad >= 0) {
    if (diags)
      diags->report(lexical("E0101", "this file is not valid UTF-8", {file.id(), uint32_t(bad), uint32_t(bad + 1)},
                            "invalid byte", "save the file as UTF-8"));
    L->ok = false;
    return L;
  }
  L->input = std::make_unique<antlr4::ANTLRInputStream>(file.text());
  L->lexer = std::make_unique<mls_gen::MlsLexer>(L->input.get());
  L->lexer->removeErrorListeners();
  static SilentLexerListener silent;
  L->lexer->addErrorListener(&silent);
  L->tokens = std::make_unique<antlr4::CommonTokenStream>(L->lexer.get());
  L->tokens->fill();
  return L;
}

Span token_span(const SourceFile& f, const std::vector<std::uint32_t>& map, antlr4::Token* t) {
  auto at = [&](size_t cp) { return map[std::min(cp, map.size() - 1)]; };
  return {f.id(), at(t->getStartIndex()), at(t->getStopIndex() + 1)};
}

// A keyword bound as a name (`in = 3`, `row: Count = 2`) at the start of a statement: each one is
// reported (E0206) and the token read as a name, so one compile shows every such clash and sema
// goes on to report the names that would hide a unit or a kind (E0111) in the same run.
void reserved_names(const SourceFile& file, Lexed& L, DiagnosticSink& diags) {
  using P = mls_gen::MlsParser;
  auto toks = L.tokens->getTokens();
  bool at_start = true;
  for (size_t k = 0; k + 1 < toks.size(); ++k) {
    antlr4::Token* t = toks[k];
    int type = static_cast<int>(t->getType());
    int next = static_cast<int>(toks[k + 1]->getType());
    std::string text = t->getText();
    bool keyword = !is_name_token(t->getType()) && !text.empty() && std::isalpha(static_cast<unsigned char>(text[0]));
    if (at_start && keyword && (next == P::ASSIGN || next == P::COLON)) {
      diags.report(lexical("E0206", "`" + text + "` is a reserved word", token_span(file, L.map, t), "a reserved word",
                           "choose another name, e.g. `" + text + "_`"));
      if (auto* w = dynamic_cast<antlr4::WritableToken*>(t)) w->setType(P::IDENT);
    }
    at_start = type == P::NL || type == P::SEMI || type == P::LBRACE;
  }
}

// The first expression (in source order of the walk) lying deeper than kMaxExprDepth below `root`,
// or null. Iterative: the tree may be ~10,000 deep.
const ast::Expr* too_deep(const ast::Expr* root) {
  std::vector<std::pair<const ast::Expr*, int>> todo;
  if (root) todo.emplace_back(root, 0);
  while (!todo.empty()) {
    auto [e, d] = todo.back();
    todo.pop_back();
    if (d > kMaxExprDepth) return e;
    auto push = [&, d = d](const ast::ExprPtr& c) {
      if (c) todo.emplace_back(c.get(), d + 1);
    };
    push(e->lhs), push(e->rhs), push(e->step), push(e->cond), push(e->then_e), push(e->else_e);
    for (auto& a : e->args) push(a.value);
    for (auto& f : e->fields) push(f.value);
    for (auto& i : e->items) push(i);
  }
  return nullptr;
}

const ast::Expr* too_deep(const ast::Stmt& s) {
  std::vector<const ast::Expr*> roots = {s.type.get(), s.value.get(), s.value2.get(), s.tolerance.get(),
                                         s.message.get()};
  for (auto& e : s.exprs) roots.push_back(e.get());
  for (auto& p : s.params) roots.push_back(p.type.get());
  for (auto& f : s.fields) roots.push_back(f.value.get());
  for (auto& b : s.bindings) roots.push_back(b.iterable.get());
  for (auto* r : roots)
    if (auto* e = too_deep(r)) return e;
  for (auto& b : s.body)  // `for` bodies: nested at most 256 deep (braces)
    if (auto* e = too_deep(*b)) return e;
  return nullptr;
}
}  // namespace

std::optional<ast::Program> parse(const SourceFile& file, DiagnosticSink& diags) {
  using P = mls_gen::MlsParser;
  auto L = lex(file, &diags);
  if (!L->ok) return std::nullopt;
  // Lexical errors and the nesting bound, before the (recursive) parser sees the tokens.
  bool lexical_error = false;
  int depth = 0;
  std::vector<antlr4::Token*> open;
  size_t in_statement = 0;
  antlr4::Token* statement_start = nullptr;
  for (antlr4::Token* t : L->tokens->getTokens()) {
    int type = static_cast<int>(t->getType());
    if (depth == 0 && (type == P::NL || type == P::SEMI)) {
      in_statement = 0;
      statement_start = nullptr;
    } else if (++in_statement == 1) {
      statement_start = t;
    } else if (in_statement > kMaxStatementTokens) {
      diags.report(lexical("E0205", "this statement is longer than " + std::to_string(kMaxStatementTokens) + " tokens",
                           token_span(file, L->map, statement_start), "statement starts here",
                           "split it into several named bindings"));
      return std::nullopt;
    }
    if (type == P::ERRCHAR) {
      std::string text = t->getText();
      bool nul = text.size() == 1 && text[0] == '\0';
      diags.report(lexical("E0101", nul ? "a NUL byte in the source" : "unexpected character `" + text + "`",
                           token_span(file, L->map, t), "not part of MLS",
                           nul ? "remove the NUL byte (is this a binary file?)" : "remove it, or put text in double quotes"));
      lexical_error = true;
    } else if (type == P::UNTERMINATED_STRING) {
      diags.report(lexical("E0104", "this string is not closed", token_span(file, L->map, t), "no closing `\"`",
                           "end the string with `\"` on the same line"));
      lexical_error = true;
    } else if (type == P::LPAREN || type == P::LBRACK || type == P::LBRACE) {
      open.push_back(t);
      if (++depth > kMaxNesting) {
        diags.report(lexical("E0205", "brackets nested more than " + std::to_string(kMaxNesting) + " deep",
                             token_span(file, L->map, t), "too deep", "split the expression into named parts"));
        return std::nullopt;
      }
    } else if (type == P::RPAREN || type == P::RBRACK || type == P::RBRACE) {
      if (depth > 0) {
        --depth;
        open.pop_back();
      }
    }
  }
  if (lexical_error) return std::nullopt;
  if (!open.empty()) {
    antlr4::Token* t = open.back();
    std::string closer = t->getText() == "(" ? ")" : t->getText() == "[" ? "]" : "}";
    diags.report(lexical("E0202", "`" + t->getText() + "` is never closed", token_span(file, L->map, t),
                         "opened here", "add the matching `" + closer + "`"));
    return std::nullopt;
  }

  reserved_names(file, *L, diags);

  // Stage 1: SLL with bail-out (fast path for correct programs).
  P parser(L->tokens.get());
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  P::ProgramContext* tree = nullptr;
  try {
    tree = parser.program();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  }
  // Stage 2: full LL with our listener, only when SLL failed.
  std::vector<Diagnostic> errors;
  ErrorListener listener(file.id(), L->map, errors);
  if (!tree) {
    L->tokens->seek(0);
    parser.reset();
    parser.addErrorListener(&listener);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<ErrorStrategy>());
    tree = parser.program();
    if (errors.empty()) {
      Diagnostic d = lexical("E0201", "this text cannot be parsed", {file.id(), 0, 0}, "here", "");
      errors.push_back(d);
    }
  }
  if (!errors.empty()) {
    for (auto& d : errors) diags.report(std::move(d));
    return std::nullopt;
  }
  AstBuilder builder(file.id(), L->map);
  ast::Program program = builder.program(tree);
  if (!split_interpolations(program, file, diags)) return std::nullopt;
  for (auto& st : program.stmts)
    if (const ast::Expr* e = too_deep(*st)) {
      diags.report(lexical("E0205", "this expression nests more than " + std::to_string(kMaxExprDepth) + " levels deep",
                           {file.id(), e->span.begin, std::min(e->span.end, e->span.begin + 1)}, "too deep",
                           "split it into named bindings (a long sum or chain of operators nests one level per operator)"));
      return std::nullopt;
    }
  return program;
}

std::string dump_tokens(const SourceFile& file) {
  auto L = lex(file, nullptr);
  if (!L->ok) return "error: not valid UTF-8\n";
  std::string out;
  mls_gen::MlsLexer& lx = *L->lexer;
  for (antlr4::Token* t : L->tokens->getTokens()) {
    auto sp = token_span(file, L->map, t);
    auto lc = file.line_col(sp.begin);
    std::string name = t->getType() == antlr4::Token::EOF ? "EOF" : std::string(lx.getVocabulary().getSymbolicName(t->getType()));
    std::string text = t->getType() == antlr4::Token::EOF ? "" : t->getText();
    if (text == "\n" || text == "\r\n") text = "\\n";
    out += std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + name + " '" + text + "'\n";
  }
  return out;
}

}  // namespace mls::syntax
