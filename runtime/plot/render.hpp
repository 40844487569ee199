// Drawing the charts with gnuplot (Debian's gnuplot-nox; run as a separate process by the runtime,
// without a shell, never by a script): SVG, PNG and PDF files into the folder the command line names (--plots DIR),
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

// The gnuplot program for one chart on one terminal (`set terminal …` and `set output …` come first,
// then the table of the chart's strings, gnuplot_strings.hpp). `output` is the file gnuplot writes.
std::string gnuplot_program(const Chart& c, const units::UnitTable& u, const std::string& terminal,
                            const std::string& output);

// Chart file names start with the script's name: made printable like chart text (shown_text: a
// newline in the name becomes ␊), '/' as '_', and cut to kMaxStemBytes bytes.
constexpr std::size_t kMaxStemBytes = 120;
std::string chart_file_stem(const std::string& stem);

struct Rendered {
  std::vector<std::string> written;  // the chart files written
  bool ok = true;                    // false when a chart could not be drawn or written (reported on `err`)
};

// Draws every chart: each runs gnuplot in a private temporary folder (gnuplot_run.hpp); a file chart
// is then put into o.dir without following a link planted there (system/publish_file.hpp). A folder
// that cannot be made, a missing gnuplot or a gnuplot error is reported on `err` and makes ok false;
// the other charts are still drawn.
Rendered render(const Collector& charts, const units::UnitTable& u, const RenderOptions& o, std::ostream& out,
                std::ostream& err);

}  // namespace mls::plot
