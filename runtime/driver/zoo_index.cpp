#include "runtime/driver/zoo_index.hpp"

#include <algorithm>

namespace mls::driver {

namespace {

// ASCII classes inline (the <cctype> calls cost a third of indexing the zoo at every start-up); the
// same answers as the "C" locale's, and as a UTF-8 locale's for single bytes.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool ident_start(char c) { return is_alpha(c) || c == '_'; }
bool ident_char(char c) { return is_alpha(c) || is_digit(c) || c == '_'; }

// A cheap MLS tokenizer, enough to find names and top-level statements: words, and single
// characters outside comments and strings.
struct Tok {
  enum K { Word, Punct, Newline } k;
  std::string_view text;
  std::size_t at;
  int depth;  // bracket nesting before this token
};

// Into `out` (cleared first): indexing the zoo reuses one buffer for every file, so its pages are
// faulted in once, not once per file (a large vector is a fresh mmap each time).
void tokens(std::string_view t, std::vector<Tok>& out) {
  out.clear();
  out.reserve(t.size() / 4);
  int depth = 0;
  for (std::size_t k = 0; k < t.size();) {
    char c = t[k];
    if (c == '#') {
      std::size_t nl = t.find('\n', k);
      k = nl == std::string_view::npos ? t.size() : nl;
    } else if (c == '"') {
      for (++k; k < t.size() && t[k] != '"' && t[k] != '\n'; ++k)
        if (t[k] == '\\') ++k;
      ++k;
    } else if (ident_start(c)) {
      std::size_t b = k;
      while (k < t.size() && ident_char(t[k])) ++k;
      out.push_back({Tok::Word, t.substr(b, k - b), b, depth});
    } else if (is_digit(c)) {
      // a number with its exponent (1e9) is not an identifier
      while (k < t.size() && (ident_char(t[k]) || t[k] == '.')) {
        if ((t[k] == 'e' || t[k] == 'E') && k + 1 < t.size() && (t[k + 1] == '+' || t[k + 1] == '-')) ++k;
        ++k;
      }
    } else if (c == '\n') {
      out.push_back({Tok::Newline, t.substr(k, 1), k, depth});
      ++k;
    } else if (is_space(c)) {
      ++k;
    } else {
      out.push_back({Tok::Punct, t.substr(k, 1), k, depth});
      if (c == '{' || c == '(' || c == '[') ++depth;
      if (c == '}' || c == ')' || c == ']') depth = std::max(0, depth - 1);
      ++k;
    }
  }
}

std::vector<Tok> tokens(std::string_view t) {
  std::vector<Tok> out;
  tokens(t, out);
  return out;
}

// Top-level statements of a zoo file: a statement starts at a depth-0 token after a newline and
// ends at the next depth-0 newline.
void index_file(std::size_t f, std::string_view text, std::vector<Tok>& toks, std::vector<ZooIndex::Stmt>& out) {
  tokens(text, toks);
  std::size_t k = 0;
  while (k < toks.size()) {
    if (toks[k].k == Tok::Newline) {
      ++k;
      continue;
    }
    ZooIndex::Stmt s;
    s.file = f;
    // Start of the statement's first line.
    std::size_t b = toks[k].at;
    while (b > 0 && text[b - 1] != '\n') --b;
    s.begin = b;
    std::vector<const Tok*> head;  // first three tokens
    std::size_t j = k;
    for (; j < toks.size(); ++j) {
      const Tok& t = toks[j];
      if (t.k == Tok::Newline && t.depth == 0) break;
      if (head.size() < 3) head.push_back(&t);
      if (t.k == Tok::Word) s.refs.push_back(t.text);  // no set per statement: start-up builds ~1,000
    }
    s.end = j < toks.size() ? toks[j].at + 1 : text.size();
    auto is = [&](std::size_t n, Tok::K kind, const char* txt = nullptr) {
      return head.size() > n && head[n]->k == kind && (!txt || head[n]->text == txt);
    };
    if (is(0, Tok::Word) && is(1, Tok::Word) && is(2, Tok::Punct, "{")) {
      s.defines = head[1]->text;
      s.kind = head[0]->text;
      std::erase(s.refs, s.kind);  // declaring one entry of a kind does not use the kind's list
    }
    else if (is(0, Tok::Word) && is(1, Tok::Punct, "=")) s.defines = head[0]->text;
    out.push_back(std::move(s));
    k = j;
  }
}

}  // namespace

std::set<std::string> identifiers(std::string_view text) {
  std::set<std::string> out;
  for (auto& t : tokens(text)) {
    if (t.k == Tok::Word) out.emplace(t.text);
    else if (t.k == Tok::Punct && t.text == "?") out.emplace("?");  // a typed hole: candidates from the whole zoo
  }
  // `print "{H100.name}"`: the expressions interpolated into strings name zoo entries too. Words in a
  // string's `{...}` are added (a `{{` is a literal brace, and an extra name only loads one more entry).
  bool in_comment = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    char c = text[k];
    if (c == '\n') in_comment = false;
    if (in_comment || c != '"') {
      in_comment = in_comment || c == '#';
      continue;
    }
    std::size_t e = k + 1;
    while (e < text.size() && text[e] != '"' && text[e] != '\n') e += text[e] == '\\' ? 2 : 1;
    std::string_view str = text.substr(k + 1, std::min(e, text.size()) - k - 1);
    for (std::size_t b = str.find('{'); b != std::string_view::npos; b = str.find('{', b + 1)) {
      if (b + 1 < str.size() && str[b + 1] == '{') {
        ++b;
        continue;
      }
      std::size_t close = str.find('}', b);
      if (close == std::string_view::npos) break;
      for (auto& t : tokens(str.substr(b + 1, close - b - 1)))
        if (t.k == Tok::Word) out.emplace(t.text);
      b = close;
    }
    k = e;
  }
  return out;
}

