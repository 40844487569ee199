#include "stdlib/solvers/precision.hpp"

#include "stdlib/registry/solver_registry.hpp"

namespace mls {

q::BytesPerParam bytes_per(Precision p) {
  // MODELS §2 table.
  double b = 2;
  switch (p) {
    case Precision::fp32: case Precision::tf32: b = 4; break;
    case Precision::fp16: case Precision::bf16: b = 2; break;
    case Precision::fp8: case Precision::int8: b = 1; break;
    case Precision::int4: case Precision::fp4: b = 0.5; break;
  }
  return b * q::byte / q::param;
}

q::FlopRate peak_for(const Hardware& h, Precision p) {
  // MODELS §2: no fallback (D6); peak_flops is by definition the 16-bit peak.
  auto it = h.precision_flops.find(p);
  if (it != h.precision_flops.end()) return it->second;
  if (p == Precision::fp16 || p == Precision::bf16) return h.peak_flops;
  throw SolverError("PrecisionUnsupported", h.name + " has no " + precision_names()[size_t(p)] + " peak");
}

Precision parse_precision(const std::string& s) {
  auto& n = precision_names();
  for (size_t i = 0; i < n.size(); ++i)
    if (n[i] == s) return static_cast<Precision>(i);
  throw SolverError("UnknownPrecision", "unknown precision '" + s + "'");
}

namespace reg {
namespace {
struct PrecIn { Precision precision = Precision::fp16; };
struct PeakIn { Hardware hardware; Precision precision = Precision::fp16; };
}  // namespace

void register_precision() {
  SolverDef<PrecIn, q::BytesPerParam>("precision_bytes", "precision_bytes", "MODELS §2", "bytes per element at a precision")
      .in("precision", &PrecIn::precision, "fp32 tf32 fp16 bf16 fp8 int8 int4 fp4", Req)
      .run([](const PrecIn& i) { return bytes_per(i.precision); });
  SolverDef<PeakIn, q::FlopRate>("peak_flops", "peak_flops", "MODELS §2", "a device's peak compute at a precision")
      .in("hardware", &PeakIn::hardware, "the device", Req)
      .in("precision", &PeakIn::precision, "numeric precision")
      .run([](const PeakIn& i) { return peak_for(i.hardware, i.precision); });
}
}  // namespace reg

}  // namespace mls
