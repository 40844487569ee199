// CSV rows written straight into a buffer (runtime/output/csv_row.cpp, issue 24) are byte for byte
// the row built cell by cell: numbers as format_number's "%.15g" with trailing zeros trimmed (checked
// against printf itself), strings through visible_text and csv_field, a lone empty cell as "".
#include "compiler/source/visible_text.hpp"
#include "compiler/units/unit_table.hpp"
#include "runtime/format/csv_field.hpp"
#include "runtime/output/csv_row.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

using namespace mls;

namespace {
// printf's %.*g with the fraction's trailing zeros trimmed; whole numbers from 1000 up written whole.
std::string printf_number(double v, int digits) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  char buf[64];
  if (std::fabs(v) >= 1000 && std::fabs(v) < 1e15 && v == std::floor(v) && std::fabs(v) < std::pow(10.0, std::max(digits, 6))) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  std::string s = buf, exp;
  if (auto e = s.find('e'); e != std::string::npos) exp = s.substr(e), s = s.substr(0, e);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s + exp;
}
}  // namespace

TEST_CASE("numbers are written as printf's %g, trimmed", "[output]") {
  const double inf = std::numeric_limits<double>::infinity();
  for (int digits : {1, 4, 15, 17})
    for (double x : {0.0, -0.0, 1.0, -1.0, 0.1, 1.5e-3, 0.017864444444444443, 1.0 / 3, 2.0 / 3, 999.95, 1000.0, 123456.0,
                     1234567.0, 1e15, 1e16, 123456789012345678.0, -2.5e300, 4e-320, 1.7976931348623157e308, 1e-5,
                     100.5, 120000.0, inf, -inf, std::nan("")}) {
      std::string s = "x";
      units::append_number(s, x, digits);
      CHECK(s == "x" + printf_number(x, digits));
      CHECK(units::format_number(x, digits) == printf_number(x, digits));
    }
}

// Whole numbers below 1000 are printed by an integer conversion (a sweep's batch sizes): printf's text
// at every digit count, including the ones where %g needs an exponent (999 at 2 digits: 1e+03).
TEST_CASE("whole numbers below 1000 are printf's %g at every digit count", "[output]") {
  for (int digits = 0; digits <= 17; ++digits)
    for (int n = -1000; n <= 1000; ++n) {
      const double x = n;
      CHECK(units::format_number(x, digits) == printf_number(x, digits));
    }
}

TEST_CASE("a CSV row written directly is the row built cell by cell", "[output]") {
  auto plain = std::make_shared<ir::Shape>();
  auto ms = std::make_shared<ir::Shape>();
  ms->display.fixed = true;
  ms->display.scale = 1e-3;
  std::vector<std::string> strings{"NVIDIA V100", "a,b", "say \"hi\"", "x\nmallory,100", "tab\tcr\r", "µs é",
                                   "bad \xff\xc3", std::string("nul\0x", 5), "\x1b[31m", ""};
  for (auto& s : strings)
    for (double x : {0.0, 0.017864444444444443, 1234567.0, -2.5e300}) {
      std::vector<Value> cells{Value(s), Value(x), Value(x), Value(), Value(true)};
      std::vector<ir::ShapePtr> shapes{plain, plain, ms, plain, plain};
      std::string row = "previous\n";
      out::append_csv_row(row, cells, shapes, 4);
      auto text = visible_text(s, Layout::Keep);
      CHECK(row == "previous\n" + out::csv_line({text, printf_number(x, 15), printf_number(x / 1e-3, 15), "", "true"}));
    }
  std::string lone;
  out::append_csv_row(lone, {Value(std::string())}, {plain}, 4);
  CHECK(lone == "\"\"\n");  // never an empty line: that separates blocks
}
