// Tab completion for the REPL: the commands (`:help` …) and their arguments here, everything else
// (variables, units, zoo entries, solvers, record fields after `.`, a solver's named arguments) from
// the session. Pure (no terminal): the line editor and the tests call it.
#pragma once

#include "mls/session.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mls::repl {

using Completion = api::Completion;

Completion complete(api::Session& s, const std::string& line, std::size_t cursor);

// The REPL's commands (`:help` …), for completion and `:help`.
const std::vector<std::pair<std::string, std::string>>& commands();

}  // namespace mls::repl
