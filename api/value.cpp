#include "api/conversion.hpp"
#include "mls/error.hpp"
#include "stdlib/registry/kind_display.hpp"

namespace mls::api {

namespace {
const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::None: return "none";
    case Value::Kind::Bool: return "a truth value";
    case Value::Kind::Quantity: return "a quantity";
    case Value::Kind::String: return "a string";
    case Value::Kind::List: return "a list";
    case Value::Kind::Record: return "a record";
  }
  return "a value";
}
[[noreturn]] void wrong_kind(Value::Kind have, Value::Kind want) {
  throw Error(diagnostic("E0410", std::string("the value is ") + kind_name(have) + ", not " + kind_name(want),
                         "test Value::kind() before reading it"));
}
}  // namespace

Value::Value(bool b) : kind_(Kind::Bool), bool_(b) {}
Value::Value(Quantity q) : kind_(Kind::Quantity), quantity_(std::move(q)) {}
Value::Value(std::string s) : kind_(Kind::String), string_(std::move(s)) {}
Value::Value(std::vector<Value> l) : kind_(Kind::List), list_(std::make_shared<const std::vector<Value>>(std::move(l))) {}
Value::Value(Record r) : kind_(Kind::Record), record_(std::make_shared<const Record>(std::move(r))) {}

bool Value::as_bool() const {
  if (kind_ != Kind::Bool) wrong_kind(kind_, Kind::Bool);
  return bool_;
}
const Quantity& Value::as_quantity() const {
  if (kind_ != Kind::Quantity) wrong_kind(kind_, Kind::Quantity);
  return *quantity_;
}
const std::string& Value::as_string() const {
  if (kind_ != Kind::String) wrong_kind(kind_, Kind::String);
  return string_;
}
const std::vector<Value>& Value::as_list() const {
  if (kind_ != Kind::List) wrong_kind(kind_, Kind::List);
  return *list_;
}
const Record& Value::as_record() const {
  if (kind_ != Kind::Record) wrong_kind(kind_, Kind::Record);
  return *record_;
}

// The text output's inline form (runtime/output/output_sink.cpp, format_value).
std::string Value::str() const {
  switch (kind_) {
    case Kind::None: return "none";
    case Kind::Bool: return bool_ ? "true" : "false";
    case Kind::Quantity: return quantity_->str();
    case Kind::String: return string_;
    case Kind::List: {
      std::string o = "[";
      for (std::size_t k = 0; k < list_->size(); ++k) o += (k ? ", " : "") + (*list_)[k].str();
      return o + "]";
    }
    case Kind::Record: {
      const Value* name = record_->find("name");
      if (name && name->kind() == Kind::String && !name->as_string().empty()) return name->as_string();
      return record_->kind_display + " {…}";
    }
  }
  return "";
}

const Value* Record::find(const std::string& name) const {
  for (auto& [n, v] : fields)
    if (n == name) return &v;
  return nullptr;
}

const Value& Record::at(const std::string& name) const {
  if (const Value* v = find(name)) return *v;
  std::string names;
  for (auto& [n, _] : fields) names += (names.empty() ? "" : ", ") + n;
  throw Error(diagnostic("E0406", "a " + (kind_display.empty() ? std::string("record") : kind_display) + " has no field '" +
                                      name + "'",
                         "its fields: " + names));
}

}  // namespace mls::api
