// A session: entries run one at a time against everything entered before — the REPL's model, for
// any host that wants it (a notebook kernel, an editor's scratch buffer). Unlike Engine::run, whose
// runs never see each other, a session keeps its bindings, functions, units and `ans` across
// entries; a name may be bound again (announced in EntryResult::rebound). Each entry is a
// transaction: one that fails to compile or run leaves the session exactly as it was before it.
//
// Errors: run() and type_of() never throw for a mistake in their input; diagnostics go to `err` in
// the session's format and the exit code says what happened (0, 1 failed check, 2 compile error,
// 3 run-time error, 70 internal). A Session is not thread-safe.
#pragma once

#include "mls/engine.hpp"

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mls::api {

struct EntryResult {
  int exit_code = 0;
  bool kept = false;                 // the entry is part of the session now (script() writes it)
  std::vector<std::string> rebound;  // names it bound again
  std::vector<Diagnostic> diagnostics;  // what it reported (also written to `err`): warnings, failures, errors
  bool ok() const { return exit_code == 0; }
};

// A global name of the session, as `:list vars` shows it.
struct SessionVariable {
  std::string name;
  std::string type;   // "Bandwidth", "roofline_result", "fn(Time) -> Time"
  std::string value;  // "3.35 TB/s"; "" for a function
};

// What may come at a cursor: the word being completed starts at `start`; each candidate replaces
// line[start, cursor).
struct Completion {
  std::size_t start = 0;
  std::vector<std::string> candidates;  // sorted, unique
};

// The largest source text MLS reads (a script, an import, an entry): more is refused (E0507).
std::size_t max_source_bytes();
// Reads at most max_source_bytes() + 1 bytes of a file (enough to tell it is too large), so a device
// or a huge file is never read whole. False when it cannot be opened or is a directory.
bool read_source(const std::string& path, std::string& text);

class Session {
 public:
  // `render`: the output format, colour and charts of every entry; `result_prefix` comes before a
  // bare expression's value ("= " in an interactive REPL).
  explicit Session(const Engine& engine, RenderOptions render = {}, std::string result_prefix = "");
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Compiles and runs one entry (statements; a bare expression prints its value and becomes `ans`).
  // Its output goes to `out`, its diagnostics to `err`; CSV output forms one document over all entries.
  EntryResult run(std::string_view entry, std::ostream& out, std::ostream& err);
  // The type of an expression in this session ("Intensity   (Compute / Information)"); nothing runs
  // and nothing stays. Diagnostics go to `err` when it does not check.
  std::optional<std::string> type_of(std::string_view expression, std::ostream& err);
  // The variables and functions bound so far (not the zoo's), each with its current value.
  std::vector<SessionVariable> variables() const;
  // What a name is: a unit (scale, dimension, prefixes, aliases), a zoo entry (fields with
  // provenance), a solver (parameters, equation) or a variable; all that apply. False: none.
  bool info(std::string_view name, std::ostream& out);
  // A listing: "units" (by dimension), "dims", "zoo" or "solvers". False: no such listing.
  bool list(std::string_view what, std::ostream& out);
  // Names, units, zoo entries, solvers, keywords, record fields after `.` and a solver's named
  // arguments inside its call.
  Completion complete(const std::string& line, std::size_t cursor);
  // The kept entries as a script that runs with a script's rules and prints what the session
  // printed: a name bound again gets a fresh name (`bw` → `bw_2`), and a bare expression whose value
  // a later `ans` reads is bound first (`ans_2 = …` then `ans_2`).
  std::string script() const;
  std::size_t entries() const;  // how many entries were kept
  void reset();                 // forget everything (a fresh session)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mls::api
