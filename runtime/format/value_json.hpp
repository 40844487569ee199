// A run-time value as JSON, the one schema of every machine output (docs/mls-output.schema.json,
// "value"): a number is a quantity object (runtime/format/quantity_json.hpp), a bool, a string, none
// is null, a list an array, and a record an object of its fields in order, nested records nested.
#pragma once

#include "compiler/ir/ir.hpp"
#include "compiler/units/unit_table.hpp"
#include "runtime/format/quantity_json.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/registry/types.hpp"

namespace mls {

Json value_json(const Value& v, const ir::Shape& s, const units::UnitTable& u, int digits = 4);

// The shape of a value the solver registry describes (a solver's result, a zoo entry's fields): the
// dimension of each number from its declared type, record fields from their kind's declaration.
ir::Shape registry_shape(const Value& v, const reg::Type* t, const units::UnitTable& u);

}  // namespace mls
