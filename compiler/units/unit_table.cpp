#include "compiler/units/unit_table.hpp"

#include <algorithm>
#include <cctype>

namespace mls::units {

namespace {
struct Prefix {
  const char* sym;
  double factor;
};
const Prefix kLarge[] = {{"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}, {"Z", 1e21}, {"Y", 1e24}};
const Prefix kSmall[] = {{"c", 1e-2}, {"m", 1e-3}, {"u", 1e-6}, {"µ", 1e-6}, {"n", 1e-9}, {"p", 1e-12}};
const Prefix kBinary[] = {{"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
                          {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0},
                          {"Zi", 1180591620717411303424.0}, {"Yi", 1208925819614629174706176.0}};

size_t distance(std::string_view a, std::string_view b, bool fold) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      char x = a[i - 1], y = b[j - 1];
      bool same = fold ? std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)) : x == y;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::optional<std::string> UnitTable::define(const UnitDecl& d) {
  std::vector<UnitEntry> add;
  bool is_time = d.dim == Dimension::base(BaseDim::Time) && d.scale == 1;
  PrefixSystem display = is_time ? PrefixSystem::Time
                         : d.metric_prefixes ? PrefixSystem::SI
                         : d.binary_prefixes ? PrefixSystem::IEC
                                             : PrefixSystem::None;
  auto entry = [&](const std::string& sym, const std::string& prefix, double factor, PrefixSystem ps) {
    UnitEntry e;
    e.symbol = sym;
    e.base = d.name;
    e.prefix = prefix;
    e.scale = d.scale * factor;
    e.dim = d.dim;
    e.prefixes = ps;
    e.small_prefixes = d.metric_prefixes && d.small_prefixes;
    e.long_name = d.long_name;
    e.defined_in = d.defined_in;
    add.push_back(e);
  };
  entry(d.name, "", 1, display);
  for (auto& a : d.aliases) entry(a, "", 1, display);
  if (d.metric_prefixes) {
    for (auto& p : kLarge) entry(p.sym + d.name, p.sym, p.factor, is_time ? PrefixSystem::SI : PrefixSystem::SI);
    if (d.small_prefixes)
      for (auto& p : kSmall) entry(p.sym + d.name, p.sym, p.factor, is_time ? PrefixSystem::Time : PrefixSystem::SI);
  }
  if (d.binary_prefixes)
    for (auto& p : kBinary) entry(p.sym + d.name, p.sym, p.factor, PrefixSystem::IEC);
  for (auto& e : add) {
    if (auto* old = find(e.symbol)) {
      std::string what = old->base == old->symbol ? "the unit `" + old->symbol + "`"
                                                  : "`" + old->prefix + "` + `" + old->base + "`";
      return "`" + e.symbol + "` already means " + what + (old->defined_in.empty() ? "" : " (" + old->defined_in + ")");
    }
    for (auto& f : add)
      if (&f != &e && f.symbol == e.symbol) return "`" + e.symbol + "` would be defined twice";
  }
  for (auto& e : add) units_.emplace(e.symbol, e);
  return std::nullopt;
}

const UnitEntry* UnitTable::find(std::string_view symbol) const {
  auto it = units_.find(symbol);
  return it == units_.end() ? nullptr : &it->second;
}

std::vector<std::string> UnitTable::suggest(std::string_view symbol, size_t n) const {
  std::vector<std::pair<size_t, std::string>> scored;
  for (auto& [s, _] : units_) {
    size_t folded = distance(symbol, s, true), exact = distance(symbol, s, false);
    size_t score = folded * 2 + (exact > folded ? 1 : 0);
    if (folded <= std::max<size_t>(1, symbol.size() / 3)) scored.emplace_back(score, s);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

std::optional<std::string> UnitTable::define_dimension(const std::string& name, const Dimension& d) {
  for (auto& [n, _] : dims_)
    if (n == name) return "`" + name + "` is already a dimension";
  dims_.emplace_back(name, d);
  return std::nullopt;
}

std::optional<Dimension> UnitTable::find_dimension(std::string_view name) const {
  for (auto& [n, d] : dims_)
    if (n == name) return d;
  return std::nullopt;
}

std::string UnitTable::dimension_name(const Dimension& d) const {
  for (auto& [n, x] : dims_)
    if (x == d) return n;
  return "";
}

}  // namespace mls::units
