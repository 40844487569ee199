// Kernel-launch and per-layer cost of one forward step (docs/fidelity.md, equation C2). Each layer
// launches a fixed set of kernels (norms, projections, attention, activation), and each pays a launch
// and ramp-up time the roofline does not see; a decode step is made of such small kernels, so the cost
// adds up (Zhu et al., "NanoFlow", 2024, §2; eager vs CUDA-graph decode steps, docs/accuracy.md):
//   t_launch = L · layer_overhead
// `layer_overhead` is per device (zoo field), measured for an engine that captures CUDA graphs.
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

q::Time launch_cost(const Hardware& h, int layers);

}  // namespace mls::calibration
