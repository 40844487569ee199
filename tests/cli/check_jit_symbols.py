#!/usr/bin/env python3
"""The JIT sandbox (docs/security.md): JIT-compiled MLS code can call only the runtime ABI.

usage: check_jit_symbols.py MLS ROOT

1. `mls --emit=llvm` of every example and every running test script declares only functions named
   in compiler/codegen/runtime_abi.h (MLS_RT_THUNKS, MLS_RT_LIBM), the solvers' point functions
   (pure arithmetic, SolverDef::inline_point in stdlib/solvers, bound one by one from the registry)
   or LLVM intrinsics (llvm.*).
2. runtime/jit/engine.cpp binds exactly those names plus the fixed list of C functions LLVM itself
   may emit calls to, and never opens the process to name lookup (no DynamicLibrarySearchGenerator,
   no process-symbol generator, no dlsym): a call to any other name fails to link (unit test
   jit_sandbox_test.cpp)."""
import pathlib, re, subprocess, sys

mls, root = sys.argv[1], pathlib.Path(sys.argv[2])
fails = 0
abi = (root / "compiler/codegen/runtime_abi.h").read_text()
thunks = set(re.findall(r"^\s*X\((mls_rt_\w+)\)", abi, re.M))
libm = set(re.findall(r"^\s*X\((mls_libm_\w+),", abi, re.M))
if len(thunks) < 10 or len(libm) < 3:
    print("cannot read the ABI lists from runtime_abi.h", thunks, libm)
    sys.exit(1)
llvm_libcalls = {"floor", "ceil", "round", "trunc", "sqrt", "fabs", "fmin", "fmax", "memset", "memcpy", "memmove"}

engine = re.sub(r"//[^\n]*", "", (root / "runtime/jit/engine.cpp").read_text())  # code only
for banned in ("DynamicLibrarySearchGenerator", "getForCurrentProcess", "dlsym(", "dlopen(", "LoadLibraryPermanently",
               "setProcessSymbolsJITDylib"):
    if banned in engine:
        print(f"runtime/jit/engine.cpp mentions {banned}: JIT code could look up process symbols by name")
        fails += 1
bound_extra = set(re.findall(r'"(\w+)"', engine.split("runtime_symbols", 1)[1].split("return m;", 1)[0]))
if bound_extra != llvm_libcalls:
    print("engine.cpp binds C functions beyond the documented list:", sorted(bound_extra ^ llvm_libcalls))
    fails += 1
point_functions = set()
for src in sorted((root / "stdlib" / "solvers").glob("*.cpp")):
    point_functions |= set(re.findall(r'\.inline_point\("(\w+)"', src.read_text()))
allowed = thunks | libm | llvm_libcalls | point_functions

files = sorted((root / "examples").glob("*.mls")) + sorted((root / "tests" / "lang").glob("*.mls"))
checked = 0
for f in files:
    p = subprocess.run([mls, "--emit=llvm", f.name], capture_output=True, text=True, cwd=f.parent, timeout=60)
    if p.returncode != 0:
        continue  # scripts that do not compile (error tests) have no unit
    checked += 1
    declared = set(re.findall(r"^declare\b[^@]*@\"?([\w.$]+)\"?\(", p.stdout, re.M))
    called = set(re.findall(r"\bcall\b[^@]*@\"?([\w.$]+)\"?\(", p.stdout))
    defined = set(re.findall(r"^define\b[^@]*@\"?([\w.$]+)\"?\(", p.stdout, re.M))
    for name in sorted((declared | called) - defined):
        if name not in allowed and not name.startswith("llvm."):
            print(f"{f.relative_to(root)}: JIT code calls `{name}`, which is not in the runtime ABI")
            fails += 1
if checked < 15:
    print(f"only {checked} scripts compiled to LLVM IR; expected the examples at least")
    fails += 1
print(f"{checked} units checked against {len(allowed)} ABI names; {fails} failures")
sys.exit(1 if fails else 0)
