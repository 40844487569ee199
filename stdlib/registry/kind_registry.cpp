#include "stdlib/registry/kind_registry.hpp"

#include "stdlib/registry/kind_display.hpp"
#include "stdlib/registry/solver_registry.hpp"

namespace mls::reg {

namespace {
std::vector<KindDesc>& table() {
  static std::vector<KindDesc> t;
  return t;
}
}  // namespace

void add_kind(KindDesc k) { table().push_back(std::move(k)); }

const std::vector<KindDesc>& kinds() {
  register_all();
  return table();
}

const KindDesc* find_kind(const std::string& name) {
  for (auto& k : kinds())
    if (k.name == name) return &k;
  return nullptr;
}

std::vector<const KindDesc*> kinds_of_family(const std::string& family) {
  std::vector<const KindDesc*> out;
  for (auto& k : kinds())
    if (k.family == family) out.push_back(&k);
  return out;
}

const FieldDesc* KindDesc::field(const std::string& n) const {
  for (auto& f : fields) {
    if (f.name == n) return &f;
    for (auto& a : f.aliases)
      if (a == n) return &f;
  }
  return nullptr;
}

const KindDesc& kind_for_decode(const Record& r, const char* family, const std::string& what) {
  auto fam = kinds_of_family(family);
  for (auto* k : fam)
    if (k->name == r.kind) return *k;
  // An untyped record literal (or JSON object) is read as the family's first kind; a workload
  // record may say which kind it is in a "kind" field.
  if (r.kind.empty() || r.kind == family) {
    if (auto* kf = r.find("kind"); kf && kf->is_str())
      for (auto* k : fam)
        if (k->name == kf->str()) return *k;
    if (!fam.empty()) return *fam.front();
  }
  throw SolverError("UnsupportedWorkload", what + ": " + with_article(record_noun(r.kind)) + " is not " +
                                               with_article(family));
}

template <> Site Codec<Site>::decode(const Value& v, const std::string& what) {
  const Record& r = expect_record(v, "site", what);
  Site s;
  if (r.kind == "datacenter" || r.find("grid")) s.datacenter = Codec<Datacenter>::decode(v, what);
  else s.grid = Codec<Grid>::decode(v, what);
  return s;
}

std::string kind_name_for(const void* obj, const char* family) {
  std::string fam = family;
  if (fam == "workload") {
    switch (static_cast<const Workload*>(obj)->kind) {
      case WorkloadKind::transformer: return "transformer";
      case WorkloadKind::moe: return "moe";
      case WorkloadKind::ssm: return "ssm";
      case WorkloadKind::cnn: return "cnn";
      case WorkloadKind::diffusion: return "diffusion";
      case WorkloadKind::generic: return "generic";
      case WorkloadKind::vla: return "vla";
    }
  }
  return fam;
}

}  // namespace mls::reg
