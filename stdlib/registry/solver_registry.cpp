#include "stdlib/registry/solver_registry.hpp"

#include <cmath>
#include <sstream>

namespace mls::reg {

namespace {
std::vector<SolverDesc>& table() {
  static std::vector<SolverDesc> t;
  return t;
}

std::string num(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}
}  // namespace

void add_solver(SolverDesc s) { table().push_back(std::move(s)); }

const std::vector<SolverDesc>& solvers() {
  register_all();
  return table();
}

const SolverDesc* find_solver(std::string_view n) {
  for (auto& s : solvers())
    if (s.name == n || s.id == n) return &s;
  return nullptr;
}

bool Range::contains(double x) const {
  if (std::isnan(x)) return false;
  if (lo && (lo_open ? !(x > *lo) : !(x >= *lo))) return false;
  if (hi && (hi_open ? !(x < *hi) : !(x <= *hi))) return false;
  return true;
}

std::string Range::describe() const {
  if (lo && hi) return std::string(lo_open ? "(" : "[") + num(*lo) + ", " + num(*hi) + (hi_open ? ")" : "]");
  if (lo) return std::string(lo_open ? "> " : ">= ") + num(*lo);
  if (hi) return std::string(hi_open ? "< " : "<= ") + num(*hi);
  return "any";
}

const ParamDesc* SolverDesc::param(std::string_view n) const {
  int i = param_index(n);
  return i < 0 ? nullptr : &params[i];
}

int SolverDesc::param_index(std::string_view n) const {
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].name == n) return int(i);
    for (auto& a : params[i].aliases)
      if (a == n) return int(i);
  }
  return -1;
}

Value SolverDesc::invoke(const std::vector<Value>& args) const {
  if (args.size() != params.size())
    throw SolverError("InvalidInput", name + ": expected " + std::to_string(params.size()) + " arguments");
  for (size_t i = 0; i < params.size(); ++i) {
    auto& p = params[i];
    const Value& a = args[i];
    if (a.is_none()) {
      if (p.required) throw SolverError("InvalidInput", name + ": missing required argument '" + p.name + "'");
      continue;
    }
    if (a.is_num() && (p.range.lo || p.range.hi) && !p.range.contains(a.num()))
      throw SolverError("InvalidInput", name + ": " + p.name + " = " + num(a.num()) + " is outside " + p.range.describe());
    if (p.type.tag == Tag::Enum && a.is_str()) {
      bool ok = false;
      for (auto& c : p.type.choices) ok = ok || c == a.str();
      if (!ok) {
        if (p.type.choices == precision_names())
          throw SolverError("UnknownPrecision", "unknown precision '" + a.str() + "'");
        throw SolverError("InvalidInput", name + ": " + p.name + " = '" + a.str() + "' is not " + p.type.describe());
      }
    }
  }
  return call(args);
}

}  // namespace mls::reg
