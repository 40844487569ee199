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

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
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
  std::string infinite_when;  // when MODELS defines this result as +∞ (§0.2); empty: always finite
  std::string also_as;        // a former name `mls solve` also writes the field under (docs/output.md); scripts see one name
  std::ptrdiff_t offset = -1; // where the C++ result struct holds it, when a double (a quantity) or a bool: JIT code
                              // reads it there after a point function (SolverDesc::point_fn)
};

// A result that is NaN, or infinite where MODELS does not define +∞ (an unstable queue's latencies,
// an undefined ITL): never silently a number. Both evaluators and `mls solve` report it as E0504
// naming the solver and the field.
struct NonFiniteResult : SolverError {
  std::string field;
  NonFiniteResult(std::string f, const std::string& msg) : SolverError("NonFiniteResult", msg), field(std::move(f)) {}
};

// Throws NonFiniteResult when `v` (result field `field`, a number or anything holding numbers) is
// NaN or -∞ anywhere, or +∞ when `infinite_ok` is false.
void check_finite_result(const std::string& field, const Value& v, bool infinite_ok);
void check_finite_result(const std::string& field, double x, bool infinite_ok);

struct SolverDesc;

// A prepared call site (issue 10's native path). A compiled sweep calls the same solver at every
// point with mostly the same arguments: the site keeps the last arguments and the decoded C++
// input, re-validates and re-decodes only the arguments that changed, skips the run when none did
// (solvers are pure functions of their arguments), and hands out result fields one at a time, as
// doubles when they are numbers, without building a result Record. Values and errors are those of
// SolverDesc::invoke: the same checks, setters, equation and getters. One site per thread.
class SolverSite {
 public:
  explicit SolverSite(const SolverDesc& d);
  virtual ~SolverSite() = default;
  // Argument k (parameter order) of the next run. `a` is only read during the call.
  void arg(std::size_t k, const Value& a);
  // Validates and decodes the changed arguments as invoke does, then runs the solver. Throws
  // SolverError; after an error every argument counts as changed again. True when only the per-point
  // part of a split solver ran (the plan of the other arguments was remembered).
  bool run();
  Value result() const;                                 // the whole result, as invoke returns it
  // A sweep over the solver's split parameter (SolverDef::split): when the site holds a successful
  // run and only that argument changes, to `x`, checks x as check_arg does and runs only the per-point
  // part of the equation. False when this does not apply (x out of range included): the caller then
  // goes through arg() and run(), which report what is wrong. Throws what run() throws.
  bool point(double x);
  // Argument k of the last successful run is `a` (the same value, as arg() compares them).
  bool holds(std::size_t k, const Value& a) const;
  // What a split solver's point function (SolverDesc::point_fn) works on, as JIT code calls it while
  // the other arguments are those of the last successful run: that run's plan, the input it was planned
  // on and its result (the plan's base plus the last point). They stay that plan's while the site runs
  // other plans (kPlans of them), until its slot is planned over. False when there is none (no
  // successful run, not split).
  bool point_operands(const void*& plan, const void*& in, void*& out);
  // JIT code computed points into the result point_operands gave: the next run computes its point
  // again, whatever the split argument (the result no longer holds the last run's point).
  void forget_point();
  const SolverDesc& desc() const { return desc_; }
  bool ready() const { return valid_; }                 // holds every argument of a successful run
  virtual Value field(std::size_t k) const = 0;         // result field k (index into results)
  virtual double number(std::size_t k) const = 0;       // field k when it is a number (a bool as 0/1)
  // A split solver's site keeps its last kPlans plans, keyed on the other arguments: a sweep that
  // varies another argument faster than the split one (`best 3 by` over precisions) comes back to the
  // same few plans and builds none of them again (a plan may hold strings: an infeasibility reason).
  static constexpr std::size_t kPlans = 8;

 protected:
  virtual void set(std::size_t k, const Value& a) = 0;  // decodes parameter k into the input
  // The equation on the current input. A split solver's plan lives in slot `plan` (< kPlans);
  // `planned`: the slot holds the plan of the input's other arguments (only the per-point part
  // runs), else it is planned again first. Solvers that are not split get plan = -1.
  virtual void compute(int plan, bool planned) = 0;
  virtual bool set_number(std::size_t k, double x) = 0;  // parameter k from a number; false: not a number
  virtual Value whole() const = 0;                      // the result Record, or a formula's value
  virtual bool operands(const void*& plan, const void*& in, void*& out) = 0;  // point_operands for plan_

