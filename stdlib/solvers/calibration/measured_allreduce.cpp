#include "stdlib/solvers/calibration/measured_allreduce.hpp"

#include "stdlib/solvers/calibration/log_table.hpp"

namespace mls::calibration {

std::optional<q::Time> measured_allreduce(const Hardware& h, q::Bytes M, double n) {
  if (h.allreduce_bytes.empty() && h.allreduce_busbw.empty()) return std::nullopt;
  check_log_table(h.name, "allreduce_bytes", h.allreduce_bytes, "allreduce_busbw", h.allreduce_busbw);
  for (const auto& b : h.allreduce_busbw)
    if (!(b.value() > 0)) throw SolverError("InvalidInput", h.name + ".allreduce_busbw values must be positive");
  if (n <= 1) return q::Time{};
  const double ring = 2.0 * (n - 1.0) / n;
  // Below the smallest row its time is kept (a latency floor), not its bus bandwidth.
  const q::Bytes at = M > h.allreduce_bytes.front() ? M : h.allreduce_bytes.front();
  return ring * (at / interpolate_log10(h.allreduce_bytes, h.allreduce_busbw, at));
}

}  // namespace mls::calibration
