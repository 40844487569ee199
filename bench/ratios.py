#!/usr/bin/env python3
"""Issue 24's benchmarks as ratios to native C baselines, for two builds in one run on one machine.

Compiles bench/native/*.c (cc -O2), then times each piece of work natively and under each `mls` given,
and prints a markdown table: native figure, then per build the figure and its ratio to native. Times
are medians of a few runs (output and start-up rows: minimums, the figure of a shared machine); loop
costs are per point with start-up cancelled (a run of N points minus a run of 1; for the roofline
solve, CPU time of 5.2 M points minus 0.2 M, both compiled at O2; median and minimum of 5). A measurement, not a test.

usage: bench/ratios.py [--before OLD_MLS] [--only startup,output] [MLS]     (MLS defaults to build/mls)
--only picks groups of rows: loop (trivial loop and its memory), solve, output (CSV and JSON-lines
rows on 1 and 2 threads, and the 2-thread/1-thread ratio), startup.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_LOOP = 10_000_000
N_SOLVE = 5_000_000  # with the solver inlined a point costs a few ns: 10^6 of them were lost in start-up's noise
N_SOLVE_BASE = 200_000  # the solve row's reference run: a loop compiled at O2 as the big one (UnitInfo::kOptimizeFrom)
N_ROWS = 1_000_000


def measure(cmd, n=3, stdout=subprocess.DEVNULL, cpu=False, best=False):
    """Median (with best, the minimum: the figure of a shared machine) wall (or, with cpu, user + system
    CPU) seconds and the largest peak RSS (MB) of n runs."""
    walls, rss = [], 0.0
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, ru = os.wait4(p.pid, 0)
        walls.append(ru.ru_utime + ru.ru_stime if cpu else time.perf_counter() - t)
        err = p.stderr.read().decode()
        p.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(cmd)} failed: {err[-500:]}")
        rss = max(rss, ru.ru_maxrss / 1024)
    return (min(walls) if best else statistics.median(walls)), rss


def script(text):
    f = tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False)
    f.write(text)
    f.close()
    return f.name


def native(tmp):
    """Compiles the baselines; returns name -> figure."""
    exe = {}
    for name in ("trivial_loop", "roofline_loop", "rows", "hello"):
        exe[name] = os.path.join(tmp, name)
        subprocess.run(["cc", "-O2", "-o", exe[name], os.path.join(ROOT, "bench", "native", name + ".c"), "-lm"], check=True)
    per_point = lambda prog, n: statistics.median(
        float(subprocess.run([exe[prog], str(n)], capture_output=True, text=True, check=True).stdout.split()[0]) for _ in range(3))
    r = {"loop": per_point("trivial_loop", N_LOOP), "solve": per_point("roofline_loop", N_SOLVE),
         "loop_mem": measure([exe["trivial_loop"], str(N_LOOP)])[1]}
    for fmt in ("csv", "json"):
        r[fmt] = measure([exe["rows"], fmt, str(N_ROWS)], best=True)[0]
        r[fmt + "_cpu"] = measure([exe["rows"], fmt, str(N_ROWS)], cpu=True, best=True)[0]
    r["start"] = measure([exe["hello"]], n=20, best=True)[0] * 1e3
    r["start_cpu"] = measure([exe["hello"]], n=20, cpu=True, best=True)[0] * 1e3
    r["start_zoo"] = r["start"]
    return r


def build(mls, parts):
    loop = lambda n: f"for b in 1 .. {n} {{\n  x = b * 1 s\n  assert x > 0 s\n}}\n"
    solve = lambda n: (f"for b in 1 .. {n} {{\n  r = roofline(Llama3_70B, H100, batch = b, precision = fp16)\n"
                       "  assert r.latency > 0 s\n}\n")
    rows = open(os.path.join(ROOT, "bench", "sweep_1e6.mls")).read().replace("} best 3 by r.latency", "}")
    big, one, sbig, sone, rfile = script(loop(N_LOOP)), script(loop(1)), script(solve(N_SOLVE_BASE + N_SOLVE)), script(solve(N_SOLVE_BASE)), script(rows)
    r = {}
    try:
      if "loop" in parts:
        t1, _ = measure([mls, "--threads", "1", one])
        tn, r["loop_mem"] = measure([mls, "--threads", "1", big])
        r["loop"] = (tn - t1) / N_LOOP * 1e9
        small = script(loop(N_LOOP // 10))
        te, _ = measure([mls, "--no-jit", "--threads", "1", small], n=1)
        r["loop_eval"] = (te - t1) / (N_LOOP // 10) * 1e9
        os.unlink(small)
      if "solve" in parts:
        # CPU time (user + system) rather than wall time: the per-point figure of a loaded machine.
        # Both runs compile the loop at O2, so start-up and compilation cancel: what is left is the loop.
        # Five runs each: the median, and the minimum (the figure of a shared machine).
        t1, _ = measure([mls, "--threads", "1", sone], n=5, cpu=True)
        tn, _ = measure([mls, "--threads", "1", sbig], n=5, cpu=True)
        r["solve"] = (tn - t1) / N_SOLVE * 1e9
        t1, _ = measure([mls, "--threads", "1", sone], n=5, cpu=True, best=True)
        tn, _ = measure([mls, "--threads", "1", sbig], n=5, cpu=True, best=True)
        r["solve_min"] = (tn - t1) / N_SOLVE * 1e9
      if "output" in parts:
        # Minimum of 3 runs, wall and (one thread) CPU time: the machine is shared.
        for fmt in ("csv", "json"):
            for threads in (1, 2):
                r[f"{fmt}{threads}"] = measure([mls, "--threads", str(threads), "--format", fmt, rfile], best=True)[0]
            r[f"{fmt}1_cpu"] = measure([mls, "--threads", "1", "--format", fmt, rfile], cpu=True, best=True)[0]
            # threads must never make output slower: 2 threads' time over 1 thread's (<= 1.0x is right)
            r[f"{fmt}_threads"] = r[f"{fmt}2"] / r[f"{fmt}1"]
      if "startup" in parts:
        # Minimum of 20 runs (bench/startup.py adds medians, page faults and instruction counts).
        r["start"] = measure([mls, "-e", "1 m"], n=20, best=True)[0] * 1e3
        r["start_cpu"] = measure([mls, "-e", "1 m"], n=20, cpu=True, best=True)[0] * 1e3
        r["start_zoo"] = measure([mls, "-e", "H100.bandwidth"], n=20, best=True)[0] * 1e3
        r["start_script"] = measure([mls, "examples/wall04_serving.mls"], n=20, best=True)[0] * 1e3
        r["start_script_cpu"] = measure([mls, "examples/wall04_serving.mls"], n=20, cpu=True, best=True)[0] * 1e3
    finally:
        for f in (big, one, sbig, sone, rfile):
            os.unlink(f)
    return r


ROWS = [  # group, key, label, native key (None: a ratio of its own, printed as it is), unit
    ("loop", "loop", "trivial loop, JIT (ns/point)", "loop", "{:.2f}"),
    ("loop", "loop_eval", "trivial loop, reference evaluator (ns/point)", "loop", "{:.1f}"),
    ("loop", "loop_mem", "peak memory of a 10^7-point loop (MB)", "loop_mem", "{:.0f}"),
    ("solve", "solve", "roofline solve in a compiled loop (ns/point, all included)", "solve", "{:.1f}"),
    ("solve", "solve_min", "the same, minimum of 5 runs", "solve", "{:.1f}"),
    ("output", "csv1", "10^6 rows as CSV, 1 thread (s)", "csv", "{:.2f}"),
    ("output", "csv1_cpu", "10^6 rows as CSV, 1 thread (CPU s)", "csv_cpu", "{:.2f}"),
    ("output", "csv2", "10^6 rows as CSV, 2 threads (s)", "csv", "{:.2f}"),
    ("output", "csv_threads", "CSV: 2 threads' time / 1 thread's (target <= 1)", None, "{:.2f}x"),
    ("output", "json1", "10^6 rows as JSON lines, 1 thread (s)", "json", "{:.2f}"),
    ("output", "json1_cpu", "10^6 rows as JSON lines, 1 thread (CPU s)", "json_cpu", "{:.2f}"),
    ("output", "json2", "10^6 rows as JSON lines, 2 threads (s)", "json", "{:.2f}"),
    ("output", "json_threads", "JSON lines: 2 threads' time / 1 thread's (target <= 1)", None, "{:.2f}x"),
    ("startup", "start", "start-up, `mls -e '1 m'` (ms)", "start", "{:.1f}"),
    ("startup", "start_cpu", "start-up, `mls -e '1 m'` (CPU ms)", "start_cpu", "{:.1f}"),
    ("startup", "start_zoo", "start-up, zoo-using `mls -e 'H100.bandwidth'` (ms)", "start_zoo", "{:.1f}"),
    ("startup", "start_script", "start-up + run, examples/wall04_serving.mls (ms)", "start_zoo", "{:.1f}"),
    ("startup", "start_script_cpu", "start-up + run, examples/wall04_serving.mls (CPU ms)", "start_cpu", "{:.1f}"),
]
PARTS = ("loop", "solve", "output", "startup")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", help="an earlier build of mls, measured in the same run")
    ap.add_argument("--only", default=",".join(PARTS), help="comma-separated groups: " + ", ".join(PARTS))
    ap.add_argument("mls", nargs="?", default="build/mls")
    a = ap.parse_args()
    parts = set(a.only.split(","))
    if not parts <= set(PARTS):
        sys.exit(f"--only takes {', '.join(PARTS)}")
    builds = ([("before", a.before)] if a.before else []) + [("after" if a.before else "mls", a.mls)]
    with tempfile.TemporaryDirectory() as tmp:
        nat = native(tmp)
    res = {label: build(os.path.abspath(path), parts) for label, path in builds}
    head = "| work | native C | " + " | ".join(f"{label} | ratio" for label, _ in builds) + " |"
    print(head)
    print("|" + "---|" * (2 + 2 * len(builds)))
    for part, key, label, nkey, fmt in ROWS:
        if part not in parts:
            continue
        cells = [label, fmt.format(nat[nkey]) if nkey else ""]
        for b, _ in builds:
            v = res[b][key]
            cells += [fmt.format(v), f"{v / nat[nkey]:.1f}x" if nkey else ""]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
