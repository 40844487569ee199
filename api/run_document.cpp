// A run's outputs as a document for reports and course pages (`--format markdown|html`), from the
// objects alone: results and records as tables, scorecards as tables of their levels.
#include "api/conversion.hpp"
#include "api/run_render.hpp"

#include <map>
#include <set>

namespace mls::api {

namespace {

// A record's fields as rows, nested records (a scorecard's levels) by dotted path.
void record_rows(const Record& r, const std::string& prefix, std::vector<std::vector<std::string>>& rows) {
  for (auto& [name, v] : r.fields) {
    if (v.is_none()) continue;
    if (v.kind() == Value::Kind::Record) record_rows(v.as_record(), prefix + name + ".", rows);
    else rows.push_back({prefix + name, v.str()});
  }
}

std::string record_title(const Record& r) {
  std::string t = r.kind_display.empty() ? "record" : r.kind_display;
  if (auto* n = r.find("name"); n && n->kind() == Value::Kind::String && !n->as_string().empty()) t += " " + n->as_string();
  return t;
}

std::string where(const Diagnostic& d) {
  if (!d.span) return "";
  return d.span->file + ":" + std::to_string(d.span->line) + ":" + std::to_string(d.span->column);
}

const char* severity(Severity s) { return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note"; }

// Rows [from, to) of a table, each number column in one unit chosen over them (as the text output does).
void write_rows(const Table& t, std::size_t from, std::size_t to, out::DocumentWriter& w, int digits) {
  std::vector<ir::Shape> shown(t.columns.size());
  std::vector<bool> numeric(t.columns.size(), false);
  for (std::size_t k = 0; k < t.columns.size(); ++k) {
    std::vector<double> column;
    for (std::size_t i = from; i < to; ++i) {
      const Value& v = t.rows[i].at(k);
      if (v.kind() != Value::Kind::Quantity) continue;
      if (column.empty()) shown[k] = shape_of(v);
      column.push_back(v.as_quantity().si());
    }
    if (column.empty()) continue;
    numeric[k] = true;
    shown[k].display = units::column_display(std::move(column), shown[k].display, digits);
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = from; i < to; ++i) {
    std::vector<std::string> cells;
    for (std::size_t k = 0; k < t.columns.size(); ++k) {
      const Value& v = t.rows[i].at(k);
      cells.push_back(v.kind() == Value::Kind::Quantity ? out::format_value(to_internal(v), shown[k], digits) : v.str());
    }
    rows.push_back(std::move(cells));
  }
  w.table(t.columns, rows, numeric, "");
}

}  // namespace

void write_document(const RunResult& r, out::DocumentWriter& w, int digits, const std::string& title, bool check) {
  w.begin(title);
  if (!r.fidelity.empty()) w.paragraph("fidelity: " + r.fidelity);
  std::map<int, std::size_t> seen, written;  // rows per table: reached by the events, already written
  auto flush = [&](int id) {
    const Table* t = r.table(id);
    if (!t || seen[id] <= written[id]) return;
    write_rows(*t, written[id], seen[id], w, digits);
    written[id] = seen[id];
  };
  for (const OutputEvent& e : r.events) {
    switch (e.kind) {
      case OutputEvent::Kind::Print: {
        const Print& p = r.prints.at(e.index);
        std::string line;
        for (auto& v : p.values) {
          if (v.kind() == Value::Kind::Record) {
            std::vector<std::vector<std::string>> rows;
            record_rows(v.as_record(), "", rows);
            w.table({"field", "value"}, rows, {false, false}, record_title(v.as_record()));
            continue;
          }
          line += (line.empty() ? "" : "  ") + (v.kind() == Value::Kind::String ? v.as_string() : v.str());
        }
        if (!line.empty()) w.paragraph(line);
        break;
      }
      case OutputEvent::Kind::Row: seen[e.table] = e.index + 1; break;
      case OutputEvent::Kind::TableEnd: flush(e.table); break;
      case OutputEvent::Kind::Reduction: {
        const Reduction& x = r.reductions.at(e.index);
        w.paragraph(out::reduction_text(x.kind, x.key, to_internal(x.value), shape_of(x.value), x.points, digits));
        break;
      }
    }
  }
  for (auto& [id, _] : seen) flush(id);  // a run that stopped: the rows it reached
  for (const Chart& c : r.charts) {
    std::vector<std::string> columns;
    std::set<std::string> have;
    for (auto& p : c.points)
      for (auto& [k, _] : p)
        if (have.insert(k).second) columns.push_back(k);
    std::vector<bool> numeric(columns.size(), false);
    std::vector<std::vector<std::string>> rows;
    for (auto& p : c.points) {
      std::vector<std::string> cells;
      for (std::size_t k = 0; k < columns.size(); ++k) {
        auto it = p.find(columns[k]);
        if (it == p.end()) {
          cells.emplace_back();
          continue;
        }
        numeric[k] = numeric[k] || it->second.kind() == Value::Kind::Quantity;
        cells.push_back(it->second.kind() == Value::Kind::String ? it->second.as_string() : it->second.str());
      }
      rows.push_back(std::move(cells));
    }
    auto t = c.arguments.find("title");
    w.table(columns, rows, numeric, "chart " + std::to_string(c.id) + ": " + c.kind +
                                        (t != c.arguments.end() ? " " + t->second : ""));
  }
  std::vector<std::vector<std::string>> diags;
  for (auto& d : r.diagnostics) diags.push_back({severity(d.severity), d.code, where(d), d.message, d.help});
  if (!diags.empty()) {
    std::size_t failed = r.failures.size();
    w.heading(failed ? std::to_string(failed) + " failed check" + (failed == 1 ? "" : "s") : "Diagnostics");
    w.table({"severity", "code", "where", "message", "help"}, diags, {}, "");
  } else if (check) {
    w.paragraph("no errors or warnings");
  }
  w.end();
}

}  // namespace mls::api
