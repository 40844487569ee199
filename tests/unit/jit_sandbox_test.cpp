// The JIT sandbox (docs/security.md): JIT code sees only the runtime ABI (runtime_abi.h), bound as
// absolute symbols; nothing of the process or of the C library is looked up by name. A unit calling
// `system`, `fopen`, `socket`, ... — what a codegen bug or a forged module would do — fails to link
// (jit::InternalError, exit 70), it never reaches the function. A unit calling an ABI function links.
#include <catch2/catch.hpp>

#include "runtime/jit/rt_context.hpp"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <string>

namespace {

// A unit whose entry function calls `callee(arg)`, declared and never defined. `f64`: the callee
// takes and returns a double (the libm ABI), else it takes a pointer and returns an i32.
mls::codegen::Unit unit_calling(const std::string& callee, bool f64) {
  mls::codegen::Unit u;
  u.context = std::make_unique<llvm::LLVMContext>();
  auto& c = *u.context;
  u.module = std::make_unique<llvm::Module>("sandbox_" + callee, c);
  auto* ptr = llvm::PointerType::get(c, 0);
  auto* i32 = llvm::Type::getInt32Ty(c);
  auto* f64t = llvm::Type::getDoubleTy(c);
  u.info.entry = "mls_sandbox_entry_" + callee;
  auto* entry = llvm::Function::Create(llvm::FunctionType::get(i32, {ptr, ptr}, false), llvm::Function::ExternalLinkage,
                                       u.info.entry, *u.module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(c, "entry", entry));
  if (f64) {
    auto fn = u.module->getOrInsertFunction(callee, llvm::FunctionType::get(f64t, {f64t}, false));
    b.CreateCall(fn, {llvm::ConstantFP::get(f64t, 1.0)});
  } else {
    auto fn = u.module->getOrInsertFunction(callee, llvm::FunctionType::get(i32, {ptr}, false));
    b.CreateCall(fn, {entry->getArg(0)});
  }
  b.CreateRet(b.getInt32(0));
  return u;
}

}  // namespace

TEST_CASE("JIT code cannot call process or C library functions by name", "[jit][sandbox]") {
  auto& engine = mls::jit::Engine::get();
  for (const char* name : {"system", "popen", "execve", "execl", "fork", "posix_spawn", "fopen", "open", "unlink",
                           "socket", "connect", "getaddrinfo", "dlopen", "dlsym", "getenv", "exit", "printf", "malloc",
                           "pow", "exp"}) {
    INFO("callee " << name);
    auto u = unit_calling(name, false);
    engine.prepare(u, false);
    REQUIRE_THROWS_AS(engine.load(std::move(u)), mls::jit::InternalError);
  }
}

TEST_CASE("JIT code can call the runtime ABI, and the engine stays usable after a refused unit", "[jit][sandbox]") {
  auto& engine = mls::jit::Engine::get();
  {
    auto bad = unit_calling("system", false);
    engine.prepare(bad, false);
    REQUIRE_THROWS_AS(engine.load(std::move(bad)), mls::jit::InternalError);
  }
  auto u = unit_calling("mls_libm_exp", true);
  engine.prepare(u, false);
  auto loaded = engine.load(std::move(u));
  REQUIRE(loaded.entry != nullptr);
  REQUIRE(loaded.entry(nullptr, nullptr) == 0);
  engine.free(loaded);
}
