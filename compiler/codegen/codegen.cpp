#include "compiler/codegen/codegen.hpp"

#include "compiler/codegen/runtime_abi.h"
#include "stdlib/registry/solver_registry.hpp"

#include <llvm/IR/BasicBlock.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <unistd.h>
#include <unordered_map>

namespace mls::codegen {

Unit::Unit() = default;
Unit::~Unit() {
  module.reset();  // before its context
  context.reset();
}
Unit::Unit(Unit&&) noexcept = default;
Unit& Unit::operator=(Unit&&) noexcept = default;

namespace {

using ir::Inst;
using ir::Op;
using ir::ValueId;

// A codegen inconsistency (e.g. a bool where an f64 is needed): reported like a verifier failure.
struct Inconsistent : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Gen {
 public:
  Gen(const ir::Module& m, UnitInfo& u, llvm::LLVMContext& c, llvm::Module& mod)
      : m_(m), u_(u), c_(c), mod_(mod), b_(c) {
    f64_ = llvm::Type::getDoubleTy(c);
    i1_ = llvm::Type::getInt1Ty(c);
    i32_ = llvm::Type::getInt32Ty(c);
    i64_ = llvm::Type::getInt64Ty(c);
    ptr_ = llvm::PointerType::get(c, 0);
    thunk_ty_ = llvm::FunctionType::get(i32_, {ptr_, i32_, ptr_, ptr_}, false);
    unit_fn_ty_ = llvm::FunctionType::get(i32_, {ptr_, ptr_}, false);
    llvm::MDBuilder md(c);
    unlikely_ = md.createBranchWeights(1, 1u << 20);
  }

  void run() {
    // The entry function: the unit's top-level statements, run once (optnone: compiled fast).
    llvm::Function* entry = new_function(u_.entry, llvm::GlobalValue::ExternalLinkage);
    entry->addFnAttr(llvm::Attribute::OptimizeNone);
    entry->addFnAttr(llvm::Attribute::NoInline);
    begin(entry);
    for (std::size_t k = u_.first; k < u_.last && k < m_.body.insts.size(); ++k) inst(m_.body.insts[k]);
    finish();
  }

 private:
  // ---- functions ---------------------------------------------------------------------------------
  // An inline site's words (runtime_abi.h) and their number of ways.
  struct PointWords {
    llvm::Value* words = nullptr;
    unsigned ways = 1;
    unsigned stride = MLS_WAY_KEYS;  // words per way: MLS_WAY_KEYS and the keys
  };

  struct Fn {
    llvm::Function* f = nullptr;
    llvm::Value* rt = nullptr;
    llvm::Value* slots = nullptr;
    llvm::AllocaInst* args = nullptr;
    llvm::AllocaInst* out = nullptr;
    llvm::BasicBlock* entry = nullptr;
    llvm::BasicBlock* fail = nullptr;
    std::vector<std::unordered_map<ValueId, llvm::Value*>> scopes;
    std::unordered_map<ValueId, llvm::AllocaInst*> locals;
    bool is_entry = true;
    std::int32_t index = 0;  // UnitInfo's function index (0: the entry function)
    // Solver calls on the inline point path (inline_site): their words (runtime_abi.h, MLS_POINT_*),
    // fetched once per run of the function, and the loop variables that are their arguments: a new
    // item of one clears the plans of every way (the next point goes through the call site), a new
    // item of the one that changes faster than the split argument (`fast`) picks its way.
    std::unordered_map<const Inst*, PointWords> point_words;
    std::unordered_map<ValueId, std::vector<PointWords>> point_vars, point_fast;
  };

  llvm::Function* new_function(const std::string& name, llvm::GlobalValue::LinkageTypes linkage) {
    auto* f = llvm::Function::Create(unit_fn_ty_, linkage, name, mod_);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    f->getArg(0)->setName("rt");
    f->getArg(1)->setName("slots");
    f->addParamAttr(1, llvm::Attribute::NoAlias);
    f->addParamAttr(0, llvm::Attribute::NoAlias);
    return f;
  }

  void begin(llvm::Function* f) {
    Fn fn;
    fn.f = f;
    fn.rt = f->getArg(0);
    fn.slots = f->getArg(1);
    fn.is_entry = fns_.empty();
    fn.entry = llvm::BasicBlock::Create(c_, "entry", f);
    fn.fail = llvm::BasicBlock::Create(c_, "stop", f);
    b_.SetInsertPoint(fn.fail);
    b_.CreateRet(b_.getInt32(1));
    b_.SetInsertPoint(fn.entry);
    fn.args = b_.CreateAlloca(llvm::ArrayType::get(i64_, u_.max_args), nullptr, "args");
    fn.out = b_.CreateAlloca(llvm::ArrayType::get(i64_, u_.max_out), nullptr, "out");
    fn.scopes.emplace_back();
    fns_.push_back(std::move(fn));
  }

  void finish() {
    b_.CreateRet(b_.getInt32(0));
    fns_.pop_back();
  }

  Fn& fn() { return fns_.back(); }

  // ---- values ------------------------------------------------------------------------------------
  Kind kind(ValueId v) const {
    if (!u_.valid(v)) return Kind::Handle;
    if (u_.konst_of(v) == UnitInfo::Const::Num) return Kind::F64;
    if (u_.konst_of(v) == UnitInfo::Const::Bool) return Kind::Bool;
    return u_.kind(v);
  }
  llvm::Type* native_type(Kind k) const { return k == Kind::F64 ? f64_ : i1_; }
  std::string vname(ValueId v) const { return "v" + std::to_string(v); }

  llvm::Value* slot_ptr(ValueId v) {
    return b_.CreateConstInBoundsGEP1_64(i64_, fn().slots, static_cast<std::uint64_t>(v), vname(v) + ".slot");
  }

  llvm::AllocaInst* local(ValueId v, Kind k) {
    auto it = fn().locals.find(v);
    if (it != fn().locals.end()) return it->second;
    llvm::IRBuilder<> eb(fn().entry, fn().entry->getFirstInsertionPt());
    auto* a = eb.CreateAlloca(native_type(k), nullptr, vname(v) + ".addr");
    fn().locals.emplace(v, a);
    return a;
  }

