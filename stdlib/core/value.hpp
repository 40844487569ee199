// Dynamic values at the boundary between evaluated MLS code and the C++ solvers.
//
// Dimensions are erased after sema (ARCHITECTURE decision 1): a quantity is a double in coherent
// base units. Records carry their kind name ("hardware", "serving_result", ...) and ordered fields.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mls {

struct Record;
struct Value;
using RecordPtr = std::shared_ptr<const Record>;
using List = std::vector<Value>;

struct None {
  friend bool operator==(None, None) { return true; }
};

struct Value {
  // double: a quantity in SI/base units (or a plain number); bool; string (also enum tags such as
  // "fp16", "Memory"); record; list; None for an absent optional field.
  std::variant<None, double, bool, std::string, RecordPtr, std::shared_ptr<const List>> v;

  Value() = default;
  Value(double d) : v(d) {}
  Value(int i) : v(double(i)) {}
  Value(bool b) : v(b) {}
  Value(const char* s) : v(std::string(s)) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(RecordPtr r) : v(std::move(r)) {}
  Value(List l) : v(std::make_shared<const List>(std::move(l))) {}

  bool is_none() const { return std::holds_alternative<None>(v); }
  bool is_num() const { return std::holds_alternative<double>(v); }
  bool is_bool() const { return std::holds_alternative<bool>(v); }
  bool is_str() const { return std::holds_alternative<std::string>(v); }
  bool is_record() const { return std::holds_alternative<RecordPtr>(v); }
  bool is_list() const { return std::holds_alternative<std::shared_ptr<const List>>(v); }

  double num() const { return std::get<double>(v); }
  bool boolean() const { return std::get<bool>(v); }
  const std::string& str() const { return std::get<std::string>(v); }
  const Record& record() const { return *std::get<RecordPtr>(v); }
  const RecordPtr& record_ptr() const { return std::get<RecordPtr>(v); }
  const List& list() const { return *std::get<std::shared_ptr<const List>>(v); }
};

struct Record {
  std::string kind;  // "hardware", "transformer", "roofline", ... ("" for a generic record literal)
  std::vector<std::pair<std::string, Value>> fields;

  const Value* find(const std::string& name) const {
    for (auto& [k, v] : fields)
      if (k == name) return &v;
    return nullptr;
  }
  void set(const std::string& name, Value v) {
    for (auto& [k, old] : fields)
      if (k == name) { old = std::move(v); return; }
    fields.emplace_back(name, std::move(v));
  }
};

// A typed solver error (MODELS §0.2): kind is the spec's error name.
struct SolverError : std::runtime_error {
  std::string kind;  // UnknownPrecision, PrecisionUnsupported, InvalidInput, InvalidParallelism, MissingSpec, UnsupportedWorkload
  SolverError(std::string k, const std::string& msg) : std::runtime_error(msg), kind(std::move(k)) {}
};

}  // namespace mls
