#!/usr/bin/env python3
"""The driver's choice of evaluator (issue 24, start-up): a script without a loop runs on the reference
evaluator (creating the LLJIT cost more than the whole run), a script with one is JIT-compiled, and
MLS_JIT_ALWAYS=1 compiles every script (the test suite sets it so that each script is compared on
both evaluators). Whichever runs, stdout, stderr and the exit code are those of `--no-jit` and of the
forced JIT. MLS_JIT_TIMING prints one line per compiled unit, which tells the choice.

usage: check_jit_choice.py MLS
"""
import os
import subprocess
import sys
import tempfile

SCRIPTS = {  # name: (source, has a loop)
    "arithmetic": ("x = 3.35 TB/s\ny = 989 TFLOP/s\nprint y / x\nprint x * 2 s -> GB\nassert y / x > 100 FLOP/B\n", False),
    "zoo_and_solver": ("r = roofline(Llama3_8B, H100, batch = 8, precision = fp16)\nprint r.latency, r.bottleneck\n"
                       "expect r.latency ~= r.latency within 1 %\n", False),
    "failed_assert": ("a = 2 m\nassert a > 3 m, \"too short\"\nprint a\n", False),
    "runtime_error": ("print 1 m\nside = -1 m^2\nprint sqrt(side)\n", False),
    "loop": ("for b in 1 .. 4 {\n  print b * 1 s\n}\n", True),
    "loop_after_straight_line": ("k = 2\nprint k * 1 m\nfor b in [1, 2] {\n  row b = b * k\n}\n", True),
}


def run(mls, path, env_extra, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("MLS_JIT_ALWAYS", "MLS_JIT_TIMING")}
    env.update(env_extra)
    return subprocess.run([mls, "--color", "never", *args, path], capture_output=True, text=True, env=env, timeout=60)


def units_compiled(stderr):
    return sum(1 for line in stderr.splitlines() if line.startswith("jit "))


def visible(p):
    return p.returncode, p.stdout, "\n".join(l for l in p.stderr.splitlines() if not l.startswith("jit "))


def main():
    mls = sys.argv[1]
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (src, loops) in SCRIPTS.items():
            path = os.path.join(tmp, name + ".mls")
            with open(path, "w") as f:
                f.write(src)
            auto = run(mls, path, {"MLS_JIT_TIMING": "1"})
            forced = run(mls, path, {"MLS_JIT_TIMING": "1", "MLS_JIT_ALWAYS": "1"})
            ref = run(mls, path, {}, "--no-jit")
            if (units_compiled(auto.stderr) > 0) != loops:
                fails.append(f"{name}: {'a loop' if loops else 'no loop'}, but {units_compiled(auto.stderr)} JIT units compiled")
            if units_compiled(forced.stderr) == 0:
                fails.append(f"{name}: MLS_JIT_ALWAYS=1 compiled nothing")
            for label, other in (("MLS_JIT_ALWAYS=1", forced), ("--no-jit", ref)):
                if visible(auto) != visible(other):
                    fails.append(f"{name}: output differs from {label}:\n{visible(auto)}\n{visible(other)}")
            if name == "runtime_error" and auto.returncode != 3:
                fails.append(f"{name}: exit {auto.returncode}, expected 3")
    print("".join(f"FAIL {f}\n" for f in fails) + f"{len(SCRIPTS) - len({f.split(':')[0] for f in fails})}/{len(SCRIPTS)} scripts as expected")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
