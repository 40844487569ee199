#include "compiler/sema/limits.hpp"

#include <algorithm>
#include <string>

namespace mls::sema::limits {

Diagnostic diagnostic(Kind k, Span at) {
  Diagnostic d;
  Span point{at.file, at.begin, std::min(at.end, at.begin + 1)};
  if (k == Kind::Nesting) {
    d.code = "E0205";
    d.message = "nested more than " + std::to_string(kMaxNesting) +
                " levels deep, counting the bodies of called functions, enclosing loops and imports";
    d.labels.push_back({point, "too deep", true});
    d.help = "bind intermediate results to names instead of nesting calls, operators and loops";
  } else {
    d.code = "E0507";
    d.message = "function calls expand to more than " + std::to_string(kMaxInlinedExprs) +
                " expressions (every call checks the function's body again)";
    d.labels.push_back({point, "expansion limit reached here", true});
    d.help = "a function that calls another twice doubles the work at each level: compute shared values once";
  }
  return d;
}

}  // namespace mls::sema::limits
