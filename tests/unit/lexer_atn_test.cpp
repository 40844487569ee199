// The lexer deserializes its ATN with each set's intervals reversed (grammar/atn_sets.hpp, a start-up
// saving): the ATN must be the one the tool wrote, set for set, and the reordering must really happen.
// The generated headers come before Catch, whose THEN macro would rename the parser's THEN().
#include "MlsLexer.h"
#include "MlsParser.h"
#include "antlr4-runtime.h"
#include "atn_sets.hpp"

#include <catch2/catch.hpp>

using namespace antlr4;

namespace {
std::vector<misc::IntervalSet> labels(const atn::ATN& a) {
  std::vector<misc::IntervalSet> out;
  for (atn::ATNState* s : a.states)
    if (s)
      for (atn::Transition* t : s->transitions) out.push_back(t->label());
  return out;
}
}  // namespace

TEST_CASE("lexer ATN: descending sets deserialize to the same ATN", "[syntax]") {
  ANTLRInputStream in("x");
  mls_gen::MlsLexer lexer(&in);
  const std::vector<uint16_t>& written = lexer.getSerializedATN();
  std::vector<uint16_t> reordered = mls_gen::descending_sets(written);
  REQUIRE(reordered.size() == written.size());
  CHECK(reordered != written);  // the Unicode sets of IDENT were reversed
  atn::ATN plain = atn::ATNDeserializer().deserialize(written);
  atn::ATN fast = atn::ATNDeserializer().deserialize(reordered);
  REQUIRE(plain.states.size() == fast.states.size());
  auto a = labels(plain), b = labels(fast);
  REQUIRE(a.size() == b.size());
  size_t big = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    INFO(i);
    CHECK(a[i] == b[i]);
    if (a[i].size() > 1000) ++big;
  }
  CHECK(big >= 2);  // \p{L} and \p{L}\p{N}: the sets the reordering is for
  // The lexer the parser uses is built from the reordered form (grammar/fast_atn_load.cmake).
  auto c = labels(lexer.getATN());
  REQUIRE(c.size() == a.size());
  for (size_t i = 0; i < a.size(); ++i) CHECK(c[i] == a[i]);
}

TEST_CASE("lexer and parser ATNs pass ANTLR's verification", "[syntax]") {
  // The process deserializes both without verifying them (mls_gen::unverified): checked here instead.
  ANTLRInputStream in("x = 1 m");
  mls_gen::MlsLexer lexer(&in);
  CommonTokenStream tokens(&lexer);
  mls_gen::MlsParser parser(&tokens);
  atn::ATNDeserializationOptions verify;
  REQUIRE(verify.isVerifyATN());
  CHECK_NOTHROW(atn::ATNDeserializer(verify).deserialize(lexer.getSerializedATN()));
  CHECK_NOTHROW(atn::ATNDeserializer(verify).deserialize(mls_gen::descending_sets(lexer.getSerializedATN())));
  CHECK_NOTHROW(atn::ATNDeserializer(verify).verifyATN(lexer.getATN()));
  CHECK_NOTHROW(atn::ATNDeserializer(verify).verifyATN(parser.getATN()));
  CHECK_FALSE(mls_gen::unverified().isVerifyATN());
}

TEST_CASE("lexer ATN: anything but a version-3 serialization is left as it is", "[syntax]") {
  std::vector<uint16_t> other = {4, 1, 2, 3};
  CHECK(mls_gen::descending_sets(other) == other);
  std::vector<uint16_t> truncated = {3, 2, 2};
  CHECK(mls_gen::descending_sets(truncated) == truncated);
}
