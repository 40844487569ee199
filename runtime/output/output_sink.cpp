#include "runtime/output/output_sink.hpp"

#include "runtime/format/quantity_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace mls::out {

namespace {
std::string csv_escape(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

nlohmann::json to_json(const Value& v, const ir::Shape& s, const units::UnitTable& u) {
  if (v.is_num()) return quantity_json(v.num(), s.dim, s.display, u);
  if (v.is_bool()) return v.boolean();
  if (v.is_str()) return v.str();
  if (v.is_none()) return nullptr;
  if (v.is_record()) {
    nlohmann::json o = nlohmann::json::object();
    auto& r = v.record();
    for (auto& [name, fv] : r.fields) {
      const ir::Shape* fs = nullptr;
      for (auto& [n, sh] : s.fields)
        if (n == name) fs = sh.get();
      ir::Shape plain;
      o[name] = to_json(fv, fs ? *fs : plain, u);
    }
    return o;
  }
  nlohmann::json a = nlohmann::json::array();
  ir::Shape plain;
  for (auto& e : v.list()) a.push_back(to_json(e, s.elem ? *s.elem : plain, u));
  return a;
}
}  // namespace

std::string format_value(const Value& v, const ir::Shape& s, int digits) {
  if (v.is_num()) {
    auto f = units::format(v.num(), s.display, digits);
    return f.unit.empty() ? f.number : f.number + " " + f.unit;
  }
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_str()) return v.str();
  if (v.is_none()) return "none";
  if (v.is_list()) {
    std::string o = "[";
    ir::Shape plain;
    for (size_t k = 0; k < v.list().size(); ++k)
      o += (k ? ", " : "") + format_value(v.list()[k], s.elem ? *s.elem : plain, digits);
    return o + "]";
  }
  auto& r = v.record();
  const Value* name = r.find("name");
  if (name && name->is_str() && !name->str().empty()) return name->str();
  return (r.kind.empty() ? std::string("record") : r.kind) + " {…}";
}

std::string format_record_block(const Value& v, const ir::Shape& s, int digits, const std::string& indent) {
  auto& r = v.record();
  size_t w = 0;
  for (auto& [n, fv] : r.fields)
    if (!fv.is_none()) w = std::max(w, n.size());
  std::string o;
  for (auto& [n, fv] : r.fields) {
    if (fv.is_none()) continue;
    const ir::Shape* fs = nullptr;
    for (auto& [fn, sh] : s.fields)
      if (fn == n) fs = sh.get();
    ir::Shape plain;
    if (fv.is_record()) {  // nested records (a scorecard's levels) print as indented blocks
      o += indent + n + ":\n" + format_record_block(fv, fs ? *fs : plain, digits, indent + "  ");
      continue;
    }
    o += indent + n + std::string(w - n.size() + 2, ' ') + format_value(fv, fs ? *fs : plain, digits) + "\n";
  }
  return o;
}

void OutputSink::print(const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes, bool bare, Span) {
  if (o_.format == Format::Json) {
    nlohmann::json a = nlohmann::json::array();
    for (size_t k = 0; k < values.size(); ++k) a.push_back(to_json(values[k], *shapes[k], units_));
    out_ << nlohmann::json{{"print", a}}.dump() << "\n";
    return;
  }
  std::string line;
  std::string blocks;
  for (size_t k = 0; k < values.size(); ++k) {
    if (values[k].is_record()) {
      auto& r = values[k].record();
      std::string title = r.kind.empty() ? "record" : r.kind;
      if (auto* n = r.find("name"); n && n->is_str() && !n->str().empty()) title += " " + n->str();
      blocks += title + ":\n" + format_record_block(values[k], *shapes[k], o_.digits, "  ");
      continue;
    }
    line += (line.empty() ? "" : "  ") + format_value(values[k], *shapes[k], o_.digits);
    if (bare && values[k].is_num() && !shapes[k]->dim_name.empty()) line += "  [" + shapes[k]->dim_name + "]";
  }
  if (bare && !line.empty()) line = o_.result_prefix + line;
  if (o_.format == Format::Csv) {
    if (!line.empty()) out_ << "# " << line << "\n";
    return;
  }
  if (!line.empty()) out_ << line << "\n";
  out_ << blocks;
}

void OutputSink::row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                     const std::vector<ir::ShapePtr>& shapes) {
  Table& t = tables_[table];
  if (o_.format == Format::Json) {
    nlohmann::json r = nlohmann::json::object();
    for (size_t k = 0; k < cells.size(); ++k) r[columns[k]] = to_json(cells[k], *shapes[k], units_);
    out_ << nlohmann::json{{"table", table}, {"row", r}}.dump() << "\n";
    return;
  }
  if (o_.format == Format::Csv) {
    if (!t.header_done) {
      // CSV columns carry the unit in the header so numbers stay numbers.
      for (size_t k = 0; k < columns.size(); ++k) {
        std::string h = columns[k];
        if (cells[k].is_num()) {
          auto f = units::format(cells[k].num(), shapes[k]->display, o_.digits);
          if (shapes[k]->display.fixed && !f.unit.empty()) h += " [" + f.unit + "]";
          else if (!shapes[k]->dim.dimensionless()) h += " [" + shapes[k]->dim.base_unit_form() + "]";
        }
        out_ << (k ? "," : "") << csv_escape(h);
      }
      out_ << "\n";
      t.header_done = true;
    }
    for (size_t k = 0; k < cells.size(); ++k) {
      std::string c;
      if (cells[k].is_num()) {
        double v = shapes[k]->display.fixed ? cells[k].num() / shapes[k]->display.scale : cells[k].num();
        c = units::format_number(v, 15);
      } else {
        c = format_value(cells[k], *shapes[k], o_.digits);
      }
      out_ << (k ? "," : "") << csv_escape(c);
    }
    out_ << "\n";
    return;
  }
  if (t.columns.empty()) t.columns = columns;
  std::vector<std::string> r;
  for (size_t k = 0; k < cells.size(); ++k) r.push_back(format_value(cells[k], *shapes[k], o_.digits));
  t.rows.push_back(std::move(r));
}

void OutputSink::table_end(int table) {
  auto it = tables_.find(table);
  if (it == tables_.end()) return;
  Table& t = it->second;
  if (o_.format == Format::Text && !t.rows.empty()) {
    std::vector<size_t> w(t.columns.size());
    for (size_t k = 0; k < t.columns.size(); ++k) w[k] = t.columns[k].size();
    auto width = [](const std::string& s) {
      size_t n = 0;
      for (unsigned char c : s) n += (c & 0xC0) != 0x80;
      return n;
    };
    for (auto& r : t.rows)
      for (size_t k = 0; k < r.size() && k < w.size(); ++k) w[k] = std::max(w[k], width(r[k]));
    auto emit = [&](const std::vector<std::string>& cells) {
      std::string line;
      for (size_t k = 0; k < cells.size() && k < w.size(); ++k) {
        line += cells[k];
        if (k + 1 < cells.size()) line += std::string(w[k] - width(cells[k]) + 2, ' ');
      }
      out_ << line << "\n";
    };
    emit(t.columns);
    std::vector<std::string> rule;
    for (size_t k = 0; k < w.size(); ++k) rule.push_back(std::string(w[k], '-'));
    emit(rule);
    for (auto& r : t.rows) emit(r);
  }
  tables_.erase(it);
}

}  // namespace mls::out
