#!/usr/bin/env python3
"""Heap allocations per sweep point (issue 10: "no per-point allocation"). Runs each sweep at two
sizes under bench/alloc_count.c (LD_PRELOAD) and reports the marginal allocations per point, so
start-up, compilation and the zoo cancel out. A measurement, not a test.

usage: bench/sweep_alloc.py [MLS]
"""
import os
import re
import subprocess
import sys
import tempfile

SWEEPS = {
    "roofline loop": "for b in 1 .. {n} {\n  r = roofline(Llama3_70B, H100, batch = b)\n  assert r.latency > 0 s\n}\n",
    "best 3 by, 10 hw x 5 models x N x 2 precisions": open("bench/sweep_1e6.mls").read().replace("1 .. 10000", "1 .. {n}"),
    "filtered zoo list, count": "for hw in hardware where tier == cloud, b in 1 .. {n} {\n"
                                "  r = roofline(Llama3_8B, hw, batch = b)\n} where r.feasible, count\n",
}


def allocations(mls, so, text, args):
    f = tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False)
    f.write(text)
    f.close()
    p = subprocess.run([mls, "--threads", "1"] + args + [f.name], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       env=dict(os.environ, LD_PRELOAD=so), text=True)
    os.unlink(f.name)
    m = re.search(r"alloc_count: (\d+)", p.stderr)
    if p.returncode != 0 or not m:
        sys.exit(f"run failed: {p.stderr}")
    return int(m.group(1))


def points(text, n):
    # the number of points of the sweep: the product of the literal list lengths and the range
    sizes = [n]
    for lst in re.findall(r"in \[([^\]]*)\]", text):
        sizes.append(len(lst.split(",")))
    if "hardware where tier == cloud" in text:
        sizes.append(16)  # cloud devices in the zoo
    out = 1
    for s in sizes:
        out *= s
    return out


def main():
    mls = sys.argv[1] if len(sys.argv) > 1 else "build/mls"
    so = os.path.join(tempfile.gettempdir(), "mls_alloc_count.so")
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", so, "bench/alloc_count.c"], check=True)
    for label, tmpl in SWEEPS.items():
        for evaluator, args in (("JIT", []), ("reference evaluator", ["--no-jit"])):
            small, large = 10000, 50000  # both sizes on the same side of the O2 threshold (UnitInfo)
            a = allocations(mls, so, tmpl.replace("{n}", str(small)), args)
            b = allocations(mls, so, tmpl.replace("{n}", str(large)), args)
            dp = points(tmpl, large) - points(tmpl, small)
            per = (b - a) / dp
            print(f"{label} [{evaluator}]: {0.0 if abs(per) < 5e-4 else per:.3f} allocations per point "
                  f"({points(tmpl, large):,} points: {b:,} allocations in all)")


if __name__ == "__main__":
    main()
