#!/usr/bin/env python3
"""Sweep throughput (issue 10): the 1,000-configuration sweep the Python original was timed on, and a
10^6-point roofline loop (with and without the solver call), under the JIT and the reference evaluator. A measurement, not a test.

usage: bench/sweep.py [MLS]   (also the 10^6-point sweep of bench/sweep_1e6.mls on 1 and 2 threads)
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

PY_ORIGINAL_1000 = 0.76  # s, MLSYSIM 0.1.1 (the seeds' figure)


def wall(cmd, n=5):
    xs = []
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        xs.append(time.perf_counter() - t)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {p.stderr.decode()}")
    return statistics.median(xs)


def wall_and_run(cmd, n=7):
    """Median wall time and median run phase (MLS_TIMING: the loop without start-up and compilation)."""
    xs, runs = [], []
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, MLS_TIMING="1"))
        xs.append(time.perf_counter() - t)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {p.stderr}")
        runs.append(float(re.search(r"run\s+([\d.]+) ms", p.stderr).group(1)))
    return statistics.median(xs), statistics.median(runs)


def main():
    mls = sys.argv[1] if len(sys.argv) > 1 else "build/mls"
    base = wall([mls, "-e", "1"])
    # Roofline solves in a compiled loop: the same 10^6-point loop with and without the solver call,
    # so the difference is the cost of the solves alone (loop, range and start-up cancel out).
    n_solves = 1_000_000
    big = tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False)
    big.write(f"for b in 1 .. {n_solves} {{\n  r = roofline(Llama3_70B, H100, batch = b, precision = fp16)\n"
              "  assert r.latency > 0 s\n}\n")
    big.close()
    empty = tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False)
    empty.write(f"for b in 1 .. {n_solves} {{\n  x = b * 1 s\n  assert x > 0 s\n}}\n")
    empty.close()
    print(f"start-up (mls -e 1): {base * 1000:.1f} ms")
    for label, extra in (("JIT", []), ("reference evaluator", ["--no-jit"])):
        t1000 = wall([mls, "--format", "csv", "bench/sweep_1000.mls"] + extra)
        t_solves = wall([mls, "--threads", "1", big.name] + extra, n=5)
        t_loop = wall([mls, "--threads", "1", empty.name] + extra, n=5)
        per = (t_solves - t_loop) / n_solves
        print(f"{label}: 1,000-config sweep with CSV rows {t1000 * 1000:.1f} ms wall "
              f"({PY_ORIGINAL_1000 / t1000:.0f}x the Python original's 0.76 s); "
              f"10^6 roofline solves in a compiled loop {t_solves:.3f} s wall, the same loop without them "
              f"{t_loop:.3f} s: {per * 1e9:.0f} ns per solve ({1 / per / 1e6:.1f} M/s on one core), "
              f"{t_solves / n_solves * 1e9:.0f} ns per point all included")
        # The 10^6-point sweep with a best-by reduction, on 1 thread and on 2, and its rows as CSV.
        one, run1 = wall_and_run([mls, "--threads", "1", "bench/sweep_1e6.mls"] + extra)
        two, run2 = wall_and_run([mls, "--threads", "2", "bench/sweep_1e6.mls"] + extra)
        rows = tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False)
        rows.write(open("bench/sweep_1e6.mls").read().replace("} best 3 by r.latency", "}"))
        rows.close()
        csv1 = wall([mls, "--threads", "1", "--format", "csv", rows.name] + extra, n=1)
        csv2 = wall([mls, "--threads", "2", "--format", "csv", rows.name] + extra, n=1)
        print(f"{label}: 10^6-point sweep, best 3 by latency: {one:.3f} s on 1 thread, {two:.3f} s on 2 "
              f"({one / two:.2f}x wall; the run phase alone {run1:.0f} / {run2:.0f} ms = {run1 / run2:.2f}x); "
              f"all 10^6 rows as CSV to /dev/null: {csv1:.2f} s on 1 thread, {csv2:.2f} s on 2")
        par = wall([mls, "--threads", "1", "bench/parallelism_search.mls"] + extra, n=3)
        print(f"{label}: parallelism search for 16,384 GPUs: {(par - base) * 1e3 / 1000:.3f} ms each (1,000 searches)")


if __name__ == "__main__":
    main()
