// codespan/rustc-style rendering: header, location, source lines with carets under primary spans
// and dashes under secondary ones, the rightmost label inline and the others hung below, then the
// aligned dimension block, notes and the help.
#include "compiler/diag/diagnostic.hpp"
#include "compiler/source/visible_text.hpp"

#include <algorithm>
#include <map>

namespace mls {

namespace {
struct Style {
  bool color, unicode;
  std::string paint(const std::string& s, const char* code) const { return color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s; }
  std::string bar() const { return unicode ? "│" : "|"; }
  std::string corner() const { return unicode ? "┌─" : "-->"; }
};

// A source line made displayable: tabs expanded, display column of every byte offset.
struct Shown {
  std::string text;
  std::vector<size_t> col;  // col[i] = display column (0-based) of byte i of the line; col[size] = end
};

// Plain ASCII for terminals that are not UTF-8: the symbols messages use get ASCII spellings and any
// other non-ASCII character becomes `?`. In source lines every character stays one column wide, so
// carets still line up (µ becomes u, the rest `?`).
const std::pair<std::string_view, std::string_view> kAscii[] = {
    {"µ", "u"},   {"μ", "u"},  {"≈", "~="}, {"±", "+/-"}, {"→", "->"}, {"×", "x"},  {"·", "*"},  {"…", "..."},
    {"∞", "inf"}, {"≤", "<="}, {"≥", ">="}, {"≠", "!="},  {"−", "-"},  {"–", "-"},  {"—", "--"}, {"²", "^2"},
    {"³", "^3"},  {"‘", "'"},  {"’", "'"},  {"“", "\""}, {"”", "\""}, {"│", "|"}, {"┌─", "-->"}};

size_t utf8_length(unsigned char b) { return b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1; }

std::string ascii(std::string_view s, bool one_column = false) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += char(b);
      ++i;
      continue;
    }
    if ((b & 0xC0) == 0x80) {  // a stray continuation byte (invalid UTF-8): show() gives it no column
      if (!one_column) out += '?';
      ++i;
      continue;
    }
    size_t n = 1;
    while (n < utf8_length(b) && i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    std::string_view ch = s.substr(i, n), rep = "?";
    for (auto& [from, to] : kAscii)
      if (s.substr(i, from.size()) == from) {
        ch = from;
        rep = to;
        break;
      }
    if (one_column && rep.size() != 1) rep = "?";
    out += rep;
    i += std::max<size_t>(ch.size(), 1);
  }
  return out;
}

Diagnostic ascii(const Diagnostic& d) {
  Diagnostic a = d;
  a.message = ascii(a.message);
  for (auto& l : a.labels) l.text = ascii(l.text);
  for (auto& x : a.dims) {
    x.role = ascii(x.role);
    x.dims = ascii(x.dims);
    x.name = ascii(x.name);
    x.origin = ascii(x.origin);
  }
  for (auto& n : a.notes) n = ascii(n);
  if (a.help) a.help = ascii(*a.help);
  return a;
}

// Messages quote script strings (an assert's message, a name): control characters are shown as
// escapes, never sent to the terminal (compiler/source/visible_text.hpp).
Diagnostic visible(const Diagnostic& d) {
  Diagnostic v = d;
  v.message = visible_text(v.message, Layout::Inline);
  for (auto& l : v.labels) l.text = visible_text(l.text, Layout::Inline);
  for (auto& x : v.dims) {
    x.role = visible_text(x.role, Layout::Inline);
    x.dims = visible_text(x.dims, Layout::Inline);
    x.name = visible_text(x.name, Layout::Inline);
    x.origin = visible_text(x.origin, Layout::Inline);
  }
  for (auto& n : v.notes) n = visible_text(n, Layout::Keep);
  if (v.help) v.help = visible_text(*v.help, Layout::Keep);
  return v;
}

