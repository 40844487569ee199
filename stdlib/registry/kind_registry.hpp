// Record kinds (hardware, transformer, fleet, ...) declared once, from the C++ structs' members:
// the checker reads the field names and dimensions from here, and the same descriptors convert
// records to and from the C++ structs the solvers take.
#pragma once

#include "stdlib/registry/types.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mls::reg {

struct FieldDesc {
  std::string name;
  std::vector<std::string> aliases;
  Type type;
  bool required = false;              // a zoo entry of this kind must set it
  std::string doc;
  std::function<Value(const void*)> get;
  std::function<void(void*, const Value&, const std::string& what)> set;
};

struct KindDesc {
  std::string name;                   // language kind: "hardware", "transformer", "moe", ...
  std::string family;                 // C++ family: "hardware", "workload", ...
  std::string doc;
  std::vector<FieldDesc> fields;
  std::function<void(void*)> init;    // fixes discriminators (Workload::kind) after default construction

  const FieldDesc* field(const std::string& n) const;  // by name or alias
};

const std::vector<KindDesc>& kinds();
const KindDesc* find_kind(const std::string& name);
std::vector<const KindDesc*> kinds_of_family(const std::string& family);

// Registration (used by the kind declarations in stdlib/kinds/*.cpp at static-init time).
void add_kind(KindDesc k);

template <class T> class KindDef {
 public:
  KindDef(std::string name, std::string doc) {
    k_.name = std::move(name);
    k_.family = RecordFamily<T>::name;
    k_.doc = std::move(doc);
  }
  template <class M> KindDef& field(const char* name, M T::*m, const char* doc, bool required = false) {
    FieldDesc f;
    f.name = name;
    f.type = TypeOf<M>::get();
    f.required = required;
    f.doc = doc;
    f.get = [m](const void* o) { return to_value(static_cast<const T*>(o)->*m); };
    f.set = [m](void* o, const Value& v, const std::string& what) { static_cast<T*>(o)->*m = from_value<M>(v, what); };
    k_.fields.push_back(std::move(f));
    return *this;
  }
  // A field with hand-written accessors (e.g. one entry of Hardware::precision_flops).
  template <class M>
  KindDef& computed(const char* name, const char* doc, std::function<std::optional<M>(const T&)> get,
                    std::function<void(T&, std::optional<M>)> set) {
    FieldDesc f;
    f.name = name;
    f.type = TypeOf<std::optional<M>>::get();
    f.doc = doc;
    f.get = [get](const void* o) { return to_value(get(*static_cast<const T*>(o))); };
    f.set = [set](void* o, const Value& v, const std::string& what) {
      set(*static_cast<T*>(o), from_value<std::optional<M>>(v, what));
    };
    k_.fields.push_back(std::move(f));
    return *this;
  }
  KindDef& alias(const char* a) { k_.fields.back().aliases.push_back(a); return *this; }
  // The field is one of these tags (usable as bare words: `hw.tier == cloud`).
  KindDef& one_of(std::vector<std::string> tags) {
    k_.fields.back().type.tag = Tag::Enum;
    k_.fields.back().type.choices = std::move(tags);
    return *this;
  }
  KindDef& init(std::function<void(T&)> fn) {
    k_.init = [fn](void* o) { fn(*static_cast<T*>(o)); };
    return *this;
  }
  ~KindDef() { add_kind(std::move(k_)); }

 private:
  KindDesc k_;
};

// Generic record codec over the descriptors: decode picks the descriptor named by record.kind
// among the family's kinds; encode uses the family's first kind (or the one init() marks).
template <class T> struct Codec {
  static T decode(const Value& v, const std::string& what);
  static Value encode(const T& x);
};

// Implemented once for every family in kind_registry.cpp.
const KindDesc& kind_for_decode(const Record& r, const char* family, const std::string& what);
std::string kind_name_for(const void* obj, const char* family);  // which language kind encodes obj

// A site is a grid or a datacenter record (MODELS §14): decoded by hand in kind_registry.cpp.
template <> Site Codec<Site>::decode(const Value& v, const std::string& what);

template <class T> T Codec<T>::decode(const Value& v, const std::string& what) {
  const Record& r = expect_record(v, RecordFamily<T>::name, what);
  const KindDesc& k = kind_for_decode(r, RecordFamily<T>::name, what);
  T obj{};
  if (k.init) k.init(&obj);
  for (auto& [name, val] : r.fields) {
    const FieldDesc* f = k.field(name);
    if (!f) continue;  // provenance and other metadata fields are not solver inputs
    if (val.is_none() && !f->type.optional) continue;
    f->set(&obj, val, what + "." + name);
  }
  return obj;
}

template <class T> Value Codec<T>::encode(const T& x) {
  std::string kname = kind_name_for(&x, RecordFamily<T>::name);
  const KindDesc* k = find_kind(kname);
  auto r = std::make_shared<Record>();
  r->kind = kname;
  r->fields.reserve(k->fields.size());
  for (auto& f : k->fields) r->fields.emplace_back(f.name, f.get(&x));
  return Value(RecordPtr(std::move(r)));
}

}  // namespace mls::reg
