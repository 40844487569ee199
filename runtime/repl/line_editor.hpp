// The terminal side of the REPL: libedit (BSD licence) line editing with a bounded per-user history
// file, Ctrl-R search (libedit's emacs bindings), tab completion from repl::complete, and Ctrl-C
// cancelling the line being typed.
#pragma once

#include "runtime/driver/pipeline.hpp"

#include <optional>
#include <string>

namespace mls::repl {

class LineEditor {
 public:
  explicit LineEditor(driver::Session* session);  // completion reads the session (may be swapped)
  ~LineEditor();
  enum class Read { Line, Interrupted, End };
  Read read(const std::string& prompt, std::string& line);
  void remember(const std::string& entry);  // adds an entry to the history (and its file)
  void set_session(driver::Session* s);
  static std::string history_path();
};

}  // namespace mls::repl
