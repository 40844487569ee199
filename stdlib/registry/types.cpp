#include "stdlib/registry/types.hpp"

namespace mls::reg {

bool Type::count_kind() const {
  if (tag != Tag::Quantity) return false;
  for (int i = 0; i < kBaseDims; ++i) {
    auto b = static_cast<BaseDim>(i);
    bool countlike = b == BaseDim::Token || b == BaseDim::Sample || b == BaseDim::Parameter || b == BaseDim::Request;
    if (!dim.exp[i].is_zero() && !countlike) return false;
  }
  return true;
}

std::string Type::describe() const {
  std::string s;
  switch (tag) {
    case Tag::Quantity: s = dim.dimensionless() ? (integer ? "whole number" : "number") : dim.base_unit_form(); break;
    case Tag::Bool: s = "bool"; break;
    case Tag::String: s = "string"; break;
    case Tag::Enum: {
      s = "one of ";
      for (size_t i = 0; i < choices.size(); ++i) s += (i ? "|" : "") + choices[i];
      break;
    }
    case Tag::Record: s = record; break;
    case Tag::List: s = "list of " + (elem ? elem->describe() : std::string("values")); break;
    case Tag::Any: s = "any"; break;
  }
  return optional ? s + " (optional)" : s;
}

[[noreturn]] void conversion_error(const std::string& what, const std::string& expected) {
  throw SolverError("InvalidInput", what + " must be " + expected);
}

const Record& expect_record(const Value& v, const char* family, const std::string& what) {
  if (!v.is_record()) conversion_error(what, std::string("a ") + family + " record");
  return v.record();
}

}  // namespace mls::reg
