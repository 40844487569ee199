// `mls eval`: what a model does on a device, or how a scenario scores, in one command (as MLSYSIM's
// `mlsysim eval Llama3_8B H100 --batch-size 32`).
//   mls eval                                  the scenarios, with their workload, system and SLA
//   mls eval SCENARIO [k=v ...]               the three-level scorecard (= `print evaluate(SCENARIO, k = v)`)
//   mls eval MODEL HARDWARE [k=v ...]         memory, roofline and, for a language model, serving
// Names are checked against the zoo before anything runs: a mistyped one is a usage error (64) that
// names the nearest entry of the kind expected there.
#pragma once

#include "mls/engine.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace mls::cli {

int eval_command(const api::Engine& engine, const std::vector<std::string>& args, const api::RenderOptions& ro,
                 std::ostream& out, std::ostream& err);

}  // namespace mls::cli
