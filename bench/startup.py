#!/usr/bin/env python3
"""Start-up benchmark (a measurement, not a test): `mls -e '1 m'`, a zoo-using `-e`, a zoo-using script
and one `mls solve`, for one build or two in the same run (--before OLD_MLS).

Per command: the minimum and the median over N runs (default 30) of wall time and of CPU time (user +
system), page faults, and, when valgrind is installed, the instructions executed (callgrind, one run:
deterministic, so comparable across runs on a loaded machine, which wall and CPU times are not).
The machine is shared, so the minimum is the figure to compare.

usage: bench/startup.py [--before OLD_MLS] [--runs N] [--no-callgrind] [MLS]     (MLS defaults to build/mls)
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMANDS = [
    ("mls -e '1 m'", ["-e", "1 m"]),
    ("mls -e 'H100.bandwidth' (zoo)", ["-e", "H100.bandwidth"]),
    ("zoo-using script (examples/wall04_serving.mls)", ["examples/wall04_serving.mls"]),
    ("mls solve engine_solve", ["solve", "engine_solve", "--args", '{"model":"Llama3_8B","hardware":"H100"}']),
]


def timed(cmd, n):
    """(min wall, median wall, min CPU, median CPU) in ms and the page faults of n runs."""
    walls, cpus, faults = [], [], 0
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, ru = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t)
        cpus.append(ru.ru_utime + ru.ru_stime)
        faults = ru.ru_minflt + ru.ru_majflt
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(cmd)} failed")
    ms = lambda xs: (min(xs) * 1e3, statistics.median(xs) * 1e3)
    return (*ms(walls), *ms(cpus), faults)


def instructions(cmd):
    """Instructions executed (callgrind's Ir), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg"] + cmd,
                           capture_output=True, text=True, cwd=ROOT)
        m = re.search(r"refs:\s+([\d,]+)", p.stderr)
        return int(m.group(1).replace(",", "")) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", help="an earlier build of mls, measured in the same run")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("mls", nargs="?", default="build/mls")
    a = ap.parse_args()
    builds = ([("before", a.before)] if a.before else []) + [("after" if a.before else "mls", a.mls)]
    print(f"| command | build | wall min / median (ms) | CPU min / median (ms) | page faults | instructions (M) |")
    print("|---|---|---|---|---|---|")
    for label, args in COMMANDS:
        for name, mls in builds:
            cmd = [os.path.abspath(mls)] + args
            wmin, wmed, cmin, cmed, faults = timed(cmd, a.runs)
            ir = None if a.no_callgrind else instructions(cmd)
            irs = f"{ir / 1e6:.1f}" if ir else "—"
            print(f"| {label} | {name} | {wmin:.1f} / {wmed:.1f} | {cmin:.1f} / {cmed:.1f} | {faults} | {irs} |")


if __name__ == "__main__":
    main()
