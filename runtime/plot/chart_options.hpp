// The options a `plot` statement gave its chart (axis labels, scales and ranges, legend placement, point
// labels), read from the chart's arguments. The compiler checked them (compiler/sema/check_plot.cpp): a
// choice is one of a fixed list, a range is in its axis's dimension; what only the run knows (a range
// computed by the script) is checked here. A choice never reaches gnuplot as text: the renderer writes
// its own words for it (legend_command).
#pragma once

#include "runtime/plot/chart.hpp"

#include <optional>
#include <string>
#include <utility>

namespace mls::plot {

struct AxisOptions {
  std::optional<std::string> label;                  // replaces the name the chart shows (the unit is still added)
  std::optional<bool> log;                           // xscale/yscale: "log" or "linear" (else chosen from the data)
  std::optional<std::pair<double, double>> range;    // SI values
};

struct ChartOptions {
  AxisOptions x, y;
  std::string legend;  // "" = the chart's own placement, else one of the checked choices
  std::string labels;  // "" = the chart's default, else "front", "all" or "none"
};

ChartOptions chart_options(const Chart& c);

// What is wrong with options known only at run time ("" when nothing): an empty range, a range or values
// not above zero on a log axis.
std::string options_problem(const Chart& c, const ChartOptions& o);

// The gnuplot command for a legend choice ("set key top left", "unset key"); `fallback` when none was given.
std::string legend_command(const std::string& legend, const std::string& fallback);

}  // namespace mls::plot
