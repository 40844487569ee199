// What a Quantity holds: the SI value, its static dimension and how it is shown, and the engine that
// reads unit names for Quantity::to.
#pragma once

#include "api/engine_impl.hpp"
#include "compiler/units/unit_table.hpp"
#include "mls/quantity.hpp"

#include <memory>
#include <string>

namespace mls::api::detail {

struct QuantityData {
  double si = 0;
  Dimension dim;
  units::Display display;
  std::string dimension_name;  // "Bandwidth", or the base form when the dimension has no name
  std::string base_unit;       // "B/s"
  int digits = 4;
  std::shared_ptr<const Engine::Impl> engine;
};

}  // namespace mls::api::detail
