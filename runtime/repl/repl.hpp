// The MLS REPL (`mls` on a terminal, or `mls repl`): one entry at a time, each checked, JIT-compiled,
// run and freed; an entry that fails leaves the session as it was. With stdin not a terminal it reads
// entries without prompts or line editing (tests, autograders) and exits with the worst entry's code.
#pragma once

#include "runtime/driver/pipeline.hpp"

namespace mls::repl {

int run(const driver::Options& o, bool interactive);

}  // namespace mls::repl
