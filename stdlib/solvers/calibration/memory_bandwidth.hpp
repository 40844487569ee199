// Achievable memory bandwidth (docs/fidelity.md, equation C1). A kernel streaming from HBM reaches a
// fraction of the datasheet rate, measured by a copy benchmark (McCalpin, "Memory Bandwidth and Machine
// Balance", IEEE TCCA Newsletter 1995 — STREAM; BabelStream, Deakin et al. 2018, for GPUs):
//   BW_achieved = bw_fraction · BW
// The fraction is per device (zoo field `bw_fraction`).
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

q::Bandwidth achievable_bandwidth(const Hardware& h);

}  // namespace mls::calibration
