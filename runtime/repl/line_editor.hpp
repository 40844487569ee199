// The terminal side of the REPL: libedit (BSD licence) line editing with a bounded per-user history
// file, Ctrl-R search (libedit's emacs bindings; a multi-line entry is one history line, its breaks
// shown as ↵), tab completion from repl::complete, and Ctrl-C
// cancelling the line being typed.
#pragma once

#include "mls/session.hpp"

#include <optional>
#include <string>

namespace mls::repl {

class LineEditor {
 public:
  explicit LineEditor(api::Session* session);  // completion reads the session (may be swapped)
  ~LineEditor();
  enum class Read { Line, Interrupted, End };
  // A line as typed; a multi-line entry recalled from the history comes back whole, its lines
  // separated by '\n'.
  Read read(const std::string& prompt, std::string& line);
  // Adds an entry to the history (and its file). A multi-line entry is kept as one line, each line
  // break shown as kLineMark, so Ctrl-R search and the arrows show it legibly on one line.
  void remember(const std::string& entry);
  static constexpr const char* kLineMark = "\u21b5";  // ↵
  void set_session(api::Session* s);
  static std::string history_path();
};

}  // namespace mls::repl
