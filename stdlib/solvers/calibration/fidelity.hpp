// The two fidelity levels (docs/fidelity.md). `textbook` reproduces the book's equations exactly (the
// reference cases); `calibrated` adds the measured effects the equations leave out (achievable memory
// bandwidth, launch cost per layer, tensor-parallel all-reduces, GEMM-shape efficiency, attention
// FLOPs, continuous batching), each a named equation whose constants live in the zoo.
//
// A solver opts in with an enumeration parameter named `fidelity` (choices levels(), default
// textbook). The session's level (`mls --fidelity`, a script's `fidelity = calibrated`, the embedding
// API's Options::fidelity) fills that parameter wherever a call does not pass it; a solver that
// calls another passes its own level on.
#pragma once

#include "stdlib/registry/solver_registry.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mls::fidelity {

inline constexpr const char* kParam = "fidelity";   // the parameter's name in every solver that has it
inline constexpr const char* kTextbook = "textbook";
inline constexpr const char* kCalibrated = "calibrated";

inline const std::vector<std::string>& levels() {
  static const std::vector<std::string> l = {kTextbook, kCalibrated};
  return l;
}
inline bool known(const std::string& level) { return level == kTextbook || level == kCalibrated; }
inline bool calibrated(const std::string& level) { return level == kCalibrated; }

// The `fidelity` result field of a solver: absent under textbook (so textbook output is unchanged),
// the level otherwise, so a printed record says which level produced it.
inline std::optional<std::string> shown(const std::string& level) {
  return calibrated(level) ? std::optional<std::string>(level) : std::nullopt;
}

// What a call that leaves parameter `p` out passes (`mls solve`, the embedding API): none for a
// required one, the session's `level` for `fidelity`, else the parameter's default.
inline Value default_argument(const reg::ParamDesc& p, const std::string& level) {
  if (p.required) return Value();
  return p.name == kParam ? Value(level) : p.def;
}

}  // namespace mls::fidelity
