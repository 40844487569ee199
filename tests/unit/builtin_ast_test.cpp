// The prelude's and the zoo's ASTs embedded at build time (runtime/driver/gen/builtin_ast_gen.cpp)
// must be exactly what the parser makes of the embedded text today: every file has one, it reads
// back to the same tree (same dump, same bytes), and bytes cut short are refused, never misread.
#include <catch2/catch.hpp>

#include "compiler/syntax/ast_serial.hpp"
#include "compiler/syntax/parse.hpp"
#include "runtime/driver/embedded.hpp"

#include <string>

using namespace mls;

namespace {
void check_file(const embedded::File& file, std::string_view embedded_ast) {
  INFO(file.path);
  REQUIRE(!embedded_ast.empty());  // parsed cleanly at build time: no ANTLR for it at run time
  SourceManager sm;
  sm.add("<no file>", "");
  const SourceFile& parsed_file = sm.add(file.path, file.text);
  const SourceFile& read_file = sm.add(file.path, file.text);
  DiagnosticSink diags;
  auto parsed = syntax::parse(parsed_file, diags);
  REQUIRE(parsed);
  auto bytes = syntax::serialize(*parsed);
  REQUIRE(bytes);
  CHECK(*bytes == embedded_ast);  // not stale: today's parser on today's text
  auto read = syntax::deserialize(embedded_ast, read_file.id());
  REQUIRE(read);
  CHECK(read->file == read_file.id());
  CHECK(ast::dump(*read, sm) == ast::dump(*parsed, sm));
  CHECK(syntax::serialize(*read) == std::string(embedded_ast));
}
}  // namespace

TEST_CASE("builtin ASTs: every prelude file's is today's parse", "[builtin_ast]") {
  for (std::size_t k = 0; k < embedded::kPreludeCount; ++k) check_file(embedded::kPrelude[k], embedded::kPreludeAst[k]);
}

TEST_CASE("builtin ASTs: every zoo file's is today's parse", "[builtin_ast]") {
  for (std::size_t k = 0; k < embedded::kZooCount; ++k) check_file(embedded::kZoo[k], embedded::kZooAst[k]);
}

TEST_CASE("builtin ASTs: bytes cut short or with trailing bytes are refused", "[builtin_ast]") {
  std::string_view bytes = embedded::kPreludeAst[0];
  for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 50) {
    INFO(n);
    CHECK(!syntax::deserialize(bytes.substr(0, n), 1));
  }
  CHECK(!syntax::deserialize(std::string(bytes) + '\0', 1));
  CHECK(syntax::deserialize(bytes, 1));
}

TEST_CASE("builtin ASTs: spans of no file stay spans of no file", "[builtin_ast]") {
  ast::Program p;
  p.file = 3;
  p.stmts.push_back(std::make_unique<ast::Stmt>(ast::StmtKind::ExprStmt, Span{3, 0, 5}));
  p.stmts[0]->value = std::make_unique<ast::Expr>(ast::ExprKind::Number, Span{});
  auto bytes = syntax::serialize(p);
  REQUIRE(bytes);
  auto read = syntax::deserialize(*bytes, 7);
  REQUIRE(read);
  CHECK(read->stmts[0]->span.file == 7);
  CHECK(!read->stmts[0]->value->span.valid());
  // A span in another file, or a program of file 0, cannot be written.
  p.stmts[0]->value->span = Span{4, 1, 2};
  CHECK(!syntax::serialize(p));
  p.file = 0;
  p.stmts[0]->value->span = Span{};
  CHECK(!syntax::serialize(p));
}
