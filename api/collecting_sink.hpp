// The embedding API's output sink: the run's text output as `mls` writes it, and the same prints,
// rows, reductions, charts and failed checks kept as data (mls/outputs.hpp).
#pragma once

#include "api/engine_impl.hpp"
#include "mls/engine.hpp"
#include "runtime/output/output_sink.hpp"

#include <memory>
#include <sstream>

namespace mls::api {

class CollectingSink : public out::OutputSink {
 public:
  CollectingSink(std::ostream& text, const units::UnitTable& units, const out::OutputOptions& o, RunResult& result,
                 std::shared_ptr<const Engine::Impl> engine)
      : OutputSink(text, units, o), units_(units), result_(result), engine_(std::move(engine)) {}
  void print(const std::vector<mls::Value>& values, const std::vector<ir::ShapePtr>& shapes, bool bare,
             mls::Span where) override;
  void table_end(int table) override;
  void fidelity_header(const std::string& levels) override;
  // Once the run is over: the charts and the failed checks, as data.
  void finish(const SourceManager& sm);

 protected:
  void emit_row(int table, const std::vector<std::string>& columns, const std::vector<mls::Value>& cells,
                const std::vector<ir::ShapePtr>& shapes) override;
  void emit_reduction(int table, const std::string& kind, const std::string& key, const mls::Value& v,
                      const ir::Shape& shape, double points, const std::string& text) override;

 private:
  const units::UnitTable& units_;
  RunResult& result_;
  std::shared_ptr<const Engine::Impl> engine_;
  std::vector<mls::Span> print_spans_;
};

}  // namespace mls::api