  // A value in its own kind: native, or the i64 handle.
  llvm::Value* value(ValueId v) {
    if (!u_.valid(v)) throw Inconsistent("use of an undefined value");
    if (u_.konst_of(v) == UnitInfo::Const::Num) return llvm::ConstantFP::get(f64_, u_.konst_num_of(v));
    if (u_.konst_of(v) == UnitInfo::Const::Bool) return b_.getInt1(u_.konst_num_of(v) != 0);
    Kind kd = u_.kind(v);
    if (kd == Kind::Handle) return b_.getInt64(static_cast<std::uint64_t>(v));
    for (auto s = fn().scopes.rbegin(); s != fn().scopes.rend(); ++s) {
      auto it = s->find(v);
      if (it != s->end()) return it->second;
    }
    if (!u_.in_slot_of(v) && u_.def_fn_of(v) >= 1) {
      auto it = fn().locals.find(v);
      if (it != fn().locals.end()) return b_.CreateLoad(native_type(kd), it->second, vname(v));
    }
    llvm::Value* p = slot_ptr(v);
    if (kd == Kind::F64) return b_.CreateLoad(f64_, p, vname(v));
    return b_.CreateICmpNE(b_.CreateLoad(i64_, p), b_.getInt64(0), vname(v));
  }

  // A value converted to a native kind (a handle is unboxed by the runtime).
  llvm::Value* as(ValueId v, Kind want, int32_t at) {
    Kind have = kind(v);
    if (have == want) return value(v);
    if (have == Kind::Handle) {
      store_arg(0, b_.getInt64(static_cast<std::uint64_t>(v)));
      store_arg(1, b_.getInt64(want == Kind::F64 ? 0 : 1));
      call_checked("mls_rt_unbox", at);
      llvm::Value* raw = b_.CreateLoad(i64_, out_ptr(0));
      if (want == Kind::F64) return b_.CreateBitCast(raw, f64_);
      return b_.CreateICmpNE(raw, b_.getInt64(0));
    }
    throw Inconsistent("value %" + std::to_string(v) + " is " + (have == Kind::F64 ? "f64" : "bool") + ", " +
                       (want == Kind::F64 ? "f64" : "bool") + " needed");
  }

  void define(ValueId v, llvm::Value* x) {
    if (!u_.valid(v)) return;
    Kind kd = u_.kind(v);
    if (kd == Kind::Handle || u_.konst_of(v) != UnitInfo::Const::No) return;
    if (names_ && !llvm::isa<llvm::Constant>(x) && x->getName().empty()) x->setName(vname(v));
    fn().scopes.back()[v] = x;
    if (u_.in_slot_of(v)) {
      llvm::Value* p = slot_ptr(v);
      if (kd == Kind::F64) b_.CreateStore(x, p);
      else b_.CreateStore(b_.CreateZExt(x, i64_), p);
    } else {
      b_.CreateStore(x, local(v, kd));
    }
  }

  // Native value of an instruction's result from out[0].
  llvm::Value* native_out(Kind k) {
    llvm::Value* raw = b_.CreateLoad(i64_, out_ptr(0));
    return k == Kind::F64 ? b_.CreateBitCast(raw, f64_) : b_.CreateICmpNE(raw, b_.getInt64(0));
  }

  // ---- calls -------------------------------------------------------------------------------------
  llvm::Value* arg_ptr(std::size_t k) { return b_.CreateConstInBoundsGEP1_64(i64_, fn().args, k); }
  llvm::Value* out_ptr(std::size_t k) { return b_.CreateConstInBoundsGEP1_64(i64_, fn().out, k); }

  void store_arg(std::size_t k, llvm::Value* x) {
    if (x->getType() == i1_) x = b_.CreateZExt(x, i64_);
    b_.CreateStore(x, arg_ptr(k));
  }
  // The instruction's operands, each in its own kind. When all are known at compile time (constants
  // and handles) they are a constant array in the module — no stores: the zoo's records and
  // bindings compile to a call each.
  llvm::Value* operands(const Inst& i) {
    std::vector<std::uint64_t> known;
    for (auto v : i.operands) {
      if (!u_.valid(v)) break;
      if (u_.konst_of(v) == UnitInfo::Const::Num) known.push_back(std::bit_cast<std::uint64_t>(u_.konst_num_of(v)));
      else if (u_.konst_of(v) == UnitInfo::Const::Bool) known.push_back(u_.konst_num_of(v) != 0 ? 1 : 0);
      else if (u_.kind(v) == Kind::Handle) known.push_back(static_cast<std::uint64_t>(v));
      else break;
    }
    if (known.size() == i.operands.size() && !known.empty()) {
      auto* init = llvm::ConstantDataArray::get(c_, llvm::ArrayRef<std::uint64_t>(known));
      return new llvm::GlobalVariable(mod_, init->getType(), true, llvm::GlobalValue::PrivateLinkage, init, "args.const");
    }
    for (std::size_t k = 0; k < i.operands.size(); ++k) store_arg(k, value(i.operands[k]));
    return fn().args;
  }

  llvm::FunctionCallee thunk(const char* name) {
    auto fc = mod_.getOrInsertFunction(name, thunk_ty_);
    if (auto* f = llvm::dyn_cast<llvm::Function>(fc.getCallee())) f->addFnAttr(llvm::Attribute::NoUnwind);
    return fc;
  }

  // Calls a thunk; status != 0 → leave the function with status 1.
  void call_checked(const char* name, int32_t at, llvm::Value* args = nullptr) {
    if (!args) args = fn().args;
    llvm::Value* s = b_.CreateCall(thunk(name), {fn().rt, b_.getInt32(static_cast<std::uint32_t>(at)), args, fn().out});
    auto* ok = llvm::BasicBlock::Create(c_, "ok", fn().f);
    b_.CreateCondBr(b_.CreateICmpNE(s, b_.getInt32(0)), fn().fail, ok, unlikely_);
    b_.SetInsertPoint(ok);
  }

