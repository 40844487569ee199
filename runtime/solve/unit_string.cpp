#include "runtime/solve/unit_string.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace mls {

namespace {
constexpr long kMaxUnitPower = 64;  // the largest power the language accepts (E0305)

struct Parser {
  const std::string& s;
  const units::UnitTable& t;
  size_t i = 0;

  void ws() { while (i < s.size() && s[i] == ' ') ++i; }
  std::optional<UnitValue> atom() {
    ws();
    if (i < s.size() && s[i] == '(') {
      ++i;
      auto v = product();
      ws();
      if (!v || i >= s.size() || s[i] != ')') return std::nullopt;
      ++i;
      return v;
    }
    size_t b = i;
    if (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
      char* end = nullptr;
      double x = std::strtod(s.c_str() + i, &end);
      // A lone '.' reads no number: fail rather than stand still (the product loop would spin forever;
      // found by fuzz_solve on "989 .FLOP/s").
      if (end == s.c_str() + i) return std::nullopt;
      i = size_t(end - s.c_str());
      if (!std::isfinite(x)) return std::nullopt;  // "1e400": out of range, never silently infinite
      return UnitValue{x, {}};
    }
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '%' ||
                            (static_cast<unsigned char>(s[i]) & 0x80)))
      ++i;
    if (i == b) return std::nullopt;
    std::string sym = s.substr(b, i - b);
    if (sym == "byte" || sym == "bytes") sym = "B";
    if (sym == "parameter" || sym == "parameters") sym = "param";
    const units::UnitEntry* u = t.find(sym);
    if (!u) return std::nullopt;
    return UnitValue{u->scale, u->dim};
  }
  std::optional<UnitValue> factor() {
    auto a = atom();
    ws();
    if (a && i < s.size() && s[i] == '^') {
      ++i;
      ws();
      char* end = nullptr;
      long p = std::strtol(s.c_str() + i, &end, 10);
      // Beyond the language's exponent range: no unit, and the scale would overflow.
      if (end == s.c_str() + i || p < -kMaxUnitPower || p > kMaxUnitPower) return std::nullopt;
      i = size_t(end - s.c_str());
      return UnitValue{std::pow(a->scale, double(p)), a->dim.pow(Rational(int(p)))};
    }
    return a;
  }
  std::optional<UnitValue> product() {
    auto v = factor();
    while (v) {
      ws();
      if (i >= s.size() || s[i] == ')') break;
      bool div = s[i] == '/';
      if (s[i] == '/' || s[i] == '*') ++i;
      auto r = factor();
      if (!r) return std::nullopt;
      v = div ? UnitValue{v->scale / r->scale, v->dim / r->dim} : UnitValue{v->scale * r->scale, v->dim * r->dim};
    }
    return v;
  }
};
}  // namespace

std::optional<UnitValue> parse_unit_string(const std::string& text, const units::UnitTable& t) {
  if (text.empty() || text == "1") return UnitValue{1, {}};
  Parser p{text, t};
  auto v = p.product();
  p.ws();
  if (!v || p.i != text.size()) return std::nullopt;
  return v;
}

std::optional<UnitValue> parse_quantity_string(const std::string& text, const units::UnitTable& t) {
  char* end = nullptr;
  double x = std::strtod(text.c_str(), &end);
  // strtod also reads "nan", "inf" and "1e400" (as infinity): none is a quantity.
  if (end == text.c_str() || !std::isfinite(x)) return std::nullopt;
  std::string rest(end);
  while (!rest.empty() && rest.front() == ' ') rest.erase(rest.begin());
  auto u = parse_unit_string(rest, t);
  if (!u || !std::isfinite(x * u->scale)) return std::nullopt;
  return UnitValue{x * u->scale, u->dim};
}

}  // namespace mls
