// `mls solve ID --args JSON`: the machine interface, a thin layer over the embedding API
// (mls::api::Engine::call_json). Runs one solver on JSON arguments (SI numbers, {"value", "unit"}
// objects, "3.35 TB/s" strings read as MLS, zoo names or inline records) and prints its result as one
// JSON record (docs/mls-output.schema.json, "solve_result"): nested records nested
// ({"best_config": {"tp": ...}}), every number a quantity object.
#pragma once

#include "mls/engine.hpp"

#include <iosfwd>
#include <string>

namespace mls {

// Exit codes: 0; 64 malformed JSON or no such solver; 2 arguments that do not check; 3 the solver refused.
int run_solve_command(const api::Engine& engine, const std::string& id, const std::string& args_json,
                      bool diagnostics_json, std::ostream& out, std::ostream& err);

}  // namespace mls
