// A quantity as JSON (docs/mls-output.schema.json, "quantity"):
//   {"value": 295.2, "unit": "FLOP/B", "si": 295.2238805970149, "dimension": "Intensity"}
// `value` is the number the text output shows (in `unit`, rounded to the shown digits); `si` is the
// exact magnitude in coherent base units. +/-inf is the string "inf"/"-inf" (JSON has no infinity)
// and NaN is null.
#pragma once

#include "compiler/units/unit_table.hpp"

#include <nlohmann/json.hpp>

namespace mls {

// Every machine output keeps the order MLS wrote (record fields, table columns, quantity members).
using Json = nlohmann::ordered_json;

Json quantity_json(double si, const Dimension& dim, const units::Display& display, const units::UnitTable& t,
                   int digits = 4);

// One JSON text (indent -1: one line). Strings are UTF-8 already; a stray invalid byte would be
// replaced, never thrown on.
std::string json_text(const Json& j, int indent = -1);

}  // namespace mls
