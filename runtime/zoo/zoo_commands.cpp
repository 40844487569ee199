#include "runtime/zoo/zoo_commands.hpp"

#include "runtime/format/quantity_json.hpp"
#include "runtime/output/output_sink.hpp"
#include "runtime/zoo/audit.hpp"
#include "stdlib/registry/kind_registry.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>

namespace mls::zoo {

namespace {
using nlohmann::json;

const reg::FieldDesc* field_desc(const std::string& kind, const std::string& field) {
  const reg::KindDesc* k = reg::find_kind(kind);
  return k ? k->field(field) : nullptr;
}

ir::Shape shape_for(const reg::Type& t, const units::UnitTable& u) {
  ir::Shape s;
  if (t.tag == reg::Tag::Quantity) {
    s.type = ir::VType::F64;
    s.dim = t.dim;
    s.display = units::default_display(t.dim, u);
    s.dim_name = u.dimension_name(t.dim);
  } else if (t.tag == reg::Tag::Record) {
    s.type = ir::VType::Record;
  } else if (t.tag == reg::Tag::Bool) {
    s.type = ir::VType::Bool;
  } else {
    s.type = ir::VType::Str;
  }
  return s;
}

std::string text_of(const Value& v, const reg::Type& t, const units::UnitTable& u) {
  return out::format_value(v, shape_for(t, u), 4);
}

json json_of(const Value& v, const reg::Type& t, const units::UnitTable& u) {
  if (v.is_num() && t.tag == reg::Tag::Quantity) return quantity_json(v.num(), t.dim, units::default_display(t.dim, u), u);
  if (v.is_num()) return v.num();
  if (v.is_bool()) return v.boolean();
  if (v.is_str()) return v.str();
  if (v.is_record()) {
    const Value* n = v.record().find("name");
    return n && n->is_str() ? json(n->str()) : json(v.record().kind);
  }
  return nullptr;
}

// A field as the entry wrote it (80 GiB stays in GiB), else in its dimension's default display.
std::string field_text(const sema::ZooEntry& e, const Record& r, const std::string& fn, const Value& fv,
                       const units::UnitTable& u) {
  const reg::FieldDesc* fd = field_desc(r.kind, fn);
  if (auto it = e.field_display.find(fn); it != e.field_display.end() && fv.is_num()) {
    ir::Shape sh;
    sh.display = it->second;
    return out::format_value(fv, sh, 4);
  }
  return fd ? text_of(fv, fd->type, u) : std::string("?");
}

std::string display_name(const Record& r) {
  const Value* n = r.find("name");
  return n && n->is_str() ? n->str() : "";
}

std::string tier_of(const Record& r) {
  const Value* t = r.find("tier");
  return t && t->is_str() ? t->str() : "";
}

// Figures derived from an entry's fields, each with the equation it comes from.
std::vector<std::tuple<std::string, double, Dimension, std::string>> derived(const std::string& kind, const Record& r) {
  std::vector<std::tuple<std::string, double, Dimension, std::string>> d;
  auto num = [&](const char* f) -> std::optional<double> {
    const Value* v = r.find(f);
    return v && v->is_num() ? std::optional<double>(v->num()) : std::nullopt;
  };
  Dimension intensity = Dimension::base(BaseDim::Compute) / Dimension::base(BaseDim::Information);
  if (kind == "hardware") {
    if (auto p = num("peak_flops"), b = num("bandwidth"); p && b && *b > 0)
      d.emplace_back("ridge_point", *p / *b, intensity, "peak_flops / bandwidth (roofline ridge, seed Eq. 1-4)");
    for (const char* prec : {"fp16", "bf16"})
      if (!num(prec))
        if (auto p = num("peak_flops"))
          d.emplace_back(std::string(prec), *p, Dimension::base(BaseDim::Compute) / Dimension::base(BaseDim::Time),
                         "= peak_flops (MODELS §2: the 16-bit peak)");
  } else if (kind == "transformer" || kind == "moe" || kind == "ssm" || kind == "cnn" || kind == "diffusion") {
    if (auto p = num("parameters"))
      d.emplace_back("weights_fp16", *p * 2, Dimension::base(BaseDim::Information), "parameters × 2 B (MODELS §3.1, fp16)");
  } else if (kind == "fleet") {
    const Value* node = r.find("node");
    const Value* count = r.find("count");
    if (node && node->is_record() && count && count->is_num()) {
      const Value* g = node->record().find("gpus");
      if (g && g->is_num()) d.emplace_back("devices", g->num() * count->num(), Dimension{}, "count × node.gpus (MODELS §1)");
    }
  }
  return d;
}

bool matches(const std::string& hay, const std::string& needle) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(hay).find(lower(needle)) != std::string::npos;
}

int list_entries(driver::Session& s, const std::vector<const sema::ZooEntry*>& entries, ZooFormat f, std::ostream& out) {
  std::map<std::string, std::vector<const sema::ZooEntry*>> by_kind;
  for (auto* e : entries) by_kind[e->kind].push_back(e);
  if (f == ZooFormat::Json) {
    json a = json::array();
    for (auto* e : entries) {
      auto v = s.zoo_value(e->name);
      json o = {{"name", e->name}, {"kind", e->kind}};
      if (v && v->is_record()) {
        o["title"] = display_name(v->record());
        if (e->kind == "hardware") o["tier"] = tier_of(v->record());
      }
      o["source"] = e->prov.source;
      a.push_back(o);
    }
    out << a.dump(2) << "\n";
    return 0;
  }
  for (auto& [kind, es] : by_kind) {
    if (f == ZooFormat::Markdown)
      out << "\n## " << kind << "\n\n| name | title | tier | values | source | verified |\n|---|---|---|---|---|---|\n";
    else out << kind << " (" << es.size() << ")\n";
    std::stable_sort(es.begin(), es.end(), [&](auto* a, auto* b) {
      auto va = s.zoo_value(a->name), vb = s.zoo_value(b->name);
      std::string ta = va && va->is_record() ? tier_of(va->record()) : "", tb = vb && vb->is_record() ? tier_of(vb->record()) : "";
      return ta < tb;
    });
    for (auto* e : es) {
      auto v = s.zoo_value(e->name);
      std::string title = v && v->is_record() ? display_name(v->record()) : "";
      std::string tier = v && v->is_record() ? tier_of(v->record()) : "";
      if (f == ZooFormat::Markdown) {
        // Every number of the entry, so the generated page changes (and its check fails) when a value does.
        std::string values;
        if (v && v->is_record())
          for (auto& [fn, fv] : v->record().fields)
            if (fv.is_num()) values += (values.empty() ? "" : ", ") + fn + " " + field_text(*e, v->record(), fn, fv, s.units());
        out << "| `" << e->name << "` | " << title << " | " << tier << " | " << values << " | " << e->prov.source << " | "
            << e->prov.verified << " |\n";
      }
      else
        out << "  " << e->name << std::string(e->name.size() < 24 ? 24 - e->name.size() : 1, ' ') << title
            << (tier.empty() ? "" : "  [" + tier + "]") << "\n";
    }
  }
  return 0;
}
}  // namespace

