#!/usr/bin/env python3
"""`mls --version` names the release, the commit the binary was built from and the LLVM its JIT links;
`mls solvers NAME` shows one solver (by MLS name or spec id) and a mistyped name is a usage error that
suggests the nearest solver (issue 29, command line)."""
import re
import subprocess
import sys

mls, source = sys.argv[1], sys.argv[2]
fails = []


def run(*args):
    return subprocess.run([mls, *args], capture_output=True, text=True)


v = run("--version")
m = re.fullmatch(r"mls (\d+\.\d+\.\d+) \(commit (\S+), LLVM (\d+\.\d+\.\d+)\)\n", v.stdout)
if v.returncode != 0 or not m:
    fails.append(f"--version: exit {v.returncode}, {v.stdout!r}")
else:
    head = subprocess.run(["git", "-C", source, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    commit = m.group(2).removesuffix("-dirty")
    if head and not head.startswith(commit) and commit != "unknown":
        fails.append(f"--version names commit {commit}, the checkout is at {head[:12]} (stale build?)")
    if not m.group(3).startswith("16."):
        fails.append(f"--version names LLVM {m.group(3)}, the build links LLVM 16")

for name in ("serve", "serving"):  # MLS name and spec id show the same solver
    r = run("solvers", name)
    if r.returncode != 0 or not r.stdout.startswith("serve — ") or ".itl: TimePerToken" not in r.stdout \
            or "seq_len" not in r.stdout or "`mls solve serving`" not in r.stdout:
        fails.append(f"solvers {name}: exit {r.returncode}, {r.stdout[:200]!r}")

r = run("solvers", "serv")
if r.returncode != 64 or "did you mean `serve`" not in r.stderr or r.stdout:
    fails.append(f"solvers serv: exit {r.returncode}, {r.stderr!r}")
r = run("solvers", "no_such_thing_at_all")
if r.returncode != 64 or "did you mean" in r.stderr or "`mls solvers` lists them all" not in r.stderr:
    fails.append(f"solvers no_such_thing_at_all: exit {r.returncode}, {r.stderr!r}")
r = run("solvers", "serve", "--format", "json")
if r.returncode != 64 or "one solver is shown as text" not in r.stderr:
    fails.append(f"solvers serve --format json: exit {r.returncode}, {r.stderr!r}")

for f in fails:
    print("FAIL", f)
print(f"{'FAIL' if fails else 'ok'}: --version and `mls solvers NAME`")
sys.exit(1 if fails else 0)
