#include "runtime/repl/completion.hpp"

#include "mls/diagnostic.hpp"
#include "runtime/driver/zoo_index.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace mls::repl {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

const std::vector<std::string> kKeywords = {"print", "assert", "expect", "within", "for", "in", "row", "import", "if",
                                            "then", "else", "and", "or", "not", "true", "false", "to", "with",
                                            "step", "fn", "unit", "dimension"};
const std::vector<std::string> kFunctions = {"sqrt", "cbrt", "exp", "ln", "log2", "log10", "abs", "floor", "ceil",
                                             "round", "min", "max", "ceil_div"};

// The type of `a.b.c` (the identifier chain ending just before `end`), or nothing.
std::optional<sema::SType> chain_type(driver::Session& s, const std::string& line, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && (ident_char(line[b - 1]) || line[b - 1] == '.')) --b;
  std::string chain = line.substr(b, end - b);
  std::vector<std::string> parts;
  std::size_t k = 0;
  while (k <= chain.size()) {
    std::size_t d = chain.find('.', k);
    if (d == std::string::npos) d = chain.size();
    parts.push_back(chain.substr(k, d - k));
    k = d + 1;
  }
  if (parts.empty() || parts[0].empty()) return std::nullopt;
  s.require_zoo_for(parts[0]);  // `H100.` completes even before H100 was used
  auto it = s.globals().find(parts[0]);
  if (it == s.globals().end()) return std::nullopt;
  sema::SType t = it->second.type;
  for (std::size_t p = 1; p < parts.size(); ++p) {
    if (!t.is_record() || !t.fields) return std::nullopt;
    auto f = std::find_if(t.fields->begin(), t.fields->end(), [&](auto& x) { return x.first == parts[p]; });
    if (f == t.fields->end()) return std::nullopt;
    sema::SType next = f->second;
    t = next;
  }
  return t;
}

// The function whose call the cursor is in (the identifier before the innermost open `(`).
std::string enclosing_call(const std::string& line, std::size_t upto) {
  int depth = 0;
  for (std::size_t k = upto; k-- > 0;) {
    char c = line[k];
    if (c == ')') ++depth;
    else if (c == '(') {
      if (depth == 0) {
        std::size_t e = k;
        while (e > 0 && line[e - 1] == ' ') --e;
        std::size_t b = e;
        while (b > 0 && ident_char(line[b - 1])) --b;
        return line.substr(b, e - b);
      }
      --depth;
    }
  }
  return "";
}

}  // namespace

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

Completion complete(driver::Session& s, const std::string& line, std::size_t cursor) {
  Completion c;
  cursor = std::min(cursor, line.size());
  std::size_t start = cursor;
  while (start > 0 && ident_char(line[start - 1])) --start;
  c.start = start;
  std::string word = line.substr(start, cursor - start);
  std::set<std::string> out;
  auto offer = [&](const std::string& x) {
    if (x.compare(0, word.size(), word) == 0) out.insert(x);
  };

  std::size_t first = line.find_first_not_of(' ');
  if (first != std::string::npos && line[first] == ':') {
    std::size_t sp = line.find(' ', first);
    if (sp == std::string::npos || cursor <= sp) {  // the command itself
      c.start = first;
      word = line.substr(first, cursor - first);
      for (auto& [name, _] : commands()) offer(name);
      c.candidates.assign(out.begin(), out.end());
      return c;
    }
    std::string cmd = line.substr(first, sp - first);
    if (cmd == ":list") {
      for (const char* x : {"vars", "units", "dims", "zoo", "solvers"}) offer(x);
      c.candidates.assign(out.begin(), out.end());
      return c;
    }
    if (cmd == ":explain") {
      for (auto& code : api::lessons()) offer(code.code);
      c.candidates.assign(out.begin(), out.end());
      return c;
    }
    if (cmd == ":load" || cmd == ":save") return c;  // file names: the line editor's own completion
  }

  // After a `.`: the fields of the record before it.
  if (start > 0 && line[start - 1] == '.') {
    if (auto t = chain_type(s, line, start - 1); t && t->is_record() && t->fields)
      for (auto& [name, _] : *t->fields) offer(name);
    c.candidates.assign(out.begin(), out.end());
    return c;
  }
  // Inside a solver's call: its named arguments first.
  std::string fn = enclosing_call(line, start);
  if (!fn.empty())
    if (const reg::SolverDesc* sd = reg::find_solver(fn); sd && sd->name == fn)
      for (auto& p : sd->params) offer(p.name + " = ");
  for (auto& [name, b] : s.globals())
    if (name.rfind("__", 0) != 0) offer(name);
  for (auto& n : driver::ZooIndex::builtin().names()) offer(n);
  for (auto& [sym, _] : s.units().all()) offer(sym);
  for (auto& sd : reg::solvers()) offer(sd.name);
  for (auto& k : kKeywords) offer(k);
  for (auto& f : kFunctions) offer(f);
  c.candidates.assign(out.begin(), out.end());
  return c;
}

}  // namespace mls::repl
