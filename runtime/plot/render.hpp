// Drawing the charts with gnuplot (Debian's gnuplot-nox; run as a separate process by the runtime,
// never by a script): SVG, PNG and PDF files into the folder the command line names (--plots DIR),
// or a text rendering (gnuplot's `dumb` terminal) on the terminal.
#pragma once

#include "compiler/units/unit_table.hpp"
#include "runtime/plot/chart.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace mls::plot {

struct RenderOptions {
  std::string dir;                        // files go here ("" = no files)
  std::string stem = "plot";              // file names: <stem>-<n>-<kind>.<ext>
  std::vector<std::string> formats{"svg", "png"};
  bool text = false;                      // also draw each chart as text on `out`
  int text_width = 100, text_height = 30;
};

// The gnuplot program for one chart on one terminal (`set terminal …` and `set output …` come first).
std::string gnuplot_program(const Chart& c, const units::UnitTable& u, const std::string& terminal,
                            const std::string& output);

// Draws every chart; returns the paths written. Problems (gnuplot missing, a bad chart) are
// reported on `err` and leave the run's output alone.
std::vector<std::string> render(const Collector& charts, const units::UnitTable& u, const RenderOptions& o,
                                std::ostream& out, std::ostream& err);

}  // namespace mls::plot
