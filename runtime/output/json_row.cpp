#include "runtime/output/json_row.hpp"

#include "runtime/format/value_json.hpp"
#include "runtime/output/json_number.hpp"
#include "runtime/output/printable_ascii.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

namespace mls::out {

namespace {

// A string as nlohmann writes it: printable ASCII without quotes or backslashes as is, anything
// else (escapes, UTF-8 to check) by nlohmann itself.
void append_string(std::string& o, const std::string& s) {
  if (!printable_ascii_except(s, '"', '\\')) {
    o += json_text(Json(s));
    return;
  }
  o.reserve(o.size() + s.size() + 2);
  o.push_back('"');
  o.append(s);
  o.push_back('"');
}

// quantity_json, written: {"value": shown, "unit": ..., "si": ..., "dimension": ...}.
void append_quantity(std::string& o, double si, const ir::Shape& s, const units::UnitTable& t, int digits) {
  auto f = units::format(si, s.display, digits);
  double shown = f.value;
  // The value as shown at `digits` digits, read back (from_chars: strtod's double). f.number is that
  // text (units::append_number of f.value at `digits`), except money's grouped digits: those are
  // written again.
  if (std::isfinite(f.value)) {
    thread_local std::string again;
    const std::string* text = &f.number;
    if (f.number.find(',') != std::string::npos) {
      again.clear();
      units::append_number(again, f.value, digits);
      text = &again;
    }
    if (std::from_chars(text->data(), text->data() + text->size(), shown).ec != std::errc())
      shown = std::strtod(text->c_str(), nullptr);  // out of range (1.798e+308 rounded up): strtod's inf
  }
  o += "{\"value\":";
  const std::size_t value_at = o.size();
  append_json_number(o, shown);
  char value[64];  // its text, kept: a number in its base unit (a count, a ratio) shows its SI value
  const std::size_t value_size = std::min(sizeof value, o.size() - value_at);
  o.copy(value, value_size, value_at);
  o += ",\"unit\":";
  append_string(o, f.unit);
  o += ",\"si\":";
  if (std::bit_cast<std::uint64_t>(shown) == std::bit_cast<std::uint64_t>(si) && value_size < sizeof value)
    o.append(value, value_size);
  else
    append_json_number(o, si);
  o += ",\"dimension\":";
  if (s.dim.dimensionless()) {
    o += "\"Dimensionless\"";
  } else {
    std::string name = t.dimension_name(s.dim);
    append_string(o, name.empty() ? s.dim.base_form() : name);
  }
  o += '}';
}

bool repeated(const std::vector<std::string>& columns) {
  if (columns.size() < 2) return false;
  if (columns.size() <= 16) {  // a row's few columns: compared pairwise, without a set to allocate per row
    for (size_t a = 1; a < columns.size(); ++a)
      for (size_t b = 0; b < a; ++b)
        if (columns[a] == columns[b]) return true;
    return false;
  }
  std::unordered_set<std::string_view> seen;
  for (auto& c : columns)
    if (!seen.insert(c).second) return true;
  return false;
}

}  // namespace

std::string json_row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                     const std::vector<ir::ShapePtr>& shapes, const units::UnitTable& units, int digits) {
  std::string o;
  o.reserve(64 + 96 * cells.size());
  append_json_row(o, table, columns, cells, shapes, units, digits);
  return o;
}

void append_json_row(std::string& o, int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                     const std::vector<ir::ShapePtr>& shapes, const units::UnitTable& units, int digits) {
  if (repeated(columns)) {  // a repeated column keeps its first place and its last value: as Json does it
    Json r = Json::object();
    for (size_t k = 0; k < cells.size(); ++k) r[columns[k]] = value_json(cells[k], *shapes[k], units, digits);
    o += json_text(Json{{"table", table}, {"row", r}});
    o += '\n';
    return;
  }
  o += "{\"table\":";
  char buf[16];
  o.append(buf, std::to_chars(buf, buf + sizeof buf, table).ptr);
  o += ",\"row\":{";
  for (size_t k = 0; k < cells.size(); ++k) {
    if (k) o += ',';
    append_string(o, columns[k]);
    o += ':';
    const Value& v = cells[k];
    if (v.is_num()) append_quantity(o, v.num(), *shapes[k], units, digits);
    else if (v.is_bool()) o += v.boolean() ? "true" : "false";
    else if (v.is_str()) append_string(o, v.str());
    else if (v.is_none()) o += "null";
    else o += json_text(value_json(v, *shapes[k], units, digits));
  }
  o += "}}\n";
}

}  // namespace mls::out
