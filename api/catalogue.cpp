// The engine's listings: the solvers with their signatures (from the registry the checker reads)
// and the zoo's entries.
#include "api/conversion.hpp"
#include "api/engine_impl.hpp"
#include "runtime/reference/units_reference.hpp"
#include "runtime/solve/solver_docs.hpp"
#include "runtime/zoo/hf_import.hpp"
#include "runtime/zoo/zoo_commands.hpp"

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

// --- the command line's catalogues -----------------------------------------------------------------

namespace mls::api {

namespace {
zoo::ZooFormat zoo_format(ListingFormat f) {
  return f == ListingFormat::Json       ? zoo::ZooFormat::Json
         : f == ListingFormat::Markdown ? zoo::ZooFormat::Markdown
         : f == ListingFormat::Html     ? zoo::ZooFormat::Html
                                        : zoo::ZooFormat::Text;
}
}  // namespace

int Engine::write_zoo(ListingFormat f, std::ostream& out) const {
  driver::Session s;
  return zoo::list(s, zoo_format(f), out);
}

int Engine::write_zoo_entry(std::string_view name, ListingFormat f, std::ostream& out, std::ostream& err) const {
  driver::Session s;
  return zoo::show(s, std::string(name), zoo_format(f), out, err);
}

int Engine::write_zoo_search(std::string_view text, ListingFormat f, std::ostream& out) const {
  driver::Session s;
  return zoo::search(s, std::string(text), zoo_format(f), out);
}

int Engine::write_audit(const std::string& file, ListingFormat f, std::ostream& out, std::ostream& err) const {
  driver::Session s;
  return zoo::audit(s, file, zoo_format(f), out, err);
}

int Engine::write_solvers(ListingFormat f, std::ostream& out) const {
  driver::Session s;
  return print_solver_reference(s.units(), f == ListingFormat::Markdown ? SolverDocFormat::Markdown
                                           : f == ListingFormat::Json   ? SolverDocFormat::Json
                                                                        : SolverDocFormat::Text, out);
}

int Engine::write_units(ListingFormat f, std::ostream& out) const {
  driver::Session s;  // the units the prelude defines, too
  return print_units_reference(s.units(), f == ListingFormat::Markdown ? UnitsFormat::Markdown
                                          : f == ListingFormat::Json   ? UnitsFormat::Json
                                                                       : UnitsFormat::Text, out);
}

int Engine::import_hf(const std::string& config, const std::string& name, std::ostream& out, std::ostream& err) const {
  return zoo::import_hf(config, name, out, err);
}

bool Engine::write_solver(std::string_view name, std::ostream& out) const {
  driver::Session s;
  return print_solver_info(s.units(), std::string(name), out);
}

std::string Engine::nearest_solver(std::string_view name) { return mls::nearest_solver(std::string(name)); }

}  // namespace mls::api
