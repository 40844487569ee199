// MODELS §2: bytes per element and the peak compute of a device at a precision.
#pragma once

#include "stdlib/kinds/kinds.hpp"

namespace mls {

// b: bytes per parameter/element (fp32/tf32 4, fp16/bf16 2, fp8/int8 1, int4/fp4 0.5).
q::BytesPerParam bytes_per(Precision p);
// F_p = precision_flops[p] if present; else peak_flops for fp16/bf16; else PrecisionUnsupported.
q::FlopRate peak_for(const Hardware& h, Precision p);
// "fp16" → Precision, else UnknownPrecision (D6).
Precision parse_precision(const std::string& s);

}  // namespace mls