 private:
  const SolverDesc& desc_;
  std::vector<Value> last_;             // the arguments of the last run
  std::vector<std::uint8_t> changed_;   // argument k changed since the last run ...
  std::vector<std::uint32_t> pending_;  // ... and the list of those k
  bool valid_ = false;                  // the input holds every argument of a successful run
  // The plans' keys (kPlans of them once a split solver runs): the other arguments each was made for.
  struct PlanKey {
    std::vector<Value> args;  // last_ when the plan was made (the split argument's entry unused)
    std::uint64_t used = 0;   // when it was last used (least recently used is planned over)
    bool valid = false;
  };
  std::vector<PlanKey> plans_;
  std::uint64_t clock_ = 0;
  int plan_ = -1;  // the slot of the last successful run's plan
  int plan_slot(bool& planned);  // the slot for the current arguments; planned: it holds their plan
};

struct SolverDesc {
  std::string id;                     // spec id as in spec-cases.json: "serving"
  std::string name;                   // MLS function name: "serve"
  std::string section;                // "MODELS §6 (Wall 4), seed Eq. (6)-(7)"
  std::string summary;
  std::vector<ParamDesc> params;
  int split = -1;                     // the parameter the equation is split on (SolverDef::split), or -1
  std::vector<ResultDesc> results;    // empty for a scalar formula
  Type scalar;                        // result type when results is empty
  std::string result_kind;            // record kind of the result ("serving")
  std::string display;                // what users read for the result type: "serve result" (kind_display.hpp)
  std::function<Value(const std::vector<Value>&)> call;  // args in params order, defaults filled

  std::function<std::unique_ptr<SolverSite>(const SolverDesc&)> prepare;  // a native call site
  // A split solver's per-point part as a plain C function (SolverDef::inline_point, issue 24): the same
  // equation as the site's point(), on (plan, input, x, result) as SolverSite::point_operands gives
  // them; 1 when it computed the point (x in range, every number it wrote finite), 0 when the call site
  // must. JIT code calls it by `point_symbol` (bound to point_fn, or linked in from the embedded bitcode
  // of the same source and inlined) and reads the fields it needs at their offsets (ResultDesc::offset).
  using PointFn = int (*)(const void* plan, const void* in, double x, void* out);
  std::string point_symbol;
  PointFn point_fn = nullptr;

