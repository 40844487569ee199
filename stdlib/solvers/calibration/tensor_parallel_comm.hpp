// Tensor-parallel communication of one forward step (docs/fidelity.md, equation C6). A Megatron-style
// split of a transformer layer (Shoeybi et al., "Megatron-LM", 2019, §3 and Fig. 3) all-reduces the
// layer's activations twice in the forward pass: after the attention block and after the MLP. Each
// all-reduce is the ring of MODELS §12.1 / seed Eq. (20) (collectives.hpp) over the device link:
//   t_tp = 2 · L · ring(M, tp, β, α),  M = tokens · H · b_act,  β = link_bw_fraction · device_link_bw / 2
// device_link_bw is the vendor's total over both directions, a ring sends one way (β is one direction);
// link_bw_fraction is the measured bus-bandwidth fraction (nccl-tests) and α = link_latency per ring
// step. Activations travel in 16-bit (b_act = 2 B: the engines keep activations in fp16/bf16 even with
// fp8 weights). Zero when tp = 1. A device that carries a measured all-reduce table prices each
// all-reduce from it instead (C6b, measured_allreduce.hpp).
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls::calibration {

inline constexpr double kActivationBytes = 2;  // 16-bit activations (see above)

// measured = false keeps C6's ring even on a device with a table (a pure decode step, see C6b).
q::Time tensor_parallel_comm(const Hardware& h, const Workload& w, double tokens, int tp, bool measured = true);

}  // namespace mls::calibration
