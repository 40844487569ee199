#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <bit>
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

void SolverDesc::check_arg(std::size_t i, const Value& a) const {
  auto& p = params[i];
  if (a.is_none()) {
    if (p.required) throw SolverError("InvalidInput", name + ": missing required argument '" + p.name + "'");
    return;
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

Value SolverDesc::invoke(const std::vector<Value>& args) const {
  if (args.size() != params.size())
    throw SolverError("InvalidInput", name + ": expected " + std::to_string(params.size()) + " arguments");
  for (size_t i = 0; i < params.size(); ++i) check_arg(i, args[i]);
  return call(args);
}

void check_finite_result(const std::string& field, double x, bool infinite_ok) {
  if (std::isfinite(x) || (infinite_ok && x > 0)) return;
  throw NonFiniteResult(field, "result `" + field + "` is " + (std::isnan(x) ? "NaN (not a number)" : x > 0 ? "infinite" : "-infinite") +
                                   ": an argument is zero, negative or outside what the equation takes");
}

void check_finite_result(const std::string& field, const Value& v, bool infinite_ok) {
  if (v.is_num()) check_finite_result(field, v.num(), infinite_ok);
  else if (v.is_record())
    for (auto& [n, f] : v.record().fields) check_finite_result(field + "." + n, f, infinite_ok);
  else if (v.is_list())
    for (auto& e : v.list()) check_finite_result(field, e, infinite_ok);
}

bool SolverDesc::native_field(std::size_t k) const {
  if (k >= results.size()) return false;
  const Type& t = results[k].type;
  return !t.optional && (t.tag == Tag::Quantity || t.tag == Tag::Bool);
}

// ---- SolverSite ----------------------------------------------------------------------------------

namespace {
// The same argument as last time: numbers by their bits, records and lists by identity (the site
// holds the old one, so its address cannot be reused), strings by content.
bool same(const Value& a, const Value& b) {
  if (a.v.index() != b.v.index()) return false;
  if (a.is_num()) return std::bit_cast<std::uint64_t>(a.num()) == std::bit_cast<std::uint64_t>(b.num());
  if (a.is_bool()) return a.boolean() == b.boolean();
  if (a.is_str()) return a.str() == b.str();
  if (a.is_record()) return a.record_ptr() == b.record_ptr();
  if (a.is_list()) return std::get<std::shared_ptr<const List>>(a.v) == std::get<std::shared_ptr<const List>>(b.v);
  return true;  // none
}
}  // namespace

SolverSite::SolverSite(const SolverDesc& d) : desc_(d), last_(d.params.size()), changed_(d.params.size(), 0) {}

void SolverSite::arg(std::size_t k, const Value& a) {
  if (valid_ && same(last_[k], a)) return;
  if (a.is_num() && last_[k].is_num()) std::get<double>(last_[k].v) = a.num();  // the common case: a number
  else last_[k] = a;
  if (!changed_[k]) {
    changed_[k] = 1;
    pending_.push_back(static_cast<std::uint32_t>(k));
  }
}

bool SolverSite::run() {
  if (valid_ && pending_.empty()) return false;
  const bool only_split = valid_ && desc_.split >= 0 && pending_.size() == 1 &&
                          pending_[0] == static_cast<std::uint32_t>(desc_.split);
  if (!valid_) {  // every argument, in order
    pending_.clear();
    for (std::size_t k = 0; k < last_.size(); ++k) pending_.push_back(static_cast<std::uint32_t>(k));
  }
  bool planned = false;
  try {
    // invoke's order: every argument is checked before any is decoded. (Unchanged arguments passed
    // both when they arrived; invoke would check and decode them again with the same outcome.)
    if (pending_.size() > 1) std::sort(pending_.begin(), pending_.end());
    for (auto k : pending_) desc_.check_arg(k, last_[k]);
    for (auto k : pending_) set(k, last_[k]);
    planned = only_split && plan_ >= 0;
    int slot = desc_.split < 0 ? -1 : planned ? plan_ : plan_slot(planned);
    plan_ = -1;
    compute(slot, planned);
    if (slot >= 0) {
      PlanKey& key = plans_[static_cast<std::size_t>(slot)];
      if (!planned) {  // remembered once the plan and its first point succeeded
        key.args = last_;
        key.valid = true;
      }
      key.used = ++clock_;
      plan_ = slot;
    }
  } catch (...) {
    valid_ = false;  // the input may hold part of this call: decode everything next time
    for (auto k : pending_) changed_[k] = 0;
    pending_.clear();
    throw;
  }
  for (auto k : pending_) changed_[k] = 0;
  pending_.clear();
  valid_ = true;
  return planned;
}

int SolverSite::plan_slot(bool& planned) {
  if (plans_.empty()) plans_.resize(kPlans);
  const auto split = static_cast<std::size_t>(desc_.split);
  std::size_t lru = 0;
  for (std::size_t s = 0; s < plans_.size(); ++s) {
    const PlanKey& key = plans_[s];
    if (key.valid) {
      bool all = true;
      for (std::size_t k = 0; k < last_.size() && all; ++k) all = k == split || same(key.args[k], last_[k]);
      if (all) {
        planned = true;
        return static_cast<int>(s);
      }
    }
    if (plans_[lru].valid && (!key.valid || key.used < plans_[lru].used)) lru = s;  // an unused slot first
  }
  plans_[lru].valid = false;  // planned over: it no longer holds the plan of its key
  planned = false;
  return static_cast<int>(lru);
}

Value SolverSite::result() const { return whole(); }

bool SolverSite::holds(std::size_t k, const Value& a) const { return valid_ && same(last_[k], a); }

bool SolverSite::point(double x) {
  if (!valid_ || desc_.split < 0) return false;
  const auto k = static_cast<std::size_t>(desc_.split);
  Value& last = last_[k];
  if (!last.is_num()) return false;
  if (!changed_[k] && std::bit_cast<std::uint64_t>(last.num()) == std::bit_cast<std::uint64_t>(x)) return true;  // as run(): nothing changed
  const Range& r = desc_.params[k].range;
  if ((r.lo || r.hi) && !r.contains(x)) return false;  // check_arg's error, through run()
  try {
    if (!set_number(k, x)) return false;
    std::get<double>(last.v) = x;
    compute(plan_, true);
    if (changed_[k]) {  // forget_point(): the point is computed again now
      changed_[k] = 0;
      pending_.erase(std::find(pending_.begin(), pending_.end(), static_cast<std::uint32_t>(k)));
    }
  } catch (...) {
    valid_ = false;  // as run(): decode everything next time
    throw;
  }
  return true;
}

bool SolverSite::point_operands(const void*& plan, const void*& in, void*& out) {
  return valid_ && plan_ >= 0 && pending_.empty() && operands(plan, in, out);
}

void SolverSite::forget_point() {
  if (desc_.split < 0 || !valid_) return;
  const auto k = static_cast<std::size_t>(desc_.split);
  if (!changed_[k]) {
    changed_[k] = 1;
    pending_.push_back(static_cast<std::uint32_t>(k));
  }
}

}  // namespace mls::reg
