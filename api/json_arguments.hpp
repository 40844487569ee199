// `mls solve`'s JSON arguments as the solver's typed arguments. A quantity string ("3.35 TB/s") is an
// MLS expression and a unit ("byte/s", "m^3/J") an MLS unit: both are read by the language's own
// lexer, unit table and checker (Engine::Impl::evaluate), so a JSON argument and the same argument
// in a script mean the same and are refused with the same diagnostic.
#pragma once

#include "api/engine_impl.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace mls::api {

// An argument the script path would refuse at compile time: the checker's code for the same mistake
// (E0404 unknown parameter, E0407 wrong dimension, E0408 unknown kind, E0411 missing field, the
// language's own code for a quantity or unit that does not read), or E0505 for JSON of the wrong shape.
struct ArgumentError : std::runtime_error {
  std::string code, help;
  ArgumentError(std::string c, const std::string& msg, std::string h = "")
      : std::runtime_error(msg), code(std::move(c)), help(std::move(h)) {}
};

// The solver's argument vector (defaults filled) from a JSON object. Throws ArgumentError.
std::vector<mls::Value> args_from_json(const reg::SolverDesc& s, const nlohmann::json& args, driver::Session& session,
                                       const Engine::Impl& engine);
// Whether a quantity of `got` may be passed where `want` is declared, as in a script: the same
// dimension, a per-item length given as a count (`512 token` for token/request), a plain number for
// a count. Quantity strings and Engine::call's typed arguments.
bool argument_fits(const reg::Type& want, const Dimension& got);
// ... and in a {"value", "unit"} object, the reference cases' notation: also samples for requests
// and the reverse (MODELS §0.1 writes either for a batch; MODELS §8's B is requests).
bool case_unit_fits(const reg::Type& want, const Dimension& got);

}  // namespace mls::api
