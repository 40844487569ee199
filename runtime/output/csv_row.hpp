// A CSV table row (docs/output.md) written straight into a buffer (issue 24: a row per sweep point,
// 10^6 of them, must not allocate a string per cell): numbers at 15 significant digits in the
// column's unit, strings shown as text output shows them and quoted as RFC 4180 asks, a lone empty
// field as `""`. The text is byte for byte csv_line() of the cells.
#pragma once

#include "compiler/ir/ir.hpp"
#include "stdlib/core/value.hpp"

#include <string>
#include <vector>

namespace mls::out {

// A number cell: the SI value in the column's fixed unit (`-> ms`) or in coherent base units.
void append_csv_number(std::string& out, double si, const ir::Shape& shape);
// One row and its "\n", appended to `out`.
void append_csv_row(std::string& out, const std::vector<Value>& cells, const std::vector<ir::ShapePtr>& shapes,
                    int digits);

}  // namespace mls::out
