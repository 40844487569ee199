#include "runtime/lsp/document.hpp"

#include <algorithm>
#include <cctype>

namespace mls::lsp {

namespace {
// Length of the UTF-8 sequence that starts with byte c (1 for a stray continuation byte).
std::size_t seq_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}
// Units of one character in the encoding: UTF-16 counts a 4-byte sequence as a surrogate pair.
int units_of(std::size_t bytes, Encoding enc) {
  if (enc == Encoding::Utf8) return static_cast<int>(bytes);
  if (enc == Encoding::Utf16 && bytes == 4) return 2;
  return 1;
}
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
}  // namespace

Document::Document(std::string uri, std::string text, int version)
    : uri_(std::move(uri)), text_(std::move(text)), version_(version) {
  index();
}

void Document::index() {
  starts_.assign(1, 0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') starts_.push_back(i + 1);
}

std::string_view Document::line_text(int line0) const {
  if (line0 < 0 || line0 >= line_count()) return {};
  std::size_t b = starts_[static_cast<std::size_t>(line0)];
  std::size_t e = line0 + 1 < line_count() ? starts_[static_cast<std::size_t>(line0) + 1] - 1 : text_.size();
  if (e > b && text_[e - 1] == '\r') --e;
  return std::string_view(text_).substr(b, e - b);
}

std::optional<std::size_t> Document::offset(Position p, Encoding enc) const {
  if (p.line < 0 || p.character < 0 || p.line >= line_count()) return std::nullopt;
  std::string_view l = line_text(p.line);
  std::size_t i = 0;
  int u = 0;
  while (i < l.size() && u < p.character) {
    std::size_t n = seq_len(static_cast<unsigned char>(l[i]));
    u += units_of(n, enc);
    i += n;
  }
  return starts_[static_cast<std::size_t>(p.line)] + std::min(i, l.size());
}

Position Document::position(std::size_t offset, Encoding enc) const {
  offset = std::min(offset, text_.size());
  // the last line that starts at or before the offset
  std::size_t line = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
  Position p{static_cast<int>(line), 0};
  for (std::size_t i = starts_[line]; i < offset;) {
    std::size_t n = seq_len(static_cast<unsigned char>(text_[i]));
    p.character += units_of(n, enc);
    i += n;
  }
  return p;
}

Position Document::from_api(int line, int column, Encoding enc) const {
  if (line < 1) return {0, 0};
  if (line > line_count()) return position(text_.size(), enc);
  std::string_view l = line_text(line - 1);
  std::size_t i = 0;
  for (int c = 1; c < column && i < l.size(); ++c) i += seq_len(static_cast<unsigned char>(l[i]));
  return position(starts_[static_cast<std::size_t>(line) - 1] + std::min(i, l.size()), enc);
}

std::pair<int, int> Document::to_api(std::size_t offset) const {
  Position p = position(offset, Encoding::Utf32);
  return {p.line + 1, p.character + 1};
}

bool Document::change(const std::optional<std::pair<Position, Position>>& range, const std::string& text,
                      int version, Encoding enc) {
  if (!range) {
    text_ = text;
  } else {
    auto b = offset(range->first, enc), e = offset(range->second, enc);
    if (!b || !e || *e < *b) return false;
    text_.replace(*b, *e - *b, text);
  }
  version_ = version;
  index();
  dirty = true;
  changed_at = std::chrono::steady_clock::now();
  return true;
}

std::pair<std::size_t, std::size_t> word_at(const std::string& text, std::size_t offset) {
  std::size_t b = std::min(offset, text.size()), e = b;
  while (b > 0 && word_char(text[b - 1])) --b;
  while (e < text.size() && word_char(text[e])) ++e;
  return {b, e};
}

}  // namespace mls::lsp
