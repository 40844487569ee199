// Script strings shown on a terminal (text output, text diagnostics, CSV, markdown): a string may hold
// any character, and a raw ESC, BEL or carriage return would let a script recolour, retitle or
// overwrite the user's terminal. Such characters are shown as escapes instead (docs/output.md):
//   C0 controls and DEL  → \n \t \r or \xNN (\x1b, \x07, \x7f)
//   C1 controls (U+0080–U+009F), bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069),
//   line and paragraph separators (U+2028, U+2029) → \uNNNN
//   bytes that are not UTF-8 → \xNN
// Everything else (printable ASCII, accented letters, µ, CJK, emoji) passes unchanged. JSON output
// keeps strings exact: JSON escapes control characters itself.
#pragma once

#include <string>
#include <string_view>

namespace mls {

enum class Layout {
  Keep,    // a line of its own: line feeds and tabs pass (a printed string may span lines)
  Inline,  // inside a structure (a table cell, a record field, a list): every control is escaped
};

std::string visible_text(std::string_view s, Layout layout);

// The length in bytes of the character at s[i] when it is one visible_text escapes (a control, DEL,
// a C1 control, a bidirectional or line-separator format character, a byte that is not UTF-8), else
// 0. Diagnostics use it to show such characters of a source line as one `?` column.
std::size_t hidden_char_at(std::string_view s, std::size_t i);

}  // namespace mls
