#include "runtime/format/value_json.hpp"

#include "stdlib/registry/kind_registry.hpp"

namespace mls {

Json value_json(const Value& v, const ir::Shape& s, const units::UnitTable& u, int digits) {
  if (v.is_num()) return quantity_json(v.num(), s.dim, s.display, u, digits);
  if (v.is_bool()) return v.boolean();
  if (v.is_str()) return v.str();
  if (v.is_none()) return nullptr;
  static const ir::Shape plain;
  if (v.is_record()) {
    Json o = Json::object();
    for (auto& [name, fv] : v.record().fields) {
      const ir::Shape* fs = &plain;
      for (auto& [n, sh] : s.fields)
        if (n == name) fs = sh.get();
      o[name] = value_json(fv, *fs, u, digits);
    }
    return o;
  }
  Json a = Json::array();
  for (auto& e : v.list()) a.push_back(value_json(e, s.elem ? *s.elem : plain, u, digits));
  return a;
}

ir::Shape registry_shape(const Value& v, const reg::Type* t, const units::UnitTable& u) {
  ir::Shape s;
  if (v.is_num()) {
    s.type = ir::VType::F64;
    if (t && t->tag == reg::Tag::Quantity) s.dim = t->dim;
    s.display = units::default_display(s.dim, u);
    s.dim_name = u.dimension_name(s.dim);
  } else if (v.is_record()) {
    s.type = ir::VType::Record;
    s.kind = v.record().kind;
    const reg::KindDesc* k = reg::find_kind(v.record().kind);
    for (auto& [name, fv] : v.record().fields) {
      const reg::FieldDesc* f = k ? k->field(name) : nullptr;
      s.fields.emplace_back(name, std::make_shared<ir::Shape>(registry_shape(fv, f ? &f->type : nullptr, u)));
    }
  } else if (v.is_list()) {
    s.type = ir::VType::List;
    if (!v.list().empty())
      s.elem = std::make_shared<ir::Shape>(registry_shape(v.list().front(), t && t->elem ? t->elem.get() : nullptr, u));
  } else {
    s.type = v.is_bool() ? ir::VType::Bool : v.is_str() ? ir::VType::Str : ir::VType::None;
  }
  return s;
}

}  // namespace mls
