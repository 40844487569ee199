// An open document: its text, version and the last analysis of it, with the conversions between the
// protocol's positions (0-based lines, UTF-16 code units by default) and the API's spans (1-based
// lines, columns in characters).
#pragma once

#include "mls/analysis.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mls::lsp {

struct Position {
  int line = 0;       // 0-based
  int character = 0;  // 0-based, in the negotiated encoding's units
};

enum class Encoding { Utf16, Utf32, Utf8 };

class Document {
 public:
  Document(std::string uri, std::string text, int version);
  const std::string& uri() const { return uri_; }
  const std::string& text() const { return text_; }
  int version() const { return version_; }
  // Replaces [from, to) with `text` (an incremental change), or the whole text when no range is given.
  // False when a position is outside the document (the change is not applied).
  bool change(const std::optional<std::pair<Position, Position>>& range, const std::string& text, int version,
              Encoding enc);

  // Byte offset of a protocol position; none when the line does not exist (a character past the end of
  // its line means the end of the line, as the protocol says).
  std::optional<std::size_t> offset(Position p, Encoding enc) const;
  Position position(std::size_t offset, Encoding enc) const;
  // An API span's start/end (1-based line, column in characters) as a protocol position.
  Position from_api(int line, int column, Encoding enc) const;
  // The API's (line, column) of a byte offset.
  std::pair<int, int> to_api(std::size_t offset) const;
  int line_count() const { return static_cast<int>(starts_.size()); }
  std::string_view line_text(int line0) const;  // without the newline

  // What the server knows of it.
  std::optional<api::Analysis> analysis;       // of `analysed_text`
  std::string analysed_text;
  std::optional<api::Analysis> last_good;      // the last analysis that had types (for completion while broken)
  std::string last_good_text;
  bool dirty = true;                           // changed since the last analysis
  std::chrono::steady_clock::time_point changed_at{};

 private:
  void index();
  std::string uri_, text_;
  int version_ = 0;
  std::vector<std::size_t> starts_;  // byte offset of each line
};

// The identifier (letters, digits, `_`) around byte `offset` of `text`: [begin, end).
std::pair<std::size_t, std::size_t> word_at(const std::string& text, std::size_t offset);

}  // namespace mls::lsp
