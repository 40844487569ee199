#include "runtime/output/output_sink.hpp"

#include "runtime/format/quantity_json.hpp"
#include "stdlib/registry/kind_display.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace mls::out {

using namespace std::string_view_literals;

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
  return reg::kind_display(r.kind) + " {…}";
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
      std::string title = reg::kind_display(r.kind);  // the name users call it, not the spec id (issue 20.6)
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
                     const std::vector<ir::ShapePtr>& shapes, bool pending) {
  if (pending) {
    reductions_[table].pending.push_back(Row{&columns, cells, &shapes});
    return;
  }
  emit_row(table, columns, cells, shapes);
}

// reduce()'s decision about the point's rows, taken before they are built.
bool OutputSink::keeps_rows(int table, const std::string& kind, double top, const std::vector<Value>& values) {
  if (!values.empty() && values[0].is_bool() && !values[0].boolean()) return false;  // `where` is false
  if (kind == "count"sv || kind == "minimum"sv || kind == "maximum"sv || kind == "mean"sv) return false;  // numbers only
  if (kind != "best"sv || values.size() < 2 || !values[1].is_num()) return true;
  auto it = reductions_.find(table);
  if (it == reductions_.end()) return true;
  const Reduction& r = it->second;
  return ir::best_admits(r.best, {values[1].num(), r.seen + 1}, top);
}

void OutputSink::reduce(int table, const std::string& kind, double top, const std::vector<std::string>& keys,
                        const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes) {
  Reduction& r = reductions_[table];
  if (r.kind.empty()) {  // the same at every point of the loop
    r.kind = kind;
    r.keys = keys;
    r.shapes = shapes;
  }
  std::vector<Row> rows = std::move(r.pending);
  r.pending.clear();
  if (!values.empty() && values[0].is_bool() && !values[0].boolean()) return;  // `where` is false: the point is out
  const double k0 = values.size() > 1 ? values[1].num() : 0;  // the (first) key
  ++r.seen;
  if (kind == "where"sv) {
    for (auto& row : rows) emit_row(table, *row.columns, row.cells, *row.shapes);
  } else if (kind == "best"sv) {
    // Most points of a large sweep do not make the top N: a comparison, not an insert and an erase.
    if (!ir::best_admits(r.best, {k0, r.seen}, top)) return;
    r.best.emplace(std::make_pair(k0, r.seen), std::move(rows));
    if (r.best.size() > static_cast<std::size_t>(top)) r.best.erase(std::prev(r.best.end()));
  } else if (kind == "pareto"sv) {
    std::vector<double> k;
    for (std::size_t j = 1; j < values.size(); ++j) k.push_back(values[j].num());
    auto dominates = [](const std::vector<double>& a, const std::vector<double>& b) {  // a beats b
      bool strictly = false;
      for (std::size_t j = 0; j < a.size(); ++j) {
        if (a[j] > b[j]) return false;
        strictly = strictly || a[j] < b[j];
      }
      return strictly;
    };
    for (auto& [fk, _] : r.front)
      if (dominates(fk, k) || fk == k) return;
    std::erase_if(r.front, [&](auto& f) { return dominates(k, f.first); });
    r.front.emplace_back(std::move(k), std::move(rows));
  } else {  // count, minimum, maximum, mean
    double x = k0;
    if (r.count == 0) r.lo = r.hi = x;
    r.lo = std::min(r.lo, x);
    r.hi = std::max(r.hi, x);
    r.sum += x;
    r.count += 1;
  }
}