  // if (!cond) { <slow> }  — the slow path is unlikely; returns with the builder after both.
  template <class F> void unless(llvm::Value* cond, const char* slow_name, F&& slow) {
    auto* slow_bb = llvm::BasicBlock::Create(c_, slow_name, fn().f);
    auto* cont = llvm::BasicBlock::Create(c_, "cont", fn().f);
    llvm::MDBuilder md(c_);
    b_.CreateCondBr(cond, cont, slow_bb, md.createBranchWeights(1u << 20, 1));
    b_.SetInsertPoint(slow_bb);
    slow();
    b_.CreateBr(cont);
    b_.SetInsertPoint(cont);
  }

  llvm::Value* intrinsic(llvm::Intrinsic::ID id, std::vector<llvm::Value*> xs) {
    llvm::Function* f = llvm::Intrinsic::getDeclaration(&mod_, id, {f64_});
    return b_.CreateCall(f, xs);
  }
  llvm::Value* libm(const char* name, std::vector<llvm::Value*> xs) {
    std::vector<llvm::Type*> ps(xs.size(), f64_);
    auto fc = mod_.getOrInsertFunction(name, llvm::FunctionType::get(f64_, ps, false));
    if (auto* f = llvm::dyn_cast<llvm::Function>(fc.getCallee())) {
      f->addFnAttr(llvm::Attribute::NoUnwind);
      f->addFnAttr(llvm::Attribute::WillReturn);
      f->setDoesNotAccessMemory();  // errno is never read
    }
    return b_.CreateCall(fc, xs);
  }
  llvm::Value* is_finite(llvm::Value* r) {
    return b_.CreateFCmpOLT(intrinsic(llvm::Intrinsic::fabs, {r}),
                            llvm::ConstantFP::getInfinity(f64_));
  }

  // ---- instructions ------------------------------------------------------------------------------
  void block(const ir::Block& blk) {
    for (auto& i : blk.insts) inst(i);
  }

  void inst(const Inst& i) {
    int32_t at = u_.index.at(&i);
    auto& o = i.operands;
    switch (i.op) {
      case Op::ConstNum: case Op::ConstBool: case Op::ConstStr: case Op::ConstNone:
        break;  // constants are folded into their uses; strings and none wait in the value table
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Pow: arith(i, at); break;
      case Op::Neg: define(i.result, b_.CreateFNeg(as(o[0], Kind::F64, at))); break;
      case Op::Lt: define(i.result, b_.CreateFCmpOLT(as(o[0], Kind::F64, at), as(o[1], Kind::F64, at))); break;
      case Op::Le: define(i.result, b_.CreateFCmpOLE(as(o[0], Kind::F64, at), as(o[1], Kind::F64, at))); break;
      case Op::Gt: define(i.result, b_.CreateFCmpOGT(as(o[0], Kind::F64, at), as(o[1], Kind::F64, at))); break;
      case Op::Ge: define(i.result, b_.CreateFCmpOGE(as(o[0], Kind::F64, at), as(o[1], Kind::F64, at))); break;
      case Op::Eq: case Op::Ne: equality(i, at); break;
      case Op::And: define(i.result, b_.CreateAnd(as(o[0], Kind::Bool, at), as(o[1], Kind::Bool, at))); break;
      case Op::Or: define(i.result, b_.CreateOr(as(o[0], Kind::Bool, at), as(o[1], Kind::Bool, at))); break;
      case Op::Not: define(i.result, b_.CreateNot(as(o[0], Kind::Bool, at))); break;
      case Op::Math: math(i, at); break;
      case Op::MakeRecord: generic(i, at, "mls_rt_make_record"); break;
      case Op::GetField:
        if (!u_.fused.count(&i)) generic(i, at, "mls_rt_get_field");
        break;
      case Op::HasField: generic(i, at, "mls_rt_has_field"); break;
      case Op::With: generic(i, at, "mls_rt_with"); break;
      case Op::MakeList: generic(i, at, "mls_rt_make_list"); break;
      case Op::Range: generic(i, at, "mls_rt_range"); break;
      case Op::CallSolver: call_solver(i, at); break;
      case Op::If: if_(i, at); break;
      case Op::For: {
        auto it = u_.outlined.find(&i);
        if (it != u_.outlined.end() && fn().is_entry) call_loop_function(i, it->second);
        else for_(i, at);
        break;
      }
      case Op::Print: generic(i, at, "mls_rt_print"); break;
      case Op::Row: generic(i, at, "mls_rt_row"); break;
      case Op::TableEnd: generic(i, at, "mls_rt_table_end"); break;
      case Op::Plot: generic(i, at, "mls_rt_plot"); break;
      case Op::Reduce: generic(i, at, "mls_rt_reduce"); break;
      case Op::Bind: generic(i, at, "mls_rt_bind"); break;
      case Op::Aggregate: generic(i, at, "mls_rt_aggregate"); break;
      case Op::Format: generic(i, at, "mls_rt_format"); break;
      case Op::Assert: assert_(i, at); break;
      case Op::Expect: expect_(i, at); break;
    }
  }

  // Operands in their own kinds; a native result comes back in out[0], a handle result stays in the table.
  void generic(const Inst& i, int32_t at, const char* name) {
    call_checked(name, at, operands(i));
    if (i.result != ir::kNoValue && kind(i.result) != Kind::Handle) define(i.result, native_out(kind(i.result)));
  }

