#include "runtime/driver/resource_flags.hpp"

#include "compiler/ir/memory_budget.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace mls::driver {

namespace {
// A finite number at the start of `text`; `rest` is what follows it.
std::optional<double> leading_number(const std::string& text, std::string& rest) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double x = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || errno == ERANGE || !std::isfinite(x)) return std::nullopt;
  rest = end;
  return x;
}
}  // namespace

std::optional<double> parse_max_points(const std::string& text, std::string& why) {
  std::string rest;
  auto x = leading_number(text, rest);
  if (!x || !rest.empty() || *x != std::floor(*x) || *x < 1 || *x > kMaxPointsFlag) {
    why = "--max-points takes a whole number of points from 1 to 1e15 (e.g. 1e9), not '" + text + "'";
    return std::nullopt;
  }
  return x;
}

std::optional<double> parse_memory_size(const std::string& text, std::string& why) {
  static const std::pair<const char*, double> kUnits[] = {
      {"", 1},          {"B", 1},           {"kB", 1e3},        {"KB", 1e3},        {"MB", 1e6},
      {"GB", 1e9},      {"TB", 1e12},       {"KiB", 1024.0},    {"MiB", 1048576.0}, {"GiB", 1073741824.0},
      {"TiB", 1099511627776.0}};
  std::string rest;
  auto x = leading_number(text, rest);
  if (x) {
    while (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
    for (auto& [unit, scale] : kUnits) {
      double bytes = *x * scale;
      if (rest == unit && bytes >= 1048576.0 && bytes <= ir::MemoryBudget::kMaxBytes) return bytes;
    }
  }
  why = "--max-memory takes a size from 1 MiB to 1 TiB, such as 2GiB, 512MiB or 1.5GB, not '" + text + "'";
  return std::nullopt;
}

}  // namespace mls::driver
