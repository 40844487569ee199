// Between the pipeline's values and diagnostics and the API's data (mls/value.hpp, mls/diagnostic.hpp).
#pragma once

#include "api/engine_impl.hpp"
#include "compiler/diag/diagnostic.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/units/unit_table.hpp"
#include "mls/diagnostic.hpp"
#include "mls/value.hpp"
#include "stdlib/core/value.hpp"

#include <memory>

namespace mls::api {

// A run-time value with its static shape (the dimension and display of every number in it).
Value to_api(const mls::Value& v, const ir::Shape& s, const units::UnitTable& u,
             const std::shared_ptr<const Engine::Impl>& engine);
// A quantity of `dim` shown by `display`.
Quantity make_quantity(double si, const Dimension& dim, const units::Display& display, const units::UnitTable& u,
                       const std::shared_ptr<const Engine::Impl>& engine);
// Back to a run-time value (numbers in SI) — what a solver receives.
mls::Value to_internal(const Value& v);
// The static shape of an API value (dimensions of its quantities), for rendering it as JSON.
ir::Shape shape_of(const Value& v);

Diagnostic to_api(const mls::Diagnostic& d, const SourceManager& sm);
std::optional<Span> to_api(mls::Span s, const SourceManager& sm);
std::vector<Diagnostic> to_api(const std::vector<mls::Diagnostic>& ds, const SourceManager& sm);
// A diagnostic with no source (an option, a JSON argument): code, message, help.
Diagnostic diagnostic(std::string code, std::string message, std::string help, std::string kind = "");

}  // namespace mls::api
