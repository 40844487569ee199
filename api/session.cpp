// A session (mls/session.hpp): the driver's session that keeps one compilation context and one
// run-time state across entries, plus what a REPL asks of it (types, what a name is, listings,
// completion, the session as a script).
#include "mls/session.hpp"
#include "mls/analysis.hpp"

#include "api/conversion.hpp"
#include "api/engine_impl.hpp"
#include "api/session_script.hpp"
#include "compiler/sema/stype.hpp"
#include "compiler/source/source.hpp"
#include "runtime/driver/zoo_index.hpp"
#include "runtime/output/output_sink.hpp"
#include "runtime/solve/solver_docs.hpp"
#include "runtime/zoo/zoo_commands.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace mls::api {

std::size_t max_source_bytes() { return kMaxSourceBytes; }
bool read_source(const std::string& path, std::string& text) { return mls::read_source(path, text); }

struct Session::Impl {
  driver::Options options;
  std::unique_ptr<driver::Session> session = std::make_unique<driver::Session>();
  std::vector<SavedEntry> entries;  // kept entries, for script()
};

Session::Session(const Engine& engine, RenderOptions render, std::string result_prefix) : impl_(std::make_unique<Impl>()) {
  impl_->options = engine.impl_->driver_options(render);
  impl_->options.output.result_prefix = std::move(result_prefix);
}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

EntryResult Session::run(std::string_view entry, std::ostream& out, std::ostream& err) {
  std::string text(entry);
  if (text.empty() || text.back() != '\n') text += '\n';
  auto r = impl_->session->run_entry(text, impl_->options, out, err);
  EntryResult e;
  e.exit_code = r.code;
  e.kept = r.kept;
  e.rebound = std::move(r.rebound);
  e.diagnostics = to_api(impl_->session->reported(), impl_->session->sources());
  if (r.kept) impl_->entries.push_back({std::move(text), r.program});
  return e;
}

std::optional<std::string> Session::type_of(std::string_view expression, std::ostream& err) {
  return impl_->session->type_of(std::string(expression), impl_->options, err);
}

std::vector<SessionVariable> Session::variables() const {
  // A value is shown on one line and cut at this many characters (a record can hold dozens of fields).
  constexpr std::size_t kWidth = 100;
  std::vector<SessionVariable> vars;
  const driver::Session& s = *impl_->session;
  for (auto& [n, b] : s.globals()) {
    if (b.zoo || n.rfind("__", 0) == 0) continue;
    SessionVariable v{n, sema::describe(b.type, s.units()), ""};
    if (auto value = s.global_value(n))
      if (auto shape = sema::shape_of(b.type, s.units())) {
        v.value = out::format_value(*value, *shape, impl_->options.output.digits);
        if (v.value.size() > kWidth) v.value = v.value.substr(0, kWidth - 3) + "...";
      }
    vars.push_back(std::move(v));
  }
  return vars;
}

bool Session::info(std::string_view name_view, std::ostream& out) {
  const std::string name(name_view);
  driver::Session& s = *impl_->session;
  bool found = false;
  const auto& units = s.units().all();
  if (auto it = units.find(name); it != units.end()) {
    const units::UnitEntry& u = it->second;
    found = true;
    std::string dim = s.units().dimension_name(u.dim);
    out << "unit " << u.symbol << (u.long_name.empty() ? "" : " (" + u.long_name + ")") << ": 1 " << u.symbol << " = "
        << units::format_number(u.scale, 6) << " " << u.dim.base_unit_form() << "   [" << (dim.empty() ? u.dim.base_form() : dim)
        << "]\n";
    if (!u.prefix.empty()) out << "  prefix " << u.prefix << " of " << u.base << "\n";
    std::vector<std::string> aliases;
    for (auto& [sym, e] : units)
      if (e.base == u.base && e.prefix.empty() && sym != u.symbol && sym != u.base && e.scale == units.at(u.base).scale)
        aliases.push_back(sym);
    if (!aliases.empty()) {
      out << "  aliases:";
      for (auto& a : aliases) out << " " << a;
      out << "\n";
    }
    const char* px = u.prefixes == units::PrefixSystem::SI     ? "SI (k M G T P E; m u n p where the unit allows)"
                     : u.prefixes == units::PrefixSystem::IEC  ? "SI and binary (Ki Mi Gi Ti)"
                     : u.prefixes == units::PrefixSystem::Time ? "time (ns us ms)"
                                                               : "none";
    if (u.prefix.empty()) out << "  prefixes: " << px << "\n";
    if (!u.defined_in.empty()) out << "  defined in " << u.defined_in << "\n";
  }
  const auto& zoo_names = driver::ZooIndex::builtin().names();
  if (std::find(zoo_names.begin(), zoo_names.end(), name) != zoo_names.end()) {
    found = true;
    std::ostringstream err;
    zoo::show(s, name, zoo::ZooFormat::Text, out, err);
  }
  if (print_solver_info(s.units(), name, out)) found = true;
  auto g = s.globals().find(name);
  if (!found && g != s.globals().end()) {
    found = true;
    out << name << " : " << sema::describe(g->second.type, s.units()) << "\n  bound by " << g->second.origin << "\n";
  }
  return found;
}

