// The roofline equation of seed 002 §3.1, Eq. (1)-(4), on raw quantities (no zoo records): the
// plumbing proof of the registry, and the closed form the single-node solver builds on.
#pragma once

#include "stdlib/core/quantity.hpp"

#include <string>

namespace mls {

struct RooflineEqIn {
  q::Flops ops{};             // work of one step
  q::Bytes bytes{};           // bytes moved from memory in one step
  q::FlopRate peak{};         // attainable peak compute
  q::Bandwidth bandwidth{};   // memory bandwidth
  q::Time overhead{};         // fixed dispatch overhead added to the bound (default 0)
};

struct RooflineEqOut {
  q::Time latency{};          // T = max(ops/peak, bytes/bandwidth) + overhead   (Eq. 1-3)
  q::Time compute_time{};     // ops / peak
  q::Time memory_time{};      // bytes / bandwidth
  std::string bottleneck;     // "Compute" if compute_time >= memory_time and ops > 0, else "Memory"
  q::Intensity arithmetic_intensity{};  // ops / bytes (0 if bytes = 0)            (Eq. 4)
  q::Intensity ridge_point{};           // peak / bandwidth
};

RooflineEqOut solve_roofline_equation(const RooflineEqIn& in);

}  // namespace mls
