// Plausibility and provenance rules for zoo entries (`mls audit`).
#pragma once

#include "compiler/sema/checker.hpp"
#include "stdlib/core/value.hpp"

#include <string>
#include <vector>

namespace mls::zoo {

struct Finding {
  std::string entry;
  std::string field;    // "" for the entry as a whole
  std::string problem;  // "no @source with a verified date", "bandwidth 3.35e+18 B/s is outside 1e+09..5e+13 B/s for tier cloud"
};

std::vector<Finding> audit_entry(const sema::ZooEntry& e, const Record& r);

}  // namespace mls::zoo
