// Text placed in a markdown table cell (`mls zoo --format markdown`, `mls solvers --format markdown`):
// a `|` would open a new column, a line feed would end the table, and `<` or `&` would start HTML or
// an entity for a markdown renderer. They are escaped (`\|`, a space, `&lt;`, `&amp;`), a backslash is
// doubled, and control characters are shown as escapes (compiler/source/visible_text.hpp).
#pragma once

#include <string>
#include <string_view>

namespace mls::out {

std::string markdown_cell(std::string_view s);

}  // namespace mls::out
