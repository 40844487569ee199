#include "runtime/lsp/transport.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace mls::lsp {

bool Transport::fill(int timeout_ms) {
  if (eof_) return false;
  pollfd p{fd_, POLLIN, 0};
  int r;
  do r = ::poll(&p, 1, timeout_ms);
  while (r < 0 && errno == EINTR);
  if (r == 0) return false;
  char chunk[65536];
  ssize_t n;
  do n = ::read(fd_, chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buf_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

Transport::Status Transport::next(std::string& body, int timeout_ms) {
  for (;;) {
    std::size_t end = buf_.find("\r\n\r\n");
    if (end != std::string::npos) {
      // Headers: only Content-Length matters (Content-Type is optional and always utf-8 JSON).
      long long length = -1;
      std::size_t pos = 0;
      while (pos < end) {
        std::size_t eol = buf_.find("\r\n", pos);
        if (eol == std::string::npos || eol > end) eol = end;
        std::string line = buf_.substr(pos, eol - pos);
        const std::string key = "content-length:";
        std::string lower;
        for (char c : line.substr(0, key.size())) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == key) {
          try {
            length = std::stoll(line.substr(key.size()));
          } catch (...) {
            length = -1;
          }
        }
        pos = eol + 2;
      }
      if (length < 0 || static_cast<unsigned long long>(length) > kMaxMessage) {
        buf_.erase(0, end + 4);
        return Status::Malformed;
      }
      const std::size_t need = end + 4 + static_cast<std::size_t>(length);
      while (buf_.size() < need)
        if (!fill(-1)) return Status::Closed;  // a frame cut short: the client is gone
      body = buf_.substr(end + 4, static_cast<std::size_t>(length));
      buf_.erase(0, need);
      return Status::Message;
    }
    if (buf_.size() > kMaxMessage) {  // no header end in sight: garbage
      buf_.clear();
      return Status::Malformed;
    }
    if (!fill(timeout_ms)) return eof_ ? Status::Closed : Status::Timeout;
  }
}

void Transport::send(const nlohmann::json& message) {
  // Invalid UTF-8 in a document must not make the reply unwritable: replace it.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace mls::lsp
