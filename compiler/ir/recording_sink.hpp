// A sink that keeps what a slice of a loop did, to replay it later into the real sink in the order a
// single thread would have produced it (--threads: output is identical whatever the thread count).
// The instruction-owned parts of a call (column names, shapes, keys) are kept by pointer: they live
// in the module for the whole run.
#pragma once

#include "compiler/ir/runtime_sink.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mls::ir {

// The buffers of formatted rows, handed back after the replay wrote them and reused by the next
// chunks (issue 24: a fresh 1 MiB buffer per piece was page-faulted in anew every time, which made
// 10^6 JSON rows cost more system time on 2 threads than all their formatting on 1). Thread-safe.
class PiecePool {
 public:
  std::string take() {
    std::lock_guard<std::mutex> lk(mu_);
    if (free_.empty()) return {};
    std::string s = std::move(free_.back());
    free_.pop_back();
    return s;
  }
  void give(std::string&& s) {
    s.clear();
    std::lock_guard<std::mutex> lk(mu_);
    if (free_.size() < kKept) free_.push_back(std::move(s));
  }

 private:
  static constexpr std::size_t kKept = 64;  // at most ~64 MiB kept
  std::mutex mu_;
  std::vector<std::string> free_;
};

class RecordingSink : public RuntimeSink {
 public:
  // `formatter`: the sink the recording will be replayed into; rows it can format ahead are
  // formatted here, on the worker (the slow part of writing a CSV or JSON row), into one text per
  // run of consecutive rows, in buffers from `pool` when given (returned to it by replay()).
  explicit RecordingSink(const RuntimeSink* formatter = nullptr, PiecePool* pool = nullptr)
      : formatter_(formatter), pool_(pool) {}
  void print(const std::vector<Value>& values, const std::vector<ShapePtr>& shapes, bool bare, Span where) override {
    Event e{Event::Print};
    e.values = values, e.shapes = &shapes, e.flag = bare, e.span = where;
    events_.push_back(std::move(e));
  }
  void row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
           const std::vector<ShapePtr>& shapes, bool pending) override {
    if (!pending && formatter_) {
      // Rows formatted here, on the worker; consecutive rows of one statement share one text, so
      // the replay writes a block per run of rows, not a line per row (issue 24: 2 threads wrote
      // 10^6 CSV rows slower than 1).
      if (!events_.empty()) {
        Event& last = events_.back();
        if (last.kind == Event::Row && last.formatted && last.formatted->size() < kPiece && last.id == table &&
            last.names == &columns && last.shapes == &shapes &&
            formatter_->append_row(*last.formatted, table, columns, cells, shapes))
          return;
      }
      std::string text;
      if (formatter_->append_row(text, table, columns, cells, shapes)) {
        if (pool_) {
          std::string piece = pool_->take();
          piece += text;
          text = std::move(piece);
        }
        text.reserve(kPiece + kPiece / 8);  // a piece is filled without growing (copying) its buffer
        Event e{Event::Row};
        e.id = table, e.names = &columns, e.shapes = &shapes, e.formatted = std::move(text);
        events_.push_back(std::move(e));
        return;
      }
    }
    Event e{Event::Row};
    e.id = table, e.names = &columns, e.values = cells, e.shapes = &shapes, e.flag = pending;
    (pending ? point_ : events_).push_back(std::move(e));
  }
  void reduce(int table, const std::string& kind, double top, const std::vector<std::string>& keys,
              const std::vector<Value>& values, const std::vector<ShapePtr>& shapes) override {
    auto event = [&] {
      Event e{Event::Reduce};
      e.id = table, e.text = &kind, e.num = top, e.names = &keys, e.values = values, e.shapes = &shapes;
      std::vector<Event> point = std::exchange(point_, {});
      point.push_back(std::move(e));
      return point;
    };
    if (kind != std::string_view("best") || values.size() < 2 || !values[1].is_num()) {
      for (auto& x : event()) events_.push_back(std::move(x));
      return;
    }
    // `where` is false: the sink drops the point (and a best-by shows only rows, so a table whose
    // every point is dropped shows the same nothing whether or not its reduce calls are replayed).
    if (values[0].is_bool() && !values[0].boolean()) {
      point_.clear();
      return;
    }
    // `best N by`: only this chunk's N best points can be in the sweep's N best, and the sink's
    // tie-break (arrival order) keeps their relative order, so the rest need not be replayed.
    auto& keep = best_[table];
    auto key = std::make_pair(values[1].num(), ++arrivals_);
    if (!best_admits(keep, key, top)) {
      point_.clear();
      return;
    }
    keep.emplace(key, event());
    if (keep.size() > static_cast<std::size_t>(top)) keep.erase(std::prev(keep.end()));
  }
  // reduce()'s decision, taken early (values[0] is the condition, values[1] the best-by key).
  bool keeps_rows(int table, const std::string& kind, double top, const std::vector<Value>& values) override {
    if (kind != std::string_view("best") || values.size() < 2 || !values[1].is_num()) return true;
    if (values[0].is_bool() && !values[0].boolean()) return false;
    auto it = best_.find(table);
    return it == best_.end() || best_admits(it->second, {values[1].num(), arrivals_ + 1}, top);
  }
  void table_end(int table) override {
    Event e{Event::TableEnd};
    e.id = table;
    events_.push_back(std::move(e));
  }
  void plot(int id, const std::string& kind, const std::vector<std::string>& args, const std::vector<Value>& values,
            const std::vector<ShapePtr>& shapes) override {
    Event e{Event::Plot};
    e.id = id, e.text = &kind, e.names = &args, e.values = values, e.shapes = &shapes;
    events_.push_back(std::move(e));
  }
  void check_failed(Diagnostic d) override {
    Event e{Event::CheckFailed};
    e.diag = std::make_unique<Diagnostic>(std::move(d));
    events_.push_back(std::move(e));
  }
  void bind(const std::string& name, const Value& v) override {
    Event e{Event::Bind};
    e.text = &name, e.values = {v};
    events_.push_back(std::move(e));
  }
  // The slice stopped here (a run-time error): replay rethrows it after the events before it.
  void stop(std::exception_ptr error) { error_ = std::move(error); }

  // Replays every event into `to`, then rethrows the error that stopped the slice, if any.
  void replay(RuntimeSink& to) {
    // The kept best points go in arrival order (their rows wait in the sink for the table's end, so
    // their place among prints does not show in the output).
    for (auto& [table, keep] : best_) {
      std::vector<std::pair<std::uint64_t, std::vector<Event>*>> order;
      for (auto& [key, point] : keep) order.emplace_back(key.second, &point);
      std::sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.first < b.first; });
      for (auto& [_, point] : order)
        for (auto& e : *point) events_.push_back(std::move(e));
    }
    best_.clear();
    for (auto& e : point_) events_.push_back(std::move(e));  // rows of a point the error cut short
    point_.clear();
    for (auto& e : events_) {
      switch (e.kind) {
        case Event::Print: to.print(e.values, *e.shapes, e.flag, e.span); break;
        case Event::Row:
          if (e.formatted) {
            to.row_text(e.id, *e.names, e.values, *e.shapes, *e.formatted);
            if (pool_) pool_->give(std::move(*e.formatted));
          } else {
            to.row(e.id, *e.names, e.values, *e.shapes, e.flag);
          }
          break;
        case Event::Reduce: to.reduce(e.id, *e.text, e.num, *e.names, e.values, *e.shapes); break;
        case Event::TableEnd: to.table_end(e.id); break;
        case Event::Plot: to.plot(e.id, *e.text, *e.names, e.values, *e.shapes); break;
        case Event::CheckFailed: to.check_failed(std::move(*e.diag)); break;
        case Event::Bind: to.bind(*e.text, e.values.at(0)); break;
      }
    }
    events_.clear();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  struct Event {
    enum Kind { Print, Row, Reduce, TableEnd, Plot, CheckFailed, Bind } kind;
    int id = 0;
    bool flag = false;
    double num = 0;
    Span span{};
    const std::string* text = nullptr;
    const std::vector<std::string>* names = nullptr;
    const std::vector<ShapePtr>* shapes = nullptr;
    std::vector<Value> values;
    std::unique_ptr<Diagnostic> diag;  // CheckFailed only
    std::optional<std::string> formatted;  // Row: the text the formatter made ahead
  };
  // A run of formatted rows is kept in pieces of about kPiece bytes, each written by the replay at
  // once: one growing text per chunk (10^5 JSON rows: 22 MB) was copied at every doubling and its
  // fresh pages faulted in, which made 2 threads slower than 1.
  static constexpr std::size_t kPiece = 1 << 20;
  const RuntimeSink* formatter_ = nullptr;
  PiecePool* pool_ = nullptr;
  std::vector<Event> events_;
  std::vector<Event> point_;  // the pending rows of the point being run, until its Reduce
  std::map<int, std::multimap<std::pair<double, std::uint64_t>, std::vector<Event>>> best_;  // by table
  std::uint64_t arrivals_ = 0;
  std::exception_ptr error_;
};

}  // namespace mls::ir
