#include "runtime/output/output_sink.hpp"

#include "runtime/format/csv_field.hpp"
#include "runtime/format/value_json.hpp"
#include "runtime/output/csv_row.hpp"
#include "runtime/output/json_row.hpp"
#include "stdlib/registry/kind_display.hpp"

#include <algorithm>
#include <functional>
#include <cmath>
#include <iostream>
#include <ostream>

#include <unistd.h>

namespace mls::out {

using namespace std::string_view_literals;


std::string format_value(const Value& v, const ir::Shape& s, int digits, Layout layout) {
  if (v.is_num()) {
    auto f = units::format(v.num(), s.display, digits);
    return f.unit.empty() ? f.number : f.number + " " + f.unit;
  }
  if (v.is_bool()) return v.boolean() ? "true" : "false";
  if (v.is_str()) return visible_text(v.str(), layout);
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
  if (name && name->is_str() && !name->str().empty()) return visible_text(name->str(), Layout::Inline);
  return reg::kind_display(r.kind) + " {…}";
}

std::string reduction_text(const std::string& kind, const std::string& key, const Value& v, const ir::Shape& shape,
                           double points, int digits) {
  if (kind == "count") return "count: " + units::format_number(v.is_num() ? v.num() : points, 15);
  if (v.is_none()) return kind + " " + key + ": none (no point passed)";
  return kind + " " + key + ": " + format_value(v, shape, digits) +
         (kind == "mean" ? "  (" + units::format_number(points, 15) + " points)" : "");
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

namespace {
// Rows go out as they come when stdout is a terminal (someone is watching a long sweep).
bool is_terminal(const std::ostream& out) { return &out == &std::cout && ::isatty(STDOUT_FILENO) == 1; }
}  // namespace

OutputSink::OutputSink(std::ostream& out, const units::UnitTable& units, OutputOptions o, CsvBlocks* csv)
    : out_(out), units_(units), o_(std::move(o)), csv_(csv ? *csv : own_csv_), per_row_(is_terminal(out)) {}

OutputSink::~OutputSink() {
  try {
    flush_rows();
  } catch (...) {  // a stream set to throw: the run is over, nothing is left to tell
  }
}

void OutputSink::flush_rows() {
  if (rows_.empty()) return;
  out_.write(rows_.data(), static_cast<std::streamsize>(rows_.size()));
  rows_.clear();
}

std::ostream& OutputSink::out() {
  flush_rows();
  return out_;
}

void OutputSink::fidelity_header(const std::string& levels) {
  if (o_.format == Format::Json) {
    out() << json_text(Json{{"fidelity", levels}}) << "\n";
    return;
  }
  if (o_.format == Format::Csv) {
    static const std::string header = "fidelity\n";
    csv_block(kFidelityBlock, header);
    out() << csv_line({levels});
    return;
  }
  out() << "fidelity: " << levels << "\n";
}

void OutputSink::print(const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes, bool bare, Span) {
  if (o_.format == Format::Json) {
    Json a = Json::array();
    for (size_t k = 0; k < values.size(); ++k) a.push_back(value_json(values[k], *shapes[k], units_, o_.digits));
    out() << json_text(Json{{"print", a}}) << "\n";
    return;
  }
  if (o_.format == Format::Csv) return csv_print(values, shapes);
  std::string line;
  std::string blocks;
  for (size_t k = 0; k < values.size(); ++k) {
    if (values[k].is_record()) {
      auto& r = values[k].record();
      std::string title = reg::kind_display(r.kind);  // the name users call it, not the spec id (issue 20.6)
      if (auto* n = r.find("name"); n && n->is_str() && !n->str().empty()) title += " " + visible_text(n->str(), Layout::Inline);
      blocks += title + ":\n" + format_record_block(values[k], *shapes[k], o_.digits, "  ");
      continue;
    }
    // A string printed on its own may span lines; next to other values it stays on this one.
    Layout layout = values.size() == 1 ? Layout::Keep : Layout::Inline;
    line += (line.empty() ? "" : "  ") + format_value(values[k], *shapes[k], o_.digits, layout);
    if (bare && values[k].is_num() && !shapes[k]->dim_name.empty()) line += "  [" + shapes[k]->dim_name + "]";
  }
  if (bare && !line.empty()) line = o_.result_prefix + line;
  if (!line.empty()) out() << line << "\n";
  out() << blocks;
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

// CSV blocks (docs/output.md): one per run of output of one kind, each opened by its header line;
// an empty line separates blocks. A table interrupted by a print continues in a new block that
// repeats its header; consecutive prints share one block.
void OutputSink::csv_block(long block, const std::string& header) {
  if (block == csv_.open && (&header == csv_header_at_ || header == csv_.header)) {
    csv_header_at_ = &header;
    return;
  }
  if (csv_.started) out() << "\n";
  out() << header;
  csv_.started = true;
  csv_.open = block;
  csv_.header = header;
  csv_header_at_ = &header;
}

// A number column carries its unit in the header so its cells stay plain numbers: the unit the
// script asked for (`-> ms`), else the coherent base unit (the text output's unit changes from row
// to row; a column's must not).
std::string OutputSink::csv_unit_header(const std::string& name, const ir::Shape& shape) const {
  if (shape.type != ir::VType::F64) return name;
  if (shape.display.fixed) {
    auto f = units::format(1, shape.display, o_.digits);
    return f.unit.empty() ? name : name + " [" + f.unit + "]";
  }
  return shape.dim.dimensionless() ? name : name + " [" + shape.dim.base_unit_form() + "]";
}

std::string OutputSink::csv_number(double si, const ir::Shape& shape) const {
  std::string o;
  append_csv_number(o, si, shape);
  return o;
}

void OutputSink::csv_table_block(int table, const std::vector<std::string>& columns,
                                 const std::vector<ir::ShapePtr>& shapes) {
  Table& t = tables_[table];
  auto it = t.csv_headers.find(&columns);
  if (it == t.csv_headers.end()) {
    std::vector<std::string> h;
    for (size_t k = 0; k < columns.size(); ++k) h.push_back(csv_unit_header(columns[k], *shapes[k]));
    it = t.csv_headers.emplace(&columns, csv_line(h)).first;
  }
  csv_block(table, it->second);
}

namespace {
// CSV text of a string: RFC 4180 quoting happens in csv_line; control characters other than line
// feeds and tabs are shown as escapes, as in text output (JSON keeps the exact string).
std::string csv_text(const std::string& s) { return visible_text(s, Layout::Keep); }
}  // namespace

// A print block: `print,item,field,value,unit`, one line per number, string or truth value the
// statement printed — `print` counts the print statements run, `item` the values of one statement,
// `field` is the path inside a record or list (`feasibility.status`, `[2].tp`, 1-based), `value` a
// number in `unit` at full precision (15 significant digits), the unit the text output shows.
void OutputSink::csv_print(const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes) {
  static const std::string header = "print,item,field,value,unit\n";
  csv_block(kPrintBlock, header);
  const std::string n = std::to_string(++csv_.prints);
  std::string text;
  auto leaf = [&](const std::string& item, const std::string& field, const std::string& value, const std::string& unit) {
    text += csv_line({n, item, field, value, unit});
  };
  static const ir::Shape plain;
  std::function<void(const std::string&, const std::string&, const Value&, const ir::Shape&)> walk =
      [&](const std::string& item, const std::string& path, const Value& v, const ir::Shape& s) {
        if (v.is_num()) {
          auto f = units::format(v.num(), s.display, 17);  // the text's unit, full precision
          return leaf(item, path, units::format_number(f.value, 15), f.unit);
        }
        if (v.is_bool()) return leaf(item, path, v.boolean() ? "true" : "false", "");
        if (v.is_str()) return leaf(item, path, csv_text(v.str()), "");
        if (v.is_none()) return leaf(item, path, "", "");
        if (v.is_list()) {
          if (v.list().empty()) return leaf(item, path, "[]", "");
          for (size_t k = 0; k < v.list().size(); ++k)
            walk(item, path + "[" + std::to_string(k + 1) + "]", v.list()[k], s.elem ? *s.elem : plain);
          return;
        }
        if (v.record().fields.empty()) return leaf(item, path, "{}", "");
        for (auto& [name, fv] : v.record().fields) {
          const ir::Shape* fs = &plain;
          for (auto& [fn, sh] : s.fields)
            if (fn == name) fs = sh.get();
          walk(item, path.empty() ? name : path + "." + name, fv, *fs);
        }
      };
  for (size_t k = 0; k < values.size(); ++k) walk(std::to_string(k + 1), "", values[k], *shapes[k]);
  out() << text;
}

// A reduction's result is a one-row table of its own: `count`, `minimum latency [s]`, or
// `mean latency [s],points` (how many points the mean is over).
void OutputSink::csv_reduction(const std::string& kind, const std::string& key, const Value& v, const ir::Shape& shape,
                               double points) {
  std::vector<std::string> head{kind == "count" ? kind : csv_unit_header(kind + " " + key, shape)};
  std::vector<std::string> cells{v.is_num() ? csv_number(v.num(), shape) : ""};
  if (kind == "mean") {
    head.push_back("points");
    cells.push_back(units::format_number(points, 15));
  }
  const std::string header = csv_line(head);
  csv_block(-2 - ++csv_.reductions, header);
  csv_header_at_ = nullptr;  // `header` is gone after this call
  out() << csv_line(cells);
}

// A CSV or JSON-lines row is a line of its own (text tables align their columns: they need the sink),
// written straight into `out` (runtime/output/csv_row.hpp, json_row.hpp). False for text.
bool OutputSink::append_row(std::string& out, int table, const std::vector<std::string>& columns,
                            const std::vector<Value>& cells, const std::vector<ir::ShapePtr>& shapes) const {
  if (o_.format == Format::Json) append_json_row(out, table, columns, cells, shapes, units_, o_.digits);
  else if (o_.format == Format::Csv) append_csv_row(out, cells, shapes, o_.digits);
  else return false;
  return true;
}

std::optional<std::string> OutputSink::format_row(int table, const std::vector<std::string>& columns,
                                                  const std::vector<Value>& cells,
                                                  const std::vector<ir::ShapePtr>& shapes) const {
  std::string line;
  if (!append_row(line, table, columns, cells, shapes)) return std::nullopt;
  return line;
}

void OutputSink::row_text(int table, const std::vector<std::string>& columns, const std::vector<Value>&,
                          const std::vector<ir::ShapePtr>& shapes, const std::string& text) {
  if (o_.format == Format::Csv) csv_table_block(table, columns, shapes);
  out() << text;
}

void OutputSink::emit_reduction(int, const std::string& kind, const std::string& key, const Value& v, const ir::Shape& shape,
                                double points, const std::string& text) {
  if (o_.format == Format::Json) {
    Json e{{"reduce", kind}, {"key", key}, {"value", value_json(v, shape, units_, o_.digits)},
            {"points", static_cast<std::uint64_t>(points)}};
    out() << json_text(e) << "\n";
    return;
  }
  if (o_.format == Format::Csv) return csv_reduction(kind, key, v, shape, points);
  out() << text << "\n";
}

void OutputSink::emit_row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                          const std::vector<ir::ShapePtr>& shapes) {
  if (o_.format == Format::Csv) csv_table_block(table, columns, shapes);
  if (append_row(rows_, table, columns, cells, shapes)) {
    if (per_row_ || rows_.size() >= kRowBuffer) flush_rows();
    return;
  }
  Table& t = tables_[table];
  if (t.columns.empty()) t.columns = columns;
  if (!t.header_done) {
    t.waiting.emplace_back(cells, &shapes);
    if (t.waiting.size() >= kAlignRows) flush_text(t);
    return;
  }
  t.rows.push_back(text_cells(t, cells, shapes));
  flush_text(t);
}

// A row's cells as text, each number in its column's unit.
std::vector<std::string> OutputSink::text_cells(const Table& t, const std::vector<Value>& cells,
                                                const std::vector<ir::ShapePtr>& shapes) const {
  std::vector<std::string> r;
  for (size_t k = 0; k < cells.size(); ++k)
    r.push_back(format_value(cells[k], k < t.shown.size() && cells[k].is_num() ? t.shown[k] : *shapes[k], o_.digits));
  return r;
}

// Each number column's unit, chosen over the rows waiting for the header (docs/language.md, Display).
void OutputSink::choose_units(Table& t) {
  if (t.waiting.empty()) return;
  const auto& first = *t.waiting.front().second;
  t.shown.clear();
  for (size_t k = 0; k < first.size(); ++k) {
    ir::Shape s = *first[k];
    if (s.type == ir::VType::F64) {
      std::vector<double> column;
      for (auto& [cells, _] : t.waiting)
        if (k < cells.size() && cells[k].is_num()) column.push_back(cells[k].num());
      s.display = units::column_display(std::move(column), s.display, o_.digits);
    }
    t.shown.push_back(std::move(s));
  }
  for (auto& [cells, shapes] : t.waiting) t.rows.push_back(text_cells(t, cells, *shapes));
  t.waiting.clear();
}

namespace {
std::size_t display_width(const std::string& s) {  // UTF-8 code points
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

void OutputSink::flush_text(Table& t) {
  if (!t.header_done) choose_units(t);
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t k = 0; k < cells.size() && k < t.widths.size(); ++k) {
      line += cells[k];
      std::size_t w = display_width(cells[k]);
      if (k + 1 < cells.size()) line += std::string((t.widths[k] > w ? t.widths[k] - w : 0) + 2, ' ');
    }
    out() << line << "\n";
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
      emit_reduction(table, "count", "", Value(r.count), plain, r.count,
                     reduction_text("count", "", Value(r.count), plain, r.count, o_.digits));
    } else if (r.kind == "minimum" || r.kind == "maximum" || r.kind == "mean") {
      const ir::Shape& sh = *r.shapes.at(0);
      Value x = r.count == 0                ? Value()
                : r.kind == "minimum"       ? Value(r.lo)
                : r.kind == "maximum"       ? Value(r.hi)
                                            : Value(r.sum / r.count);
      emit_reduction(table, r.kind, r.keys.at(0), x, sh, r.count,
                     reduction_text(r.kind, r.keys.at(0), x, sh, r.count, o_.digits));
    }
  }
  flush_rows();  // a table's rows are out when it ends
  auto it = tables_.find(table);
  if (it == tables_.end()) return;
  Table& t = it->second;
  if (o_.format == Format::Text && (!t.rows.empty() || !t.waiting.empty())) flush_text(t);
  tables_.erase(it);
  csv_header_at_ = nullptr;  // the table's headers are gone
}

void OutputSink::stopped() {
  flush_rows();
  if (o_.format != Format::Text) return;  // CSV and JSON lines are written as they come
  for (auto& [_, t] : tables_)
    if (!t.rows.empty() || !t.waiting.empty()) flush_text(t);
  tables_.clear();
}

}  // namespace mls::out
