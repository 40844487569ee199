#include "runtime/output/csv_row.hpp"

#include "compiler/source/visible_text.hpp"
#include "compiler/units/unit_table.hpp"
#include "runtime/format/csv_field.hpp"
#include "runtime/output/output_sink.hpp"
#include "runtime/output/printable_ascii.hpp"

namespace mls::out {

void append_csv_number(std::string& out, double si, const ir::Shape& shape) {
  units::append_number(out, shape.display.fixed ? si / shape.display.scale : si, 15);
}

void append_csv_row(std::string& out, const std::vector<Value>& cells, const std::vector<ir::ShapePtr>& shapes,
                    int digits) {
  const std::size_t start = out.size();
  for (size_t k = 0; k < cells.size(); ++k) {
    if (k) out += ',';
    const Value& v = cells[k];
    if (v.is_num()) append_csv_number(out, v.num(), *shapes[k]);  // digits, '.', 'e', signs: never quoted
    // printable ASCII other than the comma and the double quote: the same after visible_text and
    // csv_field, so it is copied as it is (names of devices and models, the common case)
    else if (v.is_str() && printable_ascii_except(v.str(), ',', '"')) out += v.str();
    // Control characters other than line feeds and tabs are shown as escapes, as in text output
    // (JSON keeps the exact string).
    else if (v.is_str()) append_csv_field(out, visible_text(v.str(), Layout::Keep));
    else if (!v.is_none()) append_csv_field(out, format_value(v, *shapes[k], digits));
  }
  if (cells.size() == 1 && out.size() == start) out += "\"\"";
  out += '\n';
}

}  // namespace mls::out
