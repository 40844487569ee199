// The text of an interpolated string (`"ridge = {ridge -> FLOP/B}"`), shared by both evaluators: each
// value is shown as `print` shows it (its unit chosen the same way, --digits significant digits).
#include "compiler/ir/semantics.hpp"

namespace mls::ir {

std::string interpolate(const Inst& i, const std::vector<Value>& values, int digits) {
  std::string out = i.names.empty() ? "" : i.names[0];
  for (std::size_t k = 0; k < values.size(); ++k) {
    const Value& v = values[k];
    if (v.is_num()) {
      auto f = units::format(v.num(), i.shapes[k]->display, digits);
      out += f.unit.empty() ? f.number : f.number + " " + f.unit;
    } else if (v.is_bool()) {
      out += v.boolean() ? "true" : "false";
    } else if (v.is_str()) {
      out += v.str();
    }
    if (k + 1 < i.names.size()) out += i.names[k + 1];
  }
  return out;
}

}  // namespace mls::ir
