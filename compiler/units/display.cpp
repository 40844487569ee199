// Default displays: the canonical unit family of each named dimension; anything else is shown in
// coherent base units.
#include "compiler/units/unit_table.hpp"

namespace mls::units {

Display default_display(const Dimension& d, const UnitTable& t) {
  struct Canon {
    const char* dim;
    const char* base;
    const char* rest;
    PrefixSystem ps;
    bool small;
  };
  static const Canon kCanon[] = {
      {"Time", "s", "", PrefixSystem::Time, true},
      {"Information", "B", "", PrefixSystem::SI, false},
      {"Bandwidth", "B", "/s", PrefixSystem::SI, false},
      {"Compute", "FLOP", "", PrefixSystem::SI, false},
      {"ComputeRate", "FLOP", "/s", PrefixSystem::SI, false},
      {"Intensity", "FLOP", "/B", PrefixSystem::None, false},
      {"Energy", "J", "", PrefixSystem::SI, true},
      {"Power", "W", "", PrefixSystem::SI, true},
      {"Mass", "g", "", PrefixSystem::SI, true},
      {"Currency", "USD", "", PrefixSystem::None, false},
      {"Length", "m", "", PrefixSystem::SI, true},
      {"Volume", "L", "", PrefixSystem::SI, true},
      {"Frequency", "Hz", "", PrefixSystem::SI, true},
      {"Token", "token", "", PrefixSystem::SI, false},
      {"Sample", "sample", "", PrefixSystem::SI, false},
      {"Parameter", "param", "", PrefixSystem::SI, false},
      {"Request", "request", "", PrefixSystem::SI, false},
      {"TokenRate", "token", "/s", PrefixSystem::SI, false},
      {"TimePerToken", "s", "/token", PrefixSystem::Time, true},  // ITL: 21.11 ms/token
      {"SampleRate", "sample", "/s", PrefixSystem::SI, false},
      {"RequestRate", "request", "/s", PrefixSystem::SI, false},
      {"CarbonIntensity", "gCO2e", "/kWh", PrefixSystem::None, false},
      {"WaterIntensity", "L", "/kWh", PrefixSystem::None, false},
      {"EnergyPrice", "USD", "/kWh", PrefixSystem::None, false},
      {"BytesPerParameter", "B", "/param", PrefixSystem::None, false},
  };
  std::string name = t.dimension_name(d);
  for (auto& c : kCanon) {
    if (name != c.dim) continue;
    Display disp;
    disp.prefix_base = c.base;
    disp.rest = c.rest;
    disp.prefixes = c.ps;
    disp.small_prefixes = c.small;
    const UnitEntry* b = t.find(c.base);
    double rest_scale = 1;
    if (*c.rest) {
      const UnitEntry* r = t.find(c.rest + 1);
      rest_scale = r ? r->scale : 1;
    }
    disp.rest_scale = (b ? b->scale : 1) / rest_scale;
    if (!b) break;
    return disp;
  }
  Display disp;
  disp.prefixes = PrefixSystem::None;
  disp.prefix_base = d.dimensionless() ? "" : d.base_unit_form();
  disp.rest_scale = 1;
  return disp;
}

Display coherent_display(const Dimension& d, const UnitTable& t, bool si) {
  Display disp;
  disp.fixed = true;
  disp.scale = 1;
  disp.text = d.dimensionless() ? "" : d.base_unit_form();
  if (!si || d.dimensionless()) return disp;
  Display canon = default_display(d, t);
  if (!canon.fixed && canon.prefix_base != disp.text && canon.rest_scale == 1) disp.text = canon.prefix_base + canon.rest;
  return disp;
}

}  // namespace mls::units
