// The engine's listings: the solvers with their signatures (from the registry the checker reads)
// and the zoo's entries.
#include "api/conversion.hpp"
#include "api/engine_impl.hpp"
#include "runtime/solve/solver_docs.hpp"

namespace mls::api {

std::vector<SolverInfo> Engine::solvers() const {
  driver::Session s;
  std::vector<SolverInfo> out;
  for (auto& d : reg::solvers()) {
    SolverInfo info{d.id, d.name, d.summary, {}, {}};
    for (auto& p : d.params) {
      std::string unit;
      if (p.type.tag == reg::Tag::Quantity && !p.type.dim.dimensionless()) unit = p.type.dim.base_unit_form();
      std::string def = p.required || p.def.is_none() ? "" : solver_default_text(p, s.units());
      info.parameters.push_back(ParameterInfo{p.name, solver_type_text(p.type, s.units()), unit, p.required, def, p.doc});
    }
    for (auto& r : d.results) info.results.push_back(r.name);
    out.push_back(std::move(info));
  }
  return out;
}

std::vector<ZooEntryInfo> Engine::zoo_entries() const {
  driver::Session s;
  std::vector<ZooEntryInfo> out;
  for (auto& e : s.zoo_entries()) {
    ZooEntryInfo info{e.name, e.kind, ""};
    if (auto v = s.zoo_value(e.name); v && v->is_record())
      if (auto* n = v->record().find("name"); n && n->is_str()) info.title = n->str();
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace mls::api
