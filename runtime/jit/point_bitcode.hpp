// The solvers' point functions (reg::SolverDesc::point_fn) as LLVM bitcode, embedded at build time:
// their C++ source compiled by clang-16 with the C++ compiler's arithmetic (no FP contraction, no
// fast-math), so the JIT can link them into a loop module and inline them (issue 24, goal 2).
// Empty when the build had no clang-16: loops then call the native functions.
#pragma once

#include <string_view>

namespace mls::jit {
std::string_view point_bitcode();
}  // namespace mls::jit
