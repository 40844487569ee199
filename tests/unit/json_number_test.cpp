// runtime/output/json_number.hpp: the integer shortcut writes nlohmann's own text for every whole
// number it takes (all of them: ±1 .. ±9,999,999), and the other numbers still go through nlohmann.
#include "runtime/output/json_number.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace {
std::string nlohmann_text(double x) {
  char buf[64];
  return std::string(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, x));
}
std::string ours(double x) {
  std::string o;
  mls::out::append_json_number(o, x);
  return o;
}
}  // namespace

TEST_CASE("append_json_number: every whole number the shortcut takes is nlohmann's text", "[output]") {
  std::string o;
  long mismatches = 0;
  for (long n = 1; n < 10'000'000; ++n) {
    for (double x : {static_cast<double>(n), -static_cast<double>(n)}) {
      o.clear();
      mls::out::append_json_number(o, x);
      if (o != nlohmann_text(x) && ++mismatches < 5) FAIL_CHECK(x << ": " << o << " != " << nlohmann_text(x));
    }
  }
  REQUIRE(mismatches == 0);
}

TEST_CASE("append_json_number: other numbers are nlohmann's, NaN null, infinities strings", "[output]") {
  for (double x : {0.0, -0.0, 1e7, -1e7, 1e7 + 1, 0.5, 2.5, 1e-300, 4e-320, 123456789012345678.0, 1.0 / 3, 9999999.5})
    REQUIRE(ours(x) == nlohmann_text(x));
  REQUIRE(ours(std::nan("")) == "null");
  REQUIRE(ours(std::numeric_limits<double>::infinity()) == "\"inf\"");
  REQUIRE(ours(-std::numeric_limits<double>::infinity()) == "\"-inf\"");
}
