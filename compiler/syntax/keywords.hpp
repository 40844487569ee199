#pragma once
// The words completers offer as keywords (the REPL, the language server, the embedding API's analysis).
#include <cstddef>
#include <string>
#include <vector>

namespace mls::syntax {

// The grammar's keywords, read from the generated lexer's vocabulary (so a keyword added to
// grammar/Mls.g4 is offered with no second list to update), sorted. They include the soft keywords.
const std::vector<std::string>& keywords();

// A token that names something: a plain name, or a soft keyword (`where`, `step`, `by`: tokens of their
// own for the parser's sake, but not reserved, so diagnostics describe them as names).
bool is_name_token(size_t token_type);

}  // namespace mls::syntax
