// Signature help for solver calls: the parameters with their types, units and defaults, the one the
// cursor is on highlighted (by position, or by name for `name = ...`).
#include "runtime/lsp/server.hpp"

namespace mls::lsp {

Server::json Server::signature_help(const json& params) {
  Document& d = doc(params);
  const std::size_t at = offset(d, params.at("position"));
  auto cc = call_at(d.text(), at);
  if (!cc) return nullptr;
  const api::SolverInfo* s = catalogue().solver(cc->callee);
  if (!s) return nullptr;
  std::string label = s->name + "(";
  json ps = json::array();
  int active = cc->argument;
  for (std::size_t i = 0; i < s->parameters.size(); ++i) {
    auto& p = s->parameters[i];
    if (i) label += ", ";
    std::string one = p.name + ": " + p.type;
    if (!p.required && !p.default_value.empty()) one += " = " + p.default_value;
    const auto b = label.size();
    label += one;
    ps.push_back({{"label", {b, label.size()}},
                  {"documentation", p.doc + (p.unit.empty() ? "" : " (in " + p.unit + ")") + (p.required ? "; required" : "")}});
    if (!cc->named.empty() && p.name == cc->named) active = static_cast<int>(i);
  }
  label += ")";
  if (active >= static_cast<int>(s->parameters.size())) active = static_cast<int>(s->parameters.size()) - 1;
  return {{"signatures", {{{"label", label}, {"documentation", s->doc}, {"parameters", ps}}}},
          {"activeSignature", 0},
          {"activeParameter", std::max(active, 0)}};
}

}  // namespace mls::lsp
