#!/usr/bin/env python3
"""A solver call in a compiled loop takes the per-point path (issue 24): a roofline over the batch
compiles to a call of mls_rt_solver_point (`--emit=llvm`), every point after the first runs only the
per-point part of the equation (the count MLS_JIT_TIMING prints), its output is the reference
evaluator's, and a point makes no heap allocation (bench/alloc_count.c, when a C compiler is there).
A sweep that varies another argument faster than the batch (precision innermost, as bench/sweep_1e6.mls)
comes back to the site's remembered plans: the same rows as the reference evaluator, every plan made
once (the per-point count), and no allocation per point either.

usage: check_solver_point.py MLS SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

N = 1000
LOOP = """for b in 1 .. {n} {{
  r = roofline(Llama3_70B, H100, batch = b{extra})
  assert r.latency > 0 s
}}
"""
# Every kind of field, the infeasible case's reason string, the calibrated and training paths.
ROWS = """for p in [fp16, fp8], b in 1 .. 300 step 7 {{
  r = roofline({model}, H100, batch = b, precision = p{extra})
  row b = b, latency = r.latency, tc = r.latency_compute, tm = r.latency_memory, mfu = r.mfu, energy = r.energy, bottleneck = r.bottleneck, feasible = r.feasible, reason = r.reason ?? "fits", tier = r.memory_tier, footprint = r.memory_footprint
}}
"""
# The shape of bench/sweep_1e6.mls: devices and models outside, the precision innermost; infeasible
# points (a reason string) among them.
MIXED = """for hw in [A100, H100, H200], model in [Llama3_8B, Llama3_70B, GPT3], b in 1 .. {n}, p in [fp16, bf16, int8] {{
  r = roofline(model, hw, batch = b, precision = p{extra})
  {body}
}}{tail}
"""
MIXED_ROW = ("row hw = hw.name, model = model.name, b = b, p = p, latency = r.latency, mfu = r.mfu, "
             "feasible = r.feasible, reason = r.reason ?? \"fits\", tier = r.memory_tier")
failures = []


def run(mls, path, *args, env=None):
    return subprocess.run([mls, *args, path], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, **(env or {})))


def script(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def check(ok, what):
    if not ok:
        failures.append(what)


def report(ok):
    """Prints the failures and exits 1, or prints `ok`."""
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print(ok)


def main():
    mls, src = os.path.abspath(sys.argv[1]), sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        loop = script(tmp, "loop.mls", LOOP.format(n=N, extra=""))
        ll = run(mls, loop, "--emit=llvm")
        check(ll.returncode == 0 and "call i32 @mls_rt_solver_point" in ll.stdout,
              "--emit=llvm: the roofline over the batch does not call mls_rt_solver_point")
        timed = run(mls, loop, "--threads", "1", env={"MLS_JIT_TIMING": "1"})
        counts = [int(c) for c in re.findall(r"(\d+) per-point solver calls", timed.stderr)]
        check(timed.returncode == 0 and sum(counts) == N - 1,
              f"{N} points: {sum(counts)} per-point solver calls, expected {N - 1} (the first plans)\n{timed.stderr}")
        # a batch that changes with another argument at every point plans every time: no per-point call
        both = script(tmp, "both.mls", "for b in 1 .. 50 {\n  r = roofline(Llama3_8B, H100, batch = b, efficiency = b / 100)\n"
                                       "  assert r.latency > 0 s\n}\n")
        timed = run(mls, both, "--threads", "1", env={"MLS_JIT_TIMING": "1"})
        counts = [int(c) for c in re.findall(r"(\d+) per-point solver calls", timed.stderr)]
        check(timed.returncode == 0 and sum(counts) == 0, f"efficiency = b / 100: {sum(counts)} per-point calls, expected 0")

        for model in ("Llama3_70B", "Llama3_8B", "Mixtral_8x7B"):
            for extra in ("", ", fidelity = calibrated", ", training = true, seq_len = 1024"):
                rows = script(tmp, "rows.mls", ROWS.format(model=model, extra=extra))
                jit, ref = run(mls, rows, "--threads", "1"), run(mls, rows, "--no-jit")
                check(jit.returncode == 0 and jit.stdout.count("\n") > 10, f"{model}{extra}: the JIT run failed: {jit.stderr}")
                check((jit.returncode, jit.stdout, jit.stderr) == (ref.returncode, ref.stdout, ref.stderr),
                      f"{model}{extra}: the JIT's rows differ from the reference evaluator's")

        # remembered plans: the same numbers as the reference evaluator, each plan made once
        for extra in ("", ", fidelity = calibrated"):
            mixed = script(tmp, "mixed.mls", MIXED.format(n=40, extra=extra, body=MIXED_ROW, tail=""))
            jit, ref = run(mls, mixed, "--threads", "1", env={"MLS_JIT_TIMING": "1"}), run(mls, mixed, "--no-jit")
            check(jit.returncode == 0 and jit.stdout.count("\n") > 1000, f"mixed sweep{extra}: the JIT run failed: {jit.stderr}")
            check((jit.returncode, jit.stdout) == (ref.returncode, ref.stdout),
                  f"mixed sweep{extra}: the JIT's rows differ from the reference evaluator's")
            counts = [int(c) for c in re.findall(r"(\d+) per-point solver calls", jit.stderr)]
            # 3 x 3 x 40 x 3 points, 3 x 3 x 3 = 27 plans: every other point reuses one
            check(sum(counts) == 3 * 3 * 40 * 3 - 27, f"mixed sweep{extra}: {sum(counts)} per-point calls, expected {1080 - 27}")
        best = script(tmp, "best.mls", MIXED.format(n=60, extra="", body="row b = b, latency = r.latency",
                                                    tail=" best 3 by r.latency"))
        jit, ref = run(mls, best, "--threads", "1"), run(mls, best, "--no-jit")
        check(jit.returncode == 0 and (jit.stdout, jit.stderr) == (ref.stdout, ref.stderr),
              "best 3 by over the mixed sweep: the JIT's output differs from the reference evaluator's")

        cc = shutil.which("cc")
        if cc:
            so = os.path.join(tmp, "alloc_count.so")
            subprocess.run([cc, "-O2", "-shared", "-fPIC", "-o", so, os.path.join(src, "bench", "alloc_count.c")], check=True)

            def allocations(n, text=None):
                text = text or LOOP.format(n=n, extra=", precision = fp16")
                p = run(mls, script(tmp, f"alloc{n}.mls", text), "--threads", "1", env={"LD_PRELOAD": so})
                m = re.search(r"alloc_count: (\d+)", p.stderr)
                check(p.returncode == 0 and m, f"the allocation count did not run: {p.stderr}")
                return int(m.group(1)) if m else 0

            small, large = allocations(2000), allocations(12000)
            per_point = (large - small) / 10000
            check(per_point < 0.01, f"{per_point:.3f} heap allocations per point in the roofline loop, expected 0 "
                                    f"({small} for 2,000 points, {large} for 12,000)")
            sweep = lambda n: MIXED.format(n=n, extra="", body="row b = b, latency = r.latency", tail=" best 3 by r.latency")
            small, large = allocations(200, sweep(200)), allocations(1200, sweep(1200))
            per_point = (large - small) / (27 * 1000)
            check(per_point < 0.01, f"{per_point:.3f} heap allocations per point in the best-3-by sweep, expected 0 "
                                    f"({small} for 200 batches, {large} for 1,200)")
    report("ok: the roofline in a compiled loop runs its per-point part, without allocating, as the reference evaluator")


if __name__ == "__main__":
    main()