  // A solver call; when its fields are read in place (UnitInfo::fused_fields) the k-th field read
  // takes out[k] (a number) or its value-table entry (a string), filled by the call. A split solver
  // (reg::SolverDef::split) whose split argument is a native number that varies goes through
  // mls_rt_solver_point: the per-point part of its equation only, while its other arguments hold.
  void call_solver(const Inst& i, int32_t at) {
    auto it = u_.fused_fields.find(&i);
    if (it == u_.fused_fields.end()) return generic(i, at, "mls_rt_call_solver");
    auto words = fn().point_words.find(&i);
    if (words != fn().point_words.end()) return inline_call(i, at, words->second, it->second);
    const reg::SolverDesc* s = reg::find_solver(i.str);
    bool per_point = s && s->split >= 0 && static_cast<std::size_t>(s->split) < i.operands.size() &&
                     kind(i.operands[static_cast<std::size_t>(s->split)]) == Kind::F64 &&
                     u_.konst_of(i.operands[static_cast<std::size_t>(s->split)]) == UnitInfo::Const::No;
    call_checked(per_point ? "mls_rt_solver_point" : "mls_rt_call_solver", at, operands(i));
    for (std::size_t k = 0; k < it->second.size(); ++k) {
      const Inst& g = *it->second[k];
      Kind gk = kind(g.result);
      if (g.result == ir::kNoValue || gk == Kind::Handle) continue;
      llvm::Value* raw = b_.CreateLoad(i64_, out_ptr(k));
      define(g.result, gk == Kind::F64 ? b_.CreateBitCast(raw, f64_) : b_.CreateICmpNE(raw, b_.getInt64(0)));
    }
  }

  void arith(const Inst& i, int32_t at) {
    llvm::Value* a = as(i.operands[0], Kind::F64, at);
    llvm::Value* b = as(i.operands[1], Kind::F64, at);
    llvm::Value* r = nullptr;
    switch (i.op) {
      case Op::Add: r = b_.CreateFAdd(a, b); break;
      case Op::Sub: r = b_.CreateFSub(a, b); break;
      case Op::Mul: r = b_.CreateFMul(a, b); break;
      case Op::Div:
        unless(b_.CreateFCmpUNE(b, llvm::ConstantFP::get(f64_, 0.0)), "div.zero", [&] { call_checked("mls_rt_div_zero", at); });
        r = b_.CreateFDiv(a, b);
        break;
      default: r = libm("mls_libm_pow", {a, b}); break;
    }
    // NaN or infinity from finite operands is E0504 (the runtime decides, as the evaluator's `checked`).
    unless(is_finite(r), "not.finite", [&] {
      store_arg(0, b_.CreateBitCast(a, i64_));
      store_arg(1, b_.CreateBitCast(b, i64_));
      store_arg(2, b_.CreateBitCast(r, i64_));
      call_checked("mls_rt_arith_error", at);
    });
    define(i.result, r);
  }

  void equality(const Inst& i, int32_t at) {
    Kind ka = kind(i.operands[0]), kb = kind(i.operands[1]);
    bool eq = i.op == Op::Eq;
    llvm::Value* r;
    if (ka == Kind::F64 && kb == Kind::F64) {
      llvm::Value* a = value(i.operands[0]);
      llvm::Value* b = value(i.operands[1]);
      r = eq ? b_.CreateFCmpOEQ(a, b) : b_.CreateFCmpUNE(a, b);
    } else if (ka == Kind::Bool && kb == Kind::Bool) {
      llvm::Value* a = value(i.operands[0]);
      llvm::Value* b = value(i.operands[1]);
      r = eq ? b_.CreateICmpEQ(a, b) : b_.CreateICmpNE(a, b);
    } else if (ka != Kind::Handle && kb != Kind::Handle) {
      r = b_.getInt1(!eq);  // a number never equals a bool
    } else {
      call_checked("mls_rt_equal", at, operands(i));
      r = native_out(Kind::Bool);
      if (!eq) r = b_.CreateNot(r);
    }
    define(i.result, r);
  }

  void math(const Inst& i, int32_t at) {
    const std::string& fn_name = i.str;
    std::vector<llvm::Value*> x;
    for (auto v : i.operands) x.push_back(as(v, Kind::F64, at));
    auto slow = [&] {  // the runtime's eval_math: the same function, with its errors
      for (std::size_t k = 0; k < x.size(); ++k) store_arg(k, b_.CreateBitCast(x[k], i64_));
      call_checked("mls_rt_math", at);
      return b_.CreateBitCast(b_.CreateLoad(i64_, out_ptr(0)), f64_);
    };
    static const char* unary[] = {"sqrt", "cbrt", "exp", "ln", "log2", "log10", "abs", "floor", "ceil", "round", "min", "max"};
    // floor/ceil/round in a named unit (a second operand) and ceil_div count whole units: the runtime's
    // whole_units (a quotient a few ulps off a whole number is that number).
    bool in_unit = (fn_name == "floor" || fn_name == "ceil" || fn_name == "round") && x.size() == 2;
    bool known = std::find(std::begin(unary), std::end(unary), fn_name) != std::end(unary) && !x.empty() && !in_unit;
    if (!known) {
      define(i.result, slow());
      return;
    }
    llvm::Value* r = nullptr;
    if (fn_name == "sqrt") r = intrinsic(llvm::Intrinsic::sqrt, {x[0]});
    else if (fn_name == "cbrt") r = libm("mls_libm_cbrt", {x[0]});
    else if (fn_name == "exp") r = libm("mls_libm_exp", {x[0]});
    else if (fn_name == "ln") r = libm("mls_libm_log", {x[0]});
    else if (fn_name == "log2") r = libm("mls_libm_log2", {x[0]});
    else if (fn_name == "log10") r = libm("mls_libm_log10", {x[0]});
    else if (fn_name == "abs") r = intrinsic(llvm::Intrinsic::fabs, {x[0]});
    else if (fn_name == "floor") r = intrinsic(llvm::Intrinsic::floor, {x[0]});
    else if (fn_name == "ceil") r = intrinsic(llvm::Intrinsic::ceil, {x[0]});
    else if (fn_name == "round") r = intrinsic(llvm::Intrinsic::round, {x[0]});
    else {
      // min, max: std::min(r, x) = x < r ? x : r;  std::max(r, x) = r < x ? x : r  (NaN behaviour included)
      r = x[0];
      for (std::size_t k = 1; k < x.size(); ++k)
        r = fn_name == "min" ? b_.CreateSelect(b_.CreateFCmpOLT(x[k], r), x[k], r)
                             : b_.CreateSelect(b_.CreateFCmpOLT(r, x[k]), x[k], r);
    }
    // A result that is not finite may be an E0504 (or fine: a NaN in, a NaN out) — the runtime decides.
    auto* pre = b_.GetInsertBlock();
    auto* slow_bb = llvm::BasicBlock::Create(c_, "math.check", fn().f);
    auto* cont = llvm::BasicBlock::Create(c_, "math.end", fn().f);
    llvm::MDBuilder md(c_);
    b_.CreateCondBr(is_finite(r), cont, slow_bb, md.createBranchWeights(1u << 20, 1));
    b_.SetInsertPoint(slow_bb);
    llvm::Value* rs = slow();
    auto* slow_end = b_.GetInsertBlock();
    b_.CreateBr(cont);
    b_.SetInsertPoint(cont);
    auto* phi = b_.CreatePHI(f64_, 2);
    phi->addIncoming(r, pre);
    phi->addIncoming(rs, slow_end);
    define(i.result, phi);
  }

