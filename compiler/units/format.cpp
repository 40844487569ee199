// Quantity formatting: an engineering prefix within the display's family so that 1 <= |v| < 1000
// where possible, never switching B <-> bit or SI <-> IEC; durations pick ns ... year.
#include "compiler/units/unit_table.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <vector>

namespace mls::units {

void append_number(std::string& out, double v, int digits) {
  if (std::isnan(v)) return void(out += "NaN");
  if (std::isinf(v)) return void(out += v > 0 ? "inf" : "-inf");
  if (v == 0) return void(out += '0');
  char buf[64];
  // A whole number prints whole (10000 tokens, not 1e+04 tokens) when it has few enough digits to read;
  // below 1000 it is "%.*g"'s own text when it has at most `digits` digits (a sweep's batch sizes: an
  // integer conversion instead of a floating-point one).
  static constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const double a = std::fabs(v);
  if (a < 1e15 && v == std::floor(v) &&
      (a >= 1000 ? a < (digits >= 15 ? 1e15 : kPow10[std::max(digits, 6)]) : digits >= 3 || a < kPow10[std::max(digits, 0)])) {
    out.append(buf, std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v)).ptr);
    return;
  }
  // std::to_chars with a precision is printf's "%.*g" digit for digit, without its locale and
  // parsing costs (issue 24: a CSV row formats several numbers); written straight into `out`.
#if defined(__cpp_lib_to_chars)
  char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, digits).ptr;
#else
  // libc++ before 17 (Emscripten's, the browser build) has no floating-point to_chars: printf's digits.
  char* end = buf + std::max(0, std::snprintf(buf, sizeof buf, "%.*g", digits, v));
#endif
  char* exp = std::find(buf, end, 'e');
  char* mant_end = exp;
  if (std::find(buf, exp, '.') != exp) {  // trim trailing zeros of a fraction (keep exponents intact)
    while (mant_end > buf && mant_end[-1] == '0') --mant_end;
    if (mant_end > buf && mant_end[-1] == '.') --mant_end;
  }
  out.append(buf, mant_end);
  out.append(exp, end);
}

std::string format_number(double v, int digits) {
  std::string s;
  append_number(s, v, digits);
  return s;
}

