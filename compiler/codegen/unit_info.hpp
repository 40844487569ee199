// What codegen knows about one compiled unit, without LLVM: the unit's instructions by index (the
// runtime ABI names an instruction by this index), how each value is represented in JIT code, and
// which values must survive a function or the unit. Shared by codegen (which emits code from it)
// and the runtime thunks (which decode arguments with it).
#pragma once

#include "compiler/ir/ir.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mls::codegen {

// How a value is held by JIT code: a native double, a native i1, or a handle into the runtime's
// value table (strings, records, lists, none — and loop variables whose element type is unknown).
enum class Kind : std::uint8_t { F64 = 0, Bool = 1, Handle = 2 };

struct UnitInfo {
  std::string entry;                            // symbol of the unit's entry function
  std::size_t first = 0, last = 0;             // the unit is the module's top-level instructions [first, last)
  std::vector<const ir::Inst*> insts;           // unit-local instruction index (preorder) → instruction
  std::unordered_map<const ir::Inst*, std::int32_t> index;
  std::vector<Kind> kinds;                      // per value of the module
  // String and none constants: put in the value table before the unit runs (constants never change).
  std::vector<const ir::Inst*> constants;

  // For codegen.
  enum class Const : std::uint8_t { No, Num, Bool };
  std::vector<Const> konst;                     // per value: a compile-time constant?
  std::vector<double> konst_num;                // its number (ConstNum) or 0/1 (ConstBool)
  std::vector<std::int32_t> def_fn;             // function of this unit defining the value; -1: not in this unit
  std::vector<std::uint8_t> in_slot;            // native value kept in the persistent slot array
  std::unordered_map<const ir::Inst*, std::int32_t> outlined;  // top-level `for` loops → their function (1, 2, ...)
  std::int32_t num_functions = 1;               // 0 is the entry function
  std::size_t max_args = 1;                     // largest argument array of any thunk call
  std::size_t max_out = 2;                      // largest result array (for_begin: 2 per list)

  Kind kind(ir::ValueId v) const { return kinds[static_cast<std::size_t>(v)]; }
};

// Analyses the unit made of m.body.insts[first, last). Values of earlier units are read from the
// persistent slots / value table; the unit's own top-level values are written there for later units.
// `known` holds the kinds of the values of earlier units: only the unit itself is scanned, so a
// REPL entry costs the same at the 100,000th entry as at the first.
UnitInfo analyse(const ir::Module& m, std::size_t first, std::size_t last, std::string entry,
                 const std::vector<Kind>& known);

}  // namespace mls::codegen
