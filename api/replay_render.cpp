// Text, JSON lines and CSV written from a run's outputs as data (RunResult): the events replayed, in
// order, into the same output sink a streaming run writes through, so the bytes are those `mls
// --format F` writes on stdout (tests/api/check_render_objects.py compares them over every example).
#include "api/conversion.hpp"
#include "api/engine_impl.hpp"
#include "api/run_render.hpp"
#include "runtime/output/output_sink.hpp"

#include <map>
#include <ostream>

namespace mls::api {

namespace {
// The sink's row and reduction writers, opened for the replay.
class Replay : public out::OutputSink {
 public:
  using OutputSink::OutputSink;
  using OutputSink::emit_reduction;
  using OutputSink::emit_row;
};

// A table's cells with the shapes of its columns: each column's from its first cell that holds a
// value (a `none` cell says nothing of the column's unit).
struct TableShapes {
  std::vector<ir::ShapePtr> shapes;
};
}  // namespace

void replay(const RunResult& r, out::Format format, const units::UnitTable& units, int digits, std::ostream& out) {
  out::OutputOptions o;
  o.format = format;
  o.digits = digits;
  Replay sink(out, units, o);
  if (!r.fidelity.empty()) sink.fidelity_header(r.fidelity);
  std::map<int, TableShapes> tables;
  auto shapes_of = [&](const Table& t) -> const std::vector<ir::ShapePtr>& {
    TableShapes& ts = tables[t.id];
    if (ts.shapes.empty()) {
      for (std::size_t k = 0; k < t.columns.size(); ++k) {
        const Value* first = nullptr;
        for (auto& row : t.rows)
          if (k < row.size() && !row[k].is_none()) {
            first = &row[k];
            break;
          }
        ts.shapes.push_back(std::make_shared<ir::Shape>(first ? shape_of(*first) : ir::Shape{}));
      }
    }
    return ts.shapes;
  };
  for (const OutputEvent& e : r.events) {
    switch (e.kind) {
      case OutputEvent::Kind::Print: {
        const Print& p = r.prints.at(e.index);
        std::vector<mls::Value> values;
        std::vector<ir::ShapePtr> shapes;
        for (auto& v : p.values) {
          values.push_back(to_internal(v));
          shapes.push_back(std::make_shared<ir::Shape>(shape_of(v)));
        }
        sink.print(values, shapes, p.bare, mls::Span{});
        break;
      }
      case OutputEvent::Kind::Row: {
        const Table* t = r.table(e.table);
        if (!t) break;
        std::vector<mls::Value> cells;
        for (auto& v : t->rows.at(e.index)) cells.push_back(to_internal(v));
        sink.emit_row(t->id, t->columns, cells, shapes_of(*t));
        break;
      }
      case OutputEvent::Kind::Reduction: {
        const Reduction& x = r.reductions.at(e.index);
        ir::Shape shape = shape_of(x.value);
        mls::Value v = to_internal(x.value);
        sink.emit_reduction(x.table, x.kind, x.key, v, shape, x.points,
                            out::reduction_text(x.kind, x.key, v, shape, x.points, digits));
        break;
      }
      case OutputEvent::Kind::TableEnd: sink.table_end(e.table); break;
    }
  }
  sink.stopped();  // a run that stopped: the rows of its open text tables, as the streaming run shows them
}

}  // namespace mls::api
