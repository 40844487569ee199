// A quantity as JSON: {"value": 295.2, "unit": "FLOP/B", "si": 295.2238805970149, "dimension": "Intensity"}.
// `si` is the exact magnitude in coherent base units; +/-inf is the string "inf"/"-inf" (JSON has no
// infinity) and NaN is null.
#pragma once

#include "compiler/units/unit_table.hpp"

#include <nlohmann/json.hpp>

namespace mls {

nlohmann::json quantity_json(double si, const Dimension& dim, const units::Display& display, const units::UnitTable& t);

}  // namespace mls
