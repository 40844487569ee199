// When is an entry complete? While brackets are open (a `for … {` block, a record, a call over
// several lines) or the line ends with an operator or a comma, the REPL asks for more.
#pragma once

#include <string>

namespace mls::repl {

bool needs_more(const std::string& text);

}  // namespace mls::repl
