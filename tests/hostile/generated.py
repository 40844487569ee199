#!/usr/bin/env python3
"""Hostile inputs too large to keep in the tree, generated at test time: a 1.2 MB one-line statement
(refused with E0205 instead of exhausting the stack) and a 3.6 MB file of 200,000 bindings (runs)."""
import json, os, subprocess, sys, tempfile, time
mls = os.path.abspath(sys.argv[1])
fails = 0
with tempfile.TemporaryDirectory() as d:
    line = os.path.join(d, "long_line.mls")
    open(line, "w").write("x = " + " + ".join(["1 m"] * 200000) + "\nprint x\n")
    big = os.path.join(d, "big_file.mls")
    open(big, "w").write("".join(f"v{i} = {i} m\n" for i in range(200000)) + "print v199999\n")
    t = time.time()
    p = subprocess.run([mls, "--diagnostics", "json", line], capture_output=True, text=True, timeout=60)
    codes = [x["code"] for x in json.loads(p.stderr or "[]")]
    if p.returncode != 2 or codes != ["E0205"]:
        fails += 1
        print("FAIL long line:", p.returncode, codes)
    p = subprocess.run([mls, big], capture_output=True, text=True, timeout=120)
    if p.returncode != 0 or p.stdout.strip() != "200 km":
        fails += 1
        print("FAIL big file:", p.returncode, p.stdout[-100:], p.stderr[:200])
    print(f"hostile generated inputs took {time.time() - t:.1f} s")
print(f"{2 - fails} passed, {fails} failed")
sys.exit(1 if fails else 0)
