// Activation traffic of a forward step (docs/fidelity.md, equation C9). Between its GEMMs a transformer layer
// runs element-wise kernels (norms, rotary embedding, activation function, residual adds, the quantisation of
// GEMM inputs) that write each intermediate tensor to memory and read it back. Korthikanti et al., "Reducing
// Activation Recomputation in Large Transformer Models" (MLSys 2023), §4.1 and §4.2.2, count the intermediate
// tensors of one layer: sbh·(10 + 24/tp) bytes per device in 16 bit for s·b tokens under tensor parallelism
// (the 5·a·s²·b score term is absent with FlashAttention). Each is written once and read once, so a step of
// T tokens moves
//   M_act = 2 · L · T · H · (10 + 24/tp) bytes per device
// These kernels are memory-bound and run between the GEMMs (one CUDA stream serialises them), so their time
// M_act / BW_achieved adds to the step rather than hiding under the GEMMs' roofline.
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

q::Bytes activation_traffic(const Workload& w, double tokens, int tp);

}  // namespace mls::calibration