  void if_(const Inst& i, int32_t at) {
    llvm::Value* cond = as(i.operands[0], Kind::Bool, at);
    Kind rk = i.result == ir::kNoValue ? Kind::Handle : kind(i.result);
    bool native = i.result != ir::kNoValue && rk != Kind::Handle;
    auto* then_bb = llvm::BasicBlock::Create(c_, "then", fn().f);
    auto* else_bb = llvm::BasicBlock::Create(c_, "else", fn().f);
    auto* join = llvm::BasicBlock::Create(c_, "endif", fn().f);
    b_.CreateCondBr(cond, then_bb, else_bb);
    llvm::Value* yields[2] = {nullptr, nullptr};
    llvm::BasicBlock* ends[2] = {nullptr, nullptr};
    for (int k = 0; k < 2; ++k) {
      b_.SetInsertPoint(k == 0 ? then_bb : else_bb);
      fn().scopes.emplace_back();
      const ir::Block& blk = i.blocks[static_cast<std::size_t>(k)];
      block(blk);
      if (i.result != ir::kNoValue) {
        if (native) {
          yields[k] = blk.yield == ir::kNoValue ? llvm::Constant::getNullValue(native_type(rk)) : as(blk.yield, rk, at);
        } else {  // the table entry of the result takes the yielded value
          store_arg(0, b_.getInt64(static_cast<std::uint64_t>(i.result)));
          Kind yk = blk.yield == ir::kNoValue ? Kind::Handle : kind(blk.yield);
          store_arg(1, b_.getInt64(static_cast<std::uint64_t>(yk)));
          store_arg(2, blk.yield == ir::kNoValue ? b_.getInt64(~0ull) : value(blk.yield));  // f64 bits, 0/1 or handle
          call_checked("mls_rt_box", at);
        }
      }
      fn().scopes.pop_back();
      ends[k] = b_.GetInsertBlock();
      b_.CreateBr(join);
    }
    b_.SetInsertPoint(join);
    if (native) {
      auto* phi = b_.CreatePHI(native_type(rk), 2);
      phi->addIncoming(yields[0], ends[0]);
      phi->addIncoming(yields[1], ends[1]);
      define(i.result, phi);
    }
  }

  // ---- the inline point path (issue 24) -----------------------------------------------------------
  // A fused call of a split solver with a point function (reg::SolverDesc::point_fn) whose split argument
  // is a varying number and whose read fields are numbers or bools held in place: JIT code computes its
  // points itself while the other arguments hold. Its handle arguments must stay put while the function
  // runs (defined outside it) or be loop variables of it (their new items clear the words). One loop
  // variable of the split argument's loop may change faster than it (`b in 1 .. N, p in [fp16, bf16]`):
  // the words then keep a way per item, each with its own plan (`fast` names it).
  // A loop variable: its loop and its place among that loop's variables (the last is innermost).
  using LoopVars = std::unordered_map<ValueId, std::pair<const Inst*, std::size_t>>;
  bool inline_site(const Inst& i, std::int32_t fn_index, const LoopVars& vars, ValueId& fast) const {
    fast = ir::kNoValue;
    auto it = u_.fused_fields.find(&i);
    if (it == u_.fused_fields.end()) return false;
    const reg::SolverDesc* s = reg::find_solver(i.str);
    if (!s || !s->point_fn || s->split < 0 || static_cast<std::size_t>(s->split) >= i.operands.size()) return false;
    ValueId x = i.operands[static_cast<std::size_t>(s->split)];
    if (kind(x) != Kind::F64 || u_.konst_of(x) != UnitInfo::Const::No) return false;
    for (const Inst* g : it->second) {
      if (g->result == ir::kNoValue) continue;
      const reg::ResultDesc* r = nullptr;
      for (auto& d : s->results)
        if (d.name == g->str) r = &d;
      if (!r || r->offset < 0 || kind(g->result) == Kind::Handle) return false;
    }
    auto split_var = vars.find(x);
    for (ValueId v : i.operands) {
      if (kind(v) != Kind::Handle || u_.konst_of(v) != UnitInfo::Const::No || u_.def_fn_of(v) != fn_index) continue;
      auto var = vars.find(v);
      if (var == vars.end()) return false;
      if (split_var != vars.end() && var->second.first == split_var->second.first && var->second.second > split_var->second.second) {
        if (fast != ir::kNoValue && fast != v) return false;  // two such variables: a way per pair of items is not kept
        fast = v;
      }
    }
    return true;
  }

