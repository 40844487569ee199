// The embedding API (include/mls/mls.hpp): what a host program sees — outputs, quantities,
// diagnostics and solver calls as data — agrees with what the command line prints.
#include "mls/mls.hpp"
#include "runtime/driver/pipeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include <sstream>

using namespace mls::api;

TEST_CASE("api: run gives prints as data and the text output", "[api]") {
  Engine e;
  RunResult r = e.run("w = 7e9 param * 2 B/param\nprint w / (3.35 TB/s) -> ms\nprint \"hi\", true\n");
  REQUIRE(r.ok());
  REQUIRE(r.prints.size() == 2);
  const Quantity& t = r.prints[0].values.at(0).as_quantity();
  CHECK(t.dimension() == "Time");
  CHECK(t.unit() == "ms");
  CHECK(t.str() == "4.179 ms");
  CHECK(t.si() == Approx(14e9 / 3.35e12));
  CHECK(t.in("us") == Approx(t.si() * 1e6));
  CHECK(t.to("s").unit() == "s");
  CHECK(r.prints[1].values.at(0).as_string() == "hi");
  CHECK(r.prints[1].values.at(1).as_bool());
  REQUIRE(r.prints[0].where);
  CHECK(r.prints[0].where->line == 2);
  CHECK(r.text == "4.179 ms\nhi  true\n");
}

TEST_CASE("api: a quantity converts only to a unit of its dimension, read by the language", "[api]") {
  Engine e;
  Quantity bw = e.quantity("400 Gbps");
  CHECK(bw.to("GB/s").str() == "50 GB/s");
  try {
    (void)bw.to("ms");
    FAIL("no error");
  } catch (const Error& x) {
    CHECK(x.diagnostic().code == "E0303");
    CHECK(!x.diagnostic().help.empty());
  }
  try {
    (void)bw.to("TBps");
    FAIL("no error");
  } catch (const Error& x) {
    CHECK(x.diagnostic().code == "E0110");
    CHECK(x.diagnostic().help.find("TB/s") != std::string::npos);
  }
  CHECK_THROWS_AS(e.quantity("3.35 TB/s +"), Error);
  CHECK(e.quantity("1 m^3/J").to("L/kWh").str() == "3.6e+09 L/kWh");
}

TEST_CASE("api: check gives diagnostics as data, rendered as --diagnostics json renders them", "[api]") {
  Engine e;
  const std::string src = "bw = 3.35 TB/s\npeak = 989 TFLOP/s\ntotal = peak + bw\n";
  CheckResult c = e.check(src, "roofline.mls");
  REQUIRE(!c.ok());
  CHECK(c.exit_code == 2);
  REQUIRE(c.diagnostics.size() == 1);
  const Diagnostic& d = c.diagnostics[0];
  CHECK(d.code == "E0301");
  CHECK(d.severity == Severity::Error);
  REQUIRE(d.span);
  CHECK(d.span->file == "roofline.mls");
  CHECK(d.span->line == 3);
  CHECK(d.labels.size() >= 2);
  CHECK(d.dimensions.size() == 2);
  CHECK(!d.help.empty());
  CHECK(d.rendered.find("error[E0301]") == 0);
  // The same array the command line writes.
  mls::driver::Session s;
  mls::driver::Options o;
  o.diagnostics_json = true;
  o.emit = mls::driver::Emit::Check;
  std::ostringstream out, err;
  s.run("roofline.mls", src, o, out, err);
  CHECK(to_json(c.diagnostics) + "\n" == err.str());
  CHECK(e.check("print 1 ms\n").ok());
}

