// The closed, case-sensitive unit table, named dimensions, and the display rules for quantities.
// The prelude (stdlib/prelude/*.mls) fills it through `dimension` and `unit` declarations.
#pragma once

#include "stdlib/core/dimension.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mls::units {

enum class PrefixSystem { None, SI, IEC, Time };

// One symbol of the table: "TB" = prefix "T" + base "B", scale 1e12 byte.
struct UnitEntry {
  std::string symbol;     // "TB"
  std::string base;       // "B" (the declared unit it is a prefixed form or alias of)
  std::string prefix;     // "T", "" for none
  double scale = 1;       // value of 1 symbol in coherent base units (1 TB = 1e12 B)
  Dimension dim;
  PrefixSystem prefixes = PrefixSystem::None;  // which prefix family the base accepts (for display)
  bool small_prefixes = false;                 // the base takes m u n p (seconds, metres, joules; not bytes)
  std::string long_name;  // "terabyte"
  std::string defined_in; // "prelude/information.mls:12" — for :info
};

struct UnitDecl {
  std::string name;                      // "B"
  std::vector<std::string> aliases;      // "byte", "bytes"
  double scale = 1;                      // in coherent base units
  Dimension dim;
  bool metric_prefixes = false;          // k M G T P E (+ m u µ n p when small_prefixes)
  bool small_prefixes = true;            // allow m u µ n p with metric prefixes
  bool binary_prefixes = false;          // Ki Mi Gi Ti Pi Ei
  std::string long_name;
  std::string defined_in;
};

class UnitTable {
 public:
  // Adds the unit, its aliases and every prefixed form. Fails, adding nothing, if any of those names
  // already exists: returns the colliding name and what it already means ("kB already means kilobyte").
  std::optional<std::string> define(const UnitDecl& d);
  const UnitEntry* find(std::string_view symbol) const;
  bool contains(std::string_view symbol) const { return find(symbol) != nullptr; }
  // Closest known symbols by edit distance (case-insensitive first), at most n.
  std::vector<std::string> suggest(std::string_view symbol, size_t n = 3) const;
  const std::map<std::string, UnitEntry, std::less<>>& all() const { return units_; }

  // Named dimensions: "Bandwidth" = Information / Time.
  std::optional<std::string> define_dimension(const std::string& name, const Dimension& d);
  std::optional<Dimension> find_dimension(std::string_view name) const;
  // The preferred name of a dimension ("Bandwidth"), or "" when unnamed.
  std::string dimension_name(const Dimension& d) const;
  const std::vector<std::pair<std::string, Dimension>>& dimensions() const { return dims_; }

 private:
  std::map<std::string, UnitEntry, std::less<>> units_;
  std::vector<std::pair<std::string, Dimension>> dims_;
};

// Spelling mistakes MLS refuses on purpose (LANGUAGE: no `b`, no `KB`, no `TFLOPs` as a rate, ...).
struct Misspelling {
  std::string message;   // "`KB` is not a unit: SI kilo is a lower-case k"
  std::string help;      // "write `kB` (1000 bytes) or `KiB` (1024 bytes)"
  std::string code;      // diagnostic code (E0102 bits/bytes, E0103 non-SI, ...)
};
std::optional<Misspelling> known_misspelling(std::string_view symbol, const UnitTable& t);

// How a quantity is shown. Either a fixed unit the user asked for (`-> GB/s`), or a family to pick an
// engineering prefix in: `prefix_base` ("B") receives the prefix, `rest` ("/s") follows unchanged.
struct Display {
  bool fixed = false;
  std::string text;          // fixed: "GB/s"
  double scale = 1;          // fixed: SI value of one displayed unit
  std::string prefix_base;   // family: "B", "bit", "FLOP", "s", "W", "USD", ...
  std::string rest;          // family: "/s", "/param", "" ...
  double rest_scale = 1;     // family: SI value of one unprefixed display unit (prefix_base + rest)
  PrefixSystem prefixes = PrefixSystem::SI;
  bool small_prefixes = false;  // family: may go below the base (ms, mJ); never for B, FLOP, USD
  // fixed: the unit asked for is a bare unit that takes SI prefixes (`-> L`, `-> W`): a number that
  // would need an exponent there is shown with the prefix instead (2.601e+05 L is 260.1 kL).
  bool fixed_prefixable = false;
  bool fixed_small_prefixes = false;
};

// The default display for a dimension: the prelude's canonical unit for named dimensions
// (Bandwidth → B/s SI, ComputeRate → FLOP/s, Time → s with ns…year, Energy → J, Power → W, ...),
// else the coherent base-unit form.
Display default_display(const Dimension& d, const UnitTable& t);

// `-> SI` and `-> base`: a fixed display in coherent units, no prefix (1 shown unit = 1 in base units).
// base: the base-unit form (`kg*m^2/s^2`); SI: the unit the dimension is shown in by default when that
// unit is coherent (J, W, B/s, FLOP/s, s, Hz), else the base-unit form (kg, m^3). A plain number stays one.
Display coherent_display(const Dimension& d, const UnitTable& t, bool si);

struct Formatted {
  double value;              // the number shown, in `unit`
  std::string number;        // "295.2" with `digits` significant digits, trailing zeros trimmed
  std::string unit;          // "FLOP/B" ("" for a dimensionless number)
  double scale = 1;          // SI value of one `unit`
};
// Chooses an engineering prefix within the display's family (never switching B↔bit or SI↔IEC) so
// that 1 <= |value| < 1000 where possible; NaN/inf are shown as "NaN"/"inf" (callers report them).
Formatted format(double si, const Display& d, int digits = 4);
// One unit for a whole table column (text tables): the unit `format` picks for the column's median
// magnitude, fixed, so a column of times reads 0.9 ms, 1200 ms rather than 900 µs, 1.2 s. `si` holds
// the column's values; a display that is already fixed or has no prefixes is returned as it is.
Display column_display(std::vector<double> si, const Display& d, int digits);
std::string format_number(double v, int digits);  // "295.2", "1e+24" style for very large/small
void append_number(std::string& out, double v, int digits);  // format_number's text, appended (no allocation)
std::string format_count(double n);                // a whole count: "1,000,000" (format_number beyond 1e15)

}  // namespace mls::units
