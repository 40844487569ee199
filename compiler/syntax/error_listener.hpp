// Turns ANTLR syntax errors into MLS diagnostics in words (never prints). One error per line:
// after the first error on a line, further errors on it are consequences and are dropped.
#pragma once

#include "antlr4-runtime.h"
#include "compiler/diag/diagnostic.hpp"

#include <cstdint>
#include <set>
#include <vector>

namespace mls::syntax {

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  ErrorListener(FileId file, const std::vector<std::uint32_t>& cp_to_byte, std::vector<Diagnostic>& out)
      : file_(file), map_(cp_to_byte), out_(out) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t col,
                   const std::string& msg, std::exception_ptr e) override;

 private:
  Span span_of(antlr4::Token* t) const;
  FileId file_;
  const std::vector<std::uint32_t>& map_;
  std::vector<Diagnostic>& out_;
  std::set<size_t> lines_;
};

// "end of line", "')'", "the number 3", "the name `peak`".
std::string describe_token(antlr4::Token* t, antlr4::Recognizer* r);

}  // namespace mls::syntax
