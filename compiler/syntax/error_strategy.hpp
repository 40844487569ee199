// The error strategy of the second, reporting parse (compiler/syntax/parse.cpp): ANTLR's default, plus
// the one report the grammar's earlier quantity-literal rule made. See error_strategy.cpp.
#pragma once

#include "antlr4-runtime.h"

namespace mls::syntax {

class ErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void sync(antlr4::Parser* parser) override;
  void reportMatch(antlr4::Parser* parser) override;

  static bool separator(size_t token_type);  // NL, `;` or `,`

 private:
  bool separators_since_error_ = false;  // only separators were matched since the last error
};

}  // namespace mls::syntax
