#include "runtime/system/private_folder.hpp"

#include "runtime/system/file_io.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace mls::sys {

PrivateFolder::PrivateFolder(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = tmp && *tmp ? tmp : "/tmp";
  std::vector<char> name(base.begin(), base.end());
  std::string tail = "/" + prefix + "-XXXXXX";
  name.insert(name.end(), tail.begin(), tail.end());
  name.push_back('\0');
  if (::mkdtemp(name.data())) path_ = name.data();  // mode 0700
  else error_ = "cannot make a private folder in '" + base + "': " + std::strerror(errno);
}

PrivateFolder::~PrivateFolder() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // removes links, never what they point to
}

int PrivateFolder::create(const std::string& name) const {
  if (path_.empty() || name.find('/') != std::string::npos) {
    errno = EINVAL;
    return -1;
  }
  return ::open(file(name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

bool PrivateFolder::write(const std::string& name, const std::string& content) const {
  int fd = create(name);
  if (fd < 0) return false;
  bool ok = write_all(fd, content);
  return ::close(fd) == 0 && ok;
}

std::string PrivateFolder::read(const std::string& name) const {
  int fd = ::open(file(name).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return "";
  std::string s = read_all(fd);
  ::close(fd);
  return s;
}

}  // namespace mls::sys
