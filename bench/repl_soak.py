#!/usr/bin/env python3
"""REPL soak: N entries piped into one session (default 100,000); reports resident memory and the
per-entry time (p50/p99). A measurement, not a test (issue 9).

usage: bench/repl_soak.py [N] [MLS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def entries(n):
    # A mix of what a class types: bindings, rebindings, conversions, solver calls, records, errors.
    kinds = [
        "bw = {k} GB/s",
        "peak = 989 TFLOP/s",
        "peak / bw -> FLOP/B",
        "x{k} = {k} ms + 1 s",
        "ans * 2",
        "r = roofline(Llama3_70B, H100, batch = {b})",
        "r.latency -> ms",
        "y = 1 m + 2 s",           # an error: rolled back
        "bw * 2 s",
        "[1, 2, {k}]",
    ]
    for k in range(n):
        yield kinds[k % len(kinds)].format(k=k + 1, b=1 + k % 64)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    mls = sys.argv[2] if len(sys.argv) > 2 else "build/mls"
    times = tempfile.mktemp()
    data = "\n".join(entries(n)) + "\n"
    t0 = time.perf_counter()
    p = subprocess.run([mls, "repl"], input=data, capture_output=True, text=True,
                       env=dict(os.environ, MLS_REPL_TIMES=times))
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    in_order = [float(l) for l in open(times)]
    us = sorted(in_order)
    os.unlink(times)
    q = lambda f: us[min(len(us) - 1, int(f * len(us)))] / 1000
    print(f"{n} entries in {wall:.1f} s ({n / wall:.0f}/s); exit {p.returncode}")
    print(f"per entry: p50 {q(0.5):.3f} ms, p99 {q(0.99):.3f} ms, max {us[-1] / 1000:.1f} ms")
    print(f"peak resident memory: {rss:.0f} MB")
    first, last = in_order[: len(in_order) // 10], in_order[-len(in_order) // 10:]
    print(f"first 10% of entries: p50 {statistics.median(first) / 1000:.3f} ms; "
          f"last 10%: p50 {statistics.median(last) / 1000:.3f} ms")


if __name__ == "__main__":
    main()
