#include "runtime/format/quantity_json.hpp"

#include <cmath>

namespace mls {

Json quantity_json(double si, const Dimension& dim, const units::Display& display, const units::UnitTable& t, int digits) {
  auto f = units::format(si, display, digits);
  auto number = [](double x) -> Json {
    if (std::isnan(x)) return nullptr;
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    return x;
  };
  std::string name = dim.dimensionless() ? "Dimensionless" : t.dimension_name(dim);
  // `value` is the shown number, rounded to the shown digits so it reads like the text output.
  double shown = std::isfinite(f.value) ? std::strtod(units::format_number(f.value, digits).c_str(), nullptr) : f.value;
  return Json{{"value", number(shown)}, {"unit", f.unit}, {"si", number(si)}, {"dimension", name.empty() ? dim.base_form() : name}};
}

std::string json_text(const Json& j, int indent) { return j.dump(indent, ' ', false, Json::error_handler_t::replace); }

}  // namespace mls
