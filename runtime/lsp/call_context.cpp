// Where the cursor is inside a call: a backwards scan over the text for the `(` that is still open,
// skipping strings, comments and nested brackets. Works on half-typed text (no parse needed).
#include "runtime/lsp/server.hpp"

#include <cctype>

namespace mls::lsp {

namespace {
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The text before `offset` with strings and comments blanked, so brackets inside them do not count.
std::string code_only(const std::string& text, std::size_t offset) {
  std::string s = text.substr(0, offset);
  bool in_string = false, in_comment = false;
  for (auto& c : s) {
    if (c == '\n') in_comment = in_string = false;
    else if (in_comment) c = ' ';
    else if (in_string) {
      if (c == '"') in_string = false;
      c = ' ';
    } else if (c == '"') {
      in_string = true;
      c = ' ';
    } else if (c == '#') {
      in_comment = true;
      c = ' ';
    }
  }
  return s;
}
}  // namespace

std::optional<CallContext> call_at(const std::string& text, std::size_t offset) {
  const std::string s = code_only(text, std::min(offset, text.size()));
  int depth = 0, commas = 0;
  std::size_t arg_start = s.size();
  for (std::size_t i = s.size(); i-- > 0;) {
    char c = s[i];
    if (c == ')' || c == ']' || c == '}') ++depth;
    else if (c == '[' || c == '{') {
      if (depth == 0) return std::nullopt;  // inside a list or record, not directly in a call
      --depth;
    } else if (c == '(') {
      if (depth > 0) {
        --depth;
        continue;
      }
      std::size_t e = i;
      while (e > 0 && s[e - 1] == ' ') --e;
      std::size_t b = e;
      while (b > 0 && word_char(s[b - 1])) --b;
      if (b == e) return std::nullopt;  // a parenthesised expression
      CallContext cc;
      cc.callee = s.substr(b, e - b);
      cc.argument = commas;
      cc.open = i;
      // `name = ...` at the start of the current argument
      std::string arg = s.substr(arg_start == s.size() ? i + 1 : arg_start);
      std::size_t k = 0;
      while (k < arg.size() && std::isspace(static_cast<unsigned char>(arg[k]))) ++k;
      std::size_t n = k;
      while (n < arg.size() && word_char(arg[n])) ++n;
      std::size_t eq = n;
      while (eq < arg.size() && arg[eq] == ' ') ++eq;
      if (n > k && eq < arg.size() && arg[eq] == '=' && (eq + 1 >= arg.size() || arg[eq + 1] != '='))
        cc.named = arg.substr(k, n - k);
      return cc;
    } else if (c == ',' && depth == 0) {
      if (commas == 0) arg_start = i + 1;
      ++commas;
    } else if (c == '\n' && depth == 0) {
      // a call may span lines; a statement boundary is a line that does not continue one: keep going
    }
  }
  return std::nullopt;
}

}  // namespace mls::lsp
