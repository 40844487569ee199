// The amounts in a rejection's words (stdlib/solvers/infeasibility.cpp) are printf's "%.3g", or "%.0f"
// from 1000 to 10^7, digit for digit (issue 24: they are now written by std::to_chars, which the
// reference evaluator runs at every infeasible point).
#include "stdlib/solvers/infeasibility.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

using namespace mls;

namespace {
std::string printf_g3(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, std::fabs(x) >= 1000 && std::fabs(x) < 1e7 ? "%.0f" : "%.3g", x);
  return buf;
}
}  // namespace

TEST_CASE("a rejection's amounts are printf's digits", "[solvers][infeasibility]") {
  for (double x : {0.0, 0.5, 0.9995, 1.0, 2.5, 17.25, 85.9, 999.5, 1000.0, 1234.5, 1235.5, 99999.5, 9999999.4, 1e7,
                   3.5e12, -42.125, 1e-9, 1.0 / 3, 6.02e23}) {
    CHECK(rate_text(x, "request") == printf_g3(x) + " request/s");
    CHECK(rate_text(-x, "token") == printf_g3(-x) + " token/s");
  }
  for (double b = 1; b < 1e18; b *= 1.37) {
    CHECK(bytes_text(q::Bytes(b * q::byte)).find("e+") == std::string::npos);
    CHECK(rate_text(b, "x") == printf_g3(b) + " x/s");
  }
  CHECK(memory_shortfall(141.2e9 * q::byte, 85.9e9 * q::byte) == "needs 141 GB per device, 85.9 GB available");
  CHECK(memory_shortfall(41.2e9 * q::byte, 34.4e9 * q::byte, 0.9) ==
        "needs 41.2 GB per device, 31 GB usable (0.9 × 34.4 GB)");
  CHECK(time_text(q::Time(0.000512 * q::seconds)) == "512 µs");
}
