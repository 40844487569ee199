// A curated lexicon of the ways people write units that MLS spells otherwise (issue 23 item 3): long
// names and plurals (`millisecond`, `hours`, `gigabytes`), conventional abbreviations (`msec`, `hr`,
// `tok`, `GBps`), the Greek letter mu for the micro sign, and case slips (`mb`, `GHZ`, `tflops`).
// Edit distance alone suggests `hr` -> `Hz` and `tok` -> `TK`: a unit of another dimension, which is
// worse than no suggestion. Every answer is checked against the unit table.
#include "compiler/sema/unit_lexicon.hpp"

#include <cctype>
#include <map>

namespace mls::sema {

namespace {
std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Written-out names and abbreviations (lower case, singular) -> the MLS symbol.
const std::map<std::string, std::string>& words() {
  static const std::map<std::string, std::string> w = {
      {"sec", "s"}, {"secs", "s"}, {"second", "s"}, {"seconds", "s"},
      {"msec", "ms"}, {"msecs", "ms"}, {"millisecond", "ms"}, {"milliseconds", "ms"}, {"millis", "ms"},
      {"usec", "µs"}, {"usecs", "µs"}, {"microsecond", "µs"}, {"microseconds", "µs"},
      {"nsec", "ns"}, {"nsecs", "ns"}, {"nanosecond", "ns"}, {"nanoseconds", "ns"},
      {"mins", "min"}, {"minute", "min"}, {"minutes", "min"},
      {"hr", "h"}, {"hrs", "h"}, {"hour", "h"}, {"hours", "h"},
      {"days", "day"}, {"wk", "week"}, {"wks", "week"}, {"weeks", "week"},
      {"yr", "year"}, {"yrs", "year"}, {"years", "year"}, {"months", "month"},
      {"tok", "token"}, {"toks", "token"}, {"tokens", "token"},
      {"params", "param"}, {"parameter", "param"}, {"parameters", "param"},
      {"req", "request"}, {"reqs", "request"}, {"requests", "request"},
      {"samples", "sample"},
      {"byte", "B"}, {"bytes", "B"}, {"kilobyte", "kB"}, {"kilobytes", "kB"}, {"megabyte", "MB"}, {"megabytes", "MB"},
      {"gigabyte", "GB"}, {"gigabytes", "GB"}, {"terabyte", "TB"}, {"terabytes", "TB"}, {"petabyte", "PB"},
      {"petabytes", "PB"}, {"kibibyte", "KiB"}, {"mebibyte", "MiB"}, {"gibibyte", "GiB"}, {"gibibytes", "GiB"},
      {"tebibyte", "TiB"}, {"tebibytes", "TiB"},
      {"bits", "bit"}, {"gigabit", "Gbit"}, {"gigabits", "Gbit"}, {"megabit", "Mbit"}, {"megabits", "Mbit"},
      {"watt", "W"}, {"watts", "W"}, {"kilowatt", "kW"}, {"kilowatts", "kW"}, {"megawatt", "MW"}, {"megawatts", "MW"},
      {"joule", "J"}, {"joules", "J"}, {"kwhr", "kWh"}, {"dollar", "USD"}, {"dollars", "USD"}, {"usd", "USD"},
      {"hertz", "Hz"}, {"flop", "FLOP"}, {"flops", "FLOP/s"},
  };
  return w;
}

// `GBps` -> `GB/s` (bytes: only for a capital B), `Gbps` stays bits; `tflops` -> `TFLOP/s`.
std::optional<std::string> rate_form(const std::string& w, const units::UnitTable& t) {
  auto ends = [&](const std::string& suf) { return w.size() > suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0; };
  if (ends("Bps") || ends("B/sec")) {
    std::string amount = w.substr(0, w.find("B") + 1);
    if (t.find(amount)) return amount + "/s";
  }
  std::string l = lower(w);
  if (l.size() > 5 && l.compare(l.size() - 5, 5, "flops") == 0) {
    std::string prefix = w.substr(0, w.size() - 5);
    std::string p = prefix.size() == 1 ? std::string(1, char(std::toupper(static_cast<unsigned char>(prefix[0])))) : prefix;
    if (t.find(p + "FLOP")) return p + "FLOP/s";
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> unit_spelling(const std::string& written, const units::UnitTable& t) {
  auto known = [&](const std::string& u) -> std::optional<std::string> {
    if (t.find(u)) return u;
    // a compound answer (`FLOP/s`, `GB/s`): its first part must be a unit
    if (auto slash = u.find('/'); slash != std::string::npos && t.find(u.substr(0, slash))) return u;
    return std::nullopt;
  };
  // Greek small mu (U+03BC) for the micro sign (U+00B5): `μs` -> `µs`.
  static const std::string greek_mu = "\xCE\xBC", micro = "\xC2\xB5";
  if (written.rfind(greek_mu, 0) == 0)
    if (auto u = known(micro + written.substr(greek_mu.size()))) return u;
  if (auto it = words().find(lower(written)); it != words().end())
    if (auto u = known(it->second)) return u;
  if (auto r = rate_form(written, t)) return r;
  // Case slips: a unique unit of the same letters in another case (`GHZ` -> `GHz`, `mb` -> `MB`).
  // Bytes before bits: `mb` is a megabyte slip far more often than a millibit.
  // One letter is no slip to correct: `k` glued to a number (`128k`) is not the kelvin `K`.
  if (written.size() < 2) return std::nullopt;
  std::optional<std::string> only;
  int matches = 0;
  for (auto& [name, _] : t.all())
    if (lower(name) == lower(written) && name != written) {
      if (name.find('B') != std::string::npos && name.find("bit") == std::string::npos) return name;
      only = name;
      ++matches;
    }
  if (matches == 1) return only;
  return std::nullopt;
}

}  // namespace mls::sema
