#!/usr/bin/env python3
"""Every code the compiler and runtime can emit has a lesson in `mls explain`, and vice versa."""
import pathlib, re, subprocess, sys
mls, root = sys.argv[1], pathlib.Path(sys.argv[2])
used = set()
for d in ("compiler", "runtime", "stdlib"):
    for f in (root / d).rglob("*.[ch]pp"):
        if f.name.startswith("catalogue"):
            continue
        used |= set(re.findall(r'"(E0\d{3}|W0\d{3})"', f.read_text(errors="replace")))
listed = set(re.findall(r"^(E0\d{3}|W0\d{3})", subprocess.run([mls, "explain"], capture_output=True, text=True).stdout, re.M))
fails = 0
for c in sorted(used - listed):
    print("no lesson for", c); fails += 1
for c in sorted(listed - used):
    print("lesson for a code never emitted:", c); fails += 1
for c in sorted(listed):
    p = subprocess.run([mls, "explain", c], capture_output=True, text=True)
    if p.returncode != 0 or c not in p.stdout:
        print("explain failed for", c); fails += 1
print(f"{len(listed) - fails if fails <= len(listed) else 0} passed, {fails} failed")
sys.exit(1 if fails else 0)
