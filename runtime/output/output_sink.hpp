// Output of a run in the three formats (--format text|json|csv), each holding everything the run
// printed (docs/output.md). Text prints values with units and aligned tables; JSON prints one object
// per line (docs/mls-output.schema.json, "event"); CSV prints blocks — prints, each table, each
// reduction — with a header line each, separated by an empty line.
#pragma once

#include "compiler/ir/runtime_sink.hpp"
#include "compiler/source/visible_text.hpp"
#include "runtime/plot/chart.hpp"
#include "compiler/units/unit_table.hpp"

#include <iosfwd>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mls::out {

enum class Format { Text, Json, Csv };

struct OutputOptions {
  Format format = Format::Text;
  int digits = 4;
  std::string result_prefix;  // before a bare expression's value: "= " in the interactive REPL
};

// Where a CSV output stands: the block being written and the counters that number prints. A REPL
// session keeps one across its entries (each entry has a sink of its own), so the blocks of all
// entries form one CSV document.
struct CsvBlocks {
  long open = -2;              // the block being written: a table id, a print block, a reduction (none yet)
  std::string header;          // its header line
  bool started = false;        // a block was written: the next one needs the separating empty line
  long reductions = 0;         // reductions so far (each is a block of its own)
  long prints = 0;             // print statements run so far (the `print` column)
};

// Text of one value: "3.35 TB/s", "Memory", "[1, 8, 32]", a record as "kind { f = v, ... }". Strings
// show control characters as escapes; `layout` says whether a line feed or tab may pass (a string
// printed on its own) or not (inside a table cell, a list, a record).
std::string format_value(const Value& v, const ir::Shape& s, int digits, Layout layout = Layout::Inline);
// The text line of a reduction's result: "count: 12", "minimum latency: 4.179 ms", "mean t: 2 ms  (8
// points)", "maximum t: none (no point passed)".
std::string reduction_text(const std::string& kind, const std::string& key, const Value& v, const ir::Shape& shape,
                           double points, int digits);
// A record shown as an aligned two-column block, one field per line.
std::string format_record_block(const Value& v, const ir::Shape& s, int digits, const std::string& indent);

