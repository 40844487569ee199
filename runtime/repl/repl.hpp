// The MLS REPL (`mls` on a terminal, or `mls repl`): one entry at a time, each checked, JIT-compiled,
// run and freed; an entry that fails leaves the session as it was. With stdin not a terminal it reads
// entries without prompts or line editing (tests, autograders) and exits with the worst entry's code.
// A front end over the embedding API's Session (include/mls/session.hpp), like any other host.
#pragma once

#include "mls/engine.hpp"

namespace mls::repl {

int run(const api::Engine& engine, const api::RenderOptions& render, bool interactive);

}  // namespace mls::repl
