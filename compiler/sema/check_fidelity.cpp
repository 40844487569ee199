// The fidelity statement: `fidelity = calibrated` (or `textbook`) at the top level of a script sets
// the level of every solver call after it that does not pass `fidelity = ...` itself (docs/fidelity.md,
// docs/language.md "Fidelity"). It is a setting of the checker, not a variable: the level is known
// when the calls are compiled, so both evaluators run the same constant argument.
#include "compiler/sema/checker.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"

namespace mls::sema {

namespace {
std::string levels_text() {
  std::string t;
  for (auto& l : fidelity::levels()) t += (t.empty() ? "" : " or ") + l;
  return t;
}
}  // namespace

void Checker::fidelity_stmt(const ast::Stmt& s) {
  if (loop_depth_ > 0 || blocks_.size() > 1)
    error("E0206", "`fidelity = ...` sets the level for the rest of the script, so it stands at the top level", s.span,
          "inside a block", "move it before the loop, or pass `fidelity = ...` to the solver call itself");
  if (s.type)
    error("E0206", "`fidelity` is the script's fidelity setting, not a variable, and takes no type", s.type->span,
          "no annotation here", "write `fidelity = calibrated`");
  const ast::Expr& v = *s.value;
  const bool word = v.kind == ast::ExprKind::Ident || v.kind == ast::ExprKind::String;
  if (!word || !fidelity::known(v.text))
    error("E0409", "`fidelity` is " + levels_text() + (word ? ", not `" + v.text + "`" : ""), v.span, "not a fidelity level",
          "write `fidelity = calibrated` or `fidelity = textbook` (docs/fidelity.md)");
  fidelity_ = v.text;
}

}  // namespace mls::sema
