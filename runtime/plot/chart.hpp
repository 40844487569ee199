// The data of the charts a run drew: each `plot` statement is one chart; inside a loop every run
// adds a point. Collected by the output sink, drawn after the run (render.hpp).
#pragma once

#include "compiler/ir/ir.hpp"
#include "stdlib/core/value.hpp"

#include <map>
#include <string>
#include <vector>

namespace mls::plot {

struct Chart {
  int id = 0;
  std::string kind;                               // roofline, line, scatter, bar, heatmap, scorecard
  std::map<std::string, std::string> text;        // argument → its source text (axis labels)
  std::map<std::string, ir::ShapePtr> shape;      // argument → its static shape (units)
  std::vector<std::map<std::string, Value>> points;

  bool has(const std::string& arg) const { return text.count(arg) > 0; }
};

class Collector {
 public:
  // `args` are "name=source text" (ir::Op::Plot).
  void add(int id, const std::string& kind, const std::vector<std::string>& args, const std::vector<Value>& values,
           const std::vector<ir::ShapePtr>& shapes);
  const std::map<int, Chart>& charts() const { return charts_; }
  bool empty() const { return charts_.empty(); }

 private:
  std::map<int, Chart> charts_;
};

}  // namespace mls::plot
