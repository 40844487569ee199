// Source files, byte-offset spans and line maps. Every AST node and diagnostic carries a Span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mls {

using FileId = std::uint32_t;

// The largest source file (script, import or `-e` text) MLS reads: about 200,000 lines. Parsing costs
// ~15 µs and ~2.5 KB per line (ANTLR's tokens and parse tree), so this bounds one file at ~5 s and
// ~1 GB; larger files are E0507.
constexpr std::size_t kMaxSourceBytes = 4u * 1024 * 1024;

// Reads at most kMaxSourceBytes + 1 bytes of a file (enough to tell it is too large), so a device or
// a huge file is never read whole. False when it cannot be opened or is a directory.
bool read_source(const std::string& path, std::string& text);

struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;  // byte offset, inclusive
  std::uint32_t end = 0;    // byte offset, exclusive
  bool valid() const { return end >= begin && !(begin == 0 && end == 0 && file == 0); }
  static Span join(Span a, Span b) { return {a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)}; }
};

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in characters (UTF-8 code points)
};

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);
  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol line_col(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;  // without the newline
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }
  std::string_view slice(Span s) const;

 private:
  FileId id_;
  std::string path_, text_;
  std::vector<std::uint32_t> line_starts_;
};

// Owns every file of a compilation (the script, its imports, the prelude, the zoo).
class SourceManager {
 public:
  const SourceFile& add(std::string path, std::string text);
  const SourceFile& get(FileId id) const { return *files_.at(id); }
  const SourceFile* find(const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace mls
