#include "runtime/format/quantity_json.hpp"

#include <cmath>

namespace mls {

nlohmann::json quantity_json(double si, const Dimension& dim, const units::Display& display, const units::UnitTable& t) {
  auto f = units::format(si, display, 4);
  auto number = [](double x) -> nlohmann::json {
    if (std::isnan(x)) return nullptr;
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    return x;
  };
  std::string name = dim.dimensionless() ? "Dimensionless" : t.dimension_name(dim);
  // `value` is the shown number, rounded to the shown digits so it reads like the text output.
  double shown = std::isfinite(f.value) ? std::strtod(units::format_number(f.value, 4).c_str(), nullptr) : f.value;
  return {{"value", number(shown)}, {"unit", f.unit}, {"si", number(si)}, {"dimension", name.empty() ? dim.base_form() : name}};
}

}  // namespace mls
