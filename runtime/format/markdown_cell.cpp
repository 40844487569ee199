#include "runtime/format/markdown_cell.hpp"

#include "compiler/source/visible_text.hpp"

namespace mls::out {

std::string markdown_cell(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '|': o += "\\|"; break;
      case '\\': o += "\\\\"; break;
      case '<': o += "&lt;"; break;
      case '&': o += "&amp;"; break;
      case '\n': o += ' '; break;
      default: o += c;
    }
  }
  return visible_text(o, Layout::Inline);
}

}  // namespace mls::out
