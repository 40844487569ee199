// libFuzzer target (d): the whole run as `mls FILE` runs it, on the LLVM ORC JIT (the path every
// script takes by default; fuzz_eval covers the reference evaluator). A fresh driver::Session per
// input. Sweeps are held to 1e5 points (--max-points) so a legal long loop is not a timeout.
// Invariants: the run ends with a documented exit code, never 70 (internal error: a module that did
// not verify, a symbol the JIT could not bind) and never an exception or a signal.
#include "fuzz/harness.hpp"
#include "runtime/driver/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mls::driver::Session session;
  mls::driver::Options o;
  o.jit = true;
  o.max_points = 1e5;
  o.threads = 1;
  std::ostringstream out, err;
  int rc = session.run(mls::fuzz::script_path(), mls::fuzz::input_text(data, size), o, out, err);
  if (rc == mls::driver::kInternal) __builtin_trap();
  if (rc < 0 || rc > 3) __builtin_trap();  // 0 ok, 1 failed check, 2 compile error, 3 run-time error
  return 0;
}