  // The loop function's inline sites: their words fetched at the top of the function.
  void find_inline_sites(const ir::Block& b, const LoopVars& vars) {
    for (auto& i : b.insts) {
      ValueId fast = ir::kNoValue;
      if (i.op == Op::CallSolver && inline_site(i, fn().index, vars, fast)) {
        PointWords w;
        w.ways = fast == ir::kNoValue ? 1 : static_cast<unsigned>(reg::SolverSite::kPlans);
        const auto split = static_cast<std::size_t>(reg::find_solver(i.str)->split);
        for (std::size_t k = 0; k < i.operands.size(); ++k)
          w.stride += k != split && u_.konst_of(i.operands[k]) == UnitInfo::Const::No && kind(i.operands[k]) != Kind::Handle;
        auto& eb = b_;  // still in the function's entry block (call_loop_function)
        store_arg(0, eb.getInt64(w.ways));
        eb.CreateCall(thunk("mls_rt_point_cache"), {fn().rt, eb.getInt32(static_cast<std::uint32_t>(u_.index.at(&i))), fn().args, fn().out});
        w.words = eb.CreateLoad(ptr_, eb.CreateConstInBoundsGEP1_64(i64_, fn().out, 0), "point.words");
        fn().point_words[&i] = w;
        for (ValueId v : i.operands)
          if (vars.count(v)) (v == fast ? fn().point_fast : fn().point_vars)[v].push_back(w);
      }
      for (auto& blk : i.blocks) find_inline_sites(blk, vars);
    }
  }
  static void loop_vars(const Inst& i, LoopVars& vars) {
    if (i.op == Op::For)
      for (std::size_t k = 0; k < i.vars.size(); ++k) vars[i.vars[k]] = {&i, k};
    for (auto& b : i.blocks)
      for (auto& c : b.insts) loop_vars(c, vars);
  }

  // Runs `then` when the words were given (not null).
  template <class F> void if_words(llvm::Value* words, F&& then) {
    auto* skip = llvm::BasicBlock::Create(c_, "point.skip", fn().f);
    auto* set = llvm::BasicBlock::Create(c_, "point.set", fn().f);
    b_.CreateCondBr(b_.CreateICmpEQ(words, llvm::ConstantPointerNull::get(ptr_)), skip, set);
    b_.SetInsertPoint(set);
    then();
    b_.CreateBr(skip);
    b_.SetInsertPoint(skip);
  }
  void clear_ways(const PointWords& w) {
    if_words(w.words, [&] {
      for (unsigned k = 0; k < w.ways; ++k)
        b_.CreateStore(b_.getInt64(0), b_.CreateConstInBoundsGEP1_64(i64_, w.words, MLS_POINT_WAYS + k * w.stride + MLS_WAY_PLAN));
    });
  }

  // A new item (index k) of loop variable v: the inline sites taking it go through their call site
  // next, or, when v is their `fast` variable, on to the item's way.
  void new_item(ValueId v, llvm::Value* k) {
    if (auto it = fn().point_vars.find(v); it != fn().point_vars.end())
      for (const PointWords& w : it->second) clear_ways(w);
    if (auto it = fn().point_fast.find(v); it != fn().point_fast.end())
      for (const PointWords& w : it->second)
        if_words(w.words, [&] {
          b_.CreateStore(b_.CreateAnd(k, b_.getInt64(w.ways - 1)), b_.CreateConstInBoundsGEP1_64(i64_, w.words, MLS_POINT_WAY));
          b_.CreateStore(k, b_.CreateConstInBoundsGEP1_64(i64_, w.words, MLS_POINT_ITEM));
        });
  }
  // A loop begins: its lists are new, so the ways kept per item of its variables no longer hold.
  void new_lists(const Inst& loop) {
    for (ValueId v : loop.vars)
      if (auto it = fn().point_fast.find(v); it != fn().point_fast.end())
        for (const PointWords& w : it->second) clear_ways(w);
  }