Shown show(std::string_view line) {
  Shown s;
  size_t c = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(line[i]);
    s.col.push_back(c);
    if (b == '\t') {
      size_t n = 4 - c % 4;
      s.text.append(n, ' ');
      c += n;
    } else if (std::size_t n = (b & 0xC0) == 0x80 ? 0 : hidden_char_at(line, i); n > 0) {  // a control or bidi character: one `?`
      s.text += '?';
      ++c;
      for (std::size_t k = 1; k < n; ++k) s.col.push_back(c);
      i += n - 1;
    } else {
      s.text += char(b);
      if ((b & 0xC0) != 0x80) ++c;
    }
  }
  s.col.push_back(c);
  return s;
}

size_t width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct Mark {
  size_t from, to;  // display columns [from, to)
  std::string text;
  bool primary;
};
}  // namespace

std::string render_text(const Diagnostic& raw, const SourceManager& sm, const RenderOptions& o) {
  const Diagnostic given = visible(raw);
  Diagnostic plain;
  if (!o.unicode) plain = ascii(given);
  const Diagnostic& d = o.unicode ? given : plain;
  Style st{o.color, o.unicode};
  std::string out;
  const char* sev = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
  out += st.paint(std::string(sev) + "[" + d.code + "]", d.severity == Severity::Error ? "1;31" : "1;33") + st.paint(": " + d.message, "1") + "\n";

  // Group labels by file, then by line.
  std::map<FileId, std::map<uint32_t, std::vector<const Label*>>> by_file;
  std::vector<FileId> file_order;
  uint32_t max_line = 1;
  for (auto& l : d.labels) {
    if (l.span.file >= sm.size()) continue;
    auto& f = sm.get(l.span.file);
    uint32_t line = f.line_col(l.span.begin).line;
    if (!by_file.count(l.span.file)) file_order.push_back(l.span.file);
    by_file[l.span.file][line].push_back(&l);
    max_line = std::max(max_line, line);
  }
  size_t gw = std::to_string(max_line).size();
  std::string pad(gw, ' ');
  for (FileId fid : file_order) {
    auto& f = sm.get(fid);
    Span ps = d.primary_span();
    Span first = ps.file == fid ? ps : by_file[fid].begin()->second.front()->span;
    auto lc = f.line_col(first.begin);
    out += pad + " " + st.paint(st.corner(), "34") + " " + (o.unicode ? f.path() : ascii(f.path())) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) + "\n";
    out += pad + " " + st.paint(st.bar(), "34") + "\n";
    for (auto& [line, labels] : by_file[fid]) {
      std::string_view raw = f.line_text(line);
      uint32_t line_start = f.line_col(0).line == line ? 0 : 0;
      (void)line_start;
      // byte offset of the line start
      uint32_t lo = 0;
      {
        // find by scanning: offsets of the line's first byte
        uint32_t off = labels.front()->span.begin;
        auto c = f.line_col(off);
        uint32_t back = 0;
        std::string_view all = f.text();
        uint32_t p = off;
        while (p > 0 && all[p - 1] != '\n') { --p; ++back; }
        lo = p;
        (void)c;
        (void)back;
      }
      bool trimmed = raw.size() > 200;
      Shown sh = show(raw.substr(0, std::min<size_t>(raw.size(), 400)));
      if (!o.unicode) sh.text = ascii(sh.text, true);
      std::vector<Mark> marks;
      for (auto* l : labels) {
        size_t b = std::min<size_t>(l->span.begin - lo, sh.col.size() - 1);
        bool multi = l->span.end > lo + raw.size() + 1;
        size_t e = multi ? sh.col.size() - 1 : std::min<size_t>(l->span.end >= lo ? l->span.end - lo : b, sh.col.size() - 1);
        size_t from = sh.col[b], to = std::max(sh.col[std::max(b, e)], from + 1);
        std::string text = l->text;
        if (multi) text += (text.empty() ? "" : " ") + std::string("(continues to line ") + std::to_string(f.line_col(l->span.end).line) + ")";
        marks.push_back({from, to, text, l->primary});
      }
      std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.from < b.from; });
      std::string shown_text = sh.text;
      if (trimmed && width(shown_text) > 200) shown_text = shown_text.substr(0, 200) + (o.unicode ? "…" : "...");
      out += st.paint(std::string(gw - std::to_string(line).size(), ' ') + std::to_string(line) + " " + st.bar(), "34") + " " + shown_text + "\n";
      // Marker line: carets/dashes, rightmost label inline.
      std::string ml(marks.back().to, ' ');
      for (auto& m : marks)
        for (size_t c = m.from; c < m.to && c < ml.size(); ++c) ml[c] = m.primary ? '^' : '-';
      std::string painted;
      for (size_t c = 0; c < ml.size(); ++c) {
        if (ml[c] == ' ') { painted += ' '; continue; }
        bool prim = ml[c] == '^';
        size_t e = c;
        while (e < ml.size() && ml[e] == ml[c]) ++e;
        painted += st.paint(ml.substr(c, e - c), prim ? "1;31" : "34");
        c = e - 1;
      }
      std::string inline_text = marks.back().text;
      out += pad + " " + st.paint(st.bar(), "34") + " " + painted + (inline_text.empty() ? "" : " " + st.paint(inline_text, marks.back().primary ? "1;31" : "34")) + "\n";
      // Hung labels, right to left, with connectors.
      std::vector<Mark> hung;
      for (size_t k = 0; k + 1 < marks.size(); ++k)
        if (!marks[k].text.empty()) hung.push_back(marks[k]);
      if (!hung.empty()) {
        std::string conn(hung.back().from + 1, ' ');
        std::string connp;
        for (auto& m : hung) conn[m.from] = '|';
        for (char ch : conn) connp += ch == '|' ? st.bar() : std::string(1, ch);
        out += pad + " " + st.paint(st.bar(), "34") + " " + st.paint(connp, "34") + "\n";
        for (size_t k = hung.size(); k-- > 0;) {
          std::string lead;
          size_t col = 0;
          for (size_t j = 0; j < k; ++j) {
            lead += std::string(hung[j].from - col, ' ') + st.bar();
            col = hung[j].from + 1;
          }
          lead += std::string(hung[k].from - col, ' ');
          out += pad + " " + st.paint(st.bar(), "34") + " " + st.paint(lead, "34") + st.paint(hung[k].text, hung[k].primary ? "1;31" : "34") + "\n";
        }
      }
    }
  }
  if (!d.labels.empty()) out += pad + " " + st.paint(st.bar(), "34") + "\n";
  // Aligned dimension block.
  if (!d.dims.empty()) {
    size_t rw = 0, dw = 0, nw = 0;
    for (auto& x : d.dims) {
      rw = std::max(rw, width(x.role));
      dw = std::max(dw, width(x.dims));
      nw = std::max(nw, x.name.empty() ? 0 : width(x.name) + 4);
    }
    bool first = true;
    for (auto& x : d.dims) {
      std::string line = pad + " " + (first ? "=" : " ") + " " + std::string(rw - width(x.role), ' ') + x.role + ": " + x.dims;
      std::string name = x.name.empty() || x.name == x.dims ? "" : "[= " + x.name + "]";
      if (nw || !x.origin.empty()) line += std::string(dw - width(x.dims) + 3, ' ') + name;
      if (!x.origin.empty()) line += std::string(nw - width(name) + 3, ' ') + "(" + x.origin + ")";
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
      first = false;
    }
  }
  for (auto& n : d.notes) out += pad + " = " + st.paint("note", "1") + ": " + n + "\n";
  if (d.help) out += pad + " = " + st.paint("help", "1;36") + ": " + *d.help + "\n";
  return out;
}

}  // namespace mls
