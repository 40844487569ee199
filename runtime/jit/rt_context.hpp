// The runtime context JIT code passes to every thunk (MlsRt, opaque in runtime_abi.h), and the
// engine interface (LLVM stays inside engine.cpp).
#pragma once

#include "compiler/codegen/codegen.hpp"
#include "compiler/codegen/runtime_abi.h"
#include "runtime/jit/jit.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <exception>
#include <memory>
#include <optional>
#include <unordered_map>

struct MlsRt {
  mls::jit::State* state = nullptr;
  const mls::codegen::UnitInfo* unit = nullptr;
  mls::ir::RuntimeSink* sink = nullptr;
  const mls::ir::EvalLimits* limits = nullptr;
  std::exception_ptr error;  // the error slot: what stopped the run, rethrown once the JIT frames are gone

  // A running `for`: its lists kept alive, and the native items of f64/bool loop variables.
  struct Pin {
    mls::Value list;
    std::vector<std::uint64_t> native;
    std::size_t offset = 0;  // --shard: the slice of the list this run covers starts here
    // A lazy range (UnitInfo::lazy_ranges): what the loop reads to compute its items (runtime_abi.h,
    // mls_rt_for_begin): lo, step and the slice's first item as f64 bits, the offset.
    std::uint64_t walk[4] = {0, 0, 0, 0};
    mls::ir::LazyRange range;
    bool lazy = false;
  };
  std::vector<std::vector<Pin>> pins;   // by instruction index
  std::vector<double> sweep_points;  // the running loops' nest sizes, innermost last (E0507 bound)
  std::uint64_t* slots = nullptr;    // the unit's native slots (what the entry function was given)
  // --threads: the part [begin, end) of a top-level loop's first list this runtime runs.
  std::optional<std::pair<std::size_t, std::size_t>> slice;
  // Solver call sites by instruction (issue 10's native path): each keeps its last arguments.
  struct SolverCall {
    std::unique_ptr<mls::reg::SolverSite> site;
    std::vector<mls::codegen::Kind> arg_kinds;
    std::vector<std::size_t> all, varying;                      // argument indices: all, those not constant
    const std::vector<const mls::ir::Inst*>* fields = nullptr;  // fused field reads, or null
    std::vector<int> field_index;                              // their indices in the solver's results
    std::vector<mls::codegen::Kind> field_kinds;
    // The inline point path's words (runtime_abi.h, MLS_POINT_*: a header and `ways` ways) and the
    // arguments its keys are: the varying f64/bool ones but the split one. Empty until JIT code asks
    // for them (mls_rt_point_cache).
    std::vector<std::uint64_t> point;
    std::vector<std::size_t> keyed;
    std::size_t ways = 1;
  };
  std::vector<std::unique_ptr<SolverCall>> solver_calls;
  // The current point's deferred rows (UnitInfo::deferred_row): instruction and argument slots.
  struct DeferredRow {
    std::int32_t inst = 0;
    std::vector<std::uint64_t> args;
  };
  std::vector<DeferredRow> deferred;
  std::size_t deferred_count = 0;   // entries of `deferred` in use (the rest keep their capacity)
  std::vector<mls::Value> scratch;  // a Reduce's values, reused point after point
  std::vector<mls::Value> row_cells;  // an immediate row's cells, reused row after row
  // By instruction: the record a field read read last (held) and its native result (mls_rt_get_field).
  struct FieldRead {
    mls::RecordPtr record;
    std::uint64_t native = 0;
  };
  std::vector<FieldRead> field_reads;
  std::uint64_t solver_points = 0;  // calls that ran only a split solver's per-point part (jit::Timing)
  std::uint64_t inlined_points = 0;  // of them, those JIT code computed itself (SolverDesc::point_fn)
};

namespace mls::jit {

// Adds a runtime context's count of per-point solver calls to the process's (jit::timing()).
void count_solver_points(std::uint64_t n);
// Adds the points JIT code computed on its inline paths to the context's counts (at the end of a run).
void settle_inline_points(MlsRt& rt);

using EntryFn = std::int32_t (*)(MlsRt*, std::uint64_t*);

// The process's one LLJIT (created on first use) and the O2 pipeline.
class Engine {
 public:
  static Engine& get();
  // Target triple and data layout of the JIT; O2 on the loop functions.
  void prepare(codegen::Unit& u, bool optimize);
  // Adds the unit under its own ResourceTracker and compiles it; `free` releases its code.
  struct Loaded {
    EntryFn entry = nullptr;
    void* tracker = nullptr;  // llvm::orc::ResourceTracker (an intrusive pointer, kept alive here)
  };
  Loaded load(codegen::Unit&& u);
  void free(Loaded& l);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

 private:
  Engine();
  void bind_point_functions(const codegen::Unit& u);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mls::jit
