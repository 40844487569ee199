// The one list of registration functions: each solver family file defines one.
#include "stdlib/registry/solver_registry.hpp"

namespace mls::reg {

void register_kinds();          // stdlib/kinds/kind_declarations.cpp
void register_roofline_equation();  // stdlib/solvers/roofline_equation.cpp — seed Eq. (1)-(4)
// The formula library (seed 002 §4.1) lives in stdlib/solvers/formulas.cpp; weak so the tree links
// while it is being written.
__attribute__((weak)) void register_formulas() {}

void register_all() {
  static bool done = false;
  if (done) return;
  done = true;
  register_kinds();
  register_roofline_equation();
  register_formulas();
}

}  // namespace mls::reg
