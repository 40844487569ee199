// `mls units [--format text|markdown|json]`: every dimension, prefix, unit and alias the prelude
// declares, read from the unit table the type checker uses (docs/units.md is its markdown output, and a
// test fails when that file is stale), so the reference cannot drift from the language.
#pragma once

#include "compiler/units/unit_table.hpp"

#include <iosfwd>

namespace mls {

enum class UnitsFormat { Text, Markdown, Json };
int print_units_reference(const units::UnitTable& t, UnitsFormat f, std::ostream& out);

}  // namespace mls