namespace {
struct Step {
  const char* prefix;
  double factor;
};
const Step kSI[] = {{"p", 1e-12}, {"n", 1e-9}, {"µ", 1e-6}, {"m", 1e-3}, {"", 1}, {"k", 1e3},
                    {"M", 1e6},   {"G", 1e9},  {"T", 1e12}, {"P", 1e15}, {"E", 1e18}, {"Z", 1e21}, {"Y", 1e24}};
const Step kIEC[] = {{"", 1}, {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
                     {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
                     {"Zi", 1180591620717411303424.0}, {"Yi", 1208925819614629174706176.0}};

Formatted make(double v, const std::string& unit, int digits, double scale) { return {v, format_number(v, digits), unit, scale}; }

// The step (prefix or time unit) to show |value| `a` in: the largest allowed one it reaches, or the
// next one up when `digits` significant digits round it up to that one (999.96 GB at 4 digits is 1 TB,
// not 1000 GB; 960 µs at 1 digit is 1 ms, not 1e+03 µs). The smallest allowed step when none is reached.
template <class Allowed>
const Step* pick_step(const Step* steps, size_t n, double a, int digits, Allowed allowed) {
  const Step* pick = nullptr;
  size_t at = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!allowed(steps[i])) continue;
    if (!pick || a >= steps[i].factor * (1 - 1e-12)) pick = &steps[i], at = i;
  }
  for (size_t i = at + 1; i < n; ++i) {
    if (!allowed(steps[i])) continue;
    double x = a / steps[i].factor;
    // Only x within 10^-digits of 1 can round up to 1 (the bound is half that): others skip the text.
    if (x >= 0.5 && x >= 1 - std::pow(10.0, -digits) && std::strtod(format_number(x, digits).c_str(), nullptr) >= 1)
      pick = &steps[i];
    break;
  }
  return pick;
}
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
    double v = si / d.scale;
    if (d.text == "USD" && money_range(v)) return money(v, d.text, digits);
    // `-> L` of 260100 L: the prefixed unit rather than 2.601e+05 L (a bare prefixable unit only).
    if (d.fixed_prefixable && std::isfinite(v) && v != 0 && format_number(v, digits).find('e') != std::string::npos) {
      const Step* pick = pick_step(kSI, std::size(kSI), std::fabs(v), digits,
                                   [&](const Step& s) { return s.factor >= 1 || d.fixed_small_prefixes; });
      return make(v / pick->factor, pick->prefix + d.text, digits, d.scale * pick->factor);
    }
    return make(v, d.text, digits, d.scale);
  }
  double v = si / d.rest_scale;
  std::string base = d.prefix_base;
  if (base == "USD" && money_range(v)) return money(v, base + d.rest, digits);
  if (!std::isfinite(v) || v == 0 || d.prefixes == PrefixSystem::None) return make(v, base + d.rest, digits, d.rest_scale);
  double a = std::fabs(v);
  if (d.prefixes == PrefixSystem::Time && base == "s") {  // a time, or a time per something (ms/token)
    static const Step kT[] = {{"ns", 1e-9}, {"µs", 1e-6}, {"ms", 1e-3}, {"s", 1},
                              {"min", 60}, {"h", 3600}, {"day", 86400}, {"year", 31536000}};
    const Step* pick = pick_step(kT, std::size(kT), a, digits, [](const Step&) { return true; });
    return make(v / pick->factor, pick->prefix + d.rest, digits, d.rest_scale * pick->factor);
  }
  if (d.prefixes == PrefixSystem::SI && base == "g" && d.rest.empty()) {
    // Mass: g, kg, t, kt, Mt (a tonne is a megagram).
    static const Step kMass[] = {{"mg", 1e-3}, {"g", 1}, {"kg", 1e3}, {"t", 1e6}, {"kt", 1e9}, {"Mt", 1e12}};
    const Step* pick = pick_step(kMass, std::size(kMass), a, digits,
                                 [&](const Step& s) { return d.small_prefixes || s.factor >= 1; });
    return make(v / pick->factor, pick->prefix, digits, d.rest_scale * pick->factor);
  }
  if (d.prefixes == PrefixSystem::SI && base == "J" && d.rest.empty()) {
    // Energy: joules up to a kilowatt-hour (a token's mJ, a step's kJ), then the watt-hours engineers and
    // utility bills use: kWh, MWh, GWh, TWh (a training run's 50 GWh, not 180 TJ).
    static const Step kEnergy[] = {{"pJ", 1e-12}, {"nJ", 1e-9}, {"µJ", 1e-6}, {"mJ", 1e-3}, {"J", 1}, {"kJ", 1e3},
                                   {"MJ", 1e6}, {"kWh", 3.6e6}, {"MWh", 3.6e9}, {"GWh", 3.6e12}, {"TWh", 3.6e15},
                                   {"PWh", 3.6e18}};
    const Step* pick = pick_step(kEnergy, std::size(kEnergy), a, digits,
                                 [&](const Step& s) { return d.small_prefixes || s.factor >= 1; });
    return make(v / pick->factor, pick->prefix, digits, d.rest_scale * pick->factor);
  }
  const Step* table = d.prefixes == PrefixSystem::IEC ? kIEC : kSI;
  size_t n = d.prefixes == PrefixSystem::IEC ? std::size(kIEC) : std::size(kSI);
  const Step* pick = pick_step(table, n, a, digits, [&](const Step& s) {
    return s.factor >= 1 || d.small_prefixes || d.prefixes == PrefixSystem::Time;
  });
  // The base unit may itself carry a prefix-like name (kWh): prefixes apply to the bare base only.
  return make(v / pick->factor, std::string(pick->prefix) + base + d.rest, digits, d.rest_scale * pick->factor);
}

Display column_display(std::vector<double> si, const Display& d, int digits) {
  if (d.fixed || d.prefixes == PrefixSystem::None) return d;
  std::erase_if(si, [](double x) { return !std::isfinite(x) || x == 0; });
  if (si.empty()) return d;
  for (double& x : si) x = std::fabs(x);
  std::nth_element(si.begin(), si.begin() + si.size() / 2, si.end());
  Formatted f = format(si[si.size() / 2], d, digits);
  if (f.unit.empty() || f.unit == "USD" || f.unit.find("USD") != std::string::npos) return d;
  Display col;
  col.fixed = true;
  col.text = f.unit;
  col.scale = f.scale;
  return col;
}

}  // namespace mls::units
