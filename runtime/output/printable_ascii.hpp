// Whether a cell's string can be copied into a CSV or JSON row as it is: every byte printable ASCII
// (0x20..0x7e) and neither of the format's two special characters (CSV: `,` and `"`; JSON: `"` and
// `\`). A sweep writes a few such strings per row (device and model names, units, column names), so
// the test runs eight bytes at a time (issue 24: a byte-by-byte loop of four comparisons was ~8 % of a
// JSON row's instructions).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mls::out {

inline bool printable_ascii_except(std::string_view s, char a, char b) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  // Nonzero when some byte of v is zero (exact as a truth value: a borrow starts only at a zero byte).
  auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  const std::uint64_t ma = ones * static_cast<unsigned char>(a), mb = ones * static_cast<unsigned char>(b);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // a byte below 0x20 (exact for the same reason), one with its high bit set, 0x7f, a or b
    if (((w - ones * 0x20) & ~w & highs) | (w & highs) | zero_byte(w ^ (ones * 0x7f)) | zero_byte(w ^ ma) | zero_byte(w ^ mb))
      return false;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7f || c == static_cast<unsigned char>(a) || c == static_cast<unsigned char>(b)) return false;
  }
  return true;
}

}  // namespace mls::out
