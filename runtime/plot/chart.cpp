#include "runtime/plot/chart.hpp"

namespace mls::plot {

void Collector::add(int id, const std::string& kind, const std::vector<std::string>& args,
                    const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes) {
  Chart& c = charts_[id];
  c.id = id;
  c.kind = kind;
  std::map<std::string, Value> point;
  for (std::size_t k = 0; k < args.size() && k < values.size(); ++k) {
    auto eq = args[k].find('=');
    std::string name = args[k].substr(0, eq);
    if (!c.text.count(name)) {
      c.text[name] = eq == std::string::npos ? name : args[k].substr(eq + 1);
      c.shape[name] = k < shapes.size() ? shapes[k] : nullptr;
    }
    point[name] = values[k];
  }
  c.points.push_back(std::move(point));
}

}  // namespace mls::plot
