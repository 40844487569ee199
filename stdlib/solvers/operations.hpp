// MODELS §13–§14: fleet and operations walls — reliability (15), orchestration (16), economics (17),
// sustainability (18), checkpointing (19), responsible engineering (20).
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>
#include <string>

namespace mls {

struct SustainabilityIn {
  Fleet fleet;
  q::Time duration{};
  std::optional<Site> site;
  double mfu = 1.0;
  q::Mass embodied_carbon_per_device{};
  // Issue 22. power_basis: "default" = the level's model (textbook: TDP·(0.3 + 0.7·mfu); calibrated:
  // measured training power), "tdp" = TDP (the model-card accounting), "measured" = the zoo's
  // training_power. utilization: the share of the duration under load (the rest at idle_power).
  std::string fidelity = "textbook";
  std::string power_basis = "default";
  double utilization = 1.0;
  std::optional<q::Time> service_life;
};
struct SustainabilityOut {
  q::Energy it_energy{}, total_energy{};
  q::Mass operational_carbon{}, embodied_carbon{}, carbon_footprint{};
  q::Volume water_usage{};
  double pue = 1;
  std::string region_name;
  q::Power power_per_device{};
};
SustainabilityOut solve_sustainability(const SustainabilityIn& in);

struct EconomicsIn {
  Fleet fleet;
  q::Time duration{};
  std::optional<Site> site;
  double mfu = 1.0;
  q::EnergyPrice kwh_price = 0.12 * q::usd / (3.6e6 * q::joule);
  q::Time amortization = 3.0 * 365 * 86400 * q::seconds;
  double infrastructure_multiplier = 1;
  std::optional<q::Money> unit_cost;
  q::Frequency maintenance_ratio = 0.05 / (365.0 * 86400) / q::seconds;  // 5 % per year
  // Issue 26: a rented fleet. Given, the fleet is priced at this rate per device-hour (the zoo's
  // `rental_price` on demand, or `reserved_price`), which covers the device, the facility and its power.
  std::optional<q::MoneyRate> rental_price;
};
struct EconomicsOut {
  q::Money capex_total{}, capex{}, opex_energy{}, opex_maintenance{}, total_opex{}, tco{};
  std::string pricing = "purchase";     // purchase (seed Eq. (28)) or rental
  q::Money rental_cost{};               // rental_price·N·duration when rented
  q::Energy it_energy{}, total_energy{};
  q::Mass operational_carbon{}, embodied_carbon{}, carbon_footprint{};
  q::Volume water_usage{};
  double pue = 1;
  std::string region_name;
};
EconomicsOut solve_economics(const EconomicsIn& in);

// Grid at the site: the site, else the fleet's datacenter, else its grid, else US_Avg (MODELS §14).
struct ResolvedSite {
  q::CarbonIntensity ci{};
  q::WaterIntensity wue{};
  double pue = 1.12;
  std::string name;
};
ResolvedSite resolve_site(const std::optional<Site>& site, const Fleet& fleet);

}  // namespace mls