class OutputSink : public ir::RuntimeSink {
 public:
  OutputSink(std::ostream& out, const units::UnitTable& units, OutputOptions o, CsvBlocks* csv = nullptr);
  ~OutputSink() override;  // writes the rows still buffered
  void print(const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes, bool bare, Span where) override;
  void row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
           const std::vector<ir::ShapePtr>& shapes, bool pending) override;
  void reduce(int table, const std::string& kind, double top, const std::vector<std::string>& keys,
              const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes) override;
  bool keeps_rows(int table, const std::string& kind, double top, const std::vector<Value>& values) override;
  void table_end(int table) override;
  std::optional<std::string> format_row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                                        const std::vector<ir::ShapePtr>& shapes) const override;
  void row_text(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                const std::vector<ir::ShapePtr>& shapes, const std::string& text) override;
  bool append_row(std::string& out, int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                  const std::vector<ir::ShapePtr>& shapes) const override;
  // The header of a run whose results came (in part) from a fidelity level other than textbook
  // (docs/fidelity.md): the first line in text (`fidelity: calibrated`), a {"fidelity": ...} event in
  // JSON, a `fidelity` block in CSV. `levels` joined by " and ".
  virtual void fidelity_header(const std::string& levels);
  // A run stopped by an error: the rows of the text tables still being aligned are shown, so no
  // finished row is lost. (A reduction's partial result is not: it would look like the answer.)
  void stopped();
  void check_failed(Diagnostic d) override { failures.push_back(std::move(d)); }
  void plot(int id, const std::string& kind, const std::vector<std::string>& args, const std::vector<Value>& values,
            const std::vector<ir::ShapePtr>& shapes) override {
    plots.add(id, kind, args, values, shapes);
  }

  plot::Collector plots;  // the charts of the run, drawn by the driver afterwards

  std::vector<Diagnostic> failures;  // failed asserts/expects, rendered by the driver

 protected:
  // Every row and reduction result shown, after the reductions chose them: the embedding API's sink
  // (api/collecting_sink.hpp) keeps them as data here, then lets this sink write them.
  virtual void emit_row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
                        const std::vector<ir::ShapePtr>& shapes);
  virtual void emit_reduction(int table, const std::string& kind, const std::string& key, const Value& v,
                              const ir::Shape& shape, double points, const std::string& text);

 private:
  struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // text mode: formatted cells, until the table streams
    // Text mode: the rows before the header is out, as values, so each number column is shown in one
    // unit chosen for the column (units::column_display); `shown` holds those units once chosen.
    std::vector<std::pair<std::vector<Value>, const std::vector<ir::ShapePtr>*>> waiting;
    std::vector<ir::Shape> shown;
    std::vector<std::size_t> widths;             // text mode: column widths once the header is out
    bool header_done = false;
    // CSV: the header line of each row statement feeding the table (by its column list, which
    // belongs to the instruction and outlives the run).
    std::map<const std::vector<std::string>*, std::string> csv_headers;
  };
  // Text tables align their columns over the first kAlignRows rows, then stream: a sweep of 1e9
  // points must not hold 1e9 formatted rows (a wider cell later just shifts its own line).
  static constexpr std::size_t kAlignRows = 10000;
  void flush_text(Table& t);
  void choose_units(Table& t);
  std::vector<std::string> text_cells(const Table& t, const std::vector<Value>& cells,
                                      const std::vector<ir::ShapePtr>& shapes) const;
  // CSV blocks: `block` identifies what is being written (a table's id, kPrintBlock or a fresh
  // number for a reduction); a new block starts with an empty line (but the first) and its header.
  void csv_block(long block, const std::string& header);
  void csv_table_block(int table, const std::vector<std::string>& columns, const std::vector<ir::ShapePtr>& shapes);
  void csv_print(const std::vector<Value>& values, const std::vector<ir::ShapePtr>& shapes);
  void csv_reduction(const std::string& kind, const std::string& key, const Value& v, const ir::Shape& shape, double points);
  std::string csv_unit_header(const std::string& name, const ir::Shape& shape) const;
  std::string csv_number(double si, const ir::Shape& shape) const;
  // A loop with clauses (Reduce): the rows of the current point wait in `pending`; the reduction
  // keeps only what it needs (best N: N rows; Pareto: the front; count/minimum/maximum/mean: numbers).
  struct Row {  // columns and shapes belong to the row's instruction, which outlives the run
    const std::vector<std::string>* columns;
    std::vector<Value> cells;
    const std::vector<ir::ShapePtr>* shapes;
  };
  struct Reduction {
    std::string kind;
    std::vector<std::string> keys;
    std::vector<ir::ShapePtr> shapes;
    std::vector<Row> pending;
    std::multimap<std::pair<double, std::uint64_t>, std::vector<Row>> best;  // (key, arrival) → rows
    std::vector<std::pair<std::vector<double>, std::vector<Row>>> front;    // Pareto set
    double count = 0, sum = 0, lo = 0, hi = 0;
    std::uint64_t seen = 0;
  };
  std::map<int, Reduction> reductions_;
  std::ostream& out_;
  const units::UnitTable& units_;
  OutputOptions o_;
  std::map<int, Table> tables_;
  static constexpr long kPrintBlock = -1;
  static constexpr long kFidelityBlock = -3;
  CsvBlocks own_csv_;
  CsvBlocks& csv_;
  const std::string* csv_header_at_ = nullptr;
  // CSV and JSON-lines rows are appended to rows_ and written in blocks of kRowBuffer bytes (issue 24:
  // a stream write per row cost as much as formatting it); anything else written goes through out(),
  // which writes the buffered rows first, so the order is the run's. The buffer is written when a
  // table ends, when the run stops and by the destructor; on a terminal (per_row_) after every row.
  static constexpr std::size_t kRowBuffer = 256 * 1024;
  std::string rows_;
  bool per_row_ = false;
  void flush_rows();
  std::ostream& out();
};

}  // namespace mls::out
