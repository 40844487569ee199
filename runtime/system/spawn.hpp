// Starting a program without a shell: posix_spawnp with an argument vector, its standard streams
// redirected to file descriptors the caller opened, run in a folder the caller names, waited for.
// No argument is ever parsed by /bin/sh, so no text in it can become a command.
#pragma once

#include <string>
#include <vector>

namespace mls::sys {

struct SpawnOptions {
  std::string cwd;       // the child's working folder ("" = ours)
  int stdout_fd = -1;    // -1 = /dev/null
  int stderr_fd = -1;    // -1 = /dev/null
};

struct SpawnResult {
  int spawn_error = 0;   // errno of a failed start (ENOENT: the program is not installed); 0 = it ran
  int exit_code = -1;    // its exit status, or -1 when it was killed by a signal or never started
  bool ok() const { return spawn_error == 0 && exit_code == 0; }
};

// Runs argv[0] (looked up in PATH) with argv and our environment; stdin is /dev/null. Waits for it.
SpawnResult spawn_and_wait(const std::vector<std::string>& argv, const SpawnOptions& o);

}  // namespace mls::sys
