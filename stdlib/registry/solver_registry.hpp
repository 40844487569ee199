// The solver and formula registry: one declaration per solver, built from the C++ input and
// output structs' members, exports the MLS name, parameters (name, dimension, default, range)
// and result fields to the type checker, and a type-erased entry point for the evaluators.
//
//   SolverDef<ServingIn, ServingOut>("serving", "serve", "MODELS §6", "TTFT and ITL of LLM serving")
//       .in("model", &ServingIn::model, "the transformer or MoE served", Req)
//       .in("seq_len", &ServingIn::seq_len, "prompt length S", Req)
//       .in("batch", &ServingIn::batch, "concurrent requests B")   // default = ServingIn{}.batch
//       .out("ttft", &ServingOut::ttft, "time to first token")
//       .run(&solve_serving);
//
// Defaults are the C++ struct's default member initialisers, so they too have one source.
#pragma once

#include "stdlib/registry/kind_registry.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mls::reg {

struct Range {
  std::optional<double> lo, hi;       // in SI units of the parameter
  bool lo_open = false, hi_open = false;
  bool contains(double x) const;
  std::string describe() const;       // "(0, 1]", ">= 1"
};

struct ParamDesc {
  std::string name;
  std::vector<std::string> aliases;   // spec input names that differ (e.g. "S" for seq_len)
  Type type;
  bool required = false;
  Value def;                          // default (None for an absent optional)
  Range range;
  std::string doc;
};

struct ResultDesc {
  std::string name;
  Type type;
  std::string doc;
};

struct SolverDesc {
  std::string id;                     // spec id as in spec-cases.json: "serving"
  std::string name;                   // MLS function name: "serve"
  std::string section;                // "MODELS §6 (Wall 4), seed Eq. (6)-(7)"
  std::string summary;
  std::vector<ParamDesc> params;
  std::vector<ResultDesc> results;    // empty for a scalar formula
  Type scalar;                        // result type when results is empty
  std::string result_kind;            // record kind of the result ("serving")
  std::function<Value(const std::vector<Value>&)> call;  // args in params order, defaults filled

  const ParamDesc* param(std::string_view n) const;  // by name or alias
  int param_index(std::string_view n) const;
  // Validates ranges, converts, runs. Throws SolverError (kind per MODELS §0.2).
  Value invoke(const std::vector<Value>& args) const;
};

const std::vector<SolverDesc>& solvers();
const SolverDesc* find_solver(std::string_view name_or_id);
void add_solver(SolverDesc s);

// Option markers for SolverDef::in.
struct Opt {
  bool required = false;
  Range range;
  std::vector<std::string> choices;  // for string parameters that are enumerations
  std::vector<std::string> aliases;
};
inline const Opt Req{true, {}, {}, {}};
inline Opt between(double lo, double hi, bool lo_open = false, bool hi_open = false) {
  Opt o; o.range = Range{lo, hi, lo_open, hi_open}; return o;
}
inline Opt at_least(double lo, bool open = false) { Opt o; o.range.lo = lo; o.range.lo_open = open; return o; }
inline Opt one_of(std::vector<std::string> c) { Opt o; o.choices = std::move(c); return o; }

template <class In, class Out> class SolverDef {
 public:
  SolverDef(std::string id, std::string name, std::string section, std::string summary) {
    d_.id = std::move(id);
    d_.name = std::move(name);
    d_.section = std::move(section);
    d_.summary = std::move(summary);
    d_.result_kind = d_.id;
  }
  template <class M> SolverDef& in(const char* name, M In::*m, const char* doc, Opt opt = {}) {
    ParamDesc p;
    p.name = name;
    p.type = TypeOf<M>::get();
    if (!opt.choices.empty()) { p.type.tag = Tag::Enum; p.type.choices = opt.choices; }
    p.required = opt.required;
    p.range = opt.range;
    p.aliases = opt.aliases;
    p.doc = doc;
    if (!p.required) p.def = to_value(In{}.*m);
    d_.params.push_back(std::move(p));
    size_t idx = setters_.size();
    if constexpr (is_record_family<M>::value) {
      // A record argument (hardware, workload, fleet, ...) is decoded once per record: a sweep
      // passes the same immutable record at every point, and decoding it (field lookups by name)
      // cost more than the equation. Keyed on the record's identity, which the cache keeps alive;
      // one cache per parameter and thread (--threads runs points on several threads at once).
      struct Memo {
        Value held;
        M decoded{};
      };
      auto key = std::make_shared<const char>('\0');  // this parameter's identity
      setters_.push_back([m, idx, name = std::string(name), key](In& in, const std::vector<Value>& a) {
        thread_local std::unordered_map<const void*, Memo> memos;
        Memo* memo = &memos[key.get()];
        const Value& v = a[idx];
        if (v.is_record() && memo->held.is_record() && &memo->held.record() == &v.record()) {
          in.*m = memo->decoded;
          return;
        }
        in.*m = from_value<M>(v, name);
        if (v.is_record()) {
          memo->held = v;
          memo->decoded = in.*m;
        }
      });
    } else {
      setters_.push_back([m, idx, name = std::string(name)](In& in, const std::vector<Value>& a) {
        in.*m = from_value<M>(a[idx], name);
      });
    }
    return *this;
  }
  SolverDef& alias(const char* a) { d_.params.back().aliases.push_back(a); return *this; }
  template <class M, class O = Out> SolverDef& out(const char* name, M O::*m, const char* doc) {
    d_.results.push_back(ResultDesc{name, TypeOf<M>::get(), doc});
    getters_.push_back([m](const Out& o) { return to_value(o.*m); });
    return *this;
  }
  void run(std::function<Out(const In&)> fn) {
    if constexpr (!std::is_class_v<Out> || boost::units::is_quantity<Out>::value) d_.scalar = TypeOf<Out>::get();
    auto setters = setters_;
    auto getters = getters_;
    auto names = result_names();
    auto kind = d_.result_kind;
    d_.call = [fn, setters, getters, names, kind](const std::vector<Value>& args) -> Value {
      In in{};
      for (auto& s : setters) s(in, args);
      Out out = fn(in);
      if constexpr (!std::is_class_v<Out> || boost::units::is_quantity<Out>::value) {
        return to_value(out);
      } else {
        auto r = std::make_shared<Record>();
        r->kind = kind;
        r->fields.reserve(getters.size());  // one allocation per result (a sweep builds one per point)
        for (size_t i = 0; i < getters.size(); ++i) r->fields.emplace_back(names[i], getters[i](out));
        return Value(RecordPtr(std::move(r)));
      }
    };
    add_solver(std::move(d_));
  }

 private:
  std::vector<std::string> result_names() const {
    std::vector<std::string> n;
    for (auto& r : d_.results) n.push_back(r.name);
    return n;
  }
  SolverDesc d_;
  std::vector<std::function<void(In&, const std::vector<Value>&)>> setters_;
  std::vector<std::function<Value(const Out&)>> getters_;
};

// Registration hook: each stdlib/solvers/*.cpp defines `void register_xxx()` and lists it in
// registry_init.cpp (no static-init-order games; the registry is built once, on first use).
void register_all();

}  // namespace mls::reg
