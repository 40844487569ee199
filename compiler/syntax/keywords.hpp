#pragma once
// The words completers offer as keywords (the REPL, the language server, the embedding API's analysis).
#include <string>
#include <vector>

namespace mls::syntax {

// The grammar's reserved words, read from the generated lexer's vocabulary (so a keyword added to
// grammar/Mls.g4 is offered with no second list to update), then the contextual words the grammar
// recognises by their text (`where`, `step`, `by`), sorted.
const std::vector<std::string>& keywords();

}  // namespace mls::syntax
