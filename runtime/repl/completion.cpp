#include "runtime/repl/completion.hpp"

#include "mls/diagnostic.hpp"

#include <algorithm>
#include <set>

namespace mls::repl {

const std::vector<std::pair<std::string, std::string>>& commands() {
  static const std::vector<std::pair<std::string, std::string>> c = {
      {":help", "this help, with examples to try"},
      {":type", ":type EXPR — the dimension of an expression, without evaluating it"},
      {":info", ":info NAME — a unit, a zoo entry (fields with provenance) or a solver (parameters, equation)"},
      {":list", ":list vars|units|dims|zoo|solvers"},
      {":explain", ":explain CODE — the lesson behind a diagnostic code"},
      {":load", ":load FILE — run a script's statements in this session"},
      {":save", ":save FILE — write this session's entries as a runnable .mls file"},
      {":reset", "forget every binding (a fresh session)"},
      {":quit", "leave (Ctrl-D too)"},
  };
  return c;
}

Completion complete(api::Session& s, const std::string& line, std::size_t cursor) {
  cursor = std::min(cursor, line.size());
  std::size_t first = line.find_first_not_of(' ');
  if (first == std::string::npos || line[first] != ':') return s.complete(line, cursor);
  Completion c;
  std::set<std::string> out;
  std::string word;
  auto offer = [&](const std::string& x) {
    if (x.compare(0, word.size(), word) == 0) out.insert(x);
  };
  std::size_t sp = line.find(' ', first);
  if (sp == std::string::npos || cursor <= sp) {  // the command itself
    c.start = first;
    word = line.substr(first, cursor - first);
    for (auto& [name, _] : commands()) offer(name);
  } else {
    std::string cmd = line.substr(first, sp - first);
    c.start = cursor;
    while (c.start > sp + 1 && line[c.start - 1] != ' ') --c.start;
    word = line.substr(c.start, cursor - c.start);
    if (cmd == ":list") {
      for (const char* x : {"vars", "units", "dims", "zoo", "solvers"}) offer(x);
    } else if (cmd == ":explain") {
      for (auto& code : api::lessons()) offer(code.code);
    } else if (cmd != ":load" && cmd != ":save") {  // file names: the line editor's own completion
      return s.complete(line, cursor);
    }
  }
  c.candidates.assign(out.begin(), out.end());
  return c;
}

}  // namespace mls::repl