int list(driver::Session& s, ZooFormat f, std::ostream& out) {
  std::vector<const sema::ZooEntry*> all;
  for (auto& e : s.zoo_entries()) all.push_back(&e);
  if (f == ZooFormat::Markdown)
    out << "# The MLS zoo\n\nGenerated by `mls zoo --format markdown` from the zoo itself (`zoo/*.mls`); do not edit.\n"
        << "Every entry carries its source and verification date; `mls zoo show NAME` lists every field.\n";
  return list_entries(s, all, f, out);
}

int search(driver::Session& s, const std::string& text, ZooFormat f, std::ostream& out) {
  std::vector<const sema::ZooEntry*> hits;
  for (auto& e : s.zoo_entries()) {
    auto v = s.zoo_value(e.name);
    std::string title = v && v->is_record() ? display_name(v->record()) + " " + tier_of(v->record()) : "";
    if (matches(e.name + " " + e.kind + " " + title + " " + e.prov.source, text)) hits.push_back(&e);
  }
  if (hits.empty() && f != ZooFormat::Json) {
    out << "no zoo entry matches '" << text << "'\n";
    return 1;
  }
  return list_entries(s, hits, f, out);
}

int show(driver::Session& s, const std::string& name, ZooFormat f, std::ostream& out, std::ostream& err) {
  const sema::ZooEntry* e = nullptr;
  for (auto& z : s.zoo_entries())
    if (z.name == name) e = &z;
  auto v = s.zoo_value(name);
  if (!e || !v || !v->is_record()) {
    err << "mls: no zoo entry named '" << name << "' (try `mls zoo search " << name << "`)\n";
    return 1;
  }
  const Record& r = v->record();
  const auto& u = s.units();
  auto prov_of = [&](const std::string& field) {
    auto it = e->field_prov.find(field);
    return it != e->field_prov.end() ? it->second : e->prov;
  };
  if (f == ZooFormat::Json) {
    json fields = json::object();
    for (auto& [fn, fv] : r.fields) {
      if (fv.is_none()) continue;
      const reg::FieldDesc* fd = field_desc(r.kind, fn);
      json q = fd ? json_of(fv, fd->type, u) : json(nullptr);
      if (auto it = e->field_display.find(fn); it != e->field_display.end() && fv.is_num() && fd)
        q = quantity_json(fv.num(), fd->type.dim, it->second, u);
      if (e->field_prov.count(fn)) {
        auto p = prov_of(fn);
        q = json{{"value", q}, {"source", p.source}, {"url", p.url}, {"verified", p.verified}, {"assumed", p.assumed}};
      }
      fields[fn] = q;
    }
    json der = json::object();
    for (auto& [dn, dv, dd, eq] : derived(r.kind, r)) {
      json q = quantity_json(dv, dd, units::default_display(dd, u), u);
      q["equation"] = eq;
      der[dn] = q;
    }
    json o = {{"name", e->name},
              {"kind", e->kind},
              {"title", display_name(r)},
              {"source", {{"title", e->prov.source}, {"url", e->prov.url}, {"verified", e->prov.verified}, {"assumed", e->prov.assumed}}},
              {"fields", fields},
              {"derived", der}};
    out << o.dump(2) << "\n";
    return 0;
  }
  out << e->name << " (" << e->kind << ")";
  if (!display_name(r).empty()) out << ": " << display_name(r);
  out << "\n  source: " << e->prov.source;
  if (!e->prov.url.empty()) out << " <" << e->prov.url << ">";
  out << ", verified " << e->prov.verified << (e->prov.assumed ? " (assumed)" : "") << "\n";
  size_t w = 0;
  for (auto& [fn, fv] : r.fields)
    if (!fv.is_none()) w = std::max(w, fn.size());
  for (auto& [fn, fv] : r.fields) {
    if (fv.is_none()) continue;
    out << "  " << fn << std::string(w - fn.size() + 2, ' ') << field_text(*e, r, fn, fv, u);
    if (e->field_prov.count(fn)) {
      auto p = prov_of(fn);
      out << "   [" << (p.assumed ? "assumed" : "") << (p.assumed && !p.source.empty() ? "; " : "") << p.source
          << (p.verified.empty() ? "" : ", " + p.verified) << "]";
    }
    out << "\n";
  }
  auto der = derived(r.kind, r);
  if (!der.empty()) out << "  derived:\n";
  for (auto& [dn, dv, dd, eq] : der) {
    ir::Shape sh;
    sh.display = units::default_display(dd, u);
    out << "    " << dn << " = " << out::format_value(Value(dv), sh, 4) << "   (" << eq << ")\n";
  }
  return 0;
}

