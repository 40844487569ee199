// Static types of MLS expressions. A quantity's type is its dimension; records know their kind and
// fields; lists their element type. Erased to ir::VType + ir::Shape when lowered.
#pragma once

#include "compiler/ir/ir.hpp"
#include "compiler/units/unit_table.hpp"
#include "stdlib/core/dimension.hpp"
#include "stdlib/registry/types.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mls::sema {

struct SType;
using Fields = std::vector<std::pair<std::string, SType>>;

struct SType {
  enum class K { Num, Bool, Str, Record, List, None, Error } k = K::Error;
  Dimension dim;                                 // Num
  std::optional<units::Display> display;         // Num: how to show it (else the dimension's default)
  bool bare = false;                             // a plain number literal, no unit at all
  bool is_unit = false;                          // a pure unit expression (`TB/s`): usable as a conversion target
  bool fraction = false;                         // a share of a whole (an MFU, a utilisation): 40 is not 40 % (W0606)
  std::optional<double> konst;                   // Num: value known at compile time (SI)
  std::string kind;                              // Record: language kind ("hardware", "serving", "" generic)
  std::string family;                            // Record: C++ family when known ("hardware", "workload")
  std::shared_ptr<const Fields> fields;          // Record
  std::shared_ptr<const SType> elem;             // List

  static SType num(Dimension d = {}) { SType t; t.k = K::Num; t.dim = d; return t; }
  static SType boolean() { SType t; t.k = K::Bool; return t; }
  static SType str() { SType t; t.k = K::Str; return t; }
  static SType none() { SType t; t.k = K::None; return t; }
  static SType list(SType e) { SType t; t.k = K::List; t.elem = std::make_shared<const SType>(std::move(e)); return t; }

  bool is_num() const { return k == K::Num; }
  bool is_record() const { return k == K::Record; }
  const SType* field(const std::string& name) const;
  ir::VType vtype() const;
};

// "Bandwidth (Information / Time)", "hardware record", "list of Time", "bool"
std::string describe(const SType& t, const units::UnitTable& u);
// describe() with the article a sentence needs: "a roofline result", "a bool"; a dimension name
// ("Time") and "a plain number" are shown as describe() gives them.
std::string describe_a(const SType& t, const units::UnitTable& u);
// The dimension's name or its base form: "Bandwidth", "Compute / Information"
std::string dim_label(const Dimension& d, const units::UnitTable& u);

// Where two types that must be one (list elements, `if` branches, a table column) first differ:
// a dimension or kind (`Type`), or a field only the first (`Missing`) or only the second (`Extra`)
// has. `path` leads to it through record fields and list elements ("[]"): {"gpu", "bw"}.
struct Disagreement {
  enum class K { Type, Missing, Extra } k;
  std::vector<std::string> path;
  SType a, b;         // the two types at `path`
  std::string field;  // Missing / Extra: the field's name
  std::string field_path() const;  // "gpu.bw", "xs[].t"
};
std::optional<Disagreement> disagreement(const SType& a, const SType& b);

// Registry types → static types (record families take their kinds' fields).
SType from_reg(const reg::Type& t);
SType record_of_kind(const std::string& kind);        // a zoo kind or a solver result kind
SType record_of_family(const std::string& family);    // union of the family's kinds' fields

// The type without the compile-time constants of one value (list elements, `if` branches, `??`).
SType forget_constants(SType t);

// Shape for printing (dimension + display resolved against the unit table).
ir::ShapePtr shape_of(const SType& t, const units::UnitTable& u);

}  // namespace mls::sema
