// libFuzzer target (b): the whole front end as `mls check` runs it: driver::Session (prelude, the
// zoo entries the script names) → parse → sema (dimension checking, lowering to IR) → diagnostics
// rendered as text (Unicode boxes and ANSI colours, so every rendering path runs). A fresh session
// per input: a session keeps the bindings of the scripts it ran, so reusing one would make runs
// depend on earlier inputs. Invariant checked: exit 2 if and only if an error was rendered.
#include "fuzz/harness.hpp"
#include "runtime/driver/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mls::driver::Session session;
  mls::driver::Options o;
  o.emit = mls::driver::Emit::Check;
  o.render.color = size % 2 == 0;  // both renderings, without spending an input byte on it
  o.render.unicode = true;
  std::ostringstream out, err;
  int rc = session.run(mls::fuzz::script_path(), mls::fuzz::input_text(data, size), o, out, err);
  bool error_shown = mls::fuzz::error_rendered(err.str());
  if (rc != mls::driver::kOk && rc != mls::driver::kCompileError) __builtin_trap();  // 70: internal error
  if ((rc == mls::driver::kCompileError) != error_shown) __builtin_trap();
  return 0;
}
