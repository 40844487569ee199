#!/usr/bin/env python3
"""Generates cmake/mls_startup.order, the symbol ordering file the `mls` link gives lld (issue 24, goal 4;
cmake/startup_layout.cmake): the functions of the `mls` binary that a few start-ups execute, so that the
linker places them next to each other and one MADV_POPULATE_READ of that range (runtime/cli/early_heap.cpp)
replaces ~200 page faults scattered over 36 MB of machine code.

How: callgrind (valgrind) runs each start-up command below on a build of mls and lists every function it
executed, with its mangled name (--demangle=no), in the mls binary only; functions first executed by more
commands and with more instructions come first. The file is data, committed, and regenerated after changes
that move start-up code: a name it lists that no longer exists is ignored by the linker
(--no-warn-symbol-ordering), a new start-up function missing from it is only placed elsewhere — it
never changes what mls does, only where its code lies.

usage: bench/startup_order.py [MLS]   (MLS defaults to build/mls; run from anywhere)
"""
import collections
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "cmake", "mls_startup.order")
COMMANDS = [
    ["--version"],
    ["-e", "1 m"],
    ["-e", "H100.bandwidth"],
    ["examples/wall04_serving.mls"],
    ["--no-jit", "examples/wall04_serving.mls"],
    ["solve", "engine_solve", "--args", '{"model":"Llama3_8B","hardware":"H100"}'],
]


def executed(mls, args, tmp):
    """{mangled name: instructions} of the functions of `mls` one run executed."""
    out = os.path.join(tmp, "cg")
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--dump-instr=no", f"--callgrind-out-file={out}",
                    mls] + args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    target = os.path.realpath(mls)
    objects, names, cost = {}, {}, collections.Counter()
    current_ob, current_fn, in_mls = None, None, False
    for line in open(out, errors="replace"):
        if line.startswith(("ob=", "cob=")):
            m = re.match(r"c?ob=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
            if m and m.group(2):
                objects[m.group(1)] = os.path.realpath(m.group(2))
            if line.startswith("ob=") and m:
                current_ob = objects.get(m.group(1))
        elif line.startswith(("fn=", "cfn=")):
            m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
            if m and m.group(2):
                names[m.group(1)] = re.sub(r"'\d+$", "", m.group(2))
            if line.startswith("fn=") and m:
                current_fn = names.get(m.group(1))
                in_mls = current_ob == target
        elif in_mls and line[:1].isdigit() and current_fn:
            parts = line.split()
            if len(parts) >= 2:
                cost[current_fn] += int(parts[1])
    return cost


def main():
    mls = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "mls"))
    seen_by, total = collections.Counter(), collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for args in COMMANDS:
            cost = executed(mls, args, tmp)
            for name, n in cost.items():
                seen_by[name] += 1
                total[name] += n
    order = sorted(total, key=lambda n: (-seen_by[n], -total[n], n))
    order = [n for n in order if re.fullmatch(r"[A-Za-z_.$][\w.$]*", n)]  # symbol names only (no "0x..." or file:line)
    # The two markers of runtime/cli/early_heap.cpp bracket the range it prefaults.
    order = ["mls_startup_text_begin"] + [n for n in order if not n.startswith("mls_startup_text_")] + ["mls_startup_text_end"]
    with open(OUT, "w") as f:
        f.write("".join(n + "\n" for n in order))
    print(f"{OUT}: {len(order)} functions from {len(COMMANDS)} start-ups")


if __name__ == "__main__":
    main()
