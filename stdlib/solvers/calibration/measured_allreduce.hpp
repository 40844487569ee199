// Measured all-reduce time (docs/fidelity.md, equation C6b). Below tens of MB an NCCL/RCCL all-reduce is
// not "α per ring step + bytes over the link": its time is set by the protocol (LL / LL128 / Simple), the
// number of channels and the kernel launch, which the library picks per message size, so a message of a
// few MB reaches a small fraction of the large-message bus bandwidth. A device may therefore carry the
// curve itself, as nccl-tests / rccl-tests print it on one node: message sizes (allreduce_bytes) and the
// bus bandwidth measured at each (allreduce_busbw). nccl-tests defines busbw = algbw · 2(n−1)/n so that it
// does not depend on the rank count n (nccl-tests doc/PERFORMANCE.md), hence for n ranks
//   t_ar(M, n) = 2(n−1)/n · M / busbw(M)
// with busbw interpolated linearly in log10(M) between table rows. Below the smallest row the time of
// the smallest row is kept (a latency floor: the curve is flat there); above the largest, its busbw.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>

namespace mls::calibration {

// The measured time of one all-reduce of M bytes over n ranks on device h, or nothing when h carries no
// all-reduce table (the caller then prices the α–β ring of C6).
std::optional<q::Time> measured_allreduce(const Hardware& h, q::Bytes M, double n);

}  // namespace mls::calibration
