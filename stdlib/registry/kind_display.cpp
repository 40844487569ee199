#include "stdlib/registry/kind_display.hpp"

#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>

namespace mls::reg {

namespace {
const SolverDesc* result_solver(const std::string& kind) {
  if (kind.empty()) return nullptr;
  for (auto& s : solvers())
    if (s.result_kind == kind && !s.results.empty()) return &s;
  return nullptr;
}
}  // namespace

bool is_result_kind(const std::string& kind) { return result_solver(kind) != nullptr; }

std::string kind_display(const std::string& kind) {
  if (kind.empty()) return "record";
  if (auto* s = result_solver(kind)) return s->display;
  std::string k = kind;
  std::replace(k.begin(), k.end(), '_', ' ');
  return k;
}

std::string record_noun(const std::string& kind) {
  if (kind.empty()) return "record";
  if (is_result_kind(kind)) return kind_display(kind);
  return kind_display(kind) + " record";
}

std::string with_article(const std::string& noun) {
  if (noun.empty()) return noun;
  const bool vowel = std::string("aeiouAEIOU").find(noun[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + noun;
}

}  // namespace mls::reg
