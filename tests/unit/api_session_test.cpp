// The embedding API's Session (include/mls/session.hpp): bindings, functions and `ans` kept across
// entries, a failed entry undone, variables with their values, the session as a script.
#include <catch2/catch.hpp>

#include "mls/session.hpp"

#include <algorithm>
#include <sstream>

using namespace mls;

TEST_CASE("api session: entries see each other; a failed one leaves nothing", "[api][repl]") {
  api::Engine e;
  api::Session s(e);
  std::ostringstream out, err;
  REQUIRE(s.run("bw = 3.35 TB/s\npeak = 989 TFLOP/s", out, err).ok());
  REQUIRE(s.run("peak / bw -> FLOP/B", out, err).ok());
  CHECK(out.str() == "295.2 FLOP/B  [Intensity]\n");
  auto failed = s.run("bw = 1 s; zz = bw + 1 m", out, err);
  CHECK(failed.exit_code == 2);
  CHECK_FALSE(failed.kept);
  REQUIRE(failed.diagnostics.size() == 1);  // as data too, for the C API and the Python module
  CHECK(failed.diagnostics[0].code == "E0301");
  CHECK(failed.diagnostics[0].span->line == 1);
  auto again = s.run("bw = 4.8 TB/s", out, err);
  CHECK(again.rebound == std::vector<std::string>{"bw"});
  CHECK(s.entries() == 3);

  auto vars = s.variables();
  auto bw = std::find_if(vars.begin(), vars.end(), [](auto& v) { return v.name == "bw"; });
  REQUIRE(bw != vars.end());
  CHECK(bw->type == "Bandwidth (Information / Time)");
  CHECK(bw->value == "4.8 TB/s");
  CHECK(std::none_of(vars.begin(), vars.end(), [](auto& v) { return v.name == "zz"; }));

  CHECK(s.type_of("peak / bw", err) == std::optional<std::string>("Intensity   (Compute / Information)"));
  std::ostringstream info;
  CHECK(s.info("GB", info));
  CHECK(info.str().rfind("unit GB: 1 GB = 1e+09 B", 0) == 0);
  CHECK_FALSE(s.info("no_such_thing", info));
  CHECK(s.script() == "bw = 3.35 TB/s\npeak = 989 TFLOP/s\npeak / bw -> FLOP/B\nbw_2 = 4.8 TB/s\n");
  s.reset();
  CHECK(s.entries() == 0);
  CHECK(s.variables().empty());
}
