#include "stdlib/solvers/calibration/measured_allreduce.hpp"

#include "stdlib/core/value.hpp"

#include <cmath>
#include <string>

namespace mls::calibration {

static void check_table(const Hardware& h) {
  const auto& x = h.allreduce_bytes;
  const auto& y = h.allreduce_busbw;
  if (x.size() != y.size())
    throw SolverError("InvalidInput", h.name + ".allreduce_bytes and .allreduce_busbw must have the same length: give one "
                                               "measured bus bandwidth per message size");
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (!(x[k].value() > 0) || (k && !(x[k] > x[k - 1])))
      throw SolverError("InvalidInput", h.name + ".allreduce_bytes must be positive and increasing");
    if (!(y[k].value() > 0)) throw SolverError("InvalidInput", h.name + ".allreduce_busbw values must be positive");
  }
}

std::optional<q::Time> measured_allreduce(const Hardware& h, q::Bytes M, double n) {
  if (h.allreduce_bytes.empty() && h.allreduce_busbw.empty()) return std::nullopt;
  check_table(h);
  if (n <= 1) return q::Time{};
  const auto& x = h.allreduce_bytes;
  const auto& y = h.allreduce_busbw;
  const double ring = 2.0 * (n - 1.0) / n;
  if (!(M > x.front())) return ring * (x.front() / y.front());  // latency floor: the smallest row's time
  for (std::size_t k = 1; k < x.size(); ++k) {
    if (M <= x[k]) {
      const double t = std::log10(M.value() / x[k - 1].value()) / std::log10(x[k].value() / x[k - 1].value());
      return ring * (M / (y[k - 1] + t * (y[k] - y[k - 1])));
    }
  }
  return ring * (M / y.back());
}

}  // namespace mls::calibration
