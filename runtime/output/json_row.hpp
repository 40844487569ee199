// A JSON-lines row (`{"table": N, "row": {...}}`) written straight into its text (issue 24: building
// an nlohmann object per quantity made 10^6 rows take 7.6 s). The text is byte for byte what
// json_text(Json{{"table", N}, {"row", value_json per cell}}) gives: the same key order, number
// digits (nlohmann's own shortest round-trip conversion), escapes and replacements; the few values
// that are not plain (records, lists, strings with escapes or non-ASCII bytes) still go through Json.
#pragma once

#include "compiler/ir/ir.hpp"
#include "compiler/units/unit_table.hpp"
#include "stdlib/core/value.hpp"

#include <string>
#include <vector>

namespace mls::out {

std::string json_row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                     const std::vector<ir::ShapePtr>& shapes, const units::UnitTable& units, int digits);
// The same text appended to `out` (a reused buffer: no allocation per row).
void append_json_row(std::string& out, int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                     const std::vector<ir::ShapePtr>& shapes, const units::UnitTable& units, int digits);

}  // namespace mls::out
