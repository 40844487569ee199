#include "compiler/sema/stype.hpp"

#include "stdlib/registry/kind_display.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <map>

namespace mls::sema {

const SType* SType::field(const std::string& name) const {
  if (!fields) return nullptr;
  for (auto& [n, t] : *fields)
    if (n == name) return &t;
  return nullptr;
}

ir::VType SType::vtype() const {
  switch (k) {
    case K::Num: return ir::VType::F64;
    case K::Bool: return ir::VType::Bool;
    case K::Str: return ir::VType::Str;
    case K::Record: return ir::VType::Record;
    case K::List: return ir::VType::List;
    default: return ir::VType::None;
  }
}

std::string dim_label(const Dimension& d, const units::UnitTable& u) {
  if (d.dimensionless()) return "Dimensionless";
  std::string n = u.dimension_name(d);
  return n.empty() ? d.base_form() : n;
}

std::string describe(const SType& t, const units::UnitTable& u) {
  switch (t.k) {
    case SType::K::Num: {
      if (t.dim.dimensionless()) return "a plain number";
      std::string n = u.dimension_name(t.dim);
      std::string base = t.dim.base_form();
      return n.empty() ? base : (n == base ? n : n + " (" + base + ")");
    }
    case SType::K::Bool: return "bool";
    case SType::K::Str: return "string";
    case SType::K::Record: return reg::record_noun(t.kind);  // "roofline result", "hardware record"
    case SType::K::List: return "list of " + (t.elem ? describe(*t.elem, u) : std::string("values"));
    case SType::K::None: return "none";
    case SType::K::Error: return "<error>";
  }
  return "?";
}

std::string describe_a(const SType& t, const units::UnitTable& u) {
  switch (t.k) {
    case SType::K::Record:
    case SType::K::Bool:
    case SType::K::Str:
    case SType::K::List: return reg::with_article(describe(t, u));
    default: return describe(t, u);
  }
}

SType from_reg(const reg::Type& rt) {
  switch (rt.tag) {
    case reg::Tag::Quantity: return SType::num(rt.dim);
    case reg::Tag::Bool: return SType::boolean();
    case reg::Tag::String:
    case reg::Tag::Enum: return SType::str();
    case reg::Tag::Record: return record_of_family(rt.record);
    case reg::Tag::List: return SType::list(rt.elem ? from_reg(*rt.elem) : SType::none());
    case reg::Tag::Any: return SType::none();
  }
  return SType::none();
}

static SType record_from_fields(const std::string& kind, const std::string& family, Fields f) {
  SType t;
  t.k = SType::K::Record;
  t.kind = kind;
  t.family = family;
  t.fields = std::make_shared<const Fields>(std::move(f));
  return t;
}

namespace {
// A result that is a share of a whole, by its name (MODELS names them so): an MFU, a utilisation, a
// hit ratio, a probability. Compared with 40, it is 40 % meant (W0606).
bool is_share(const std::string& name, const reg::Type& t) {
  if (t.tag != reg::Tag::Quantity || !t.dim.dimensionless() || t.integer) return false;
  for (const char* w : {"mfu", "hfu", "utilization", "utilisation", "efficiency", "fraction", "ratio", "probability",
                        "availability", "goodput", "share", "accuracy"})
    if (name.find(w) != std::string::npos) return true;
  return false;
}
}  // namespace

SType record_of_kind(const std::string& kind) {
  if (auto* k = reg::find_kind(kind)) {
    Fields f;
    for (auto& fd : k->fields) f.emplace_back(fd.name, from_reg(fd.type));
    return record_from_fields(k->name, k->family, std::move(f));
  }
  for (auto& s : reg::solvers())
    if (s.result_kind == kind && !s.results.empty()) {
      Fields f;
      for (auto& r : s.results) {
        SType t = from_reg(r.type);
        t.fraction = is_share(r.name, r.type);
        f.emplace_back(r.name, t);
      }
      return record_from_fields(kind, "", std::move(f));
    }
  return record_from_fields(kind, "", {});
}

SType record_of_family(const std::string& family) {
  auto ks = reg::kinds_of_family(family);
  if (ks.size() == 1) return record_of_kind(ks.front()->name);
  Fields f;
  for (auto* k : ks)
    for (auto& fd : k->fields) {
      bool seen = false;
      for (auto& [n, _] : f) seen = seen || n == fd.name;
      if (!seen) f.emplace_back(fd.name, from_reg(fd.type));
    }
  return record_from_fields("", family, std::move(f));
}

namespace {
// Records share their field lists (`r1 = {a = r0, b = r0}` ...), so a type can describe 2^40 fields
// in a few lines: the shape is built once per shared field list, and shared the same way.
using ShapeMemo = std::map<std::pair<const void*, std::string>, std::shared_ptr<ir::Shape>>;

std::shared_ptr<ir::Shape> shape_of(const SType& t, const units::UnitTable& u, ShapeMemo& memo) {
  std::pair<const void*, std::string> key{t.fields.get(), t.kind};
  if (t.fields)
    if (auto it = memo.find(key); it != memo.end()) return it->second;
  auto s = std::make_shared<ir::Shape>();
  s->type = t.vtype();
  s->dim = t.dim;
  if (t.k == SType::K::Num) {
    s->display = t.display ? *t.display : units::default_display(t.dim, u);
    s->dim_name = t.dim.dimensionless() ? "" : u.dimension_name(t.dim);
  }
  s->kind = t.kind;
  if (t.fields) {
    for (auto& [n, ft] : *t.fields) s->fields.emplace_back(n, shape_of(ft, u, memo));
    memo.emplace(key, s);
  }
  if (t.elem) s->elem = shape_of(*t.elem, u, memo);
  return s;
}
}  // namespace

ir::ShapePtr shape_of(const SType& t, const units::UnitTable& u) {
  ShapeMemo memo;
  return shape_of(t, u, memo);
}

}  // namespace mls::sema