int audit(driver::Session& s, const std::string& file, ZooFormat f, std::ostream& out, std::ostream& err) {
  if (!file.empty()) {
    driver::Options o;
    int rc = s.load_entries(file, o, err);
    if (rc != 0) return rc;
  }
  std::vector<Finding> findings;
  size_t checked = 0;
  for (auto& e : s.zoo_entries()) {
    if (!file.empty() && e.builtin) continue;
    auto v = s.zoo_value(e.name);
    if (!v || !v->is_record()) continue;
    ++checked;
    auto fs = audit_entry(e, v->record());
    findings.insert(findings.end(), fs.begin(), fs.end());
  }
  if (f == ZooFormat::Json) {
    json a = json::array();
    for (auto& x : findings) a.push_back({{"entry", x.entry}, {"field", x.field}, {"problem", x.problem}});
    out << json{{"checked", checked}, {"findings", a}}.dump(2) << "\n";
  } else {
    for (auto& x : findings) out << x.entry << (x.field.empty() ? "" : "." + x.field) << ": " << x.problem << "\n";
    out << "audit: " << checked << " entries checked, " << findings.size() << " finding" << (findings.size() == 1 ? "" : "s") << "\n";
  }
  return findings.empty() ? 0 : 1;
}

}  // namespace mls::zoo
