// The process's one ORC LLJIT: created on first use, the runtime ABI bound as absolute symbols
// (nothing else of the process is visible to JIT code: no dlsym of the whole process), a
// ResourceTracker per unit so its code is freed after it runs, and the O2 pipeline for units with
// loops.
#include "compiler/codegen/runtime_abi.h"
#include "runtime/jit/point_bitcode.hpp"
#include "runtime/jit/rt_context.hpp"

#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/Mangling.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/Bitcode/BitcodeReader.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Linker/Linker.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Target/TargetMachine.h>

#include <cmath>
#include <cstring>
#include <set>

namespace mls::jit {

namespace orc = llvm::orc;

struct Engine::Impl {
  std::unique_ptr<orc::LLJIT> jit;
  std::unique_ptr<llvm::TargetMachine> tm;  // for the optimiser's cost models
  std::set<std::string> point_functions;     // bound so far (bind_point_functions)
};

namespace {

std::string message(llvm::Error e) { return llvm::toString(std::move(e)); }

template <class T> T check(llvm::Expected<T> x, const char* what) {
  if (!x) throw InternalError(std::string(what) + ": " + message(x.takeError()));
  return std::move(*x);
}

// The runtime ABI and the few C library functions LLVM may emit calls to (floor/ceil/round on
// targets without SSE4.1, memset/memcpy for aggregates).
orc::SymbolMap runtime_symbols(orc::ExecutionSession& es, const llvm::DataLayout& dl) {
  orc::MangleAndInterner mangle(es, dl);
  orc::SymbolMap m;
  auto add = [&](const char* name, const void* addr) {
    m[mangle(name)] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(addr), llvm::JITSymbolFlags::Exported);
  };
#define MLS_ADD_THUNK(name) add(#name, reinterpret_cast<const void*>(&name));
  MLS_RT_THUNKS(MLS_ADD_THUNK)
#undef MLS_ADD_THUNK
  using F1 = double (*)(double);
  using F2 = double (*)(double, double);
#define MLS_ADD_LIBM(ir_name, c_fn, arity) \
  add(#ir_name, reinterpret_cast<const void*>(static_cast<std::conditional_t<arity == 1, F1, F2>>(&::c_fn)));
  MLS_RT_LIBM(MLS_ADD_LIBM)
#undef MLS_ADD_LIBM
  for (auto [name, fn] : {std::pair{"floor", static_cast<F1>(&::floor)}, {"ceil", static_cast<F1>(&::ceil)},
                          {"round", static_cast<F1>(&::round)}, {"trunc", static_cast<F1>(&::trunc)},
                          {"sqrt", static_cast<F1>(&::sqrt)}, {"fabs", static_cast<F1>(&::fabs)}})
    add(name, reinterpret_cast<const void*>(fn));
  add("fmin", reinterpret_cast<const void*>(static_cast<F2>(&::fmin)));
  add("fmax", reinterpret_cast<const void*>(static_cast<F2>(&::fmax)));
  add("memset", reinterpret_cast<const void*>(&::memset));
  add("memcpy", reinterpret_cast<const void*>(&::memcpy));
  add("memmove", reinterpret_cast<const void*>(&::memmove));
  return m;
}

// Links the point functions a loop module calls from the embedded bitcode (point_bitcode.hpp), made
// internal so that the O2 pipeline inlines them into the loop (no call, the equation's loads of the plan
// and its divisions scheduled with the loop's own code). Without the bitcode, or if it does not load, the
// module keeps calling the bound native functions (the same source, the same numbers).
void link_point_functions(codegen::Unit& u) {
  llvm::Module& m = *u.module;
  const std::string_view bc = point_bitcode();
  if (bc.empty()) return;
  std::set<std::string> wanted;
  for (const auto& [name, fn] : u.point_functions)
    if (auto* f = m.getFunction(name); f && f->isDeclaration()) wanted.insert(name);
  if (wanted.empty()) return;
  // Loaded lazily: the linker materialises only the functions the module needs (the bytes are static).
  auto lib = llvm::getLazyBitcodeModule(llvm::MemoryBufferRef(llvm::StringRef(bc.data(), bc.size()), "point_functions"),
                                        m.getContext());
  if (!lib) {
    llvm::consumeError(lib.takeError());
    return;
  }
  (*lib)->setDataLayout(m.getDataLayout());
  (*lib)->setTargetTriple(m.getTargetTriple());
  std::set<std::string> own;
  for (auto& f : m)
    if (!f.isDeclaration()) own.insert(f.getName().str());
  for (auto& g : m.globals()) own.insert(g.getName().str());
  if (llvm::Linker::linkModules(m, std::move(*lib), llvm::Linker::Flags::LinkOnlyNeeded)) return;
  for (auto& f : m) {
    if (f.isDeclaration() || own.count(f.getName().str())) continue;
    f.setLinkage(llvm::GlobalValue::InternalLinkage);
    // compiled for the JIT's host like the loop around it (clang built it for a generic x86-64)
    f.removeFnAttr("target-cpu");
    f.removeFnAttr("target-features");
    f.removeFnAttr("tune-cpu");
    if (wanted.count(f.getName().str())) f.addFnAttr(llvm::Attribute::AlwaysInline);
  }
  for (auto& g : m.globals())
    if (!g.isDeclaration() && !own.count(g.getName().str())) g.setLinkage(llvm::GlobalValue::InternalLinkage);
}

// Units without loops (the zoo, most scripts' top level) run once: they are compiled by a
// CodeGenOpt::None target machine (fast instruction selection and register allocation); units
// with loops by a CodeGenOpt::Default one, after the O2 IR pipeline.
class TieredCompiler : public orc::IRCompileLayer::IRCompiler {
 public:
  TieredCompiler(std::unique_ptr<llvm::TargetMachine> fast, std::unique_ptr<llvm::TargetMachine> opt)
      : IRCompiler(orc::irManglingOptionsFromTargetOptions(opt->Options)), fast_(std::move(fast)), opt_(std::move(opt)) {}
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> operator()(llvm::Module& m) override {
    bool hot = false;
    for (auto& f : m) hot = hot || (!f.isDeclaration() && !f.hasFnAttribute(llvm::Attribute::OptimizeNone));
    orc::SimpleCompiler compile(hot ? *opt_ : *fast_);
    return compile(m);
  }

