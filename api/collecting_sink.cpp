#include "api/collecting_sink.hpp"

#include "api/conversion.hpp"

namespace mls::api {

void CollectingSink::print(const std::vector<mls::Value>& values, const std::vector<ir::ShapePtr>& shapes, bool bare,
                           mls::Span where) {
  Print p;
  for (std::size_t k = 0; k < values.size(); ++k) p.values.push_back(to_api(values[k], *shapes[k], units_, engine_));
  p.bare = bare;
  result_.events.push_back({OutputEvent::Kind::Print, result_.prints.size(), 0});
  result_.prints.push_back(std::move(p));
  print_spans_.push_back(where);  // turned into lines and columns in finish(): the sources are the session's
  OutputSink::print(values, shapes, bare, where);
}

void CollectingSink::emit_row(int table, const std::vector<std::string>& columns, const std::vector<mls::Value>& cells,
                              const std::vector<ir::ShapePtr>& shapes) {
  api::Table* t = nullptr;
  for (auto& x : result_.tables)
    if (x.id == table) t = &x;
  if (!t) {
    result_.tables.push_back(api::Table{table, columns, {}});
    t = &result_.tables.back();
  }
  std::vector<Value> row;
  for (std::size_t k = 0; k < cells.size(); ++k) row.push_back(to_api(cells[k], *shapes[k], units_, engine_));
  result_.events.push_back({OutputEvent::Kind::Row, t->rows.size(), table});
  t->rows.push_back(std::move(row));
  OutputSink::emit_row(table, columns, cells, shapes);
}

void CollectingSink::emit_reduction(int table, const std::string& kind, const std::string& key, const mls::Value& v,
                                    const ir::Shape& shape, double points, const std::string& text) {
  result_.events.push_back({OutputEvent::Kind::Reduction, result_.reductions.size(), table});
  result_.reductions.push_back(api::Reduction{table, kind, key, to_api(v, shape, units_, engine_), points});
  OutputSink::emit_reduction(table, kind, key, v, shape, points, text);
}

void CollectingSink::table_end(int table) {
  OutputSink::table_end(table);  // a reduction's best rows and results come out here
  result_.events.push_back({OutputEvent::Kind::TableEnd, 0, table});
}

void CollectingSink::fidelity_header(const std::string& levels) {
  result_.fidelity = levels;
  OutputSink::fidelity_header(levels);
}

void CollectingSink::finish(const SourceManager& sm) {
  for (std::size_t k = 0; k < print_spans_.size() && k < result_.prints.size(); ++k)
    result_.prints[k].where = to_api(print_spans_[k], sm);
  for (auto& [id, c] : plots.charts()) {
    Chart chart{id, c.kind, c.text, {}};
    static const ir::Shape plain;
    for (auto& point : c.points) {
      std::map<std::string, Value> p;
      for (auto& [arg, v] : point) {
        auto s = c.shape.find(arg);
        p.emplace(arg, to_api(v, s != c.shape.end() && s->second ? *s->second : plain, units_, engine_));
      }
      chart.points.push_back(std::move(p));
    }
    result_.charts.push_back(std::move(chart));
  }
  result_.failures = to_api(failures, sm);
}

}  // namespace mls::api
