// `mls solvers [--format markdown|json]`: every solver's signature as the type checker sees it —
// parameters with dimensions, defaults and ranges, and result fields — read from the registry, so the
// reference can never drift from the C++ declarations.
#pragma once

#include "compiler/units/unit_table.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <iosfwd>
#include <string>

namespace mls {

// A parameter's or result's type as the reference shows it: "Bandwidth [B/s]", "hardware".
std::string solver_type_text(const reg::Type& t, const units::UnitTable& u);
// A parameter's default as the reference shows it: "required", "—", "4 B/param".
std::string solver_default_text(const reg::ParamDesc& p, const units::UnitTable& u);

enum class SolverDocFormat { Text, Markdown, Json };
int print_solver_reference(const units::UnitTable& t, SolverDocFormat f, std::ostream& out);
// One solver in full, as text (the REPL's `:info NAME`): returns false when `name` is no solver.
bool print_solver_info(const units::UnitTable& t, const std::string& name, std::ostream& out);
// "; did you mean `serve`?" for a name that is no solver (nearest MLS name or spec id), or "".
std::string nearest_solver(const std::string& name);

}  // namespace mls
