#!/usr/bin/env python3
"""The REPL's reading is bounded (issue 30): `:load` reads at most the 4 MiB source limit (`:load
/dev/zero` read 1.26 GB in 17 s), piped input without newlines is never held whole, an entry continued
over 100,000 lines costs linear time (it took 10 s), and `:save` reports a failed write (`:save
/dev/full` reported success).

usage: check_repl_bounds.py MLS"""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from measured_run import run_measured  # noqa: E402

mls = os.path.abspath(sys.argv[1])
fails = 0


def run(stdin_data=None, stdin_file=None, timeout=60):
    """Runs `mls repl` on piped input; returns (exit, stdout, stderr, seconds, peak RSS in MB)."""
    return run_measured([mls, "repl", "--color", "never"], stdin_data, stdin_file, timeout=timeout)


def check(name, result, want_exit, stdout_has=(), stderr_has=(), max_s=30, max_mb=600):
    global fails
    code, out, err, secs, mb = result
    why = []
    if code != want_exit:
        why.append(f"exit {code}, want {want_exit}")
    why += [f"stdout lacks {w!r}" for w in stdout_has if w not in out]
    why += [f"stderr lacks {w!r}" for w in stderr_has if w not in err]
    if secs > max_s:
        why.append(f"took {secs:.1f} s, bound {max_s} s")
    if mb > max_mb:
        why.append(f"peak memory {mb:.0f} MB, bound {max_mb} MB")
    print(f"{'FAIL' if why else 'ok'} {name}: exit {code}, {secs:.2f} s, peak RSS {mb:.0f} MB"
          + "".join("\n  - " + w for w in why) + (f"\n  stderr: {err[-400:]}" if why else ""))
    fails += bool(why)


# :load of a device that never ends: refused at the source limit, and the session goes on.
check(":load /dev/zero", run(":load /dev/zero\nprint 2 m\n"), 2, stdout_has=["2 m"], stderr_has=["E0507"], max_s=10)
# Piped input with no newline at all: the line is cut at the limit, refused, and the REPL stops.
check("stdin /dev/zero", run(stdin_file="/dev/zero"), 2, stderr_has=["E0507"], max_s=10)
# One entry over 100,001 lines: linear in its length (each line is scanned once).
check("100,000 continuation lines", run("x = (\n" + "\n" * 100000 + "1 m)\nprint x\n"), 0, stdout_has=["1 m"], max_s=5)
# (a statement is at most 10,000 tokens: refused, quickly, and the session goes on)
check("100,000 lines of a list", run("xs = [\n" + "1,\n" * 100000 + "2]\nprint 3 s\n"), 2, stdout_has=["3 s"],
      stderr_has=["E0205"], max_s=5)
# A write that fails (the device is full) is reported, with a usage exit, never "saved".
if os.path.exists("/dev/full"):
    code, out, err, secs, mb = r = run("x = 1 m\n:save /dev/full\n")
    check(":save /dev/full", r, 64, stderr_has=["cannot write '/dev/full'"])
    if "saved" in err:
        print("FAIL :save /dev/full claims it saved")
        fails += 1
sys.exit(1 if fails else 0)
