// The eight-bytes-at-a-time test of runtime/output/printable_ascii.hpp gives the byte-by-byte answer:
// every byte value at every place of strings 0..20 bytes long, and random strings.
#include "runtime/output/printable_ascii.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace {
bool bytewise(const std::string& s, char a, char b) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || c == static_cast<unsigned char>(a) || c == static_cast<unsigned char>(b)) return false;
  return true;
}
}  // namespace

TEST_CASE("printable_ascii_except: every byte at every place", "[output]") {
  for (auto [a, b] : {std::pair{',', '"'}, std::pair{'"', '\\'}}) {
    for (std::size_t n = 1; n <= 20; ++n)
      for (std::size_t at = 0; at < n; ++at)
        for (int c = 0; c < 256; ++c) {
          std::string s(n, 'x');
          s[at] = static_cast<char>(c);
          INFO("length " << n << ", byte " << c << " at " << at);
          REQUIRE(mls::out::printable_ascii_except(s, a, b) == bytewise(s, a, b));
        }
    REQUIRE(mls::out::printable_ascii_except("", a, b));
  }
}

TEST_CASE("printable_ascii_except: random strings", "[output]") {
  std::mt19937 rng(24);
  std::uniform_int_distribution<int> len(0, 40), byte(0, 255), mostly(0x1e, 0x80);
  for (int k = 0; k < 200000; ++k) {
    std::string s(static_cast<std::size_t>(len(rng)), ' ');
    for (char& c : s) c = static_cast<char>(k % 3 ? mostly(rng) : byte(rng));
    REQUIRE(mls::out::printable_ascii_except(s, ',', '"') == bytewise(s, ',', '"'));
    REQUIRE(mls::out::printable_ascii_except(s, '"', '\\') == bytewise(s, '"', '\\'));
  }
}
