// Which parse-tree shapes the quantity-literal rule of compiler/syntax/quantity.cpp regroups; shared by
// the AST builder and the error strategy (compiler/syntax/error_strategy.cpp), which must agree on
// where a literal ends.
#pragma once

#include "MlsParser.h"

namespace mls::syntax {

// `m`, `%`, `s^-1`: a name or `%`, with no field, call or `with` (a power is part of the atom).
bool unit_atom(mls_gen::MlsParser::PrimaryNoNumberContext* c, const std::vector<mls_gen::MlsParser::PostfixContext*>& postfixes);
// Every juxtaposed operand is a unit atom.
bool unit_atoms(const std::vector<mls_gen::MlsParser::JuxtOperandContext*>& operands);
// `NUMBER atom atom …` with at least one atom, the number bare: a quantity literal.
bool quantity_head(mls_gen::MlsParser::JuxtExprContext* c);
// `atom atom …` with no sign: what an operator inside a literal's unit chain may be followed by.
bool continues_quantity(mls_gen::MlsParser::UnaryExprContext* c);

}  // namespace mls::syntax
