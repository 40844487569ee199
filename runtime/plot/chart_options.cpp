#include "runtime/plot/chart_options.hpp"


#include <cmath>
#include <map>

namespace mls::plot {

namespace {

const Value* last(const Chart& c, const std::string& arg) {
  for (auto it = c.points.rbegin(); it != c.points.rend(); ++it)
    if (auto f = it->find(arg); f != it->end()) return &f->second;
  return nullptr;
}
std::optional<std::string> string_arg(const Chart& c, const std::string& arg) {
  const Value* v = last(c, arg);
  if (v && v->is_str()) return v->str();
  return std::nullopt;
}
AxisOptions axis(const Chart& c, const std::string& a) {
  AxisOptions o;
  o.label = string_arg(c, a + "label");
  if (auto s = string_arg(c, a + "scale")) o.log = *s == "log";
  const Value *lo = last(c, a + "range.lo"), *hi = last(c, a + "range.hi");
  if (lo && hi && lo->is_num() && hi->is_num()) o.range = std::make_pair(lo->num(), hi->num());
  return o;
}

}  // namespace

ChartOptions chart_options(const Chart& c) {
  ChartOptions o;
  o.x = axis(c, "x");
  o.y = axis(c, "y");
  o.legend = string_arg(c, "legend").value_or("");
  o.labels = string_arg(c, "labels").value_or("");
  return o;
}

std::string options_problem(const Chart& c, const ChartOptions& o) {
  auto check = [&](const char* a, const AxisOptions& x, const char* data) -> std::string {
    std::string name = std::string(a) + "range";
    if (x.range) {
      auto [lo, hi] = *x.range;
      if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi)) return "`" + name + "` is empty: its low end is not below its high end";
      if (x.log.value_or(false) && lo <= 0) return "`" + name + "` reaches zero on a log axis (" + a + "scale = \"log\")";
    }
    if (x.log.value_or(false) && data)
      for (auto& p : c.points)
        if (auto f = p.find(data); f != p.end() && f->second.is_num() && !(f->second.num() > 0))
          return "`" + std::string(data) + "` has a value not above zero, which a log axis cannot show (" + a + "scale = \"log\")";
    return "";
  };
  bool xy = c.kind == "line" || c.kind == "scatter" || c.kind == "heatmap";
  if (auto p = check("x", o.x, xy ? "x" : nullptr); !p.empty()) return p;
  return check("y", o.y, xy ? "y" : c.kind == "bar" ? "value" : nullptr);
}

std::string legend_command(const std::string& legend, const std::string& fallback) {
  static const std::map<std::string, std::string> kKey = {
      {"top left", "set key top left"},       {"top right", "set key top right"},
      {"bottom left", "set key bottom left"}, {"bottom right", "set key bottom right"},
      {"outside", "set key outside right"},   {"below", "set key below"},
      {"none", "unset key"}};
  auto it = kKey.find(legend);
  return it == kKey.end() ? fallback : it->second;
}

}  // namespace mls::plot
