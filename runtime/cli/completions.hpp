// `mls completions bash|zsh|fish`: a completion script for the shell, written from the command line's
// own definition (its subcommands, flags and their choices) and the names the binary knows (zoo
// entries, solvers, diagnostic codes), so an installed script never lags behind the installed binary.
#pragma once

#include "mls/engine.hpp"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace mls::cli {

// Writes the script for `shell` (bash, zsh or fish); false for another shell.
bool write_completions(const CLI::App& app, const api::Engine& engine, const std::string& shell, std::ostream& out);

}  // namespace mls::cli
