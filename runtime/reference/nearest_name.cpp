#include "runtime/reference/nearest_name.hpp"

#include "compiler/diag/edit_distance.hpp"

#include <algorithm>

namespace mls {

std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, name.size() / 3) + 1;
  for (const std::string& c : candidates)
    if (size_t d = edit_distance(name, c); d < best_d) best_d = d, best = c;
  return best;
}

}  // namespace mls
