// The property the plot writer promises (runtime/plot/gnuplot_strings.hpp), as a check shared by
// the fuzz target fuzz_plot and tests/unit/plot_strings_test.cpp: in a gnuplot program built from
// charts whose every string carries `marker`, user text lives only inside the string table's
// `S[k] = …` lines, each value exactly '' or single-quoted pieces without a quote and
// sprintf('%c',39) joined by '.', and no byte of the program is a control character other than
// the line ends. Then no user text can start a line, end a data block or run a command.
#pragma once

#include <cstddef>
#include <sstream>
#include <string>

namespace mls::fuzz {

// "" when the value of a string-table entry is one gnuplot reads as we mean it, else what is wrong.
inline std::string plot_string_value_problem(const std::string& value) {
  if (value == "''") return "";
  static const std::string kQuote = "sprintf('%c',39)";
  std::size_t i = 0;
  for (bool first = true; i < value.size(); first = false) {
    if (!first) {
      if (value[i] != '.') return "pieces not joined by '.'";
      ++i;
    }
    if (value.compare(i, kQuote.size(), kQuote) == 0) {
      i += kQuote.size();
      continue;
    }
    std::size_t end = i < value.size() && value[i] == '\'' ? value.find('\'', i + 1) : std::string::npos;
    if (end == std::string::npos || end == i + 1) return "not a quote-free literal";
    i = end + 1;
  }
  return i == value.size() && i > 0 ? "" : "malformed value";
}

// "" when `program` keeps user text confined, otherwise what breaks it.
inline std::string plot_program_leak(const std::string& program, const std::string& marker) {
  for (unsigned char c : program)
    if ((c < 0x20 && c != '\n') || c == 0x7F) return "control byte " + std::to_string(int(c)) + " in the program";
  std::istringstream lines(program);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("S[", 0) == 0) {
      std::size_t q = line.find("] = ");
      if (q == std::string::npos || line.find_first_not_of("0123456789", 2) != q) return "malformed string entry: " + line;
      if (auto p = plot_string_value_problem(line.substr(q + 4)); !p.empty()) return p + ": " + line;
    } else if (!marker.empty() && line.find(marker) != std::string::npos) {
      return "user text outside the string table: " + line;
    }
  }
  return "";
}

}  // namespace mls::fuzz
