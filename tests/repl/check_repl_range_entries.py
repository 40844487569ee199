#!/usr/bin/env python3
"""A range bound in one REPL entry and walked by a loop in a later entry (and the lazy-range loops of
issue 24 typed into the REPL) run: the checker's sweep bound once read an earlier entry's freed range
(a segmentation fault; found by the REPL fuzz target).

usage: check_repl_range_entries.py MLS ROOT"""
import subprocess, sys

mls, root = sys.argv[1], sys.argv[2]
r = subprocess.run([mls, "repl"], input="xs = 10 .. 12\nfor v in xs {\n  print v\n}\n", capture_output=True,
                   text=True, timeout=60)
ok = r.returncode == 0 and r.stdout.split() == ["10", "11", "12"]
print(("ok   " if ok else "FAIL ") + f"range across entries: exit {r.returncode}, stdout {r.stdout!r}")
lazy = open(f"{root}/tests/lang/lazy_range_loops.mls").read()
r2 = subprocess.run([mls, "repl"], input=lazy, capture_output=True, text=True, timeout=120)
ok2 = r2.returncode == 0
print(("ok   " if ok2 else "FAIL ") + f"lazy_range_loops.mls typed into the REPL: exit {r2.returncode}")
sys.exit(0 if ok and ok2 else 1)
