// Interpolated strings in `print`: "ridge = {ridge -> FLOP/B}" is split into its literal pieces and
// the expressions between braces (`{{` and `}}` are literal braces). Each expression is parsed on its
// own, with spans inside the string, so its errors point at it.
#pragma once

#include "compiler/ast/ast.hpp"
#include "compiler/diag/diagnostic.hpp"

namespace mls::syntax {

// Rewrites every string printed by a `print` statement (in loops too) that holds braces into an
// Interp expression. Returns false after reporting E0201 for a brace that is never closed, a lone
// `}`, an empty `{}` or an expression that does not parse.
bool split_interpolations(ast::Program& program, const SourceFile& file, DiagnosticSink& diags);

}  // namespace mls::syntax
