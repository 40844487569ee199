#include "stdlib/solvers/request_lengths.hpp"

#include "stdlib/core/value.hpp"

#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace mls {

double capped_exponential_scale(double mean_tokens, double max_tokens) {
  if (!(max_tokens > 0)) throw SolverError("InvalidInput", "max_seq_len must be > 0 tokens");
  if (!(mean_tokens > 0 && mean_tokens <= max_tokens))
    throw SolverError("InvalidInput", "mean_request_tokens must lie in (0, max_seq_len]");
  const double rho = mean_tokens / max_tokens;
  if (rho >= 1) return std::numeric_limits<double>::infinity();
  // f(t) = (1 − e^(−t))/t − ρ falls from 1 − ρ > 0 (t → 0) and is negative at t = 1/ρ, since (1 − e^(−t))/t < 1/t.
  const auto f = [rho](double t) { return -std::expm1(-t) / t - rho; };
  double lo = 1e-12, hi = 1 / rho;
  if (!(f(lo) > 0)) return std::numeric_limits<double>::infinity();  // ρ within 1e-12 of 1: fixed length
  std::uintmax_t iterations = 200;
  const auto [a, b] = boost::math::tools::toms748_solve(f, lo, hi, boost::math::tools::eps_tolerance<double>(52), iterations);
  return max_tokens / (0.5 * (a + b));
}

RequestLengths request_lengths(double mean_tokens, double max_tokens, double page_tokens) {
  if (!(page_tokens > 0)) throw SolverError("InvalidInput", "page_size must be > 0");
  RequestLengths r;
  r.scale = capped_exponential_scale(mean_tokens, max_tokens);
  const double K = std::ceil(max_tokens / page_tokens);
  // (1 − r^K)/(1 − r) with r = e^(−s), s = p/μ, as expm1(−K·s)/expm1(−s): exact when r is close to 1.
  const double s = page_tokens / r.scale;
  const double blocks = std::isinf(r.scale) ? K : std::expm1(-K * s) / std::expm1(-s);
  r.paged_tokens = page_tokens * blocks;
  r.paged_fragmentation = std::max(0.0, 1 - mean_tokens / r.paged_tokens);
  r.static_tokens = max_tokens;
  r.static_fragmentation = 1 - mean_tokens / max_tokens;
  return r;
}

}  // namespace mls
