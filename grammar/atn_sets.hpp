// The lexer's serialized ATN with each character set's intervals in descending order, for a fast
// start-up: ANTLR 4.9's IntervalSet::add scans the set from its start for every interval it adds, so
// the ~700 ascending Unicode intervals of `IDENT : [\p{L}_] [\p{L}\p{N}_]*` cost O(n²) comparisons
// (~30 M instructions, a third of `mls -e '1 m'`); added highest first, each goes in at the front
// after one comparison. The sets themselves are unchanged (an IntervalSet is canonical).
// grammar/fast_atn_load.cmake makes the generated MlsLexer.cpp deserialize through this.
#pragma once

#include <cstdint>
#include <vector>

#include "atn/ATNDeserializationOptions.h"

namespace mls_gen {
// A copy of `atn` (the tool's serialization, version 3, values offset by 2) with every set's
// intervals reversed; anything it does not recognise is returned unchanged.
std::vector<uint16_t> descending_sets(const std::vector<uint16_t>& atn);

// Deserialization without ATNDeserializer::verifyATN (~2 M instructions at every start-up for the lexer
// and the parser): the ATNs are the tool's, fixed at build time, and tests/unit/lexer_atn_test.cpp
// deserializes both with verification on.
antlr4::atn::ATNDeserializationOptions unverified();
}  // namespace mls_gen
