#!/usr/bin/env python3
"""A split solver's point function in a compiled loop (issue 24, goal 2): the roofline over the batch
takes the inline point path — JIT code calls the solver's point function (a small loop: the native one)
or, in a loop compiled at O2 when the build embeds its bitcode (clang-16), has it inlined (`--emit=llvm`:
no call is left) — every point after the first is computed there (the inlined count MLS_JIT_TIMING
prints), and the output equals the reference evaluator's, digit for digit (JSON lines), on sweeps
varying the batch, the precision, the device, the model and the efficiency, in every loop order (a new
item of a loop variable sends the next point through the call site), with the cases the point function
declines (training, calibrated η, infeasible models, errors) among them. A precision that changes faster
than the batch (bench/sweep_1e6.mls's order) keeps a plan per item: those points are inlined too, also
with more precisions than the call keeps ways for and with a precision list that changes per outer item.

usage: check_solver_inline.py MLS INLINED     (INLINED: 1 when the build embeds the bitcode, else 0)
"""
import os
import re
import sys
import tempfile

from check_solver_point import check, report, run, script

BIG = 250_000  # a loop of at least UnitInfo::kOptimizeFrom points is compiled at O2
LOOP = """for b in 1 .. {n} {{
  r = roofline(Llama3_70B, H100, batch = b, precision = fp16)
  assert r.latency > 0 s
}}
"""
# the precision innermost: one way (plan) per precision; 2 x 3 plans, made at the first batch
FAST = """for model in [Llama3_8B, Mixtral_8x7B], b in 1 .. {n}, p in [fp16, bf16, int8] {{
  r = roofline(model, H100, batch = b, precision = p)
  assert r.latency > 0 s
}}
"""
# the precision list changes with the outer item: the ways kept for the first list must not serve the second
NESTED = """for q in [[fp16, bf16], [int8, fp8, fp16], [bf16]] {{
  for b in 1 .. {n}, p in q {{
    r = roofline(Llama3_8B, H100, batch = b, precision = p)
    row b = b, p = p, latency = r.latency, energy = r.energy
  }}
}}
"""
FIELDS = "latency = r.latency, mfu = r.mfu, energy = r.energy, tput = r.throughput, ai = r.arithmetic_intensity, fits = r.feasible, mem = r.memory_footprint"
# (name, loop header, call arguments, clause): the loop orders and argument kinds the path must handle
SWEEPS = [
    ("constants", "b in 1 .. {n}", "Llama3_70B, H100, batch = b, precision = fp16", ""),
    ("device and precision outside", "hw in [H100, H200, B200], p in [fp16, fp8], b in 1 .. {n}", "Llama3_8B, hw, batch = b, precision = p", ""),
    ("precision innermost", "model in [Llama3_8B, Mixtral_8x7B], b in 1 .. {n}, p in [fp16, bf16, int8]", "model, H100, batch = b, precision = p", ""),
    ("more precisions than ways", "b in 1 .. {n}, p in [fp16, bf16, fp8, int8, fp16, fp8, bf16, int8, fp8, fp16]",
     "Llama3_8B, H100, batch = b, precision = p", ""),
    ("precision and efficiency inside", "hw in [H100, H200], b in 1 .. {n}, e in [0.5, 0.9], p in [fp16, fp8]",
     "Llama3_70B, hw, batch = b, precision = p, efficiency = e", ""),
    ("efficiency outside", "e in [0.3, 0.5, 0.9], b in 1 .. {n} step 3", "GPT3, A100, batch = b, efficiency = e", ""),
    ("efficiency from the batch", "b in 1 .. {n}", "Llama3_8B, H100, batch = b, efficiency = b / ({n} + 1)", ""),
    ("calibrated", "b in 1 .. {n}", "Llama3_70B, H200, batch = b, fidelity = calibrated", ""),
    ("training", "b in 1 .. {n}", "Llama3_8B, H100, batch = b, training = true, seq_len = 512", ""),
    ("fractional batch fails", "b in [4, 2, 0.5, 8]", "Llama3_8B, H100, batch = b", ""),
    ("geometric batch, best", "hw in [H100, MI300X], b in 1 .. {n} step *1.5", "Mixtral_8x7B, hw, batch = b, precision = fp8", " best 3 by r.latency"),
]


def counts(stderr):
    per_point = sum(int(c) for c in re.findall(r"(\d+) per-point solver calls", stderr))
    inlined = sum(int(c) for c in re.findall(r"\((\d+) inlined\)", stderr))
    return per_point, inlined


