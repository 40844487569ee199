// Tab completion for the REPL: what may come at the cursor, from what the session knows — commands,
// variables, units (with prefixes), zoo entries, solvers, record fields after `.`, and a solver's
// named arguments inside its call. Pure (no terminal): the line editor and the tests call it.
#pragma once

#include "runtime/driver/pipeline.hpp"

#include <string>
#include <vector>

namespace mls::repl {

struct Completion {
  std::size_t start = 0;               // where the word being completed starts in the line
  std::vector<std::string> candidates; // sorted, unique; each replaces line[start, cursor)
};

Completion complete(driver::Session& s, const std::string& line, std::size_t cursor);

// The REPL's commands (`:help` …), for completion and `:help`.
const std::vector<std::pair<std::string, std::string>>& commands();

}  // namespace mls::repl
