// CSV cells and lines as RFC 4180 writes them: a field holding a comma, a double quote, CR or LF is
// quoted, with its quotes doubled, so no string can end a cell or a line (a script's
// `print "x\nmallory,100"` stays one cell). A line of one empty field is written `""`: an empty line
// separates blocks (docs/output.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mls::out {

std::string csv_field(std::string_view s);
// csv_field's text appended to `out` (a row written into one buffer allocates nothing per cell).
void append_csv_field(std::string& out, std::string_view s);
// The cells joined by commas, each quoted as needed, ending in "\n".
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace mls::out
