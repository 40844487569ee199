// REPL pieces that need no terminal: completion, entry continuation, :save's rewriting.
#include <catch2/catch.hpp>

#include "mls/analysis.hpp"
#include "runtime/repl/completion.hpp"
#include "runtime/repl/entry_reader.hpp"

#include <algorithm>
#include <sstream>

using namespace mls;

namespace {
bool has(const repl::Completion& c, const std::string& x) {
  return std::find(c.candidates.begin(), c.candidates.end(), x) != c.candidates.end();
}
}  // namespace

TEST_CASE("repl: completion of commands, zoo names, units, fields and named arguments", "[repl]") {
  api::Engine e;
  api::Session s(e);
  std::ostringstream out, err;
  REQUIRE(s.run("r = roofline(Llama3_70B, H100, batch = 1)\nbw = 3.35 TB/s\n", out, err).exit_code == 0);
  CHECK(has(repl::complete(s, ":he", 3), ":help"));
  CHECK(has(repl::complete(s, ":list u", 7), "units"));
  auto zoo = repl::complete(s, "x = Llama3_7", 12);
  CHECK(zoo.start == 4);
  CHECK(has(zoo, "Llama3_70B"));
  CHECK(has(repl::complete(s, "1 TFL", 5), "TFLOP"));
  CHECK(has(repl::complete(s, "b", 1), "bw"));
  CHECK(has(repl::complete(s, "r.bott", 6), "bottleneck"));
  CHECK(has(repl::complete(s, "A100.band", 9), "bandwidth"));  // a zoo entry not used yet
  auto named = repl::complete(s, "roofline(H100, pre", 18);
  CHECK(has(named, "precision = "));
  CHECK(repl::complete(s, "r.nosuchfield.x", 15).candidates.empty());
}

TEST_CASE("repl: keywords and built-ins come from the grammar and the checker (no second list)", "[repl]") {
  api::Engine e;
  api::Session s(e);
  CHECK(has(repl::complete(s, "me", 2), "mean"));  // the completer's own list used to miss sum and mean
  CHECK(has(repl::complete(s, "su", 2), "sum"));
  CHECK(has(repl::complete(s, "pl", 2), "plot"));
  CHECK(has(repl::complete(s, "wh", 2), "where"));
  CHECK(has(repl::complete(s, "dim", 3), "dimension"));
  CHECK(has(repl::complete(s, "ceil_", 5), "ceil_div"));
  for (auto& k : api::keywords()) CHECK(std::all_of(k.begin(), k.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
  for (auto& f : api::builtin_functions()) {  // every offered built-in is a name the checker knows
    std::ostringstream err;
    s.type_of(f + "(1)", err);
    CHECK(err.str().find("E0110") == std::string::npos);
  }
}

TEST_CASE("repl: an entry continues while brackets are open or a line ends with an operator", "[repl]") {
  CHECK(repl::needs_more("for b in [1, 2] {"));
  CHECK(repl::needs_more("x = roofline(H100,"));
  CHECK(repl::needs_more("y = 1 m +"));
  CHECK_FALSE(repl::needs_more("y = 1 m + 2 m"));
  CHECK_FALSE(repl::needs_more("s = \"{\"  # {"));
  CHECK_FALSE(repl::needs_more("for b in [1, 2] {\n row x = b\n}"));
}
