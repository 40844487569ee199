// Bounds on the checker's work, whatever the input (issue 12). The checker recurses on expressions,
// statements (`for` bodies, imports) and on the body of every function it calls (calls are
// inlined), so its stack depth and its work are bounded here, not only by the parser's bounds
// (brackets 256 deep, expressions 256 deep, 10,000 tokens a statement): a chain of functions each
// calling the next nests as deep as it is long, and a function calling another twice doubles the
// work at each level. Found by fuzzing; tests in tests/hostile/regress/.
#pragma once

#include "compiler/diag/diagnostic.hpp"

namespace mls::sema::limits {

// Checker recursion (expressions + statements, through inlined function bodies). At 512 levels the
// release build uses ~2 MB of its 8 MB stack; sanitizer builds run with a larger stack.
constexpr int kMaxNesting = 512;
// Expressions checked inside inlined function bodies, per checked file (with its imports): bounds the
// IR and the time of "function bombs" (fn f2(x) = f1(x) + f1(x), ...).
constexpr long kMaxInlinedExprs = 250000;

inline thread_local int nesting = 0;
inline thread_local long inlined_exprs = 0;

// One level of checker recursion, for the extent of a scope.
struct Level {
  Level() { ++nesting; }
  ~Level() { --nesting; }
  Level(const Level&) = delete;
  Level& operator=(const Level&) = delete;
  bool too_deep() const { return nesting > kMaxNesting; }
};

// The diagnostic for a bound reached at `at` (built out of line: the recursive functions keep their frames small).
enum class Kind { Nesting, Inlining };
Diagnostic diagnostic(Kind k, Span at);

}  // namespace mls::sema::limits
