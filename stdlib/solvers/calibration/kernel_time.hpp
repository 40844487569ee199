// The time of one kernel of a calibrated forward step (docs/fidelity.md, equation C11): its compute time
// plus its memory time, not the larger of the two.
//   t_kernel = t_c + t_m
// The roofline's max(t_c, t_m) assumes the kernel hides all of its memory traffic behind its arithmetic
// (or the reverse). The kernels of an inference step cannot: a step's GEMMs have few rows (the step's
// tokens), so their output tiles occupy few of the device's cores (NVIDIA, "Matrix Multiplication
// Background User's Guide": tile and wave quantization) and each core streams a whole K-panel of weights
// per tile; a decode attention kernel has one query row per sequence. With too few warps in flight to
// cover memory latency, a core's memory and compute periods serialize (Hong and Kim, "An Analytical Model
// for a GPU Architecture with Memory-level and Thread-level Parallelism Awareness", ISCA 2009, §4: the
// memory-bound and compute-bound cycles add when memory warp parallelism is exhausted). Far from the
// ridge the smaller term is small and the two forms agree; near it (a short prefill, a large decode
// batch) the sum is up to twice the max. No constant: the form is the model's.
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

q::Time kernel_time(q::Time compute, q::Time memory);

}  // namespace mls::calibration
