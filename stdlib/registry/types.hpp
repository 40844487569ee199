// Static types as the MLS checker sees them, derived from C++ types (TypeOf<T>), and the
// conversions between dynamic Values and those C++ types (from_value / to_value).
#pragma once

#include "stdlib/core/dimension.hpp"
#include "stdlib/core/dimension_of.hpp"
#include "stdlib/core/value.hpp"
#include "stdlib/kinds/kinds.hpp"

#include <boost/units/is_quantity.hpp>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace mls::reg {

enum class Tag { Quantity, Bool, String, Enum, Record, List, Any };

struct Type {
  Tag tag = Tag::Quantity;
  Dimension dim;                      // Tag::Quantity
  bool integer = false;               // declared as an integer in C++ (layers, tp, degrees)
  bool optional = false;              // may be absent (None)
  std::string record;                 // Tag::Record: the C++-side kind family ("hardware", "workload", ...)
  std::vector<std::string> choices;   // Tag::Enum: allowed tags
  std::shared_ptr<Type> elem;         // Tag::List

  // True when a bare number may stand for this quantity (MODELS: counts such as batch, layers, seq_len):
  // dimensionless, or made only of the count-like bases Token, Sample, Parameter, Request.
  bool count_kind() const;
  std::string describe() const;       // "Bandwidth-like B/s", "hardware", "one of fp16|bf16|..."
};

// ---- TypeOf<T> ---------------------------------------------------------------------------------
template <class T, class = void> struct TypeOf;

template <class T> struct TypeOf<T, std::enable_if_t<boost::units::is_quantity<T>::value>> {
  static Type get() { Type t; t.tag = Tag::Quantity; t.dim = dimension_of<T>(); return t; }
};
template <> struct TypeOf<double> {
  static Type get() { return Type{}; }
};
template <> struct TypeOf<int> {
  static Type get() { Type t; t.integer = true; return t; }
};
template <> struct TypeOf<bool> {
  static Type get() { Type t; t.tag = Tag::Bool; return t; }
};
template <> struct TypeOf<std::string> {
  static Type get() { Type t; t.tag = Tag::String; return t; }
};
template <> struct TypeOf<Precision> {
  static Type get() { Type t; t.tag = Tag::Enum; t.choices = precision_names(); return t; }
};
template <class T> struct TypeOf<std::optional<T>> {
  static Type get() { Type t = TypeOf<T>::get(); t.optional = true; return t; }
};
template <class T> struct TypeOf<std::vector<T>> {
  static Type get() {
    Type t; t.tag = Tag::List; t.elem = std::make_shared<Type>(TypeOf<T>::get()); return t;
  }
};

// Record-like C++ structs name their family here (specialised by the kind declarations).
template <class T> struct RecordFamily;
#define MLS_RECORD_FAMILY(T, NAME) \
  template <> struct RecordFamily<T> { static constexpr const char* name = NAME; }
MLS_RECORD_FAMILY(Hardware, "hardware");
MLS_RECORD_FAMILY(Workload, "workload");
MLS_RECORD_FAMILY(Node, "node");
MLS_RECORD_FAMILY(Fabric, "fabric");
MLS_RECORD_FAMILY(Grid, "grid");
MLS_RECORD_FAMILY(Datacenter, "datacenter");
MLS_RECORD_FAMILY(Fleet, "fleet");
MLS_RECORD_FAMILY(Site, "site");
MLS_RECORD_FAMILY(Scenario, "scenario");
MLS_RECORD_FAMILY(Platform, "platform");
MLS_RECORD_FAMILY(Dataset, "dataset");

template <class T> struct TypeOf<T, std::void_t<decltype(RecordFamily<T>::name)>> {
  static Type get() { Type t; t.tag = Tag::Record; t.record = RecordFamily<T>::name; return t; }
};

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

// ---- Value <-> C++ -----------------------------------------------------------------------------
// Record families convert through the kind descriptors (kind_registry.hpp).
const Record& expect_record(const Value& v, const char* family, const std::string& what);
[[noreturn]] void conversion_error(const std::string& what, const std::string& expected);

template <class T> struct Codec;  // for record families; defined in kind_registry.cpp

// The C++ types decoded from records by a Codec (what from_value's last branch handles).
template <class T> struct is_record_family
    : std::bool_constant<std::is_class_v<T> && !boost::units::is_quantity<T>::value && !std::is_same_v<T, std::string> &&
                         !is_optional<T>::value && !is_vector<T>::value> {};

template <class T> T from_value(const Value& v, const std::string& what) {
  if constexpr (boost::units::is_quantity<T>::value) {
    if (!v.is_num()) conversion_error(what, "a number");
    return T::from_value(v.num());
  } else if constexpr (std::is_same_v<T, double>) {
    if (!v.is_num()) conversion_error(what, "a number");
    return v.num();
  } else if constexpr (std::is_same_v<T, int>) {
    if (!v.is_num()) conversion_error(what, "a whole number");
    double d = v.num();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 2e9)
      throw SolverError("InvalidInput", what + " must be a whole number");
    return static_cast<int>(d);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_bool()) conversion_error(what, "true or false");
    return v.boolean();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_str()) conversion_error(what, "a string");
    return v.str();
  } else if constexpr (std::is_same_v<T, Precision>) {
    if (!v.is_str()) conversion_error(what, "a precision");
    auto& n = precision_names();
    for (size_t i = 0; i < n.size(); ++i)
      if (n[i] == v.str()) return static_cast<Precision>(i);
    throw SolverError("UnknownPrecision", "unknown precision '" + v.str() + "' (known: fp32 tf32 fp16 bf16 fp8 int8 int4 fp4)");
  } else if constexpr (is_optional<T>::value) {
    if (v.is_none()) return std::nullopt;
    return from_value<typename T::value_type>(v, what);
  } else if constexpr (is_vector<T>::value) {
    if (!v.is_list()) conversion_error(what, "a list");
    T out;
    for (auto& e : v.list()) out.push_back(from_value<typename T::value_type>(e, what));
    return out;
  } else {
    return Codec<T>::decode(v, what);
  }
}

template <class T> Value to_value(const T& x) {
  if constexpr (boost::units::is_quantity<T>::value) {
    return Value(x.value());
  } else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, int>) {
    return Value(double(x));
  } else if constexpr (std::is_same_v<T, bool>) {
    return Value(x);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return Value(x);
  } else if constexpr (std::is_same_v<T, Precision>) {
    return Value(precision_names()[static_cast<size_t>(x)]);
  } else if constexpr (is_optional<T>::value) {
    return x ? to_value(*x) : Value();
  } else if constexpr (is_vector<T>::value) {
    List l;
    for (auto& e : x) l.push_back(to_value(e));
    return Value(std::move(l));
  } else {
    return Codec<T>::encode(x);
  }
}

}  // namespace mls::reg
