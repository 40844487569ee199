#include "runtime/solve/solve_command.hpp"

#include "mls/exit_codes.hpp"

#include <ostream>

namespace mls {

int run_solve_command(const api::Engine& engine, const std::string& id, const std::string& args_json,
                      bool diagnostics_json, std::ostream& out, std::ostream& err) {
  api::CallResult r = engine.call_json(id, args_json);
  if (r.ok()) {
    out << r.json << "\n";
    return api::kOk;
  }
  const api::Diagnostic& d = r.diagnostics.front();
  if (r.exit_code == api::kUsage && d.code == "E0110") {  // no such solver: a usage error
    err << "mls solve: " << d.message << "\n";
    return r.exit_code;
  }
  if (diagnostics_json) err << api::to_json(r.diagnostics) << "\n";
  else err << "error[" << d.code << "]: " << d.message << " (" << d.kind << ")\n";
  return r.exit_code;
}

}  // namespace mls
