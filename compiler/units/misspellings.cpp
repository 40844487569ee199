// Spellings MLS refuses on purpose, each with the right one (LANGUAGE: no `b`, no `KB`, no
// `TFLOPs` as a rate). Codes: E0102 bits vs bytes, E0103 non-SI or ambiguous symbol, E0105 a
// FLOP count written where a rate was probably meant.
#include "compiler/units/unit_table.hpp"

#include <cctype>

namespace mls::units {

std::optional<Misspelling> known_misspelling(std::string_view s, const UnitTable& t) {
  std::string sym(s);
  if (t.contains(sym)) return std::nullopt;
  auto ends = [&](std::string_view suf) { return sym.size() >= suf.size() && sym.compare(sym.size() - suf.size(), suf.size(), suf) == 0; };
  std::string stem = sym.size() > 1 ? sym.substr(0, sym.size() - 1) : "";
  if (sym == "b")
    return Misspelling{"there is no unit `b`", "write `bit` for bits or `B` for bytes (1 B = 8 bit)", "E0102"};
  if (sym == "bps") return std::nullopt;
  // Gb, Mb, Tb, kb, Kb: ambiguous between bits and bytes.
  if (sym.size() == 2 && sym[1] == 'b' && std::string("kKMGTPE").find(sym[0]) != std::string::npos) {
    std::string p(1, sym[0] == 'K' ? 'k' : sym[0]);
    return Misspelling{"`" + sym + "` is ambiguous between bits and bytes",
                       "write `" + p + "bit` (" + p + "-bits) or `" + p + "B` (" + p + "-bytes); 1 B = 8 bit", "E0102"};
  }
  if (sym.size() == 4 && sym.substr(1) == "bps" && sym[0] == 'K')
    return Misspelling{"`Kbps` uses a capital K", "SI kilo is a lower-case k: write `kbps`", "E0103"};
  if (sym == "KB")
    return Misspelling{"`KB` is not a unit: SI kilo is a lower-case k", "write `kB` (1000 bytes) or `KiB` (1024 bytes)", "E0103"};
  if (sym.size() >= 2 && sym.back() == 's' && t.contains(stem) && ends("FLOPs"))
    return Misspelling{"`" + sym + "` reads as a count of operations, not a rate",
                       "write `" + stem + "/s` (or `" + stem + "S`) for a rate, `" + stem + "` for an amount", "E0105"};
  if (ends("Bs") && t.contains(stem))
    return Misspelling{"`" + sym + "` is not a unit", "write `" + stem + "/s` for a bandwidth", "E0103"};
  if (ends("bs") && sym.size() == 3 && std::string("kKMGTPE").find(sym[0]) != std::string::npos)
    return Misspelling{"`" + sym + "` is not a unit", std::string("write `") + sym[0] + "bit/s` or `" + sym[0] + "bps` for bits per second", "E0102"};
  std::string lower;
  for (char c : sym) lower += char(std::tolower(static_cast<unsigned char>(c)));
  for (const char* canon : {"kWh", "MWh", "GWh", "Wh", "kW", "MW", "GW", "TFLOP", "GFLOP", "PFLOP", "FLOP", "USD", "GiB", "MiB", "TiB", "KiB"}) {
    std::string c = canon, cl;
    for (char ch : c) cl += char(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == cl && sym != c && t.contains(c))
      return Misspelling{"units are case-sensitive: `" + sym + "` is not `" + c + "`", "write `" + c + "`", "E0103"};
  }
  return std::nullopt;
}

}  // namespace mls::units
