// Suggested edits as data (issue 23): a diagnostic whose help suggests code carries it as fixes —
// through the embedding API, the C API and --diagnostics json alike — and applying one fixes the script.
#include "mls/mls.h"
#include "mls/mls.hpp"
#include "runtime/driver/pipeline.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace mls::api;

namespace {
// The source with one fix applied (1-based lines and columns, end column just after the span).
std::string apply(const std::string& src, const Fix& f) {
  auto offset = [&](int line, int column) {
    size_t at = 0;
    for (int l = 1; l < line; ++l) at = src.find('\n', at) + 1;
    return at + size_t(column - 1);
  };
  size_t b = offset(f.span.line, f.span.column), e = offset(f.span.end_line, f.span.end_column);
  return src.substr(0, b) + f.replacement + src.substr(e);
}
}  // namespace

TEST_CASE("fixes: a plain number beside a latency in ms gets the edit `200 ms` at its binding", "[api][diag]") {
  Engine e;
  const std::string src = "decode = 14 GB / 3.35 TB/s -> ms\nbudget = 200\nassert decode < budget\n";
  CheckResult c = e.check(src, "budget.mls");
  REQUIRE(c.diagnostics.size() == 1);
  const Diagnostic& d = c.diagnostics[0];
  CHECK(d.code == "E0309");
  REQUIRE(d.fixes.size() == 1);
  CHECK(d.fixes[0].replacement == "200 ms");
  CHECK(d.fixes[0].span.line == 2);
  CHECK(d.fixes[0].span.column == 10);
  CHECK(d.fixes[0].span.end_column == 13);
  CHECK(e.check(apply(src, d.fixes[0]), "budget.mls").ok());
  // --diagnostics json carries the same fixes.
  mls::driver::Session s;
  mls::driver::Options o;
  o.diagnostics_json = true;
  o.emit = mls::driver::Emit::Check;
  std::ostringstream out, err;
  s.run("budget.mls", src, o, out, err);
  CHECK(to_json(c.diagnostics) + "\n" == err.str());
  CHECK(err.str().find("\"fixes\":[{\"column\":10,\"end_column\":13,\"end_line\":2") != std::string::npos);
}

TEST_CASE("fixes: a diagnostic without suggested code has none, and JSON has no `fixes` key", "[api][diag]") {
  Engine e;
  CheckResult c = e.check("x = 1 s\nx = 2 s\n");
  REQUIRE(!c.diagnostics.empty());
  CHECK(c.diagnostics[0].fixes.empty());
  CHECK(to_json(c.diagnostics).find("fixes") == std::string::npos);
}

TEST_CASE("fixes: the C API reads them", "[api][diag]") {
  mls_engine* eng = mls_engine_new(0);
  mls_result* r = mls_check(eng, "sv = serve(Llama3_8B, H100, seq_len = 512 tokens, batch_size = 1)\nprint sv.itl -> token/s\n");
  REQUIRE(mls_result_diagnostic_count(r) == 1);
  REQUIRE(mls_result_diagnostic_fix_count(r, 0) == 1);
  CHECK(std::string(mls_result_diagnostic_fix_replacement(r, 0, 0)) == "1 / sv.itl");
  int line = 0, column = 0, end_line = 0, end_column = 0;
  CHECK(mls_result_diagnostic_fix_span(r, 0, 0, &line, &column, &end_line, &end_column) == 1);
  CHECK(line == 2);
  CHECK(column == 7);
  CHECK(end_column == 13);
  CHECK(mls_result_diagnostic_fix_span(r, 0, 1, &line, nullptr, nullptr, nullptr) == 0);
  CHECK(std::string(mls_result_diagnostic_fix_title(r, 0, 5)).empty());
  mls_result_free(r);
  mls_engine_free(eng);
}
