// Codegen: the MLS IR → LLVM IR (LLVM 16, opaque pointers), one module per compiled unit.
//
//   i32 @<entry>(ptr %rt, ptr noalias %slots)        the unit's top-level statements (optnone: run once)
//   i32 @mls.loop.N(ptr %rt, ptr noalias %slots)     each top-level `for`, nested loops inside (O2 in the JIT)
//
// f64 arithmetic, comparisons, conversions (scale factors folded by sema), control flow (`if`, `for`
// over lists) are native code; records, lists, strings and none are runtime handles, and everything
// else calls the runtime ABI (runtime_abi.h). Status 1 from a function means a thunk stopped the run.
// No LLVM types leak out of this header (it only forward-declares them).
#pragma once

#include "compiler/codegen/unit_info.hpp"
#include "compiler/ir/ir.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace mls::codegen {

struct Unit {
  UnitInfo info;
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
  // The solvers whose point functions the module calls (reg::SolverDesc::point_fn): the JIT binds them.
  std::vector<std::pair<std::string, void*>> point_functions;
  Unit();
  ~Unit();
  Unit(Unit&&) noexcept;
  Unit& operator=(Unit&&) noexcept;
};

// A module that does not pass llvm::verifyModule (a codegen bug): the IR was dumped to `dump_path`.
struct VerifyError : std::runtime_error {
  std::string dump_path;
  VerifyError(const std::string& what, std::string path) : std::runtime_error(what), dump_path(std::move(path)) {}
};

struct GenOptions {
  bool value_names = false;   // name LLVM values after IR values (%v12) — for --emit=llvm
};

// Generates and verifies the unit of m.body.insts[first, last). `entry` names its entry function.
// The module must outlive the unit (the unit refers to its instructions).
// `known`: the kinds of the values of earlier units (see analyse).
Unit generate(const ir::Module& m, std::size_t first, std::size_t last, const std::string& entry,
              const std::vector<Kind>& known, const GenOptions& o = {});

// The module as LLVM assembly.
std::string print(const Unit& u);

}  // namespace mls::codegen
