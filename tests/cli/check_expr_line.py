#!/usr/bin/env python3
"""`mls -e` (issue 29): a binding typed on the command line is the user's answer, so it is never
reported as unused (W0603) — while a script, and a loop variable inside `-e`, still are; and a line that
starts with `:` runs as the REPL command it is (`mls -e ':info serve'`), with the REPL's exit codes.
usage: check_expr_line.py MLS"""
import os, subprocess, sys, tempfile

mls = sys.argv[1]
fails = []


def run(*args):
    return subprocess.run([mls, *args], capture_output=True, text=True)


r = run("-e", "x = 3 m")
if r.returncode != 0 or "W0603" in r.stderr or r.stderr:
    fails.append(f"-e 'x = 3 m': exit {r.returncode}, stderr {r.stderr!r}")
r = run("-e", "fn twice(v) = 2 * v\nbw = 3.35 TB/s")
if r.returncode != 0 or r.stderr:
    fails.append(f"-e function and binding: exit {r.returncode}, stderr {r.stderr!r}")
# Still warned: a loop variable nothing reads (not an answer), and the same binding in a script file.
r = run("-e", "for b in [1, 2] { print 1 }")
if "W0603" not in r.stderr or "loop variable `b`" not in r.stderr:
    fails.append(f"-e unused loop variable: W0603 expected, stderr {r.stderr!r}")
with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "unused.mls")
    with open(script, "w") as f:
        f.write("x = 3 m\n")
    r = run(script)
    if "W0603" not in r.stderr:
        fails.append(f"a script's unused binding: W0603 expected, stderr {r.stderr!r}")

r = run("-e", ":info serve")
if r.returncode != 0 or not r.stdout.startswith("serve — ") or "E0204" in r.stderr:
    fails.append(f"-e ':info serve': exit {r.returncode}, {r.stdout[:80]!r} {r.stderr[:200]!r}")
r = run("-e", "x = 3 m\n:type x * 2")
if r.returncode != 0 or not r.stdout.startswith("x * 2 : Length"):
    fails.append(f"-e binding then :type: exit {r.returncode}, {r.stdout!r} {r.stderr!r}")
# A REPL command that fails is the REPL's usage error (64), with its message.
for command, message in ((":info no_such_name_here", "no unit, zoo entry, solver or variable named `no_such_name_here`"),
                         (":frobnicate", "unknown command :frobnicate")):
    r = run("-e", command)
    if r.returncode != 64 or message not in r.stderr:
        fails.append(f"-e '{command}': exit {r.returncode}, {r.stderr!r}")

print("".join(f"FAIL {f}\n" for f in fails) + f"{'FAIL' if fails else 'ok'}: -e bindings and REPL commands")
sys.exit(1 if fails else 0)
