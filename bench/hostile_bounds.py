#!/usr/bin/env python3
"""Measures the time and peak memory of `mls` on each hostile input of issue 12 (the table in
docs/security.md).  usage: bench/hostile_bounds.py [build/mls]

Each input runs once in a temporary folder, under GNU time (/usr/bin/time, Debian package `time`)."""
import os, re, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mls = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "mls"))


def run(args, cwd):
    # Through GNU time: a child forked from this (large) Python process would report Python's peak
    # RSS as its own (Linux keeps the peak across exec); time's own child reports just mls.
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tf.name, mls, "--diagnostics", "json"] + args,
                           cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
        secs, kb = tf.read().split()[-2:]
    codes = sorted({c.decode() for c in re.findall(rb'"code":"([EW]\d{4})"', p.stderr)})
    return p.returncode, float(secs), int(kb) / 1024, ",".join(codes)


def cases(d):
    def w(name, text, mode="w"):
        path = os.path.join(d, name)
        with open(path, mode) as f:
            f.write(text)
        return path

    yield "empty file", [w("empty.mls", "")]
    yield "10 MB file (560,000 bindings)", [w("ten.mls", "".join(f"v{i} = {i} m\n" for i in range(560000)))]
    yield "3.6 MB file (200,000 bindings, valid)", [w("big.mls", "".join(f"v{i} = {i} m\n" for i in range(200000)) + "print v199999\n")]
    yield "100,000 nested parentheses", [w("deep.mls", "x = " + "(" * 100000 + "1" + ")" * 100000 + "\n")]
    yield "1 MB line", [w("line.mls", "x = " + " + ".join(["1 m"] * 200000) + "\n")]
    yield "invalid UTF-8", [w("bad.mls", b"x = 1 \xff\xfe m\n", "wb")]
    yield "NUL byte", [w("nul.mls", b"x = 1\x00 m\n", "wb")]
    yield "1e999", ["-e", "x = 1e999 m"]
    yield "-0", ["-e", "print -0 m"]
    yield "nan", ["-e", "print nan"]
    yield "unit to the power 1000", ["-e", "x = 2 m ^ 1000"]
    yield "sweep over 1e12 points", ["-e", "for i in 1..1e6 { for j in 1..1e6 { row i = i, j = j } }"]
    yield "range of 1e9 items", ["-e", "print 1..1e9"]
    yield "2^40-field record printed", [w("exp.mls", "r0 = {a = 1 m, b = 2 s}\n" + "".join(
        f"r{k} = {{a = r{k-1}, b = r{k-1}}}\n" for k in range(1, 41)) + "print r40\n")]
    yield "recursion through fn", ["-e", "fn f(x) = f(x) + 1\nprint f(1)"]
    yield "function bomb (2^30 inlined calls)", [w("bomb.mls", "fn f0(x) = x + 1 m\n" + "".join(
        f"fn f{k}(x) = f{k-1}(x) + f{k-1}(x)\n" for k in range(1, 31)) + "print f30(1 m)\n")]
    yield "import ../../etc/passwd", [w("up.mls", 'import "../../etc/passwd"\n')]
    yield "import /etc/passwd", [w("abs.mls", 'import "/etc/passwd"\n')]
    yield "import itself", [w("self.mls", 'import "self.mls"\n')]
    yield "/dev/zero as the script", ["/dev/zero"]


print(f"| hostile input | exit | diagnostics | time | peak memory |\n|---|---|---|---|---|")
with tempfile.TemporaryDirectory() as d:
    for name, args in cases(d):
        rc, secs, mb, codes = run(args, d)
        print(f"| {name} | {rc} | {codes or '-'} | {secs:.2f} s | {mb:.0f} MB |", flush=True)
