// Plausibility of solver OUTPUTS for one hardware entry (`mls audit`, issue 20.7): the entry's own
// numbers can each look right while a solver's answer on them is impossible (a wafer decoding a
// 32-layer model in 9 µs). Each hardware entry is run through `roofline` and `serve` with the zoo's
// language models and every answer is held against bounds that physics or the equations impose.
#pragma once

#include "runtime/zoo/audit.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mls::zoo {

// A model to probe with: its zoo name and its record (kind transformer or moe).
using ProbeModel = std::pair<std::string, Value>;

std::vector<Finding> audit_outputs(const std::string& hw_name, const Value& hw, const std::vector<ProbeModel>& models);

}  // namespace mls::zoo
