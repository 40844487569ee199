// The lexer's serialized ATN with each character set's intervals in descending order, for a fast
// start-up: ANTLR 4.9's IntervalSet::add scans the set from its start for every interval it adds, so
// the ~700 ascending Unicode intervals of `IDENT : [\p{L}_] [\p{L}\p{N}_]*` cost O(n²) comparisons
// (~30 M instructions, a third of `mls -e '1 m'`); added highest first, each goes in at the front
// after one comparison. The sets themselves are unchanged (an IntervalSet is canonical).
// grammar/descending_sets.cmake makes the generated MlsLexer.cpp deserialize through this.
#pragma once

#include <cstdint>
#include <vector>

namespace mls_gen {
// A copy of `atn` (the tool's serialization, version 3, values offset by 2) with every set's
// intervals reversed; anything it does not recognise is returned unchanged.
std::vector<uint16_t> descending_sets(const std::vector<uint16_t>& atn);
}  // namespace mls_gen
