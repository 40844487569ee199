#!/usr/bin/env python3
"""The prelude and the zoo compiled from the ASTs parsed at build time (issue 24, start-up) behave
exactly like the same files parsed at run time (MLS_PARSE_BUILTINS=1): the whole zoo as data, runs
that use entries, and diagnostics (text and JSON) that point at or suggest zoo entries give the same
stdout, stderr and exit code both ways.

usage: check_builtin_ast.py MLS
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMANDS = [
    ["zoo", "--format", "json"],
    ["zoo", "show", "H100", "--format", "json"],
    ["-e", "1 m"],
    ["-e", "print H100.bandwidth -> TB/s, Llama3_8B.params"],
    ["-e", "r = roofline(Llama3_8B, H100, batch = 8, precision = fp16)\nprint r.latency, r.bottleneck"],
    ["-e", "print H100.bandwidth + 1 s"],
    ["--diagnostics=json", "-e", "print H100.bandwidth + 1 s"],
    ["-e", "print H10.bandwidth"],
    ["-e", "x = ?\nprint x"],
    ["--whole-zoo", "-e", "for hw in hardware where tier == cloud { row name = hw.name } count"],
    ["--emit=typed", "-e", "print 3.35 TB/s * 2 s"],
    ["-e", ":info H100"],
    ["examples/wall04_serving.mls"],
    ["solve", "engine_solve", "--args", '{"model":"Llama3_8B","hardware":"H100"}'],
]


def run(mls, args, parse):
    env = {k: v for k, v in os.environ.items() if k != "MLS_PARSE_BUILTINS"}
    if parse:
        env["MLS_PARSE_BUILTINS"] = "1"
    p = subprocess.run([mls, "--color", "never", *args] if args[0] not in ("zoo", "solve") else [mls, *args],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    return p.returncode, p.stdout, p.stderr


def main():
    mls = os.path.abspath(sys.argv[1])
    failures = 0
    for args in COMMANDS:
        built, parsed = run(mls, args, False), run(mls, args, True)
        if built != parsed:
            failures += 1
            print(f"FAIL {args}: built-in ASTs give {built!r}\n  parsed at run time gives {parsed!r}")
        if built[0] == 70:
            failures += 1
            print(f"FAIL {args}: internal error {built[2]!r}")
    print(f"{len(COMMANDS) - failures}/{len(COMMANDS)} commands the same both ways")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
