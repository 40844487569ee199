// Static analysis as data (mls/analysis.hpp): a check in a fresh session, then what its checker
// learned — the type of every expression and the names bound — turned into the API's plain structs.
#include "mls/analysis.hpp"

#include "api/collecting_sink.hpp"
#include "api/conversion.hpp"
#include "api/engine_impl.hpp"
#include "compiler/sema/builtins.hpp"
#include "compiler/syntax/keywords.hpp"
#include "runtime/driver/embedded.hpp"

#include <algorithm>
#include <sstream>

namespace mls::api {

namespace {
// The unit a value of this dimension shows in when nothing else is asked for ("B/s", "ms" family "s").
std::string display_unit(const sema::SType& t, const units::UnitTable& u) {
  if (!t.is_num() || t.bare || t.dim.dimensionless()) return "";
  units::Display d = t.display ? *t.display : units::default_display(t.dim, u);
  return d.fixed ? d.text : d.prefix_base + d.rest;
}

std::vector<FieldType> field_types(const sema::SType& t, const units::UnitTable& u) {
  const sema::SType* r = &t;
  while (r->k == sema::SType::K::List && r->elem) r = r->elem.get();
  std::vector<FieldType> out;
  if (r->is_record() && r->fields)
    for (auto& [name, ft] : *r->fields) out.push_back(FieldType{name, sema::describe(ft, u), display_unit(ft, u)});
  return out;
}

ExpressionType expression_type(const sema::Checker::TypedNote& n, const SourceManager& sm, const units::UnitTable& u) {
  ExpressionType e;
  e.span = *to_api(n.span, sm);
  e.type = sema::describe(n.type, u);
  if (n.type.is_num() && !n.type.bare) e.dimension = sema::dim_label(n.type.dim, u);
  e.unit = display_unit(n.type, u);
  if (n.type.is_num() && n.type.konst) {
    units::Display d = n.type.display ? *n.type.display : units::default_display(n.type.dim, u);
    units::Formatted f = units::format(*n.type.konst, d, 4);
    e.value = f.unit.empty() ? f.number : f.number + " " + f.unit;
  }
  e.fields = field_types(n.type, u);
  return e;
}
}  // namespace

Analysis analyze(const Engine& engine, std::string_view source, std::string_view name, std::string_view folder) {
  Analysis a;
  try {
    driver::Session s;
    Engine::Impl impl;
    impl.options = engine.options();
    driver::Options o = impl.driver_options();
    o.emit = driver::Emit::Check;
    o.keep_types = true;
    std::ostringstream out, err;
    a.exit_code = s.run(std::string(name), std::string(source), o, out, err, nullptr, std::string(folder));
    a.diagnostics = to_api(s.reported(), s.sources());
    const SourceFile* file = s.sources().find(std::string(name));
    if (!file) return a;
    const FileId id = file->id();
    const sema::Checker& c = s.checker();
    for (auto& n : c.typed())
      if (n.span.file == id && n.span.valid()) a.types.push_back(expression_type(n, s.sources(), s.units()));
    std::stable_sort(a.types.begin(), a.types.end(), [](const ExpressionType& x, const ExpressionType& y) {
      if (x.span.line != y.span.line) return x.span.line < y.span.line;
      if (x.span.column != y.span.column) return x.span.column < y.span.column;
      return std::tie(x.span.end_line, x.span.end_column) > std::tie(y.span.end_line, y.span.end_column);
    });
    std::vector<std::pair<std::uint32_t, Symbol>> found;
    for (auto& [n, b] : c.globals()) {
      if (b.zoo || b.span.file != id || !b.span.valid()) continue;
      Symbol sym;
      sym.kind = b.k == sema::Binding::K::Fn ? Symbol::Kind::Function : Symbol::Kind::Variable;
      sym.name = n;
      sym.type = b.k == sema::Binding::K::Fn ? "function" : sema::describe(b.type, s.units());
      sym.span = *to_api(b.span, s.sources());
      sym.fields = field_types(b.type, s.units());
      found.emplace_back(b.span.begin, std::move(sym));
    }
    for (auto& z : c.zoo_entries()) {
      if (z.span.file != id || !z.span.valid()) continue;
      found.emplace_back(z.span.begin, Symbol{Symbol::Kind::Entry, z.name, z.kind, *to_api(z.span, s.sources()), {}});
    }
    std::stable_sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.first < y.first; });
    for (auto& f : found) a.symbols.push_back(std::move(f.second));
  } catch (const std::exception& x) {
    a.diagnostics.push_back(diagnostic("", std::string("internal error: ") + x.what(), "", "InternalError"));
    a.exit_code = driver::kInternal;
  }
  return a;
}

std::vector<UnitInfo> units(const Engine&) {
  driver::Session s;
  std::vector<UnitInfo> out;
  for (auto& [symbol, e] : s.units().all())
    out.push_back(UnitInfo{symbol, e.base, e.long_name, sema::dim_label(e.dim, s.units()), e.scale, e.defined_in});
  return out;
}

std::vector<ZooEntrySource> zoo_sources(const Engine&) {
  driver::Session s;
  std::vector<ZooEntrySource> out;
  for (auto& e : s.zoo_entries()) {
    ZooEntrySource z;
    z.name = e.name;
    z.kind = e.kind;
    if (auto span = to_api(e.span, s.sources())) {
      const std::string builtin = "<builtin>/";  // how the pipeline names its embedded files
      z.file = span->file.rfind(builtin, 0) == 0 ? span->file.substr(builtin.size()) : span->file;
      z.line = span->line;
      z.column = span->column;
    }
    z.source = e.prov.source;
    z.url = e.prov.url;
    z.verified = e.prov.verified;
    z.assumed = e.prov.assumed;
    if (auto v = s.zoo_value(e.name); v && v->is_record())
      if (auto* n = v->record().find("name"); n && n->is_str()) z.title = n->str();
    out.push_back(std::move(z));
  }
  return out;
}

const std::vector<std::string>& keywords() { return syntax::keywords(); }

const std::vector<std::string>& builtin_functions() { return sema::builtin_function_names(); }

std::optional<std::string> builtin_file(std::string_view path) {
  for (std::size_t i = 0; i < embedded::kPreludeCount; ++i)
    if (path == embedded::kPrelude[i].path) return std::string(embedded::kPrelude[i].text);
  for (std::size_t i = 0; i < embedded::kZooCount; ++i)
    if (path == embedded::kZoo[i].path) return std::string(embedded::kZoo[i].text);
  return std::nullopt;
}

}  // namespace mls::api
