#include "runtime/repl/entry_reader.hpp"

#include <cctype>
#include <istream>

namespace mls::repl {

void EntryScanner::add_line(std::string_view t) {
  for (std::size_t k = 0; k < t.size(); ++k) {
    char c = t[k];
    if (c == '\n') continue;
    if (c == '#') {
      while (k < t.size() && t[k] != '\n') ++k;
      continue;
    }
    if (c == '"') {
      for (++k; k < t.size() && t[k] != '"' && t[k] != '\n'; ++k)
        if (t[k] == '\\') ++k;
      last_ = '"';
      continue;
    }
    if (c == '{' || c == '(' || c == '[') ++depth_;
    if (c == '}' || c == ')' || c == ']') --depth_;
    if (!std::isspace(static_cast<unsigned char>(c))) last_ = c;
  }
}

bool EntryScanner::needs_more() const {
  if (depth_ > 0) return true;
  return last_ == ',' || last_ == '=' || last_ == '+' || last_ == '-' || last_ == '*' || last_ == '/' || last_ == '^';
}

bool needs_more(const std::string& text) {
  EntryScanner s;
  s.add_line(text);
  return s.needs_more();
}

bool read_line(std::istream& in, std::string& line, std::size_t max) {
  line.clear();
  std::streambuf* sb = in.rdbuf();
  for (;;) {
    int c = sb->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') return true;
    line.push_back(static_cast<char>(c));
    if (line.size() > max) return true;
  }
}

}  // namespace mls::repl
