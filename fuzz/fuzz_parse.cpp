// libFuzzer target (a): the lexer and parser. Any bytes → syntax::parse on a SourceFile (UTF-8 check,
// ANTLR lexer, the nesting and length bounds, SLL then LL parse, the AST builder), then the token dump
// and, when it parsed, the AST dump (`mls --emit=tokens|ast`). Must never crash, hang or leak.
#include "compiler/ast/ast.hpp"
#include "compiler/syntax/parse.hpp"
#include "fuzz/harness.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mls::SourceManager sm;
  const mls::SourceFile& file = sm.add(mls::fuzz::script_path(), mls::fuzz::input_text(data, size));
  mls::DiagnosticSink diags;
  auto program = mls::syntax::parse(file, diags);
  if (program) {
    // parse() returns nullopt after any syntax error, except the clashes it reports and recovers from so
    // that one run lists them all (E0206, a keyword bound as a name: issue 29)
    for (auto& d : diags.all())
      if (d.severity == mls::Severity::Error && d.code != "E0206") __builtin_trap();
    (void)mls::ast::dump(*program, sm);
  } else if (!diags.has_errors()) {
    __builtin_trap();  // nullopt without a diagnostic: the user would see nothing
  }
  (void)mls::syntax::dump_tokens(file);
  return 0;
}