def main():
    mls, inlined_build = os.path.abspath(sys.argv[1]), sys.argv[2] in ("1", "ON", "TRUE", "YES")
    with tempfile.TemporaryDirectory() as tmp:
        # a small loop (no O2): the native point function, called
        small = script(tmp, "small.mls", LOOP.format(n=1000))
        ll = run(mls, small, "--emit=llvm")
        check(ll.returncode == 0 and "call i32 @mls_rt_point_cache" in ll.stdout and "call i32 @mls_point_roofline" in ll.stdout,
              "--emit=llvm, 1,000 points: the loop does not call the point function")
        timed = run(mls, small, "--threads", "1", env={"MLS_JIT_TIMING": "1"})
        check(timed.returncode == 0 and counts(timed.stderr) == (999, 999),
              f"1,000 points: {counts(timed.stderr)} (per-point, inlined) calls, expected (999, 999)\n{timed.stderr}")
        # a loop compiled at O2: the point function inlined when the bitcode is embedded
        big = script(tmp, "big.mls", LOOP.format(n=BIG))
        ll = run(mls, big, "--emit=llvm")
        called = "call i32 @mls_point_roofline" in ll.stdout
        check(ll.returncode == 0 and "call i32 @mls_rt_point_cache" in ll.stdout, f"--emit=llvm, {BIG} points: no inline point path")
        if inlined_build:
            check(not called and "@mls_point_roofline(" not in ll.stdout,
                  f"--emit=llvm, {BIG} points: the point function is called, not inlined")
            check(re.search(r"fdiv double", ll.stdout) is not None, f"--emit=llvm, {BIG} points: no equation in the loop")
        else:
            check(called, f"--emit=llvm, {BIG} points: the point function is not called (no bitcode in this build)")
        timed = run(mls, big, "--threads", "1", env={"MLS_JIT_TIMING": "1"})
        check(timed.returncode == 0 and counts(timed.stderr) == (BIG - 1, BIG - 1),
              f"{BIG} points: {counts(timed.stderr)} (per-point, inlined) calls, expected ({BIG - 1}, {BIG - 1})\n{timed.stderr}")

        # the precision innermost: every point after each precision's first is inlined, small loop and O2
        for n in (1000, BIG // 6 + 1):
            fast = script(tmp, "fast.mls", FAST.format(n=n))
            ll = run(mls, fast, "--emit=llvm")
            check(ll.returncode == 0 and "call i32 @mls_rt_point_cache" in ll.stdout and
                  ("call i32 @mls_point_roofline" in ll.stdout or (n > 1000 and inlined_build)),
                  f"--emit=llvm, precision innermost, {6 * n} points: no inline point path")
            timed = run(mls, fast, "--threads", "1", env={"MLS_JIT_TIMING": "1"})
            check(timed.returncode == 0 and counts(timed.stderr) == (6 * n - 6, 6 * n - 6),
                  f"precision innermost, {6 * n} points: {counts(timed.stderr)} (per-point, inlined) calls, "
                  f"expected ({6 * n - 6}, {6 * n - 6})\n{timed.stderr}")
        for n in (40, BIG // 6):
            nested = script(tmp, "nested.mls", NESTED.format(n=n))
            jit = run(mls, nested, "--threads", "1", "--format", "csv", env={"MLS_JIT_TIMING": "1"})
            ref = run(mls, nested, "--no-jit", "--format", "csv")
            check(jit.returncode == 0 and jit.stdout == ref.stdout and jit.stdout.count("\n") > 6 * n,
                  f"a precision list per outer item ({n} batches): the JIT's rows differ from the reference evaluator's")
            # 2 + 3 + 1 plans, each made at its list's first batch
            check(counts(jit.stderr)[1] == 6 * n - 6, f"a precision list per outer item ({n} batches): "
                  f"{counts(jit.stderr)[1]} points inlined, expected {6 * n - 6}\n{jit.stderr}")

        # the same numbers as the reference evaluator, small loops and O2 ones (rows of a few points only)
        for name, header, args, clause in SWEEPS:
            for n, where in ((60, ""), (BIG, " where b > {0} - 4".format(BIG))):
                if "[4, 2, 0.5, 8]" in header and n == BIG:
                    continue
                h = header.format(n=n)
                text = f"for {h} {{\n  r = roofline({args.format(n=n)})\n  row b = b, {FIELDS}\n}}{clause or where}\n"
                path = script(tmp, "sweep.mls", text)
                jit = run(mls, path, "--threads", "1", "--format", "json")
                ref = run(mls, path, "--no-jit", "--format", "json")
                check(jit.returncode != 2, f"{name} ({n}): the sweep does not compile\n{jit.stderr}")
                check(jit.stdout.count("\n") >= 3 or jit.returncode != 0, f"{name} ({n}): no rows\n{jit.stderr}")
                check((jit.returncode, jit.stdout, jit.stderr) == (ref.returncode, ref.stdout, ref.stderr),
                      f"{name} ({n} points): the JIT's output differs from the reference evaluator's\n{text}\n"
                      f"JIT {jit.returncode}: {jit.stdout[-600:]}{jit.stderr[-600:]}\nreference {ref.returncode}: {ref.stdout[-600:]}{ref.stderr[-600:]}")
                two = run(mls, path, "--threads", "2", "--format", "json")
                check((two.returncode, two.stdout) == (ref.returncode, ref.stdout), f"{name} ({n} points): 2 threads differ")
    report("ok: the roofline's point function runs inline in compiled loops, with the reference evaluator's numbers")


if __name__ == "__main__":
    main()
