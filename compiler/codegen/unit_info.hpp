// What codegen knows about one compiled unit, without LLVM: the unit's instructions by index (the
// runtime ABI names an instruction by this index), how each value is represented in JIT code, and
// which values must survive a function or the unit. Shared by codegen (which emits code from it)
// and the runtime thunks (which decode arguments with it).
#pragma once

#include "compiler/ir/ir.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace mls::codegen {

// How a value is held by JIT code: a native double, a native i1, or a handle into the runtime's
// value table (strings, records, lists, none — and loop variables whose element type is unknown).
enum class Kind : std::uint8_t { F64 = 0, Bool = 1, Handle = 2 };

// Values below `base` belong to earlier units: the unit reads them from the persistent slots or
// the value table and keeps nothing per value for them (their kinds come from `known`). Per-value
// arrays cover [base, num_values) only, so a unit costs what it contains, not what came before.
struct UnitInfo {
  std::string entry;                            // symbol of the unit's entry function
  std::size_t first = 0, last = 0;             // the unit is the module's top-level instructions [first, last)
  std::vector<const ir::Inst*> insts;           // unit-local instruction index (preorder) → instruction
  std::unordered_map<const ir::Inst*, std::int32_t> index;
  // String and none constants: put in the value table before the unit runs (constants never change).
  std::vector<const ir::Inst*> constants;

  enum class Const : std::uint8_t { No, Num, Bool, Handle };  // Handle: a string or none constant
  ir::ValueId base = 0, num_values = 0;
  const std::vector<Kind>* known = nullptr;     // kinds of the values below `base`
  std::vector<Kind> local_kinds;                // per value in [base, num_values)
  std::vector<Const> konst;                     // a compile-time constant?
  std::vector<double> konst_num;                // its number (ConstNum) or 0/1 (ConstBool)
  std::vector<std::int32_t> def_fn;             // function of this unit defining the value; -1: none
  std::vector<std::uint8_t> in_slot;            // native value kept in the persistent slot array
  std::unordered_map<const ir::Inst*, std::int32_t> outlined;  // top-level `for` loops → their function (1, 2, ...)
  std::int32_t num_functions = 1;               // 0 is the entry function
  std::size_t max_args = 1;                     // largest argument array of any thunk call
  std::size_t max_out = 2;                      // largest result array (for_begin: 2 per list)
  // The points of the unit's loops when every list's length is known at compile time (list literals,
  // ranges with constant ends), else infinity. A small sweep is not worth the O2 pipeline: its points
  // spend their time in the runtime, and O2 costs ~15 ms of compilation.
  double static_points = 0;
  static constexpr double kOptimizeFrom = 200000;
  bool optimize() const { return num_functions > 1 && static_points >= kOptimizeFrom; }
  // Solver calls in a loop body whose result is only read field by field in the call's own block
  // (issue 10's native path): the call hands those fields out directly, a number in out[k] for the
  // k-th field read, a string into the value table, and builds no result record; the field reads
  // themselves compile to nothing.
  std::unordered_map<const ir::Inst*, std::vector<const ir::Inst*>> fused_fields;  // call → its field reads
  std::unordered_set<const ir::Inst*> fused;                                       // field reads done by their call
  // Pending rows (a loop with clauses) that sit directly in the loop body beside their Reduce, as
  // every pending row of that table does: the runtime keeps just their arguments until the
  // point's Reduce and builds the rows only if the reduction keeps the point. By instruction index.
  std::vector<std::uint8_t> deferred_row;
  // Ranges only their loop reads (ir::kLazyRange): the runtime keeps their start, step and count
  // (ir::LazyRange) and the loop computes each item; no list exists. Value → its Range instruction.
  std::unordered_map<ir::ValueId, const ir::Inst*> lazy_ranges;
  const ir::Inst* lazy_range(ir::ValueId v) const {
    auto it = lazy_ranges.find(v);
    return it == lazy_ranges.end() ? nullptr : it->second;
  }

  bool valid(ir::ValueId v) const { return v >= 0 && v < num_values; }
  bool local(ir::ValueId v) const { return v >= base && v < num_values; }
  std::size_t at(ir::ValueId v) const { return static_cast<std::size_t>(v - base); }
  Kind kind(ir::ValueId v) const {
    if (local(v)) return local_kinds[at(v)];
    return known && v >= 0 && static_cast<std::size_t>(v) < known->size() ? (*known)[static_cast<std::size_t>(v)]
                                                                            : Kind::Handle;
  }
  Const konst_of(ir::ValueId v) const { return local(v) ? konst[at(v)] : Const::No; }
  double konst_num_of(ir::ValueId v) const { return local(v) ? konst_num[at(v)] : 0; }
  std::int32_t def_fn_of(ir::ValueId v) const { return local(v) ? def_fn[at(v)] : -1; }
  bool in_slot_of(ir::ValueId v) const { return local(v) ? in_slot[at(v)] != 0 : true; }
};

// Analyses the unit made of m.body.insts[first, last). Values of earlier units are read from the
// persistent slots / value table; the unit's own top-level values are written there for later units.
// `known` holds the kinds of the values of earlier units: only the unit itself is scanned, so a
// REPL entry costs the same at the 100,000th entry as at the first.
UnitInfo analyse(const ir::Module& m, std::size_t first, std::size_t last, std::string entry,
                 const std::vector<Kind>& known);

}  // namespace mls::codegen
