// GEMM-shape compute efficiency (docs/fidelity.md, equation C3). A matrix multiply reaches a fraction
// of peak that grows with its size: small GEMMs cannot fill the device (tiles, waves, ramp-up). As in
// Calculon (Isaev et al., "Calculon: a Methodology and Tool for High-Level Codesign of Systems and
// Large Language Models", SC'23, §III-B: "matrix ... gflops_efficiency" tables), the efficiency is a
// per-device table over the GEMM's work, here interpolated linearly in log10(FLOP) between table
// points and held constant outside the table (Calculon's lookup is a step function over the same kind
// of table):
//   η(F_gemm) = interp(gemm_flops, gemm_efficiency, F_gemm)
// The size of a transformer's GEMM on one device is gemm_size(tokens, hidden, tp): the d×d projection
// of `tokens` rows with its output split over tp devices, 2·tokens·H·H/tp FLOP.
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

// η for a GEMM of `work` FLOP on device h (its zoo table; MissingSpec when it has none).
double gemm_efficiency(const Hardware& h, q::Flops work);
// C3b: η at precision p. An fp8 GEMM reaches its own fraction of the fp8 peak (the device's measured 8-bit
// maximum achievable matmul FLOPS is not twice its 16-bit one), so a device may carry a second table,
// gemm_efficiency_fp8, over the same sizes; without it, and at every other precision, the 16-bit table.
double gemm_efficiency(const Hardware& h, q::Flops work, Precision p);
// The representative GEMM of a transformer layer on one device: 2·tokens·H²/tp FLOP.
q::Flops gemm_size(double tokens, int hidden, int tp);

}  // namespace mls::calibration