  const ParamDesc* param(std::string_view n) const;  // by name or alias
  int param_index(std::string_view n) const;
  // Validates ranges, converts, runs. Throws SolverError (kind per MODELS §0.2).
  Value invoke(const std::vector<Value>& args) const;
  // invoke's check of argument k (required, range, enumeration).
  void check_arg(std::size_t k, const Value& a) const;
  // True when result field k is always a number or a bool (never absent): a site's number() reads it.
  bool native_field(std::size_t k) const;
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
// Required amounts: >= 0; required rates and capacities a solver divides by: > 0.
inline Opt nonnegative_required() { Opt o = at_least(0); o.required = true; return o; }
inline Opt positive_required() { Opt o = at_least(0, true); o.required = true; return o; }

template <class In, class Out> class SolverDef {
 public:
  SolverDef(std::string id, std::string name, std::string section, std::string summary) {
    d_.id = std::move(id);
    d_.name = std::move(name);
    d_.section = std::move(section);
    d_.summary = std::move(summary);
    d_.result_kind = d_.id;
    d_.display = d_.name + " result";
  }
  // The result type's name where "<name> result" is not what the docs call it ("Scorecard").
  SolverDef& shown_as(const char* display) {
    d_.display = display;
    return *this;
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
      setters_.push_back([m, name = std::string(name), key](In& in, const Value& v) {
        thread_local std::unordered_map<const void*, Memo> memos;
        Memo* memo = &memos[key.get()];
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
      setters_.push_back([m, name = std::string(name)](In& in, const Value& v) { in.*m = from_value<M>(v, name); });
    }
    // What from_value<M> makes of a number, without the Value (a split parameter's fast path).
    if constexpr (boost::units::is_quantity<M>::value)
      numeric_setters_.push_back([m](In& in, double x) { in.*m = M::from_value(x); });
    else if constexpr (std::is_same_v<M, double>)
      numeric_setters_.push_back([m](In& in, double x) { in.*m = x; });
    else
      numeric_setters_.push_back(nullptr);
    return *this;
  }
  SolverDef& alias(const char* a) { d_.params.back().aliases.push_back(a); return *this; }
  // The per-point part of a split solver as a C function JIT code calls or inlines (SolverDesc::point_fn).
  // It must compute exactly what split()'s `point` computes, for the cases it accepts.
  SolverDef& inline_point(const char* symbol, SolverDesc::PointFn fn) {
    if (d_.split < 0) throw std::logic_error(d_.name + ": inline_point needs split()");
    d_.point_symbol = symbol;
    d_.point_fn = fn;
    return *this;
  }
  // Splits the equation on one numeric parameter (issue 24): `plan` computes what does not depend on
  // it (plan.base: the result fields that do not), `point` writes the fields that do into a copy of
  // base. The function given to run() must be exactly plan, then point on a copy of base (as
  // solve_engine is), so the evaluators and a call site sweeping the parameter compute the same
  // numbers; the site plans again only when another argument changes.
  template <class Plan>
  SolverDef& split(const char* param, Plan (*plan)(const In&), void (*point)(const Plan&, const In&, Out&)) {
    int k = d_.param_index(param);
    if (k < 0 || !numeric_setters_[static_cast<std::size_t>(k)]) throw std::logic_error(d_.name + ": cannot split on " + param);
    d_.split = k;
    auto ops = std::make_shared<SplitOps>();
    ops->make = [] { return std::shared_ptr<void>(std::make_shared<std::optional<Plan>>()); };
    ops->plan = [plan](void* holder, const In& in) -> const Out& {
      auto& h = *static_cast<std::optional<Plan>*>(holder);
      h.reset();  // a failing plan leaves none
      h.emplace(plan(in));
      return h->base;
    };
    ops->point = [point](const void* holder, const In& in, Out& out) {
      point(**static_cast<const std::optional<Plan>*>(holder), in, out);
    };
    ops->get = [](const void* holder) -> const void* {
      auto& h = *static_cast<const std::optional<Plan>*>(holder);
      return h ? &*h : nullptr;
    };
    split_ = std::move(ops);
    return *this;
  }
  // The last result is +∞ in the case MODELS defines (§0.2); anywhere else +∞ is an error.
  SolverDef& infinite_when(const char* why) { d_.results.back().infinite_when = why; return *this; }
  // The last result's former name, kept readable in `mls solve` output for graders written against it.
  SolverDef& written_also_as(const char* former) { d_.results.back().also_as = former; return *this; }
  template <class M, class O = Out> SolverDef& out(const char* name, M O::*m, const char* doc) {
    d_.results.push_back(ResultDesc{name, TypeOf<M>::get(), doc});
    if constexpr ((boost::units::is_quantity<M>::value && sizeof(M) == sizeof(double)) || std::is_same_v<M, double> ||
                  std::is_same_v<M, bool>) {
      const Out probe{};
      d_.results.back().offset = reinterpret_cast<const char*>(&(probe.*m)) - reinterpret_cast<const char*>(&probe);
    }
    getters_.push_back([m](const Out& o) { return to_value(o.*m); });
    // Numbers are read in place at their offset (a sweep checks every field of every point: a
    // std::function per field cost more than the equation); strings hold no number to check.
    NumField nf;
    if constexpr ((boost::units::is_quantity<M>::value && sizeof(M) == sizeof(double)) || std::is_same_v<M, double>) {
      const Out probe{};
      nf.offset = reinterpret_cast<const char*>(&(probe.*m)) - reinterpret_cast<const char*>(&probe);
    }
    nf.checked = !std::is_same_v<M, std::string> && !std::is_same_v<M, std::optional<std::string>>;
    nf.is_bool = std::is_same_v<M, bool>;
    fields_.push_back(nf);
    if constexpr (boost::units::is_quantity<M>::value || std::is_arithmetic_v<M>)
      numbers_.push_back([m](const Out& o) {  // what to_value(o.*m) holds, without the Value
        if constexpr (boost::units::is_quantity<M>::value) return (o.*m).value();
        else if constexpr (std::is_same_v<M, bool>) return (o.*m) ? 1.0 : 0.0;
        else return static_cast<double>(o.*m);
      });
    else
      numbers_.push_back(nullptr);
    return *this;
  }
  void run(std::function<Out(const In&)> fn) {
    constexpr bool scalar = !std::is_class_v<Out> || boost::units::is_quantity<Out>::value;
    if constexpr (scalar) d_.scalar = TypeOf<Out>::get();
    auto setters = std::make_shared<const std::vector<Setter>>(setters_);
    auto getters = std::make_shared<const std::vector<Getter>>(getters_);
    auto numbers = std::make_shared<const std::vector<Number>>(numbers_);
    auto fields = std::make_shared<const std::vector<NumField>>(fields_);
    auto names = result_names();
    std::vector<bool> infinite_ok;
    for (auto& r : d_.results) infinite_ok.push_back(!r.infinite_when.empty());
    // Every result of every call is checked, on both evaluators and in `mls solve`; numbers in place
    // or through their native getters (no Value is built on a sweep's fast path). The numbers held in
    // place are scanned first without a branch per field; only when one is not finite, or a field is
    // held otherwise, does the ordered walk below run (it reports the first bad field, as it always did).
    auto in_place = std::make_shared<std::vector<std::ptrdiff_t>>();
    bool others = false;  // fields the scan does not cover (a bool is always finite: none needed)
    for (auto& f : fields_) {
      if (f.offset >= 0) in_place->push_back(f.offset);
      else if (f.checked && !f.is_bool) others = true;
    }
    auto check = [getters, numbers, fields, names, infinite_ok, in_place = std::shared_ptr<const std::vector<std::ptrdiff_t>>(in_place),
                  others](const Out& out) {
      if constexpr (scalar) {
        check_finite_result("result", to_value(out), false);
      } else {
        bool finite = true;
        for (std::ptrdiff_t off : *in_place) finite &= std::isfinite(read_number(out, off));
        if (finite && !others) return;
        for (std::size_t i = 0; i < getters->size(); ++i) {
          const NumField& f = (*fields)[i];
          if (f.offset >= 0) {
            double x = read_number(out, f.offset);
            if (!std::isfinite(x)) check_finite_result(names[i], x, infinite_ok[i]);
          } else if ((*numbers)[i]) {
            check_finite_result(names[i], (*numbers)[i](out), infinite_ok[i]);
          } else if (f.checked) {
            check_finite_result(names[i], (*getters)[i](out), infinite_ok[i]);
          }
        }
      }
    };
    auto kind = d_.result_kind;
    auto record = [getters, names, kind](const Out& out) -> Value {
      if constexpr (scalar) {
        return to_value(out);
      } else {
        auto r = std::make_shared<Record>();
        r->kind = kind;
        r->fields.reserve(getters->size());  // one allocation per result (a sweep builds one per point)
        for (size_t i = 0; i < getters->size(); ++i) r->fields.emplace_back(names[i], (*getters)[i](out));
        return Value(RecordPtr(std::move(r)));
      }
    };
    d_.call = [fn, setters, record, check](const std::vector<Value>& args) -> Value {
      In in{};
      for (size_t i = 0; i < setters->size(); ++i) (*setters)[i](in, args[i]);
      Out out = fn(in);
      check(out);
      return record(out);
    };
    auto numeric = std::make_shared<const std::vector<NumericSetter>>(numeric_setters_);
    std::shared_ptr<const SplitOps> split = split_;
    d_.prepare = [fn, setters, numeric, getters, numbers, fields, record, check, split](const SolverDesc& d)
        -> std::unique_ptr<SolverSite> {
      return std::make_unique<Site>(d, fn, setters, numeric, getters, numbers, fields, record, check, split);
    };
    add_solver(std::move(d_));
  }

 private:
  std::vector<std::string> result_names() const {
    std::vector<std::string> n;
    for (auto& r : d_.results) n.push_back(r.name);
    return n;
  }
  using Setter = std::function<void(In&, const Value&)>;
  using Getter = std::function<Value(const Out&)>;
  using Number = std::function<double(const Out&)>;
  using NumericSetter = std::function<void(In&, double)>;
  struct NumField {
    std::ptrdiff_t offset = -1;  // a double (or a quantity of one) at this offset in Out
    bool checked = true;         // may hold a number (strings do not)
    bool is_bool = false;        // a bool: never anything but 0 or 1
  };
  struct SplitOps {
    std::function<std::shared_ptr<void>()> make;                  // an empty plan (std::optional<Plan>)
    std::function<const Out&(void*, const In&)> plan;             // plans into it; returns plan.base
    std::function<void(const void*, const In&, Out&)> point;      // the per-point part
    std::function<const void*(const void*)> get;                  // the Plan it holds, or null
  };
  static double read_number(const Out& o, std::ptrdiff_t offset) {
    double x;
    std::memcpy(&x, reinterpret_cast<const char*>(&o) + offset, sizeof x);
    return x;
  }

  // The native call site of this solver: its input and last output live here between points.
  class Site final : public SolverSite {
   public:
    Site(const SolverDesc& d, std::function<Out(const In&)> fn, std::shared_ptr<const std::vector<Setter>> setters,
         std::shared_ptr<const std::vector<NumericSetter>> numeric, std::shared_ptr<const std::vector<Getter>> getters,
         std::shared_ptr<const std::vector<Number>> numbers, std::shared_ptr<const std::vector<NumField>> fields,
         std::function<Value(const Out&)> record, std::function<void(const Out&)> check, std::shared_ptr<const SplitOps> split)
        : SolverSite(d), fn_(std::move(fn)), setters_(std::move(setters)), numeric_(std::move(numeric)),
          getters_(std::move(getters)), numbers_(std::move(numbers)), fields_(std::move(fields)), record_(std::move(record)),
          check_(std::move(check)), split_(std::move(split)) {}
    Value field(std::size_t k) const override { return (*getters_)[k](*out_); }
    double number(std::size_t k) const override {
      std::ptrdiff_t off = (*fields_)[k].offset;
      return off >= 0 ? read_number(*out_, off) : (*numbers_)[k](*out_);
    }

   private:
    void set(std::size_t k, const Value& a) override { (*setters_)[k](in_, a); }
    bool set_number(std::size_t k, double x) override {
      if (!(*numeric_)[k]) return false;
      (*numeric_)[k](in_, x);
      return true;
    }
    void compute(int plan, bool planned) override {
      if (!split_ || plan < 0) {
        outs_[0].emplace(fn_(in_));
        out_ = &*outs_[0];
      } else {  // = fn_(in_): plan, then point on a copy of the plan's base (SolverDef::split)
        const auto s = static_cast<std::size_t>(plan);
        if (!holders_[s]) holders_[s] = split_->make();
        out_ = nullptr;
        if (!planned) {
          const Out& base = split_->plan(holders_[s].get(), in_);
          if (outs_[s]) *outs_[s] = base;  // assigned in place: the strings keep their buffers
          else outs_[s].emplace(base);
          if (ins_[s]) *ins_[s] = in_;
          else ins_[s].emplace(in_);
        }
        out_ = &*outs_[s];  // each plan's result keeps its base: going back to a plan copies nothing
        split_->point(holders_[s].get(), in_, *out_);
      }
      check_(*out_);
    }
    Value whole() const override { return record_(*out_); }
    bool operands(const void*& plan, const void*& in, void*& out) override {
      if (!split_ || !out_) return false;
      for (std::size_t s = 0; s < kPlans; ++s)
        if (outs_[s] && &*outs_[s] == out_ && holders_[s] && ins_[s]) {
          plan = split_->get(holders_[s].get());
          in = &*ins_[s];  // the input of the plan's arguments, whatever the site runs next (the split one aside)
          out = out_;
          return plan != nullptr;
        }
      return false;
    }

    In in_{};
    std::array<std::optional<Out>, kPlans> outs_;  // the result of each plan slot (slot 0 when not split)
    std::array<std::optional<In>, kPlans> ins_;     // the input each plan slot was planned on (split solvers)
    Out* out_ = nullptr;                            // the last run's
    std::function<Out(const In&)> fn_;
    std::shared_ptr<const std::vector<Setter>> setters_;
    std::shared_ptr<const std::vector<NumericSetter>> numeric_;
    std::shared_ptr<const std::vector<Getter>> getters_;
    std::shared_ptr<const std::vector<Number>> numbers_;
    std::shared_ptr<const std::vector<NumField>> fields_;
    std::function<Value(const Out&)> record_;
    std::function<void(const Out&)> check_;
    std::shared_ptr<const SplitOps> split_;
    std::array<std::shared_ptr<void>, kPlans> holders_;  // std::optional<Plan> per slot (SolverSite::plan_slot)
  };

  SolverDesc d_;
  std::vector<Setter> setters_;
  std::vector<Getter> getters_;
  std::vector<Number> numbers_;
  std::vector<NumericSetter> numeric_setters_;
  std::vector<NumField> fields_;
  std::shared_ptr<const SplitOps> split_;
};

// Registration hook: each stdlib/solvers/*.cpp defines `void register_xxx()` and lists it in
// registry_init.cpp (no static-init-order games; the registry is built once, on first use).
void register_all();

}  // namespace mls::reg
