// A sink that keeps what a slice of a loop did, to replay it later into the real sink in the order a
// single thread would have produced it (--threads: output is identical whatever the thread count).
// The instruction-owned parts of a call (column names, shapes, keys) are kept by pointer: they live
// in the module for the whole run.
#pragma once

#include "compiler/ir/runtime_sink.hpp"

#include <exception>
#include <memory>
#include <utility>
#include <vector>

namespace mls::ir {

class RecordingSink : public RuntimeSink {
 public:
  void print(const std::vector<Value>& values, const std::vector<ShapePtr>& shapes, bool bare, Span where) override {
    Event e{Event::Print};
    e.values = values, e.shapes = &shapes, e.flag = bare, e.span = where;
    events_.push_back(std::move(e));
  }
  void row(int table, const std::vector<std::string>& columns, const std::vector<Value>& cells,
           const std::vector<ShapePtr>& shapes, bool pending) override {
    Event e{Event::Row};
    e.id = table, e.names = &columns, e.values = cells, e.shapes = &shapes, e.flag = pending;
    events_.push_back(std::move(e));
  }
  void reduce(int table, const std::string& kind, double top, const std::vector<std::string>& keys,
              const std::vector<Value>& values, const std::vector<ShapePtr>& shapes) override {
    Event e{Event::Reduce};
    e.id = table, e.text = &kind, e.num = top, e.names = &keys, e.values = values, e.shapes = &shapes;
    events_.push_back(std::move(e));
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
    for (auto& e : events_) {
      switch (e.kind) {
        case Event::Print: to.print(e.values, *e.shapes, e.flag, e.span); break;
        case Event::Row: to.row(e.id, *e.names, e.values, *e.shapes, e.flag); break;
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
  };
  std::vector<Event> events_;
  std::exception_ptr error_;
};

}  // namespace mls::ir
