// The one list of registration functions: each solver family file defines one.
#include "stdlib/registry/solver_registry.hpp"

namespace mls::reg {

void register_kinds();          // stdlib/kinds/kind_declarations.cpp
void register_formulas();       // stdlib/solvers/formulas.cpp — the formula library (seed 002 §4.1)

void register_all() {
  static bool done = false;
  if (done) return;
  done = true;
  register_kinds();
  register_formulas();
}

}  // namespace mls::reg
