// The roofline's per-batch arithmetic (MODELS §4, Eq. (1)-(4) and what follows from them), the one
// definition of it: engine_at_batch calls it, and a compiled loop inlines it (issue 24, goal 2). This
// file is built twice from the same source: by the C++ compiler into the stdlib, and, when clang-16 is
// there, by clang into LLVM bitcode that the JIT links into each loop calling the roofline (docs/jit.md).
// So it holds no strings, no exceptions and no calls out of this file: pure arithmetic on the plan.
#pragma once

#include "stdlib/solvers/engine.hpp"

namespace mls {

// Every number of `o` that depends on the batch B, at efficiency eta (F_eff = eta·F_p). An inference
// step's FLOPs are B·ops; a training step's useful FLOPs are `training_flops` (executed ×4/3 under full
// recompute). Writes no string or optional of `o`; returns the FLOPs executed.
q::Flops engine_numbers(const EnginePlan& p, const EngineIn& in, double B, double eta, q::Flops training_flops, EngineOut& o);

}  // namespace mls

extern "C" {
// A point of the roofline for JIT code (reg::SolverDef::inline_point): the per-point part of
// engine_at_batch at batch B, for `plan` (an EnginePlan) and `in` (the EngineIn of its other
// arguments), written into `out` (an EngineOut holding that plan's base). 1: done, every number it
// wrote is finite; 0: not this fast case (B < 1, a training step, calibrated η) or a number is not
// finite — the caller then runs the point through the solver's call site, which reports what is wrong.
int mls_point_roofline(const void* plan, const void* in, double B, void* out);
}
