// The exit codes of every `mls` command and of every API result's exit_code (docs/output.md): a
// script runner or grader tells the outcomes apart by the code alone. 64 and 70 are sysexits.h's
// EX_USAGE and EX_SOFTWARE. A run that both fails a check and then stops on a run-time error exits 3
// (the run did not finish).
#pragma once

namespace mls::api {

enum Exit {
  kOk = 0,            // ran (or checked) without a failed check
  kFailed = 1,        // an assert or expect failed; the script ran to its end
  kCompileError = 2,  // the script does not compile: nothing ran
  kRuntimeError = 3,  // the run stopped on an error (division by zero, a solver refusing its input, ...)
  kUsage = 64,        // the command line is wrong: unknown flag, a format the command does not write, missing file
  kInternal = 70,     // a bug in mls itself (the built-ins do not compile, the JIT failed)
};

}  // namespace mls::api
