#include "stdlib/solvers/infeasibility.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace mls {

namespace {
// printf's "%.0f" / "%.3g" digit for digit: std::to_chars with a precision is specified as printf
// (issue 24: the reference evaluator builds an infeasible point's reason at every point).
std::string g3(double x) {
  char buf[48];
  const bool whole = std::fabs(x) >= 1000 && std::fabs(x) < 1e7;
#if defined(__cpp_lib_to_chars)
  return {buf, std::to_chars(buf, buf + sizeof buf, x, whole ? std::chars_format::fixed : std::chars_format::general,
                             whole ? 0 : 3).ptr};
#else
  // libc++ before 17 (Emscripten's, the browser build) has no floating-point to_chars.
  std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.3g", x);
  return buf;
#endif
}

std::string with_prefix(double x, const char* unit, bool small_prefixes) {
  static const char* big[] = {"", "k", "M", "G", "T", "P", "E"};
  static const char* small[] = {"", "m", "µ", "n"};
  if (x == 0 || !std::isfinite(x)) return g3(x) + " " + unit;
  int k = 0;
  double v = x;
  while (std::fabs(v) >= 999.5 && k < 6) v /= 1000, ++k;
  if (k == 0 && small_prefixes)
    while (std::fabs(v) < 0.9995 && k < 3) v *= 1000, ++k;
  const char* p = k == 0 ? "" : (std::fabs(x) >= 1 ? big[k] : small[k]);
  return g3(v) + " " + p + unit;
}
}  // namespace

std::string bytes_text(q::Bytes b) { return with_prefix(b.value(), "B", false); }
std::string time_text(q::Time t) { return with_prefix(t.value(), "s", true); }
std::string rate_text(double per_second, const char* unit) { return g3(per_second) + " " + unit + "/s"; }

std::string memory_shortfall(q::Bytes needed, q::Bytes capacity, double usable_fraction) {
  std::string usable = usable_fraction == 1.0
                           ? bytes_text(capacity) + " available"
                           : bytes_text(usable_fraction * capacity) + " usable (" + g3(usable_fraction) +
                                 " × " + bytes_text(capacity) + ")";
  return "needs " + bytes_text(needed) + " per device, " + usable;
}

}  // namespace mls
