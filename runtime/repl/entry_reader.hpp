// When is an entry complete? While brackets are open (a `for … {` block, a record, a call over
// several lines) or the line ends with an operator or a comma, the REPL asks for more.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace mls::repl {

// Reads an entry line by line and scans each line once, so an entry of n lines costs O(n), not
// O(n^2) (issue 30: 100,000 blank lines after `x = (` took 10 s). Strings and comments end with
// their line, so only the bracket depth and the last significant character carry over.
class EntryScanner {
 public:
  void add_line(std::string_view line);
  bool needs_more() const;
  void reset() { *this = EntryScanner(); }

 private:
  long depth_ = 0;
  char last_ = 0;  // last significant character outside comments and strings
};

bool needs_more(const std::string& text);  // the whole text at once (the same scan)

// std::getline with a bound: false at the end of the input; a line longer than `max` bytes stops
// after max + 1 of them (a stream without newlines, `mls repl < /dev/zero`, is never held whole).
bool read_line(std::istream& in, std::string& line, std::size_t max);

}  // namespace mls::repl
