// Quantity formatting: an engineering prefix within the display's family so that 1 <= |v| < 1000
// where possible, never switching B <-> bit or SI <-> IEC; durations pick ns ... year.
#include "compiler/units/unit_table.hpp"

#include <cmath>
#include <cstdio>

namespace mls::units {

std::string format_number(double v, int digits) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  // A whole number prints whole (10000 tokens, not 1e+04 tokens) when it has few enough digits to read.
  if (std::fabs(v) >= 1000 && std::fabs(v) < 1e15 && v == std::floor(v) && std::fabs(v) < std::pow(10.0, std::max(digits, 6)))
    return std::to_string(static_cast<long long>(v));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  std::string s = buf;
  // Trim trailing zeros of a fraction (keep exponents intact).
  auto e = s.find('e');
  std::string mant = e == std::string::npos ? s : s.substr(0, e), exp = e == std::string::npos ? "" : s.substr(e);
  if (mant.find('.') != std::string::npos) {
    while (!mant.empty() && mant.back() == '0') mant.pop_back();
    if (!mant.empty() && mant.back() == '.') mant.pop_back();
  }
  return mant + exp;
}

namespace {
struct Step {
  const char* prefix;
  double factor;
};
const Step kSI[] = {{"p", 1e-12}, {"n", 1e-9}, {"µ", 1e-6}, {"m", 1e-3}, {"", 1}, {"k", 1e3},
                    {"M", 1e6},   {"G", 1e9},  {"T", 1e12}, {"P", 1e15}, {"E", 1e18}};
const Step kIEC[] = {{"", 1}, {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
                     {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0}};

Formatted make(double v, const std::string& unit, int digits) { return {v, format_number(v, digits), unit}; }
}  // namespace

namespace {
// "30720000" -> "30,720,000"
std::string grouped(long long n) {
  std::string d = std::to_string(n < 0 ? -n : n), g;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) g += ',';
    g += d[i];
  }
  return (n < 0 ? "-" : "") + g;
}

// Money reads best in whole dollars with thousands separators: 30,720,000 USD.
Formatted money(double v, const std::string& unit, int digits) {
  double p = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - digits + 1);
  double r = std::round(v / p) * p;
  return {r, grouped(std::llround(r)), unit};
}
bool money_range(double v) { return std::isfinite(v) && std::fabs(v) >= 1000 && std::fabs(v) < 1e15; }
}  // namespace

std::string format_count(double n) {
  if (!std::isfinite(n) || std::fabs(n) >= 1e15 || n != std::floor(n)) return format_number(n, 4);
  return grouped(std::llround(n));
}

Formatted format(double si, const Display& d, int digits) {
  if (d.fixed) {
    if (d.text == "USD" && money_range(si / d.scale)) return money(si / d.scale, d.text, digits);
    return make(si / d.scale, d.text, digits);
  }
  double v = si / d.rest_scale;
  std::string base = d.prefix_base;
  if (base == "USD" && money_range(v)) return money(v, base + d.rest, digits);
  if (!std::isfinite(v) || v == 0 || d.prefixes == PrefixSystem::None) return make(v, base + d.rest, digits);
  double a = std::fabs(v);
  if (d.prefixes == PrefixSystem::Time && d.rest.empty() && base == "s") {
    struct T {
      const char* unit;
      double s;
    };
    static const T kT[] = {{"ns", 1e-9}, {"µs", 1e-6}, {"ms", 1e-3}, {"s", 1},
                           {"min", 60}, {"h", 3600}, {"day", 86400}, {"year", 31536000}};
    const T* pick = &kT[0];
    for (auto& t : kT)
      if (a >= t.s * (1 - 1e-12)) pick = &t;
    return make(v / pick->s, pick->unit, digits);
  }
  if (d.prefixes == PrefixSystem::SI && base == "g" && d.rest.empty()) {
    // Mass: g, kg, t, kt, Mt (a tonne is a megagram).
    static const Step kMass[] = {{"mg", 1e-3}, {"g", 1}, {"kg", 1e3}, {"t", 1e6}, {"kt", 1e9}, {"Mt", 1e12}};
    const Step* pick = &kMass[1];
    for (auto& s : kMass)
      if (a >= s.factor * (1 - 1e-12) && (d.small_prefixes || s.factor >= 1)) pick = &s;
    return make(v / pick->factor, pick->prefix, digits);
  }
  const Step* table = d.prefixes == PrefixSystem::IEC ? kIEC : kSI;
  size_t n = d.prefixes == PrefixSystem::IEC ? std::size(kIEC) : std::size(kSI);
  const Step* pick = nullptr;
  for (size_t i = 0; i < n; ++i) {
    const Step& s = table[i];
    bool allowed = s.factor >= 1 || d.small_prefixes || d.prefixes == PrefixSystem::Time;
    if (!allowed) continue;
    if (!pick) pick = &s;
    if (a >= s.factor * (1 - 1e-12)) pick = &s;
  }
  // The base unit may itself carry a prefix-like name (kWh): prefixes apply to the bare base only.
  return make(v / pick->factor, std::string(pick->prefix) + base + d.rest, digits);
}

}  // namespace mls::units
