// JSON-lines rows written directly (runtime/output/json_row.cpp, issue 24) are byte for byte the text
// nlohmann gives for the same row built as objects: every kind of cell, odd numbers, strings that
// need escapes or carry UTF-8 (valid or not), a repeated column.
#include "runtime/format/value_json.hpp"
#include "runtime/output/json_row.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace mls;

namespace {
std::string via_json(int table, const std::vector<std::string>& cols, const std::vector<Value>& cells,
                     const std::vector<ir::ShapePtr>& shapes, const units::UnitTable& u, int digits) {
  Json r = Json::object();
  for (size_t k = 0; k < cells.size(); ++k) r[cols[k]] = value_json(cells[k], *shapes[k], u, digits);
  return json_text(Json{{"table", table}, {"row", r}}) + "\n";
}
}  // namespace

TEST_CASE("a JSON row written directly is the row nlohmann writes", "[output]") {
  units::UnitTable u;
  u.define_dimension("Time", Dimension::base(BaseDim::Time));
  auto time = std::make_shared<ir::Shape>();
  time->dim = Dimension::base(BaseDim::Time);
  auto plain = std::make_shared<ir::Shape>();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> numbers{0.0, -0.0, 1.0, 0.1, 1.5e-3, -2.5e300, 4e-320, 123456789012345678.0, 1.0 / 3, inf, -inf, std::nan("")};
  std::vector<std::string> strings{"plain", "q\"uote", "back\\slash", "tab\tnl\n", "µs é", "bad \xff\xc3", std::string("nul\0x", 5), "\x1b[31m"};
  auto record = std::make_shared<Record>();
  record->kind = "k";
  record->fields.emplace_back("a", Value(1.0));
  record->fields.emplace_back("b", Value(std::string("x")));
  for (int digits : {2, 4, 15}) {
    for (double x : numbers) {
      for (auto& s : strings) {
        std::vector<std::string> cols{"t", "n", "s", "b", "none", "rec", "list", "w\"eird"};
        std::vector<Value> cells{Value(x), Value(x), Value(s), Value(x > 0), Value(), Value(RecordPtr(record)),
                                 Value(List{Value(x), Value(2.0)}), Value(s)};
        std::vector<ir::ShapePtr> shapes{time, plain, plain, plain, plain, plain, plain, plain};
        CHECK(out::json_row(3, cols, cells, shapes, u, digits) == via_json(3, cols, cells, shapes, u, digits));
      }
    }
  }
  std::vector<std::string> twice{"a", "b", "a"};  // a repeated column: its first place, its last value
  std::vector<Value> cells{Value(1.0), Value(2.0), Value(3.0)};
  std::vector<ir::ShapePtr> shapes{time, time, time};
  CHECK(out::json_row(0, twice, cells, shapes, u, 4) == via_json(0, twice, cells, shapes, u, 4));
}
