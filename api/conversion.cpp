#include "api/conversion.hpp"

#include "api/quantity_data.hpp"
#include "stdlib/registry/kind_display.hpp"

namespace mls::api {

std::optional<Span> to_api(mls::Span s, const SourceManager& sm) {
  if (!s.valid() || s.file >= sm.size()) return std::nullopt;
  const SourceFile& f = sm.get(s.file);
  auto b = f.line_col(s.begin), e = f.line_col(s.end);
  return Span{f.path(), int(b.line), int(b.column), int(e.line), int(e.column)};
}

Quantity make_quantity(double si, const Dimension& dim, const units::Display& display, const units::UnitTable& u,
                       const std::shared_ptr<const Engine::Impl>& engine) {
  auto d = std::make_shared<detail::QuantityData>();
  d->si = si;
  d->dim = dim;
  d->display = display;
  std::string name = u.dimension_name(dim);
  d->dimension_name = !name.empty() ? name : dim.dimensionless() ? "Dimensionless" : dim.base_form();
  d->base_unit = dim.base_unit_form();
  d->digits = engine ? engine->options.digits : 4;
  d->engine = engine;
  return Quantity(std::move(d));
}

Value to_api(const mls::Value& v, const ir::Shape& s, const units::UnitTable& u,
             const std::shared_ptr<const Engine::Impl>& engine) {
  static const ir::Shape plain;
  if (v.is_num()) {
    // A number's display comes from its static shape; a shape without one (a plain number) shows as is.
    units::Display display = s.type == ir::VType::F64 ? s.display : units::default_display(s.dim, u);
    return Value(make_quantity(v.num(), s.dim, display, u, engine));
  }
  if (v.is_bool()) return Value(v.boolean());
  if (v.is_str()) return Value(v.str());
  if (v.is_none()) return Value();
  if (v.is_list()) {
    std::vector<Value> items;
    for (auto& x : v.list()) items.push_back(to_api(x, s.elem ? *s.elem : plain, u, engine));
    return Value(std::move(items));
  }
  const mls::Record& r = v.record();
  Record out;
  out.kind = r.kind;
  out.kind_display = reg::kind_display(r.kind);
  for (auto& [name, fv] : r.fields) {
    const ir::Shape* fs = &plain;
    for (auto& [fn, sh] : s.fields)
      if (fn == name && sh) fs = sh.get();
    // A number without a static shape (a field the checker did not type): its SI value, shown in base units.
    out.fields.emplace_back(name, to_api(fv, *fs, u, engine));
  }
  return Value(std::move(out));
}

mls::Value to_internal(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::None: return mls::Value();
    case Value::Kind::Bool: return mls::Value(v.as_bool());
    case Value::Kind::Quantity: return mls::Value(v.as_quantity().si());
    case Value::Kind::String: return mls::Value(v.as_string());
    case Value::Kind::List: {
      List l;
      for (auto& x : v.as_list()) l.push_back(to_internal(x));
      return mls::Value(std::move(l));
    }
    case Value::Kind::Record: {
      auto r = std::make_shared<mls::Record>();
      r->kind = v.as_record().kind;
      for (auto& [n, fv] : v.as_record().fields) r->set(n, to_internal(fv));
      return mls::Value(RecordPtr(std::move(r)));
    }
  }
  return mls::Value();
}

ir::Shape shape_of(const Value& v) {
  ir::Shape s;
  switch (v.kind()) {
    case Value::Kind::Quantity: {
      auto& d = v.as_quantity().data();
      s.type = ir::VType::F64;
      s.dim = d.dim;
      s.display = d.display;
      s.dim_name = d.dimension_name;
      break;
    }
    case Value::Kind::Record:
      s.kind = v.as_record().kind;
      for (auto& [n, fv] : v.as_record().fields) s.fields.emplace_back(n, std::make_shared<ir::Shape>(shape_of(fv)));
      break;
    case Value::Kind::List:
      if (!v.as_list().empty()) s.elem = std::make_shared<ir::Shape>(shape_of(v.as_list().front()));
      break;
    default: break;
  }
  return s;
}

Diagnostic to_api(const mls::Diagnostic& d, const SourceManager& sm) {
  Diagnostic o;
  o.code = d.code;
  o.severity = d.severity == mls::Severity::Error ? Severity::Error
               : d.severity == mls::Severity::Warning ? Severity::Warning : Severity::Note;
  o.message = d.message;
  o.span = to_api(d.primary_span(), sm);
  for (auto& l : d.labels)
    if (auto s = to_api(l.span, sm)) o.labels.push_back(Label{*s, l.text, l.primary});
  for (auto& x : d.dims) o.dimensions.push_back(DimensionLine{x.role, x.dims, x.name, x.origin});
  o.notes = d.notes;
  o.help = d.help.value_or("");
  for (auto& f : d.fixes)
    if (auto s = to_api(f.span, sm)) o.fixes.push_back(Fix{f.title, *s, f.replacement});
  o.kind = d.kind;
  mls::RenderOptions plain;
  plain.color = false;
  o.rendered = render_text(d, sm, plain);
  return o;
}

std::vector<Diagnostic> to_api(const std::vector<mls::Diagnostic>& ds, const SourceManager& sm) {
  std::vector<Diagnostic> out;
  for (auto& d : ds) out.push_back(to_api(d, sm));
  return out;
}

Diagnostic diagnostic(std::string code, std::string message, std::string help, std::string kind) {
  mls::Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  if (!help.empty()) d.help = std::move(help);
  d.kind = std::move(kind);
  SourceManager none;
  return to_api(d, none);
}

}  // namespace mls::api