 private:
  std::unique_ptr<llvm::TargetMachine> fast_, opt_;
};

}  // namespace

Engine::Engine() : impl_(std::make_unique<Impl>()) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto jtmb = check(orc::JITTargetMachineBuilder::detectHost(), "cannot describe the host for the JIT");
  jtmb.setCodeGenOptLevel(llvm::CodeGenOpt::Default);
  impl_->tm = check(jtmb.createTargetMachine(), "cannot create the JIT's target machine");
  auto fast_jtmb = jtmb;
  fast_jtmb.setCodeGenOptLevel(llvm::CodeGenOpt::None);
  auto fast_tm = check(fast_jtmb.createTargetMachine(), "cannot create the JIT's target machine");
  auto opt_tm = check(jtmb.createTargetMachine(), "cannot create the JIT's target machine");
  auto compiler = std::make_shared<std::unique_ptr<orc::IRCompileLayer::IRCompiler>>(
      std::make_unique<TieredCompiler>(std::move(fast_tm), std::move(opt_tm)));
  impl_->jit = check(orc::LLJITBuilder()
                         .setJITTargetMachineBuilder(jtmb)
                         .setCompileFunctionCreator([compiler](orc::JITTargetMachineBuilder)
                                                        -> llvm::Expected<std::unique_ptr<orc::IRCompileLayer::IRCompiler>> {
                           return std::move(*compiler);
                         })
                         .setPlatformSetUp(orc::setUpInactivePlatform)  // no static initialisers in MLS units
                         .create(),
                     "cannot create the JIT");
  auto& j = *impl_->jit;
  if (auto e = j.getMainJITDylib().define(orc::absoluteSymbols(runtime_symbols(j.getExecutionSession(), j.getDataLayout()))))
    throw InternalError("cannot bind the runtime ABI: " + message(std::move(e)));
}

Engine::~Engine() = default;

Engine& Engine::get() {
  static Engine engine;  // one per process, on first use
  return engine;
}

// The solvers' point functions a unit calls (reg::SolverDesc::point_fn), bound on first use like the
// runtime ABI: what a loop calls when their bitcode is not linked into it (no O2, or no clang-16).
void Engine::bind_point_functions(const codegen::Unit& u) {
  auto& j = *impl_->jit;
  orc::MangleAndInterner mangle(j.getExecutionSession(), j.getDataLayout());
  orc::SymbolMap m;
  for (const auto& [name, fn] : u.point_functions)
    if (impl_->point_functions.insert(name).second)
      m[mangle(name)] = llvm::JITEvaluatedSymbol(llvm::pointerToJITTargetAddress(fn), llvm::JITSymbolFlags::Exported);
  if (m.empty()) return;
  if (auto e = j.getMainJITDylib().define(orc::absoluteSymbols(std::move(m))))
    throw InternalError("cannot bind a solver's point function: " + message(std::move(e)));
}

void Engine::prepare(codegen::Unit& u, bool optimize) {
  auto& j = *impl_->jit;
  bind_point_functions(u);
  u.module->setDataLayout(j.getDataLayout());
  u.module->setTargetTriple(j.getTargetTriple().str());
  if (!optimize) return;
  link_point_functions(u);
  // O2 for the sweep loops (the entry function is optnone: it runs once).
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(impl_->tm.get());
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  mpm.run(*u.module, mam);
}

Engine::Loaded Engine::load(codegen::Unit&& u) {
  auto& j = *impl_->jit;
  std::string entry = u.info.entry;
  auto tracker = j.getMainJITDylib().createResourceTracker();
  orc::ThreadSafeModule tsm(std::move(u.module), std::move(u.context));
  if (auto e = j.addIRModule(tracker, std::move(tsm))) {
    llvm::consumeError(tracker->remove());
    throw InternalError("cannot add the unit to the JIT: " + message(std::move(e)));
  }
  auto addr = j.lookup(entry);  // compiles the unit
  if (!addr) {
    std::string why = message(addr.takeError());
    llvm::consumeError(tracker->remove());
    throw InternalError("cannot compile the unit: " + why);
  }
  Loaded l;
  l.entry = addr->toPtr<EntryFn>();
  l.tracker = tracker.get();
  tracker->Retain();  // released in free()
  return l;
}

void Engine::free(Loaded& l) {
  if (!l.tracker) return;
  auto* t = static_cast<orc::ResourceTracker*>(l.tracker);
  llvm::Error e = t->remove();
  t->Release();
  l.tracker = nullptr;
  l.entry = nullptr;
  impl_->jit->getExecutionSession().getSymbolStringPool()->clearDeadEntries();
  if (e) throw InternalError("cannot free the unit's code: " + message(std::move(e)));
}

}  // namespace mls::jit
