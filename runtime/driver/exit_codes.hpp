// The exit codes of every `mls` command: the public table (include/mls/exit_codes.hpp), by the names
// the pipeline uses.
#pragma once

#include "mls/exit_codes.hpp"

namespace mls::driver {

using api::Exit;
using api::kCompileError;
using api::kFailed;
using api::kInternal;
using api::kOk;
using api::kRuntimeError;
using api::kUsage;

}  // namespace mls::driver
