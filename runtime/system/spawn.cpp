#include "runtime/system/spawn.hpp"

#include <cerrno>

#ifdef __EMSCRIPTEN__
// The browser build starts no programs (no gnuplot, no shell): every spawn fails as "not available".
namespace mls::sys {
SpawnResult spawn_and_wait(const std::vector<std::string>&, const SpawnOptions&) {
  SpawnResult r;
  r.spawn_error = ENOSYS;
  return r;
}
}  // namespace mls::sys
#else
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace mls::sys {

namespace {
// posix_spawn's C structures, released on every path.
struct FileActions {
  posix_spawn_file_actions_t a;
  FileActions() { posix_spawn_file_actions_init(&a); }
  ~FileActions() { posix_spawn_file_actions_destroy(&a); }
};
struct Attributes {
  posix_spawnattr_t a;
  Attributes() { posix_spawnattr_init(&a); }
  ~Attributes() { posix_spawnattr_destroy(&a); }
};

int redirect(posix_spawn_file_actions_t* a, int fd, int target) {
  if (fd < 0) return posix_spawn_file_actions_addopen(a, target, "/dev/null", O_WRONLY, 0);
  return posix_spawn_file_actions_adddup2(a, fd, target);  // dup2 clears O_CLOEXEC on the copy
}
}  // namespace

SpawnResult spawn_and_wait(const std::vector<std::string>& argv, const SpawnOptions& o) {
  SpawnResult r;
  if (argv.empty()) {
    r.spawn_error = EINVAL;
    return r;
  }
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  FileActions fa;
  Attributes at;
  int e = posix_spawn_file_actions_addopen(&fa.a, 0, "/dev/null", O_RDONLY, 0);
  if (!e) e = redirect(&fa.a, o.stdout_fd, 1);
  if (!e) e = redirect(&fa.a, o.stderr_fd, 2);
  if (!e && !o.cwd.empty()) e = posix_spawn_file_actions_addchdir_np(&fa.a, o.cwd.c_str());
  // The child starts with default signal handling and no blocked signal, whatever ours are.
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  if (!e) e = posix_spawnattr_setsigdefault(&at.a, &all);
  if (!e) e = posix_spawnattr_setsigmask(&at.a, &none);
  if (!e) e = posix_spawnattr_setflags(&at.a, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  if (!e) e = posix_spawnp(&pid, args[0], &fa.a, &at.a, args.data(), environ);
  if (e) {
    r.spawn_error = e;
    return r;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) {
      r.spawn_error = errno;
      return r;
    }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

}  // namespace mls::sys
#endif  // __EMSCRIPTEN__