// CSV columns carry the unit in the header so numbers stay numbers (the table's first row decides).
void OutputSink::csv_header(Table& t, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                            const std::vector<ir::ShapePtr>& shapes) {
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

// A CSV or JSON-lines row is a line of its own (text tables align their columns: they need the sink).
std::optional<std::string> OutputSink::format_row(int table, const std::vector<std::string>& columns,
                                                  const std::vector<Value>& cells,
                                                  const std::vector<ir::ShapePtr>& shapes) const {
  if (o_.format == Format::Json) {
    nlohmann::json r = nlohmann::json::object();
    for (size_t k = 0; k < cells.size(); ++k) r[columns[k]] = to_json(cells[k], *shapes[k], units_);
    return nlohmann::json{{"table", table}, {"row", r}}.dump() + "\n";
  }
  if (o_.format != Format::Csv) return std::nullopt;
  std::string line;
  for (size_t k = 0; k < cells.size(); ++k) {
    std::string c;
    if (cells[k].is_num()) {
      double v = shapes[k]->display.fixed ? cells[k].num() / shapes[k]->display.scale : cells[k].num();
      c = units::format_number(v, 15);
    } else {
      c = format_value(cells[k], *shapes[k], o_.digits);
    }
    if (k) line += ',';
    line += csv_escape(c);
  }
  line += '\n';
  return line;
}

void OutputSink::row_text(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                          const std::vector<ir::ShapePtr>& shapes, const std::string& text) {
  Table& t = tables_[table];
  if (o_.format == Format::Csv && !t.header_done) csv_header(t, columns, cells, shapes);
  out_ << text;
}

void OutputSink::emit_line(const std::string& kind, const std::string& key, const Value& v, const ir::Shape& shape,
                           const std::string& text) {
  if (o_.format == Format::Json) {
    out_ << nlohmann::json{{"reduce", kind}, {"key", key}, {"value", to_json(v, shape, units_)}}.dump() << "\n";
    return;
  }
  out_ << (o_.format == Format::Csv ? "# " : "") << text << "\n";
}

void OutputSink::emit_row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                          const std::vector<ir::ShapePtr>& shapes) {
  Table& t = tables_[table];
  if (o_.format == Format::Csv && !t.header_done) csv_header(t, columns, cells, shapes);
  if (auto line = format_row(table, columns, cells, shapes)) {
    out_ << *line;
    return;
  }
  if (t.columns.empty()) t.columns = columns;
  std::vector<std::string> r;
  for (size_t k = 0; k < cells.size(); ++k) r.push_back(format_value(cells[k], *shapes[k], o_.digits));
  t.rows.push_back(std::move(r));
  if (t.header_done || t.rows.size() >= kAlignRows) flush_text(t);
}

namespace {
std::size_t display_width(const std::string& s) {  // UTF-8 code points
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

void OutputSink::flush_text(Table& t) {
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t k = 0; k < cells.size() && k < t.widths.size(); ++k) {
      line += cells[k];
      std::size_t w = display_width(cells[k]);
      if (k + 1 < cells.size()) line += std::string((t.widths[k] > w ? t.widths[k] - w : 0) + 2, ' ');
    }
    out_ << line << "\n";
  };
  if (!t.header_done) {
    t.widths.assign(t.columns.size(), 0);
    for (size_t k = 0; k < t.columns.size(); ++k) t.widths[k] = display_width(t.columns[k]);
    for (auto& r : t.rows)
      for (size_t k = 0; k < r.size() && k < t.widths.size(); ++k) t.widths[k] = std::max(t.widths[k], display_width(r[k]));
    emit(t.columns);
    std::vector<std::string> rule;
    for (size_t k = 0; k < t.widths.size(); ++k) rule.push_back(std::string(t.widths[k], '-'));
    emit(rule);
    t.header_done = true;
  }
  for (auto& r : t.rows) emit(r);
  t.rows.clear();
}

void OutputSink::table_end(int table) {
  if (auto rit = reductions_.find(table); rit != reductions_.end()) {
    Reduction r = std::move(rit->second);
    reductions_.erase(rit);
    if (r.kind == "best") {
      for (auto& [_, rows] : r.best)
        for (auto& row : rows) emit_row(table, *row.columns, row.cells, *row.shapes);
    } else if (r.kind == "pareto") {
      std::sort(r.front.begin(), r.front.end(), [](auto& a, auto& b) { return a.first < b.first; });
      for (auto& [_, rows] : r.front)
        for (auto& row : rows) emit_row(table, *row.columns, row.cells, *row.shapes);
    } else if (r.kind == "count") {
      ir::Shape plain;
      emit_line("count", "", Value(r.count), plain, "count: " + units::format_number(r.count, 15));
    } else if (r.kind == "minimum" || r.kind == "maximum" || r.kind == "mean") {
      const ir::Shape& sh = *r.shapes.at(0);
      if (r.count == 0) {
        emit_line(r.kind, r.keys.at(0), Value(), sh, r.kind + " " + r.keys.at(0) + ": none (no point passed)");
      } else {
        double x = r.kind == "minimum" ? r.lo : r.kind == "maximum" ? r.hi : r.sum / r.count;
        emit_line(r.kind, r.keys.at(0), Value(x), sh,
                  r.kind + " " + r.keys.at(0) + ": " + format_value(Value(x), sh, o_.digits) +
                      (r.kind == "mean" ? "  (" + units::format_number(r.count, 15) + " points)" : ""));
      }
    }
  }
  auto it = tables_.find(table);
  if (it == tables_.end()) return;
  Table& t = it->second;
  if (o_.format == Format::Text && !t.rows.empty()) flush_text(t);
  tables_.erase(it);
}

void OutputSink::stopped() {
  if (o_.format != Format::Text) return;  // CSV and JSON lines are written as they come
  for (auto& [_, t] : tables_)
    if (!t.rows.empty()) flush_text(t);
  tables_.clear();
}

}  // namespace mls::out
