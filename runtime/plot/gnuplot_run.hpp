// Running gnuplot on one program: in a private temporary folder (system/private_folder.hpp) that
// holds the program, gnuplot's messages and the chart it writes, started without a shell
// (system/spawn.hpp) and with no init file (--default-settings), so the result depends on the
// program alone. The folder and everything in it is gone when run_gnuplot returns.
#pragma once

#include <string>

namespace mls::plot {

struct Drawing {
  std::string content;  // the file gnuplot wrote
  std::string problem;  // "" or what went wrong (gnuplot missing, its error message)
};

// Runs `program`, which must write the file `output_name` in gnuplot's working folder (a plain
// name: `set output 'chart.svg'`), and returns that file's content.
Drawing run_gnuplot(const std::string& program, const std::string& output_name);

}  // namespace mls::plot
