#include "compiler/syntax/keywords.hpp"

#include "MlsLexer.h"
#include "antlr4-runtime.h"

#include <algorithm>

namespace mls::syntax {

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> out = {"where", "step", "by"};  // Mls.g4's semantic predicates test these texts
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

}  // namespace mls::syntax
