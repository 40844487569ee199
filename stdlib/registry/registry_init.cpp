// The one list of registration functions: each solver family file defines one.
#include "stdlib/registry/solver_registry.hpp"

namespace mls::reg {

void register_kinds();               // stdlib/kinds/kind_declarations.cpp — MODELS §1
void register_roofline_equation();   // stdlib/solvers/roofline_equation.cpp — seed Eq. (1)-(4)
void register_precision();           // stdlib/solvers/precision.cpp — MODELS §2
void register_formulas();            // stdlib/solvers/formulas.cpp — the formula library (seed 002 §4.1)
void register_engine();              // stdlib/solvers/engine.cpp — MODELS §4
void register_serving();             // stdlib/solvers/serving.cpp — MODELS §6
void register_tail_latency();        // stdlib/solvers/tail_latency.cpp — MODELS §9
void register_batching();            // stdlib/solvers/batching.cpp — MODELS §5, §7, §8
void register_data_pipeline();       // stdlib/solvers/data_pipeline.cpp — MODELS §10
void register_algorithm();           // stdlib/solvers/algorithm.cpp — MODELS §11
void register_analysis();            // stdlib/solvers/analysis.cpp — MODELS §15
void register_collectives();         // stdlib/solvers/collectives.cpp — MODELS §12.1
void register_operations();          // stdlib/solvers/operations.cpp — MODELS §13-§14
void register_distributed();         // stdlib/solvers/distributed.cpp — MODELS §12
void register_optimizers();          // stdlib/solvers/optimizers.cpp — MODELS §16
void register_scenario();            // stdlib/solvers/scenario.cpp — MODELS §17
void register_moe_routing();         // stdlib/solvers/moe_routing.cpp — issue 25 (MLSYSIM head)
void register_serving_capacity();    // stdlib/solvers/serving_capacity.cpp — issue 25 (walls 4, 5, 7)
void register_control_loop();        // stdlib/solvers/control_loop.cpp — issue 25 (embodied policies)

void register_all() {
  static bool done = false;
  if (done) return;
  done = true;
  register_kinds();
  register_roofline_equation();
  register_precision();
  register_formulas();
  register_engine();
  register_serving();
  register_tail_latency();
  register_batching();
  register_data_pipeline();
  register_algorithm();
  register_analysis();
  register_collectives();
  register_operations();
  register_distributed();
  register_optimizers();
  register_scenario();
  register_moe_routing();
  register_serving_capacity();
  register_control_loop();
}

}  // namespace mls::reg
