// A quantity: its value in coherent SI/base units, its dimension, the unit it is shown in, and
// conversion to any unit of the language (`q.to("ms")`), read by the language's own unit table.
#pragma once

#include <memory>
#include <string>

namespace mls::api {

namespace detail {
struct QuantityData;
}

class Quantity {
 public:
  double si() const;               // 0.004179 for 4.179 ms: the value in coherent base units
  std::string dimension() const;   // "Time", "Bandwidth" — the named dimension, else the base form "B·s"
  std::string base_unit() const;   // the coherent unit of si(): "s", "B/s", "FLOP/B", "" (a plain number)
  double value() const;            // the number shown, in unit() (rounded to the engine's digits)
  std::string unit() const;        // the unit shown: the one asked for, else an engineering prefix
  std::string str() const;         // "4.179 ms", as the text output prints it
  // The same quantity shown in `unit` (any unit expression of the language: "ms", "GB/s", "m^3/J").
  // Throws mls::api::Error: E01xx for an unknown unit (with the language's suggestion), E0302 when
  // the unit's dimension differs.
  Quantity to(const std::string& unit) const;
  // The value in `unit`, exactly (not rounded): q.in("ms") == q.si() * 1000 for a time.
  double in(const std::string& unit) const;

  explicit Quantity(std::shared_ptr<const detail::QuantityData> d) : d_(std::move(d)) {}
  const detail::QuantityData& data() const { return *d_; }

 private:
  std::shared_ptr<const detail::QuantityData> d_;
};

}  // namespace mls::api
