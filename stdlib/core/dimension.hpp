// Run-time dimensions: rational exponent vectors over the fourteen base dimensions.
//
// The compiler checks MLS programs with these; the solver registry derives them from the
// Boost.Units types of the C++ declarations (see dimension_of.hpp), so both sides agree.
#pragma once

#include <array>
#include <cstdint>
#include <numeric>
#include <string>

namespace mls {

// Small exact rational used for exponents (sqrt halves them, cbrt thirds them).
struct Rational {
  std::int32_t num = 0;
  std::int32_t den = 1;

  constexpr Rational() = default;
  constexpr Rational(std::int32_t n, std::int32_t d = 1) : num(n), den(d) { normalize(); }
  constexpr void normalize() {
    if (den < 0) { num = -num; den = -den; }
    std::int32_t g = std::gcd(num < 0 ? -num : num, den);
    if (g > 1) { num /= g; den /= g; }
    if (num == 0) den = 1;
  }
  constexpr bool is_zero() const { return num == 0; }
  constexpr bool is_integer() const { return den == 1; }
  constexpr double to_double() const { return double(num) / double(den); }
  friend constexpr Rational operator+(Rational a, Rational b) { return {a.num * b.den + b.num * a.den, a.den * b.den}; }
  friend constexpr Rational operator-(Rational a, Rational b) { return {a.num * b.den - b.num * a.den, a.den * b.den}; }
  friend constexpr Rational operator*(Rational a, Rational b) { return {a.num * b.num, a.den * b.den}; }
  friend constexpr Rational operator/(Rational a, Rational b) { return {a.num * b.den, a.den * b.num}; }
  friend constexpr Rational operator-(Rational a) { return {-a.num, a.den}; }
  friend constexpr bool operator==(Rational a, Rational b) { return a.num == b.num && a.den == b.den; }
  std::string str() const { return den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den); }
};

enum class BaseDim : int {
  Time, Length, Mass, Current, Temperature, Amount, Luminosity,
  Information, Compute, Currency, Token, Sample, Parameter, Request,
  Count_  // number of base dimensions
};
inline constexpr int kBaseDims = static_cast<int>(BaseDim::Count_);

// Display name of a base dimension ("Information") and its coherent base unit symbol ("B").
const char* base_dim_name(BaseDim d);
const char* base_dim_unit(BaseDim d);

struct Dimension {
  std::array<Rational, kBaseDims> exp{};

  static Dimension none() { return {}; }
  static Dimension base(BaseDim d, Rational e = 1) {
    Dimension r;
    r.exp[static_cast<int>(d)] = e;
    return r;
  }
  bool dimensionless() const {
    for (auto& e : exp)
      if (!e.is_zero()) return false;
    return true;
  }
  Rational operator[](BaseDim d) const { return exp[static_cast<int>(d)]; }
  Dimension pow(Rational p) const {
    Dimension r;
    for (int i = 0; i < kBaseDims; ++i) r.exp[i] = exp[i] * p;
    return r;
  }
  friend Dimension operator*(const Dimension& a, const Dimension& b) {
    Dimension r;
    for (int i = 0; i < kBaseDims; ++i) r.exp[i] = a.exp[i] + b.exp[i];
    return r;
  }
  friend Dimension operator/(const Dimension& a, const Dimension& b) {
    Dimension r;
    for (int i = 0; i < kBaseDims; ++i) r.exp[i] = a.exp[i] - b.exp[i];
    return r;
  }
  friend bool operator==(const Dimension& a, const Dimension& b) { return a.exp == b.exp; }
  friend bool operator!=(const Dimension& a, const Dimension& b) { return !(a == b); }

  // "Information / Time", "Compute / Information", "1" — base-dimension form used in messages.
  std::string base_form() const;
  // "B/s", "FLOP/B", "kg*m^2/s^2" — coherent base units of this dimension.
  std::string base_unit_form() const;
  // Number of base dimensions whose exponents differ (used to rank fix suggestions).
  int distance(const Dimension& other) const;
};

}  // namespace mls
