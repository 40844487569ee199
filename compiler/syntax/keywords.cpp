#include "compiler/syntax/keywords.hpp"

#include "MlsLexer.h"
#include "antlr4-runtime.h"

#include <algorithm>

namespace mls::syntax {

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out;
    antlr4::ANTLRInputStream empty("");
    mls_gen::MlsLexer lexer(&empty);  // the vocabulary is only reachable through an instance
    const auto& vocabulary = lexer.getVocabulary();
    for (size_t t = 0; t <= vocabulary.getMaxTokenType(); ++t) {
      std::string lit = vocabulary.getLiteralName(t);  // `'print'` for a keyword, "" for IDENT
      if (lit.size() < 3 || lit.front() != '\'') continue;
      std::string word = lit.substr(1, lit.size() - 2);
      if (std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) out.push_back(word);
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return words;
}

bool is_name_token(size_t token_type) {
  using L = mls_gen::MlsLexer;
  return token_type == L::IDENT || token_type == L::WHERE || token_type == L::STEP || token_type == L::BY;
}

}  // namespace mls::syntax