  // The call on its inline path: while the words hold a plan and the keyed arguments are the words'
  // keys, the solver's point function (declared here; the JIT binds it or links its bitcode in and
  // inlines it) computes the point into the site's result and the fields are read at their offsets;
  // anything else goes through mls_rt_solver_point.
  void inline_call(const Inst& i, int32_t at, const PointWords& pw, const std::vector<const Inst*>& fields) {
    const reg::SolverDesc& s = *reg::find_solver(i.str);
    const auto split = static_cast<std::size_t>(s.split);
    auto* point_ty = llvm::FunctionType::get(i32_, {ptr_, ptr_, f64_, ptr_}, false);
    if (!mod_.getFunction(s.point_symbol)) point_functions_.emplace_back(s.point_symbol, reinterpret_cast<void*>(s.point_fn));
    auto fc = mod_.getOrInsertFunction(s.point_symbol, point_ty);
    if (auto* f = llvm::dyn_cast<llvm::Function>(fc.getCallee())) f->addFnAttr(llvm::Attribute::NoUnwind);
    llvm::Value* words = pw.words;
    auto header = [&](unsigned k) { return b_.CreateConstInBoundsGEP1_64(i64_, words, k); };
    llvm::Value* cur = nullptr;  // the current way's first word
    auto word = [&](unsigned k, llvm::Type* t) { return b_.CreateLoad(t, b_.CreateConstInBoundsGEP1_64(i64_, cur, k)); };

    auto* try_bb = llvm::BasicBlock::Create(c_, "point.try", fn().f);
    auto* hit = llvm::BasicBlock::Create(c_, "point.hit", fn().f);
    auto* slow = llvm::BasicBlock::Create(c_, "point.slow", fn().f);
    auto* join = llvm::BasicBlock::Create(c_, "point.join", fn().f);
    llvm::MDBuilder md(c_);
    auto likely = md.createBranchWeights(1u << 20, 1);
    // words != null && plan != null && keys equal (the varying native arguments but the split one, in order)
    auto* check = llvm::BasicBlock::Create(c_, "point.check", fn().f);
    b_.CreateCondBr(b_.CreateICmpNE(words, llvm::ConstantPointerNull::get(ptr_)), check, slow, likely);
    b_.SetInsertPoint(check);
    cur = header(MLS_POINT_WAYS);
    if (pw.ways > 1)
      cur = b_.CreateInBoundsGEP(i64_, cur, b_.CreateMul(b_.CreateLoad(i64_, header(MLS_POINT_WAY)), b_.getInt64(pw.stride)));
    llvm::Value* ok = b_.CreateICmpNE(word(MLS_WAY_PLAN, ptr_), llvm::ConstantPointerNull::get(ptr_));
    if (pw.ways > 1) ok = b_.CreateAnd(ok, b_.CreateICmpEQ(word(MLS_WAY_ITEM, i64_), b_.CreateLoad(i64_, header(MLS_POINT_ITEM))));
    unsigned key = MLS_WAY_KEYS;
    for (std::size_t k = 0; k < i.operands.size(); ++k) {
      ValueId v = i.operands[k];
      if (k == split || u_.konst_of(v) != UnitInfo::Const::No || kind(v) == Kind::Handle) continue;
      llvm::Value* x = value(v);
      x = kind(v) == Kind::F64 ? b_.CreateBitCast(x, i64_) : b_.CreateZExt(x, i64_);
      ok = b_.CreateAnd(ok, b_.CreateICmpEQ(word(key++, i64_), x));
    }
    b_.CreateCondBr(ok, try_bb, slow, likely);
    b_.SetInsertPoint(try_bb);
    llvm::Value* out = word(MLS_WAY_OUT, ptr_);
    llvm::Value* done = b_.CreateCall(fc, {word(MLS_WAY_PLAN, ptr_), word(MLS_WAY_IN, ptr_), value(i.operands[split]), out});
    b_.CreateCondBr(b_.CreateICmpNE(done, b_.getInt32(0)), hit, slow, likely);

    b_.SetInsertPoint(hit);
    llvm::Value* count = header(MLS_POINT_COUNT);
    b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, count), b_.getInt64(1)), count);
    std::vector<llvm::Value*> fast(fields.size(), nullptr);
    for (std::size_t k = 0; k < fields.size(); ++k) {
      const Inst& g = *fields[k];
      if (g.result == ir::kNoValue) continue;
      std::ptrdiff_t off = 0;
      for (auto& d : s.results)
        if (d.name == g.str) off = d.offset;
      llvm::Value* at_off = b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), out, static_cast<std::uint64_t>(off));
      fast[k] = kind(g.result) == Kind::F64 ? b_.CreateLoad(f64_, at_off)
                                            : b_.CreateICmpNE(b_.CreateLoad(b_.getInt8Ty(), at_off), b_.getInt8(0));
    }
    llvm::BasicBlock* hit_end = b_.GetInsertBlock();
    b_.CreateBr(join);

    b_.SetInsertPoint(slow);
    call_checked("mls_rt_solver_point", at, operands(i));
    std::vector<llvm::Value*> through(fields.size(), nullptr);
    for (std::size_t k = 0; k < fields.size(); ++k) {
      const Inst& g = *fields[k];
      if (g.result == ir::kNoValue) continue;
      llvm::Value* raw = b_.CreateLoad(i64_, out_ptr(k));
      through[k] = kind(g.result) == Kind::F64 ? b_.CreateBitCast(raw, f64_) : b_.CreateICmpNE(raw, b_.getInt64(0));
    }
    llvm::BasicBlock* slow_end = b_.GetInsertBlock();
    b_.CreateBr(join);

    b_.SetInsertPoint(join);
    std::vector<llvm::PHINode*> phis(fields.size(), nullptr);  // every phi first: define() may store
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (!fast[k]) continue;
      phis[k] = b_.CreatePHI(fast[k]->getType(), 2);
      phis[k]->addIncoming(fast[k], hit_end);
      phis[k]->addIncoming(through[k], slow_end);
    }
    for (std::size_t k = 0; k < fields.size(); ++k)
      if (phis[k]) define(fields[k]->result, phis[k]);
  }

  void call_loop_function(const Inst& i, int32_t fn_index) {
    std::string name = "mls.loop." + std::to_string(fn_index);
    llvm::Function* f = new_function(name, llvm::GlobalValue::InternalLinkage);
    f->addFnAttr(llvm::Attribute::NoInline);
    if (!u_.optimize()) f->addFnAttr(llvm::Attribute::OptimizeNone);  // a small sweep: compiled fast (UnitInfo)
    // Through the runtime, which may run it on several threads (--threads), each on its own state.
    store_arg(0, b_.CreatePtrToInt(f, i64_));
    call_checked("mls_rt_run_loop", u_.index.at(&i));
    llvm::BasicBlock* after = b_.GetInsertBlock();
    // Generate the loop function, then come back.
    begin(f);
    fn().index = fn_index;
    LoopVars vars;
    loop_vars(i, vars);
    find_inline_sites(i.blocks[0], vars);
    for_(i, u_.index.at(&i));
    finish();
    b_.SetInsertPoint(after);
  }

  struct Walk {  // a lazy range's loop-invariant values
    llvm::Value *lo = nullptr, *step = nullptr, *first = nullptr, *offset = nullptr;
  };

  // for v0 in l0, v1 in l1, ... { body }: the cartesian product, first list outermost.
  void for_(const Inst& i, int32_t at) {
    call_checked("mls_rt_for_begin", at);  // E0507; lengths and native items of every list
    new_lists(i);
    std::vector<llvm::Value*> len, data;
    for (std::size_t d = 0; d < i.operands.size(); ++d) {
      len.push_back(b_.CreateLoad(i64_, out_ptr(2 * d), "len" + std::to_string(d)));
      data.push_back(b_.CreateLoad(ptr_, out_ptr(2 * d + 1), "items" + std::to_string(d)));
    }
    // A lazy range's walk (mls_rt_for_begin): its lo, step, the slice's first item and offset.
    std::vector<Walk> walk(i.operands.size());
    for (std::size_t d = 0; d < i.operands.size(); ++d) {
      if (!u_.lazy_range(i.operands[d])) continue;
      auto field = [&](int f, llvm::Type* t) { return b_.CreateLoad(t, b_.CreateConstInBoundsGEP1_64(i64_, data[d], f)); };
      walk[d] = {field(0, f64_), field(1, f64_), field(2, f64_), field(3, i64_)};
    }
    nest(i, at, 0, len, data, walk);
    call_checked("mls_rt_for_end", at);
  }

  void nest(const Inst& i, int32_t at, std::size_t d, const std::vector<llvm::Value*>& len,
            const std::vector<llvm::Value*>& data, const std::vector<Walk>& walk) {
    if (d == i.operands.size()) {
      fn().scopes.emplace_back();
      block(i.blocks[0]);
      fn().scopes.pop_back();
      return;
    }
    auto* pre = b_.GetInsertBlock();
    auto* head = llvm::BasicBlock::Create(c_, "loop" + std::to_string(d), fn().f);
    auto* body = llvm::BasicBlock::Create(c_, "body" + std::to_string(d), fn().f);
    auto* exit = llvm::BasicBlock::Create(c_, "done" + std::to_string(d), fn().f);
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    auto* k = b_.CreatePHI(i64_, 2, "k" + std::to_string(d));
    k->addIncoming(b_.getInt64(0), pre);
    const Inst* range = u_.lazy_range(i.operands[d]);
    // A lazy range's item: lo + (offset + k) * step, or (geometric) the previous item times the factor,
    // the arithmetic ir::LazyRange (and so eval_range) uses.
    llvm::PHINode* x = nullptr;
    if (range && range->flag) {
      x = b_.CreatePHI(f64_, 2, "x" + std::to_string(d));
      x->addIncoming(walk[d].first, pre);
    }
    b_.CreateCondBr(b_.CreateICmpULT(k, len[d]), body, exit);
    b_.SetInsertPoint(body);
    ValueId var = d < i.vars.size() ? i.vars[d] : ir::kNoValue;
    Kind vk = var == ir::kNoValue ? Kind::Handle : u_.kind(var);
    fn().scopes.emplace_back();
    if (range && vk == Kind::F64) {
      define(var, x ? static_cast<llvm::Value*>(x)
                    : b_.CreateFAdd(walk[d].lo, b_.CreateFMul(b_.CreateUIToFP(b_.CreateAdd(k, walk[d].offset), f64_), walk[d].step)));
    } else if (range) {
      store_arg(0, b_.getInt64(d));
      store_arg(1, k);
      call_checked("mls_rt_for_item", at);
      new_item(var, k);
    } else if (vk == Kind::F64) {
      define(var, b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, data[d], k)));
    } else if (vk == Kind::Bool) {
      define(var, b_.CreateICmpNE(b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, data[d], k)), b_.getInt64(0)));
    } else {
      store_arg(0, b_.getInt64(d));
      store_arg(1, k);
      call_checked("mls_rt_for_item", at);
      new_item(var, k);
    }
    nest(i, at, d + 1, len, data, walk);
    fn().scopes.pop_back();
    auto* next = b_.CreateAdd(k, b_.getInt64(1), "", true, true);
    k->addIncoming(next, b_.GetInsertBlock());
    if (x) x->addIncoming(b_.CreateFMul(x, walk[d].step), b_.GetInsertBlock());
    b_.CreateBr(head);
    b_.SetInsertPoint(exit);
  }

  void assert_(const Inst& i, int32_t at) {
    unless(as(i.operands[0], Kind::Bool, at), "assert.failed", [&] {
      call_checked("mls_rt_assert_failed", at, operands(i));
    });
  }

  void expect_(const Inst& i, int32_t at) {
    llvm::Value* a = as(i.operands[0], Kind::F64, at);
    llvm::Value* b = as(i.operands[1], Kind::F64, at);
    llvm::Value* tol = as(i.operands[2], Kind::F64, at);
    llvm::Value* allowed = i.flag ? b_.CreateFMul(intrinsic(llvm::Intrinsic::fabs, {b}), tol) : tol;
    llvm::Value* diff = intrinsic(llvm::Intrinsic::fabs, {b_.CreateFSub(a, b)});
    unless(b_.CreateFCmpOLE(diff, allowed), "expect.failed", [&] {
      store_arg(0, b_.CreateBitCast(a, i64_));
      store_arg(1, b_.CreateBitCast(b, i64_));
      store_arg(2, b_.CreateBitCast(tol, i64_));
      call_checked("mls_rt_expect_failed", at);
    });
  }

 public:
  bool names_ = false;
  std::vector<std::pair<std::string, void*>> point_functions_;  // Unit::point_functions

 private:
  const ir::Module& m_;
  UnitInfo& u_;
  llvm::LLVMContext& c_;
  llvm::Module& mod_;
  llvm::IRBuilder<> b_;
  llvm::Type *f64_, *i1_, *i32_, *i64_;
  llvm::PointerType* ptr_;
  llvm::FunctionType *thunk_ty_, *unit_fn_ty_;
  llvm::MDNode* unlikely_;
  std::vector<Fn> fns_;
};