TEST_CASE("api: tables, reductions and failed checks as data", "[api]") {
  Engine e;
  RunResult r = e.run("for b in [1, 2, 4] { row batch = b, t = b * 2 ms }\n"
                      "for b in 1..100 { row b = b } where b > 90, count\n"
                      "assert 1 s < 1 ms, \"slow\"\n");
  CHECK(r.exit_code == 1);
  REQUIRE(r.tables.size() >= 1);
  const Table& t = r.tables[0];
  CHECK(t.columns == std::vector<std::string>{"batch", "t"});
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[2][1].as_quantity().str() == "8 ms");
  REQUIRE(r.reductions.size() == 1);
  CHECK(r.reductions[0].kind == "count");
  CHECK(r.reductions[0].value.as_quantity().si() == 10);
  REQUIRE(r.failures.size() == 1);
  CHECK(r.failures[0].code == "E0501");
  // Three rows, one reduction, and where each loop's table ended (the text output aligns up to there).
  auto events = [&](OutputEvent::Kind k) {
    return std::count_if(r.events.begin(), r.events.end(), [&](const OutputEvent& x) { return x.kind == k; });
  };
  CHECK(events(OutputEvent::Kind::Row) == 3);
  CHECK(events(OutputEvent::Kind::Reduction) == 1);
  CHECK(events(OutputEvent::Kind::TableEnd) == 2);
  // Every format from the objects: the text rendering is the run's text output.
  CHECK(e.render(r, RenderOptions::Format::Text) == r.text);
  CHECK(e.render(r, RenderOptions::Format::Csv).rfind("batch,t [s]\n1,0.002\n", 0) == 0);
  std::string md = e.render(r, RenderOptions::Format::Markdown);
  CHECK(md.find("| batch | t |\n|---:|---:|\n| 1 | 2 ms |") != std::string::npos);
  CHECK(md.find("count: 10") != std::string::npos);
  CHECK(md.find("## 1 failed check") != std::string::npos);
}

TEST_CASE("api: the fidelity marker is part of a run's outputs", "[api]") {
  Options o;
  o.fidelity = "calibrated";
  Engine e(o);
  RunResult r = e.run("print serve(Llama3_8B, H100, seq_len = 512 token).ttft\n");
  REQUIRE(r.ok());
  CHECK(r.fidelity == "calibrated");
  CHECK(e.render(r, RenderOptions::Format::Text) == r.text);
  CHECK(e.render(r, RenderOptions::Format::Json).rfind("{\"fidelity\":\"calibrated\"}\n", 0) == 0);
  CHECK(Engine().run("print 1 ms\n").fidelity.empty());
}

TEST_CASE("api: evaluate, zoo entries and solver calls with typed arguments", "[api]") {
  Engine e(Options{Evaluator::Reference});
  EvalResult v = e.evaluate("3.35 TB/s * 2");
  REQUIRE(v.ok());
  CHECK(v.value.as_quantity().dimension() == "Bandwidth");
  CHECK(v.value.as_quantity().str() == "6.7 TB/s");
  EvalResult bad = e.evaluate("x = 1");
  CHECK(!bad.ok());
  Value h100 = e.zoo("H100");
  CHECK(h100.as_record().kind == "hardware");
  CHECK_THROWS_AS(e.zoo("H1000"), Error);
  CallResult c = e.call("roofline", {{"model", e.zoo("Llama3_70B")}, {"hardware", h100}, {"batch", Value(e.quantity("1"))}});
  REQUIRE(c.ok());
  const Quantity& latency = c.result.as_record().at("latency").as_quantity();
  CHECK(latency.dimension() == "Time");
  CHECK(latency.in("ms") > 0);
  // The same call from JSON gives the same record.
  CallResult j = e.call_json("roofline", R"({"model": "Llama3_70B", "hardware": "H100", "batch": 1})");
  REQUIRE(j.ok());
  CHECK(j.result.as_record().at("latency").as_quantity().si() == latency.si());
  CallResult wrong = e.call("roofline", {{"model", e.zoo("Llama3_70B")}, {"hardware", Value(e.quantity("1 s"))}});
  CHECK(wrong.exit_code == 2);
  CHECK(e.call_json("roofline", "{").exit_code == 64);
}

TEST_CASE("api: the listings of solvers and the zoo", "[api]") {
  Engine e;
  bool roofline = false;
  for (auto& s : e.solvers())
    if (s.id == "roofline_equation") {
      roofline = true;
      bool bandwidth = false;
      for (auto& p : s.parameters) bandwidth = bandwidth || (p.name == "bandwidth" && p.unit == "B/s");
      CHECK(bandwidth);
    }
  CHECK(roofline);
  bool h100 = false;
  for (auto& z : e.zoo_entries()) h100 = h100 || (z.name == "H100" && z.kind == "hardware");
  CHECK(h100);
}
