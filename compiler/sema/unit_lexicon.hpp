// The unit a misspelt or written-out unit name means (`hours` -> `h`, `GBps` -> `GB/s`), from a curated
// lexicon: never a unit of another dimension family, never the bit form for a capital B.
#pragma once

#include "compiler/units/unit_table.hpp"

#include <optional>
#include <string>

namespace mls::sema {

std::optional<std::string> unit_spelling(const std::string& written, const units::UnitTable& t);

}  // namespace mls::sema
