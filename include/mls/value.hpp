// A value as data: none, a truth value, a quantity (every number has a dimension, maybe none), a
// string, a list or a record (a solver's result, a zoo entry). Values are immutable and cheap to copy.
#pragma once

#include "mls/quantity.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mls::api {

class Value;

struct Record {
  std::string kind;  // "hardware", "roofline", ... ("" for a record literal)
  std::string kind_display;  // the name users call it: "Roofline", "GPU"
  std::vector<std::pair<std::string, Value>> fields;  // in the order MLS gives them

  // The field's value, or nullptr when the record has none.
  const Value* find(const std::string& name) const;
  // The field's value; throws mls::api::Error (E0406) when there is none.
  const Value& at(const std::string& name) const;
};

class Value {
 public:
  enum class Kind { None, Bool, Quantity, String, List, Record };

  Value() = default;  // none
  explicit Value(bool b);
  explicit Value(Quantity q);
  explicit Value(std::string s);
  explicit Value(std::vector<Value> l);
  explicit Value(Record r);

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::None; }
  // The accessors throw mls::api::Error (E0410) when the value is of another kind.
  bool as_bool() const;
  const Quantity& as_quantity() const;
  const std::string& as_string() const;
  const std::vector<Value>& as_list() const;
  const Record& as_record() const;
  // As the text output shows it inline: "3.35 TB/s", "true", "[1, 8, 32]", "H100", "Roofline {…}".
  std::string str() const;

 private:
  Kind kind_ = Kind::None;
  bool bool_ = false;
  std::optional<Quantity> quantity_;
  std::string string_;
  std::shared_ptr<const std::vector<Value>> list_;
  std::shared_ptr<const Record> record_;
};

}  // namespace mls::api
