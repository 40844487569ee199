#include "runtime/repl/entry_reader.hpp"

#include <cctype>

namespace mls::repl {

bool needs_more(const std::string& t) {
  int depth = 0;
  char last = 0;  // last significant character outside comments and strings
  for (std::size_t k = 0; k < t.size(); ++k) {
    char c = t[k];
    if (c == '#') {
      while (k < t.size() && t[k] != '\n') ++k;
      continue;
    }
    if (c == '"') {
      for (++k; k < t.size() && t[k] != '"' && t[k] != '\n'; ++k)
        if (t[k] == '\\') ++k;
      last = '"';
      continue;
    }
    if (c == '{' || c == '(' || c == '[') ++depth;
    if (c == '}' || c == ')' || c == ']') --depth;
    if (!std::isspace(static_cast<unsigned char>(c))) last = c;
  }
  if (depth > 0) return true;
  return last == ',' || last == '=' || last == '+' || last == '-' || last == '*' || last == '/' || last == '^';
}

}  // namespace mls::repl
