#include "runtime/system/publish_file.hpp"

#include "runtime/system/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace mls::sys {

namespace {
std::string failure(const std::string& what, const std::string& path, int e) {
  return "cannot " + what + " '" + path + "': " + std::strerror(e);
}
}  // namespace

std::string publish_file(const std::string& dir, const std::string& name, const std::string& content) {
  std::string target = dir + "/" + name;
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
    return failure("write", target, EINVAL);
  std::string pattern = dir + "/.mls-partial-XXXXXX";
  std::vector<char> tmp(pattern.begin(), pattern.end());
  tmp.push_back('\0');
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // O_CREAT|O_EXCL, mode 0600
  if (fd < 0) return failure("write into", dir, errno);
  // The mode a plain new file would get (0666 less the umask), as before: charts are meant to be shared.
  mode_t mask = ::umask(0);
  ::umask(mask);
  bool ok = ::fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, content);
  int e = ok ? 0 : errno;
  if (::close(fd) != 0 && ok) ok = false, e = errno;
  if (ok && std::rename(tmp.data(), target.c_str()) != 0) ok = false, e = errno;
  if (ok) return "";
  ::unlink(tmp.data());
  return failure("write", target, e ? e : EIO);
}

}  // namespace mls::sys
