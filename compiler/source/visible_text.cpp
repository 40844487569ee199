#include "compiler/source/visible_text.hpp"

#include <cstdio>

namespace mls {

namespace {
std::string hex_escape(const char* form, unsigned value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, form, value);
  return buf;
}

// The code point of the UTF-8 sequence at s[i] and its length, or length 0 when it is not UTF-8
// (a stray continuation byte, a truncated or overlong sequence, a surrogate, beyond U+10FFFF).
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  std::size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return {0, 0};
  char32_t cp = b & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (c & 0x3F);
  }
  static const char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, n};
}

bool hidden_format_char(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x2028 || cp == 0x2029;
}
}  // namespace

std::size_t hidden_char_at(std::string_view s, std::size_t i) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x20 || b == 0x7F) return 1;
  if (b < 0x80) return 0;
  auto [cp, n] = decode(s, i);
  if (n == 0) return 1;
  return hidden_format_char(cp) ? n : 0;
}

std::string visible_text(std::string_view s, Layout layout) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F) {
      out += char(b);
      ++i;
    } else if (b < 0x80) {
      if (layout == Layout::Keep && (b == '\n' || b == '\t')) out += char(b);
      else if (b == '\n') out += "\\n";
      else if (b == '\t') out += "\\t";
      else if (b == '\r') out += "\\r";
      else out += hex_escape("\\x%02x", b);
      ++i;
    } else if (auto [cp, n] = decode(s, i); n == 0) {
      out += hex_escape("\\x%02x", b);
      ++i;
    } else {
      if (hidden_format_char(cp)) out += hex_escape("\\u%04x", static_cast<unsigned>(cp));
      else out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace mls
