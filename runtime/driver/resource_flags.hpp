// The values of the resource-bound flags, read strictly (issue 30: `--max-points 1.5` was read as 1):
// a malformed or out-of-range value is a usage error with a message, never a silent truncation.
#pragma once

#include <optional>
#include <string>

namespace mls::driver {

// --max-points N: a whole number of points (1e9, 1000000) from 1 to kMaxPointsFlag.
constexpr double kMaxPointsFlag = 1e15;
std::optional<double> parse_max_points(const std::string& text, std::string& why);

// --max-memory SIZE: bytes, with an optional unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB), from
// 1 MiB to 1 TiB (ir::MemoryBudget::kMaxBytes).
std::optional<double> parse_memory_size(const std::string& text, std::string& why);

}  // namespace mls::driver
