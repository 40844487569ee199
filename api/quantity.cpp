#include "api/conversion.hpp"
#include "api/quantity_data.hpp"
#include "mls/error.hpp"

namespace mls::api {

double Quantity::si() const { return d_->si; }
std::string Quantity::dimension() const { return d_->dimension_name; }
std::string Quantity::base_unit() const { return d_->base_unit; }
double Quantity::value() const { return units::format(d_->si, d_->display, d_->digits).value; }
std::string Quantity::unit() const { return units::format(d_->si, d_->display, d_->digits).unit; }
std::string Quantity::str() const {
  auto f = units::format(d_->si, d_->display, d_->digits);
  return f.unit.empty() ? f.number : f.number + " " + f.unit;
}

namespace {
// The unit's scale, after checking it measures this quantity's dimension (the language's E0303).
double scale_for(const detail::QuantityData& d, const std::string& unit) {
  auto u = d.engine->unit(unit);
  if (!(u.dim == d.dim))
    throw Error(diagnostic("E0303", "cannot convert " + d.dimension_name + " to " + u.dimension_name + " (`" + unit + "`)",
                           "name a unit of " + d.dimension_name + ": its coherent unit is `" +
                               (d.base_unit.empty() ? "1" : d.base_unit) + "`"));
  return u.scale;
}
}  // namespace

Quantity Quantity::to(const std::string& unit) const {
  double scale = scale_for(*d_, unit);
  auto d = std::make_shared<detail::QuantityData>(*d_);
  d->display = units::Display{};
  d->display.fixed = true;
  d->display.text = unit;
  d->display.scale = scale;
  return Quantity(std::move(d));
}

double Quantity::in(const std::string& unit) const { return d_->si / scale_for(*d_, unit); }

}  // namespace mls::api