// A module that failed to verify, kept for the bug report: a fresh file with an unpredictable name,
// created exclusively ($TMPDIR/mls-codegen-ENTRY-XXXXXX.ll), so a planted link is never written through.
std::string dump(const llvm::Module& mod, const std::string& entry) {
  int fd = -1;
  llvm::SmallString<128> path;
  if (auto ec = llvm::sys::fs::createTemporaryFile("mls-codegen-" + entry, "ll", fd, path))
    return "(could not be written: " + ec.message() + ")";
  llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
  mod.print(os, nullptr);
  return std::string(path);
}

}  // namespace

Unit generate(const ir::Module& m, std::size_t first, std::size_t last, const std::string& entry,
              const std::vector<Kind>& known, const GenOptions& o) {
  Unit u;
  u.info = analyse(m, first, last, entry, known);
  u.context = std::make_unique<llvm::LLVMContext>();
  u.context->setDiscardValueNames(!o.value_names);
  u.module = std::make_unique<llvm::Module>(entry, *u.context);
  std::string problem;
  try {
    Gen g(m, u.info, *u.context, *u.module);
    g.names_ = o.value_names;
    g.run();
    u.point_functions = std::move(g.point_functions_);
  } catch (const Inconsistent& e) {
    problem = e.what();
  }
  std::string msg;
  llvm::raw_string_ostream os(msg);
  if (problem.empty() && llvm::verifyModule(*u.module, &os)) problem = os.str();
  if (!problem.empty()) {
    auto nl = problem.find('\n');
    std::string path = dump(*u.module, entry);
    throw VerifyError("the generated LLVM IR does not verify: " + problem.substr(0, nl) + " (module dumped to " + path + ")",
                      path);
  }
  return u;
}

std::string print(const Unit& u) {
  std::string s;
  llvm::raw_string_ostream os(s);
  u.module->print(os, nullptr);
  return os.str();
}

}  // namespace mls::codegen
