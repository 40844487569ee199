// Whole-buffer reads and writes on a file descriptor, retried on EINTR and short counts.
#pragma once

#include <string>

namespace mls::sys {

bool write_all(int fd, const std::string& content);  // false on any error
std::string read_all(int fd);                         // up to end of file or the first error

}  // namespace mls::sys
