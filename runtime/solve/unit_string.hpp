// Parses unit strings of the machine interface ("byte/s", "m^3/J", "1/s", "USD/kWh") and quantity
// strings ("3.35 TB/s") against the unit table.
#pragma once

#include "compiler/units/unit_table.hpp"

#include <optional>
#include <string>

namespace mls {

struct UnitValue {
  double scale = 1;
  Dimension dim;
};
std::optional<UnitValue> parse_unit_string(const std::string& text, const units::UnitTable& t);
// "3.35 TB/s" → SI value and dimension.
std::optional<UnitValue> parse_quantity_string(const std::string& text, const units::UnitTable& t);

}  // namespace mls
