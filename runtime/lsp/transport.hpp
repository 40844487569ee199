// JSON-RPC 2.0 over the Language Server Protocol's base protocol: messages framed by a
// `Content-Length` header, read from a file descriptor (stdin) with a timeout so the server can
// debounce diagnostics without a thread.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <ostream>
#include <string>

namespace mls::lsp {

class Transport {
 public:
  enum class Status { Message, Timeout, Closed, Malformed };
  explicit Transport(int in_fd, std::ostream& out) : fd_(in_fd), out_(out) {}
  // The next message's body (Message), or Timeout after `timeout_ms` without one (-1: wait), Closed
  // at the end of the input, Malformed for a frame without a usable Content-Length (the frame is
  // skipped up to the next header).
  Status next(std::string& body, int timeout_ms);
  void send(const nlohmann::json& message);

 private:
  bool fill(int timeout_ms);  // reads what is available into buf_; false on timeout or end of input
  int fd_;
  std::ostream& out_;
  std::string buf_;
  bool eof_ = false;
  static constexpr std::size_t kMaxMessage = 64u << 20;  // a larger frame is refused, not buffered
};

}  // namespace mls::lsp
