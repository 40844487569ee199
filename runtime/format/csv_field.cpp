#include "runtime/format/csv_field.hpp"

namespace mls::out {

void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(std::string_view s) {
  std::string o;
  append_csv_field(o, s);
  return o;
}

std::string csv_line(const std::vector<std::string>& cells) {
  if (cells.size() == 1 && cells[0].empty()) return "\"\"\n";
  std::string line;
  for (std::size_t k = 0; k < cells.size(); ++k) {
    if (k) line += ',';
    append_csv_field(line, cells[k]);
  }
  return line + "\n";
}

}  // namespace mls::out
