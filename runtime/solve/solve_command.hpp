// `mls solve ID --args JSON`: the machine interface. Runs one registry solver on JSON arguments
// (SI numbers, {"value", "unit"} objects, "3.35 TB/s" strings, zoo names or inline records) and
// prints its result as one JSON record (docs/mls-output.schema.json, "solve_result"): nested records
// nested ({"best_config": {"tp": ...}}), every number a quantity object.
#pragma once

#include "compiler/units/unit_table.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

namespace mls {

using ZooLookup = std::function<std::optional<Value>(const std::string& name)>;

// JSON arguments → the solver's argument vector (defaults filled). Throws SolverError("InvalidInput").
std::vector<Value> args_from_json(const reg::SolverDesc& s, const nlohmann::json& args, const ZooLookup& zoo,
                                  const units::UnitTable& t);
// A solver result → one JSON record of the output schema.
nlohmann::ordered_json result_to_json(const Value& v, const reg::SolverDesc& s, const units::UnitTable& t);

int run_solve_command(const std::string& id, const std::string& args_json, const ZooLookup& zoo,
                      const units::UnitTable& t, bool diagnostics_json, std::ostream& out, std::ostream& err);

}  // namespace mls
