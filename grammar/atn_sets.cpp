#include "atn_sets.hpp"

#include <algorithm>

namespace mls_gen {
namespace {
// The layout read here is ATNDeserializer::deserialize's (ANTLR 4.9 runtime, serialization version 3)
// up to the sets; nothing after them is touched.
constexpr uint16_t kVersion = 3;
constexpr uint16_t kInvalidState = 0, kBlockStart = 3, kStarBlockStart = 5, kLoopEnd = 12;
constexpr uint16_t kLexer = 0;

struct Reader {
  const std::vector<uint16_t>& d;
  size_t p = 0;
  bool ok = true;
  uint16_t next() {
    if (p >= d.size()) {
      ok = false;
      return 0;
    }
    return static_cast<uint16_t>(d[p++] - 2);  // the tool stores each value + 2
  }
};

// Reverses the order of each set's intervals (each `width` values long) in [r.p, ...).
void reverse_sets(Reader& r, std::vector<uint16_t>& out, size_t width) {
  size_t nsets = r.next();
  for (size_t i = 0; i < nsets && r.ok; ++i) {
    size_t nintervals = r.next();
    r.next();  // contains EOF
    size_t begin = r.p, len = nintervals * 2 * width;
    if (begin + len > out.size()) {
      r.ok = false;
      return;
    }
    for (size_t a = 0, b = nintervals - 1; nintervals > 0 && a < b; ++a, --b)
      std::swap_ranges(out.begin() + long(begin + a * 2 * width), out.begin() + long(begin + (a + 1) * 2 * width),
                       out.begin() + long(begin + b * 2 * width));
    r.p += len;
  }
}
}  // namespace

std::vector<uint16_t> descending_sets(const std::vector<uint16_t>& atn) {
  if (atn.empty() || atn[0] != kVersion) return atn;
  std::vector<uint16_t> out = atn;
  Reader r{atn, 1};
  r.p += 8;  // UUID (this runtime's newest: lexer actions and Unicode SMP sets are present)
  uint16_t grammar_type = r.next();
  r.next();  // max token type
  size_t nstates = r.next();
  for (size_t i = 0; i < nstates && r.ok; ++i) {
    uint16_t type = r.next();
    if (type == kInvalidState) continue;
    r.next();  // rule index
    if (type == kLoopEnd || (type >= kBlockStart && type <= kStarBlockStart)) r.next();  // loop-back / end state
  }
  for (int k = 0; k < 2; ++k)  // non-greedy states, precedence states
    for (size_t n = r.next(); n > 0 && r.ok; --n) r.next();
  size_t nrules = r.next();
  r.p += nrules * (grammar_type == kLexer ? 2 : 1);  // start state (and a lexer rule's token type)
  size_t nmodes = r.next();
  r.p += nmodes;
  reverse_sets(r, out, 1);  // code points up to U+FFFF, one value each
  reverse_sets(r, out, 2);  // beyond, two values each
  return r.ok ? out : atn;
}
antlr4::atn::ATNDeserializationOptions unverified() {
  antlr4::atn::ATNDeserializationOptions o;
  o.setVerifyATN(false);
  return o;
}
}  // namespace mls_gen
