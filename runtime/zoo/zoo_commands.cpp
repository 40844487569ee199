#include "runtime/zoo/zoo_commands.hpp"

#include "runtime/format/document_writer.hpp"

#include "compiler/diag/edit_distance.hpp"
#include "compiler/source/visible_text.hpp"
#include "runtime/format/markdown_cell.hpp"
#include "runtime/format/value_json.hpp"
#include "runtime/output/output_sink.hpp"
#include "runtime/zoo/audit.hpp"
#include "runtime/zoo/audit_outputs.hpp"
#include "stdlib/registry/kind_registry.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>

namespace mls::zoo {

namespace {
using json = Json;  // ordered: fields in the entry's order

// The entry's fields as one record of the output schema, each number in the unit the entry wrote
// (80 GiB stays GiB), else in its dimension's default display.
ir::Shape entry_shape(const sema::ZooEntry& e, const Value& v, const units::UnitTable& u) {
  ir::Shape shape = registry_shape(v, nullptr, u);
  for (auto& [fn, fs] : shape.fields)
    if (auto it = e.field_display.find(fn); it != e.field_display.end()) {
      auto shown = std::make_shared<ir::Shape>(*fs);
      shown->display = it->second;
      fs = shown;
    }
  return shape;
}

// One field of an entry as text, in the entry's shape ("?" when the shape has no such field).
std::string field_text(const ir::Shape& shape, const std::string& fn, const Value& fv) {
  for (auto& [sn, fs] : shape.fields)
    if (sn == fn) return out::format_value(fv, *fs, 4);
  return "?";
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
  } else if (kind == "transformer" || kind == "moe" || kind == "ssm" || kind == "cnn" || kind == "diffusion" || kind == "vla") {
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

// The entries whose names are closest to a misspelt one (case-insensitive edit distance), for the error.
std::string nearest_entries(driver::Session& s, const std::string& name) {
  auto lower = [](std::string t) {
    for (auto& c : t) c = char(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  std::vector<std::pair<size_t, std::string>> d;
  for (auto& z : s.zoo_entries()) d.emplace_back(edit_distance(lower(z.name), lower(name)), z.name);
  std::stable_sort(d.begin(), d.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::string out;
  for (size_t i = 0; i < d.size() && i < 3 && d[i].first <= std::max<size_t>(2, name.size() / 3); ++i)
    out += (out.empty() ? "; did you mean " : ", ") + d[i].second;
  return out;
}

// Every number of an entry ("peak_flops 989 TFLOP/s, ..."), for the markdown and HTML listings.
std::string entry_values(driver::Session& s, const sema::ZooEntry& e, const std::optional<Value>& v) {
  std::string values;
  if (v && v->is_record()) {
    ir::Shape shape = entry_shape(e, *v, s.units());
    for (auto& [fn, fv] : v->record().fields)
      if (fv.is_num()) values += (values.empty() ? "" : ", ") + fn + " " + field_text(shape, fn, fv);
  }
  return values;
}

int list_entries(driver::Session& s, const std::vector<const sema::ZooEntry*>& entries, ZooFormat f, std::ostream& out,
                 const std::string& title = "") {
  std::map<std::string, std::vector<const sema::ZooEntry*>> by_kind;
  for (auto* e : entries) by_kind[e->kind].push_back(e);
  if (f == ZooFormat::Html) {  // a self-contained page: one table per kind
    auto w = out::html_writer(out);
    w->begin(title);
    for (auto& [kind, es] : by_kind) {
      w->heading(kind + " (" + std::to_string(es.size()) + ")");
      std::vector<std::vector<std::string>> rows;
      for (auto* e : es) {
        auto v = s.zoo_value(e->name);
        rows.push_back({e->name, v && v->is_record() ? display_name(v->record()) : "",
                        v && v->is_record() ? tier_of(v->record()) : "", entry_values(s, *e, v), e->prov.source,
                        e->prov.verified});
      }
      w->table({"name", "title", "tier", "values", "source", "verified"}, rows, {}, "");
    }
    w->end();
    return 0;
  }
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
    out << json_text(a, 2) << "\n";
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
        std::string values = entry_values(s, *e, v);
        out << "| `" << e->name << "` | " << out::markdown_cell(title) << " | " << out::markdown_cell(tier) << " | "
            << out::markdown_cell(values) << " | " << out::markdown_cell(e->prov.source) << " | "
            << out::markdown_cell(e->prov.verified) << " |\n";
      }
      else
        out << "  " << e->name << std::string(e->name.size() < 24 ? 24 - e->name.size() : 1, ' ')
            << visible_text(title, Layout::Inline) << (tier.empty() ? "" : "  [" + visible_text(tier, Layout::Inline) + "]") << "\n";
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
        << "Every entry carries its source and verification date; `mls zoo show NAME` lists every field.\n"
        << "Adding entries of your own, the record templates and `mls zoo import hf`: [zoo-entries.md](zoo-entries.md).\n";
  return list_entries(s, all, f, out, "The MLS zoo");
}

int search(driver::Session& s, const std::string& text, ZooFormat f, std::ostream& out) {
  std::vector<const sema::ZooEntry*> hits;
  for (auto& e : s.zoo_entries()) {
    auto v = s.zoo_value(e.name);
    std::string title = v && v->is_record() ? display_name(v->record()) + " " + tier_of(v->record()) : "";
    if (matches(e.name + " " + e.kind + " " + title + " " + e.prov.source, text)) hits.push_back(&e);
  }
  if (hits.empty() && f != ZooFormat::Json && f != ZooFormat::Html) {  // an empty answer, not an error (JSON prints [])
    out << "no zoo entry matches '" << visible_text(text, Layout::Inline) << "'\n";
    return driver::kOk;
  }
  return list_entries(s, hits, f, out, "MLS zoo entries matching '" + text + "'");
}

int show(driver::Session& s, const std::string& name, ZooFormat f, std::ostream& out, std::ostream& err) {
  const sema::ZooEntry* e = nullptr;
  for (auto& z : s.zoo_entries())
    if (z.name == name) e = &z;
  // `mls zoo show h100` finds H100: names differ by more than case nowhere in the zoo.
  if (!e)
    for (auto& z : s.zoo_entries())
      if (z.name.size() == name.size() && matches(z.name, name)) e = &z;
  auto v = e ? s.zoo_value(e->name) : std::nullopt;
  if (!e || !v || !v->is_record()) {
    err << "mls: no zoo entry named '" << visible_text(name, Layout::Inline) << "'" << nearest_entries(s, name)
        << " (or `mls zoo search " << visible_text(name, Layout::Inline) << "`)\n";
    return driver::kUsage;
  }
  const Record& r = v->record();
  const auto& u = s.units();
  auto prov_of = [&](const std::string& field) {
    auto it = e->field_prov.find(field);
    return it != e->field_prov.end() ? it->second : e->prov;
  };
  // Provenance and the derived figures' equations go beside the fields, never inside a value.
  ir::Shape shape = entry_shape(*e, *v, u);
  if (f == ZooFormat::Json) {
    auto source_json = [](const sema::Provenance& p) {
      return json{{"title", p.source}, {"url", p.url}, {"verified", p.verified}, {"assumed", p.assumed}};
    };
    json prov = json::object();
    for (auto& [fn, fv] : r.fields)
      if (!fv.is_none() && e->field_prov.count(fn)) prov[fn] = source_json(prov_of(fn));
    json der = json::object(), equations = json::object();
    for (auto& [dn, dv, dd, eq] : derived(r.kind, r)) {
      der[dn] = quantity_json(dv, dd, units::default_display(dd, u), u);
      equations[dn] = eq;
    }
    json o = {{"name", e->name},
              {"kind", e->kind},
              {"title", display_name(r)},
              {"source", source_json(e->prov)},
              {"fields", value_json(*v, shape, u)},
              {"provenance", prov},
              {"derived", der},
              {"equations", equations}};
    out << json_text(o, 2) << "\n";
    return 0;
  }
  out << e->name << " (" << e->kind << ")";
  if (!display_name(r).empty()) out << ": " << visible_text(display_name(r), Layout::Inline);
  out << "\n  source: " << visible_text(e->prov.source, Layout::Inline);
  if (!e->prov.url.empty()) out << " <" << visible_text(e->prov.url, Layout::Inline) << ">";
  out << ", verified " << visible_text(e->prov.verified, Layout::Inline) << (e->prov.assumed ? " (assumed)" : "") << "\n";
  size_t w = 0;
  for (auto& [fn, fv] : r.fields)
    if (!fv.is_none()) w = std::max(w, fn.size());
  for (auto& [fn, fv] : r.fields) {
    if (fv.is_none()) continue;
    out << "  " << fn << std::string(w - fn.size() + 2, ' ') << field_text(shape, fn, fv);
    if (e->field_prov.count(fn)) {
      auto p = prov_of(fn);
      out << "   [" << (p.assumed ? "assumed" : "") << (p.assumed && !p.source.empty() ? "; " : "")
          << visible_text(p.source, Layout::Inline) << (p.verified.empty() ? "" : ", " + visible_text(p.verified, Layout::Inline)) << "]";
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
  // Every language model (built in, or declared in FILE) probes the hardware entries' solver outputs.
  std::vector<ProbeModel> models;
  for (auto& e : s.zoo_entries())
    if (e.kind == "transformer" || e.kind == "moe")
      if (auto v = s.zoo_value(e.name); v && v->is_record()) models.emplace_back(e.name, *v);
  for (auto& e : s.zoo_entries()) {
    if (!file.empty() && e.builtin) continue;
    auto v = s.zoo_value(e.name);
    if (!v || !v->is_record()) continue;
    ++checked;
    auto fs = audit_entry(e, v->record());
    findings.insert(findings.end(), fs.begin(), fs.end());
    if (e.kind == "hardware") {
      auto os = audit_outputs(e.name, *v, models);
      findings.insert(findings.end(), os.begin(), os.end());
    }
  }
  if (f == ZooFormat::Json) {
    json a = json::array();
    for (auto& x : findings) a.push_back({{"entry", x.entry}, {"field", x.field}, {"problem", x.problem}});
    out << json_text(json{{"checked", checked}, {"findings", a}}, 2) << "\n";
  } else {
    for (auto& x : findings)
      out << x.entry << (x.field.empty() ? "" : "." + x.field) << ": " << visible_text(x.problem, Layout::Inline) << "\n";
    out << "audit: " << checked << " entries checked, " << findings.size() << " finding" << (findings.size() == 1 ? "" : "s") << "\n";
  }
  return findings.empty() ? driver::kOk : driver::kFailed;  // a finding is a failed check
}

}  // namespace mls::zoo
