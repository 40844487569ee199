// The fuzz targets' own invariants must not raise false alarms (issue 30): the front-end target
// counts an error only where a rendered diagnostic's header says so.
#include <catch2/catch.hpp>

#include "fuzz/harness.hpp"
#include "runtime/driver/pipeline.hpp"

#include <sstream>

using namespace mls;

TEST_CASE("fuzz harness: an error is a rendered header, not a quoted comment", "[fuzz]") {
  CHECK(fuzz::error_rendered("error[E0301]: cannot add\n"));
  CHECK(fuzz::error_rendered("warning[W0603]: x\n\x1b[1;31merror[E0301]\x1b[0m: y\n"));
  CHECK_FALSE(fuzz::error_rendered("warning[W0603]: `x` is never read\n  │ x = 1  # error[E0301] 4:9\n"));
  CHECK_FALSE(fuzz::error_rendered(""));
  // What the front-end target renders for a script whose only diagnostic is a warning on a line
  // whose comment quotes an error code.
  driver::Session session;
  driver::Options o;
  o.emit = driver::Emit::Check;
  std::ostringstream out, err;
  int rc = session.run("<fuzz>", "x = 1 m  # error[E0301] here\n", o, out, err);
  CHECK(rc == driver::kOk);
  CHECK(err.str().find("error[E") != std::string::npos);  // the old test's false positive
  CHECK_FALSE(fuzz::error_rendered(err.str()));
}
