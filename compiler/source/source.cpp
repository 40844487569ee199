#include "compiler/source/source.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace mls {

bool read_source(const std::string& path, std::string& text) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // Read in chunks up to one byte past the limit (the parser reports a longer file): a buffer of the
  // whole limit, zero-filled up front, cost ~1,000 page faults (~10 ms) on every run of a small script.
  text.clear();
  char chunk[1 << 16];
  while (text.size() <= kMaxSourceBytes && in) {
    std::size_t want = std::min(sizeof chunk, kMaxSourceBytes + 1 - text.size());
    in.read(chunk, static_cast<std::streamsize>(want));
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  return true;
}

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  // Columns count code points: continuation bytes (10xxxxxx) do not start a character.
  std::uint32_t col = 1;
  for (std::uint32_t i = start; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  return {line, col};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t b = line_starts_[line - 1];
  std::uint32_t e = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  while (e > b && (text_[e - 1] == '\n' || text_[e - 1] == '\r')) --e;
  return std::string_view(text_).substr(b, e - b);
}

std::string_view SourceFile::slice(Span s) const {
  std::uint32_t b = std::min<std::uint32_t>(s.begin, static_cast<std::uint32_t>(text_.size()));
  std::uint32_t e = std::min<std::uint32_t>(std::max(s.end, b), static_cast<std::uint32_t>(text_.size()));
  return std::string_view(text_).substr(b, e - b);
}

const SourceFile& SourceManager::add(std::string path, std::string text) {
  auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return *files_.back();
}

const SourceFile* SourceManager::find(const std::string& path) const {
  for (auto& f : files_)
    if (f->path() == path) return f.get();
  return nullptr;
}

}  // namespace mls
