#!/usr/bin/env python3
"""One front door (issue 31): front ends reach the pipeline only through the embedding API.

1. The public headers (include/mls/) include only the standard library and each other: nothing of
   LLVM, ANTLR, Boost or the pipeline, so a host compiles against them alone.
2. Front ends (the command line with `mls eval`, `mls optimize` and `mls solve`, the REPL, the
   language server, the agents' interface, the embedding examples, the Python module) include no
   pipeline internals (compiler/**, stdlib/**, grammar/**, runtime/jit/**, the driver, the output
   writers, the zoo commands, LLVM, ANTLR, Boost) — directly or through a header of the repository
   they include — no exceptions. The command line builds api::Options and api::RenderOptions, the
   REPL keeps its bindings across entries through the API's Session (include/mls/session.hpp).

usage: check_api_boundary.py ROOT"""
import pathlib, re, sys

root = pathlib.Path(sys.argv[1])
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
INTERNAL = re.compile(r'^(compiler/|runtime/jit/|runtime/driver/|runtime/output/|runtime/format/|runtime/plot/|runtime/zoo/|'
                      r'runtime/reference/units_reference|llvm/|llvm-c/|antlr4|boost/|grammar/|stdlib/)')
FRONT_ENDS = ["runtime/cli", "runtime/lsp", "runtime/mcp", "runtime/solve/solve_command.hpp", "runtime/solve/solve_command.cpp", "runtime/repl",
              "examples/embed", "python"]
fails = []


def files(rel):
    p = root / rel
    if p.is_file():
        return [p]
    return sorted(x for x in p.rglob("*") if x.suffix in (".c", ".h", ".cpp", ".hpp", ".cc"))


for h in files("include/mls"):
    for kind, name in INCLUDE.findall(h.read_text()):
        if kind == '"' and not name.startswith("mls/"):
            fails.append(f"{h.relative_to(root)}: public header includes \"{name}\"")
        if kind == "<" and ("/" in name or name.endswith(".hpp")):
            fails.append(f"{h.relative_to(root)}: public header includes <{name}> (only the standard library)")

def reached(f):
    """Every include a file reaches: its own, and those of the repository's headers it includes."""
    out, todo, done = set(), [f], set()
    while todo:
        x = todo.pop()
        if x in done:
            continue
        done.add(x)
        for kind, name in INCLUDE.findall(x.read_text(errors="replace")):
            out.add(name)
            for base in (root, root / "include"):
                h = base / name
                if kind == '"' and h.is_file() and not INTERNAL.match(name):
                    todo.append(h)
    return out


seen = {}
for rel in FRONT_ENDS:
    for f in files(rel):
        r = str(f.relative_to(root))
        for name in reached(f):
            if INTERNAL.match(name):
                seen.setdefault(r, set()).add(name)
for r, names in sorted(seen.items()):
    fails.append(f"{r}: a front end includes pipeline internals {sorted(names)}: go through include/mls/")

n = sum(len(files(rel)) for rel in FRONT_ENDS)
for f in fails:
    print("FAIL", f)
print(f"api boundary: {len(files('include/mls'))} public headers, {n} front-end files, {len(fails)} problem(s)")
sys.exit(1 if fails else 0)
