// Text → tokens → parse tree → AST. ANTLR4 is hidden behind this header.
#pragma once

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"

#include <optional>
#include <string>

namespace mls::syntax {

// Parses one file (SLL first, LL on failure). Syntax errors become E02xx diagnostics with spans and
// a message in words ("expected a value after '='", not token names); returns nullopt when any
// syntax error was reported. Never prints, never throws for bad input.
std::optional<ast::Program> parse(const SourceFile& file, DiagnosticSink& diags);

// `mls --emit=tokens`: one token per line: "line:col KIND 'text'".
std::string dump_tokens(const SourceFile& file);

}  // namespace mls::syntax
