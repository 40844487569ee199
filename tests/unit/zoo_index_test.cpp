// The lazily compiled zoo: the index must know every entry and alias the whole zoo defines, and a
// script naming one entry compiles just what that entry needs.
#include <catch2/catch.hpp>

#include "runtime/driver/embedded.hpp"
#include "runtime/driver/pipeline.hpp"
#include "runtime/driver/zoo_index.hpp"

#include <sstream>

using namespace mls;

TEST_CASE("zoo index: every zoo entry and alias is indexed", "[zoo]") {
  const auto& index = driver::ZooIndex::builtin();
  driver::Session s;
  s.load_whole_zoo();
  std::size_t entries = 0;
  for (auto& e : s.zoo_entries()) {
    INFO(e.name);
    CHECK(std::find(index.names().begin(), index.names().end(), e.name) != index.names().end());
    ++entries;
  }
  CHECK(entries >= 100);
  // Aliases (`Jetson = JetsonOrinNX`) are global names of the zoo too.
  for (auto& n : index.names()) {
    INFO(n);
    CHECK(s.zoo_value(n).has_value());
  }
}

TEST_CASE("zoo index: the closure follows references between entries", "[zoo]") {
  const auto& index = driver::ZooIndex::builtin();
  auto names = [&](const std::vector<std::size_t>& stmts) {
    std::set<std::string> out;
    for (auto k : stmts) out.insert(std::string(index.stmt(k).defines));
    return out;
  };
  auto one = names(index.closure({"H100"}));
  CHECK(one == std::set<std::string>{"H100"});
  // an alias needs its target
  auto alias = names(index.closure({"Jetson"}));
  CHECK(alias.count("Jetson"));
  CHECK(alias.count("JetsonOrinNX"));
  CHECK(index.closure({"not_a_zoo_name"}).empty());
  // comments and strings do not count as references
  CHECK(driver::identifiers("x = 1  # H100\nprint \"A100\"\n") == std::set<std::string>{"x", "print"});
  CHECK(driver::identifiers("d = 1e-9 s") == std::set<std::string>{"d", "s"});
}

TEST_CASE("zoo index: a script sees the same zoo lazily as when the whole zoo is compiled", "[zoo]") {
  const char* script = "r = roofline(Llama3_70B, H100, batch = 1, precision = fp16)\nprint r.bottleneck, r.latency\n";
  driver::Options lazy, whole;
  whole.whole_zoo = true;
  std::ostringstream out1, err1, out2, err2;
  driver::Session a, b;
  CHECK(a.run("<t>", std::string(script), lazy, out1, err1) == 0);
  CHECK(b.run("<t>", std::string(script), whole, out2, err2) == 0);
  CHECK(out1.str() == out2.str());
  CHECK(!out1.str().empty());
}

TEST_CASE("zoo index: the table made at build time is the index of the embedded zoo", "[zoo]") {
  // The binary reads the index the build made (embedded::kZooIndexRows); indexing the embedded texts
  // now must give the same statements, names and references.
  REQUIRE(embedded::kZooIndexRowCount > 0);
  std::vector<std::string_view> files;
  for (std::size_t f = 0; f < embedded::kZooCount; ++f) files.emplace_back(embedded::kZoo[f].text);
  auto fresh = driver::ZooIndex::of(files);
  const auto& built = driver::ZooIndex::builtin();
  REQUIRE(fresh.size() == built.size());
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    const auto &a = fresh.stmt(k), &b = built.stmt(k);
    INFO(k << " " << a.defines);
    CHECK(a.file == b.file);
    CHECK(a.begin == b.begin);
    CHECK(a.end == b.end);
    CHECK(a.defines == b.defines);
    CHECK(a.kind == b.kind);
    CHECK(a.refs == b.refs);
  }
  CHECK(fresh.names() == built.names());
  CHECK(fresh.closure({"hardware"}) == built.closure({"hardware"}));
}