bool Session::list(std::string_view what, std::ostream& out) {
  driver::Session& s = *impl_->session;
  if (what == "units") {
    std::map<std::string, std::vector<std::string>> by_dim;
    for (auto& [sym, u] : s.units().all())
      if (u.prefix.empty()) {
        std::string d = s.units().dimension_name(u.dim);
        by_dim[d.empty() ? u.dim.base_form() : d].push_back(sym);
      }
    for (auto& [d, syms] : by_dim) {
      out << d << ":";
      for (auto& sym : syms) out << " " << sym;
      out << "\n";
    }
  } else if (what == "dims") {
    for (auto& [n, d] : s.units().dimensions()) out << n << " = " << d.base_form() << "\n";
  } else if (what == "zoo") {
    zoo::list(s, zoo::ZooFormat::Text, out);
  } else if (what == "solvers") {
    for (auto& sd : reg::solvers()) out << sd.name << " — " << sd.summary << "\n";
  } else {
    return false;
  }
  return true;
}

std::string Session::script() const { return to_script(impl_->entries); }
std::size_t Session::entries() const { return impl_->entries.size(); }

void Session::reset() {
  impl_->session = std::make_unique<driver::Session>();
  impl_->entries.clear();
}

// --- completion ---------------------------------------------------------------------------------

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

// The type of `a.b.c` (the identifier chain ending just before `end`), or nothing.
std::optional<sema::SType> chain_type(driver::Session& s, const std::string& line, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && (ident_char(line[b - 1]) || line[b - 1] == '.')) --b;
  std::string chain = line.substr(b, end - b);
  std::vector<std::string> parts;
  std::size_t k = 0;
  while (k <= chain.size()) {
    std::size_t d = chain.find('.', k);
    if (d == std::string::npos) d = chain.size();
    parts.push_back(chain.substr(k, d - k));
    k = d + 1;
  }
  if (parts.empty() || parts[0].empty()) return std::nullopt;
  s.require_zoo_for(parts[0]);  // `H100.` completes even before H100 was used
  auto it = s.globals().find(parts[0]);
  if (it == s.globals().end()) return std::nullopt;
  sema::SType t = it->second.type;
  for (std::size_t p = 1; p < parts.size(); ++p) {
    if (!t.is_record() || !t.fields) return std::nullopt;
    auto f = std::find_if(t.fields->begin(), t.fields->end(), [&](auto& x) { return x.first == parts[p]; });
    if (f == t.fields->end()) return std::nullopt;
    sema::SType next = f->second;
    t = next;
  }
  return t;
}

// The function whose call the cursor is in (the identifier before the innermost open `(`).
std::string enclosing_call(const std::string& line, std::size_t upto) {
  int depth = 0;
  for (std::size_t k = upto; k-- > 0;) {
    char c = line[k];
    if (c == ')') ++depth;
    else if (c == '(') {
      if (depth == 0) {
        std::size_t e = k;
        while (e > 0 && line[e - 1] == ' ') --e;
        std::size_t b = e;
        while (b > 0 && ident_char(line[b - 1])) --b;
        return line.substr(b, e - b);
      }
      --depth;
    }
  }
  return "";
}

}  // namespace

Completion Session::complete(const std::string& line, std::size_t cursor) {
  driver::Session& s = *impl_->session;
  Completion c;
  cursor = std::min(cursor, line.size());
  std::size_t start = cursor;
  while (start > 0 && ident_char(line[start - 1])) --start;
  c.start = start;
  std::string word = line.substr(start, cursor - start);
  std::set<std::string> out;
  auto offer = [&](const std::string& x) {
    if (x.compare(0, word.size(), word) == 0) out.insert(x);
  };
  // After a `.`: the fields of the record before it.
  if (start > 0 && line[start - 1] == '.') {
    if (auto t = chain_type(s, line, start - 1); t && t->is_record() && t->fields)
      for (auto& [name, _] : *t->fields) offer(name);
    c.candidates.assign(out.begin(), out.end());
    return c;
  }
  // Inside a solver's call: its named arguments first.
  std::string fn = enclosing_call(line, start);
  if (!fn.empty())
    if (const reg::SolverDesc* sd = reg::find_solver(fn); sd && sd->name == fn)
      for (auto& p : sd->params) offer(p.name + " = ");
  for (auto& [name, b] : s.globals())
    if (name.rfind("__", 0) != 0) offer(name);
  for (auto& n : driver::ZooIndex::builtin().names()) offer(n);
  for (auto& [sym, _] : s.units().all()) offer(sym);
  for (auto& sd : reg::solvers()) offer(sd.name);
  for (auto& k : keywords()) offer(k);
  for (auto& f : builtin_functions()) offer(f);
  c.candidates.assign(out.begin(), out.end());
  return c;
}

}  // namespace mls::api
