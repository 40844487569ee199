#include "stdlib/solvers/chunked_prefill.hpp"

#include "stdlib/core/value.hpp"

#include <algorithm>
#include <cmath>

namespace mls {

ChunkedPrefill chunked_prefill(double S_new, double C, double c, const PrefillChunkStep& step) {
  if (!(c >= 1)) throw SolverError("InvalidInput", "prefill_chunk_tokens must be >= 1 token");
  ChunkedPrefill r;
  r.chunks = std::max(1.0, std::ceil(S_new / c));
  if (r.chunks > 1e6)
    throw SolverError("InvalidInput", "prefill_chunk_tokens gives " + std::to_string(long(r.chunks)) +
                                          " chunks (more than a million): use a larger chunk");
  double done = 0;
  for (double k = 0; k < r.chunks; ++k) {
    const double tokens = std::min(c, S_new - done);
    const PrefillChunkTime t = step(tokens, C + done);
    r.compute += t.compute;
    r.memory += t.memory;
    r.total += t.total;
    r.longest = std::max(r.longest, t.total);
    done += tokens;
  }
  return r;
}

}  // namespace mls
