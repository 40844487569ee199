// libFuzzer target (f): `mls solve ID --args JSON`, the machine interface autograders and agents
// call. The first byte picks the solver, the rest is the --args text. Invariants: no exception or
// signal escapes; the exit code is 0 (one JSON object on stdout whose numbers are all finite),
// or a documented failure code with a diagnostic on stderr and nothing on stdout.
#include "mls/engine.hpp"
#include "runtime/solve/solve_command.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>

namespace {

bool finite_everywhere(const nlohmann::json& j) {
  if (j.is_number()) return std::isfinite(j.get<double>());
  if (j.is_structured())
    for (auto& x : j)
      if (!finite_everywhere(x)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mls;
  if (size == 0) return 0;
  // One engine for every input: `mls solve` binds nothing.
  static const api::Engine engine(api::Options{api::Evaluator::Reference});
  const auto& all = reg::solvers();
  const std::string id = all[data[0] % all.size()].id;
  std::string args(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::ostringstream out, err;
  int rc = run_solve_command(engine, id, args, size % 2, out, err);
  if (rc == 0) {
    auto j = nlohmann::json::parse(out.str(), nullptr, false);
    if (j.is_discarded() || !finite_everywhere(j)) __builtin_trap();
  } else if (!out.str().empty() || err.str().empty()) {
    __builtin_trap();
  }
  return 0;
}