ZooIndex ZooIndex::of(const std::vector<std::string_view>& files) {
  std::vector<Stmt> stmts;
  std::vector<Tok> toks;
  for (std::size_t f = 0; f < files.size(); ++f) index_file(f, files[f], toks, stmts);
  return of(std::move(stmts));
}

ZooIndex ZooIndex::of(std::vector<Stmt> stmts) {
  ZooIndex x;
  x.stmts_ = std::move(stmts);
  x.defined_by_.reserve(x.stmts_.size());
  for (std::size_t k = 0; k < x.stmts_.size(); ++k) {
    if (!x.stmts_[k].defines.empty() && x.defined_by_.emplace(x.stmts_[k].defines, k).second)
      x.names_.emplace_back(x.stmts_[k].defines);
    if (!x.stmts_[k].kind.empty()) x.of_kind_[x.stmts_[k].kind].push_back(k);
  }
  return x;
}

std::vector<std::size_t> ZooIndex::all() const {
  std::vector<std::size_t> out(stmts_.size());
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = k;
  return out;
}

std::vector<std::size_t> ZooIndex::closure(const std::set<std::string>& names) const {
  std::vector<bool> need(stmts_.size(), false);
  std::vector<std::size_t> todo;
  auto want = [&](std::size_t k) {
    if (!need[k]) {
      need[k] = true;
      todo.push_back(k);
    }
  };
  auto want_name = [&](std::string_view n) {
    auto it = defined_by_.find(n);
    if (it != defined_by_.end()) want(it->second);
    if (auto kt = of_kind_.find(n); kt != of_kind_.end())
      for (std::size_t k : kt->second) want(k);
  };
  for (auto& n : names) want_name(n);
  if (!todo.empty())  // statements that define nothing go with any use of the zoo
    for (std::size_t k = 0; k < stmts_.size(); ++k)
      if (stmts_[k].defines.empty()) want(k);
  while (!todo.empty()) {
    std::size_t k = todo.back();
    todo.pop_back();
    for (std::string_view n : stmts_[k].refs) want_name(n);
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < need.size(); ++k)
    if (need[k]) out.push_back(k);
  return out;
}

}  // namespace mls::driver
