#include "stdlib/core/dimension.hpp"

namespace mls {

namespace {
constexpr const char* kNames[kBaseDims] = {"Time",   "Length",      "Mass",    "Current",  "Temperature",
                                           "Amount", "Luminosity",  "Information", "Compute", "Currency",
                                           "Token",  "Sample",      "Parameter",   "Request"};
constexpr const char* kUnits[kBaseDims] = {"s",   "m",    "kg",  "A",     "K",      "mol",   "cd",
                                           "B",   "FLOP", "USD", "token", "sample", "param", "request"};

// Display order: numerator factors first in a conventional order (Compute before Information before Time).
constexpr BaseDim kOrder[kBaseDims] = {BaseDim::Compute, BaseDim::Information, BaseDim::Currency, BaseDim::Token,
                                       BaseDim::Sample,  BaseDim::Parameter,   BaseDim::Request,  BaseDim::Mass,
                                       BaseDim::Length,  BaseDim::Time,        BaseDim::Current,  BaseDim::Temperature,
                                       BaseDim::Amount,  BaseDim::Luminosity};

std::string render(const Dimension& d, const char* const* names, const char* mul, const char* div) {
  std::string num, den;
  auto add = [&](std::string& s, const char* name, Rational e) {
    if (!s.empty()) s += mul;
    s += name;
    if (!(e == Rational(1))) s += "^" + (e.is_integer() ? e.str() : "(" + e.str() + ")");
  };
  for (BaseDim b : kOrder) {
    Rational e = d[b];
    if (e.is_zero()) continue;
    if (e.num > 0) add(num, names[static_cast<int>(b)], e);
    else add(den, names[static_cast<int>(b)], -e);
  }
  if (num.empty()) num = "1";
  if (den.empty()) return num;
  bool compound = den.find(mul) != std::string::npos;
  return num + div + (compound ? "(" + den + ")" : den);
}
}  // namespace

const char* base_dim_name(BaseDim d) { return kNames[static_cast<int>(d)]; }
const char* base_dim_unit(BaseDim d) { return kUnits[static_cast<int>(d)]; }

std::string Dimension::base_form() const { return render(*this, kNames, " × ", " / "); }
std::string Dimension::base_unit_form() const { return render(*this, kUnits, "*", "/"); }

int Dimension::distance(const Dimension& other) const {
  int n = 0;
  for (int i = 0; i < kBaseDims; ++i)
    if (!(exp[i] == other.exp[i])) ++n;
  return n;
}

}  // namespace mls
