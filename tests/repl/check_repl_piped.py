#!/usr/bin/env python3
"""The REPL with piped stdin (issue 9): entries without prompts, `ans`, rebinding announced on
stderr, an entry that fails leaving the session exactly as before it (compile and run-time errors,
including an entry of several statements), the commands, the exit code of the worst entry, and one
CSV document over all entries.

usage: check_repl_piped.py MLS
"""
import os
import re
import subprocess
import sys
import tempfile


def repl(mls, text, *flags):
    return subprocess.run([mls, "repl", *flags], input=text, capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1", MLS_HISTORY="/dev/null"), timeout=60)


def check(cond, what, p):
    if not cond:
        print(f"FAIL: {what}\n---- stdout ----\n{p.stdout}---- stderr ----\n{p.stderr}")
        sys.exit(1)


def main():
    mls = os.path.abspath(sys.argv[1])
    p = repl(mls, "bw = 3.35 TB/s\npeak = 989 TFLOP/s\npeak / bw -> FLOP/B\nans * 2\n")
    check(p.stdout == "295.2 FLOP/B  [Intensity]\n590.4 FLOP/B  [Intensity]\n", "values and ans", p)
    check(p.returncode == 0, "exit 0", p)

    # an entry of two statements whose second fails: neither binding stays
    p = repl(mls, "a = 1 m\na = 2 m; zz = a + 1 s\na\nzz\n")
    check("error[E0301]" in p.stderr, "E0301 reported", p)
    check(p.stdout.startswith("1 m  [Length]\n"), "a is still 1 m after the failed entry", p)
    check("unknown name `zz`" in p.stderr, "zz was not bound", p)
    check(p.returncode == 2, "exit 2 (the worst entry)", p)

    # a run-time error rolls back the entry's bindings too
    p = repl(mls, "d = 0 s\nx = 5\nx = 1 m / d\nx\n")
    check("error[E0503]" in p.stderr, "division by zero reported", p)
    check(p.stdout == "5\n", "x keeps its value", p)
    check(p.returncode == 3, "exit 3 (a run-time error)", p)

    # rebinding is allowed and announced (on stderr: stdout stays what a script prints)
    p = repl(mls, "dur = 1 s\ndur = 2 s\ndur\n")
    check("(dur rebound)" in p.stderr and p.stdout == "2 s  [Time]\n", "rebinding", p)

    # a declared unit is undone with its entry (the declaration itself is valid: only `y` fails)
    p = repl(mls, "unit widget = 3 s; y = 1 m + 1 s\n3 widget\n")
    check(p.stderr.count("error[") == 2 and "error[E0301]" in p.stderr and "unknown name `widget`" in p.stderr,
          "unit of a failed entry is gone", p)

    # commands
    p = repl(mls, ":type 989 TFLOP/s / 3.35 TB/s\n:info H100\n:info GB\n:info roofline\n:list vars\n:explain E0301\n")
    check("989 TFLOP/s / 3.35 TB/s : Intensity   (Compute / Information)\n" in p.stdout, ":type", p)
    check("H100 (hardware): NVIDIA H100\n" in p.stdout and re.search(r"\n  bandwidth +3\.35 TB/s\n", p.stdout) and
          re.search(r"\n  peak_flops +989 TFLOP/s\n", p.stdout), ":info zoo entry", p)
    check("unit GB: 1 GB = 1e+09 B   [Information]\n" in p.stdout, ":info unit", p)
    check("roofline —" in p.stdout and "precision" in p.stdout, ":info solver", p)
    check("E0301:" in p.stdout, ":explain", p)
    # :info of a zoo entry after entries have run (the zoo is read from the session's state)
    p = repl(mls, "x = 2 s\nr = roofline(Llama3_8B, H100, batch = 1)\n:info A100\n:info H100\nx\n")
    check("A100 (hardware): NVIDIA A100\n" in p.stdout and "H100 (hardware): NVIDIA H100\n" in p.stdout and
          re.search(r"\n  bandwidth +2\.039 TB/s\n", p.stdout) and p.stdout.endswith("2 s  [Time]\n"), ":info after entries", p)
    check(p.returncode == 0, ":info after entries exits 0", p)
    p = repl(mls, ":type 1 m + 1 s\n")
    check("E0301" in p.stderr and p.returncode == 2, ":type reports errors", p)
    p = repl(mls, ":nonsense\n")
    check(p.returncode == 64 and "unknown command" in p.stderr, "unknown command", p)

    # :list vars shows each variable's value beside its type (issue 29), after a rebinding the new one
    p = repl(mls, "bw = 3.35 TB/s\nbw = 4.8 TB/s\nr = roofline(Llama3_8B, H100, batch = 1)\n:list vars\n")
    check("bw : Bandwidth (Information / Time) = 4.8 TB/s\n" in p.stdout, ":list vars shows values", p)
    check("\nr : roofline result = roofline result {" in p.stdout, ":list vars shows a record", p)

    # :save rewrites only the bare expressions a later `ans` reads (issue 29): `x * 3` stays as typed,
    # `5 m` (read by `ans * 2`) is bound first; the file runs as a script and prints the same
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.path.join(tmp, "s.mls")
        p = repl(mls, f"x = 2 s\nx * 3\n5 m\nans * 2\n:save {saved}\n")
        text = open(saved).read()
        body = text.split("\n", 1)[1]
        check(body == "x = 2 s\nx * 3\nans_2 = 5 m\nans_2\nans_2 * 2\n", f":save rewrites only what ans reads: {text!r}", p)
        q = subprocess.run([mls, saved], capture_output=True, text=True, timeout=60)
        check(q.returncode == 0 and q.stdout == p.stdout, f"the saved script prints the same: {q.stdout!r} {q.stderr!r}", p)

    # a multi-line block is one entry
    p = repl(mls, "for b in [1, 2] {\n  row batch = b\n}\n")
    check(p.stdout == "batch\n-----\n1\n2\n" and p.returncode == 0, "multi-line for", p)

    # --format csv: the entries' outputs form one CSV document (docs/output.md): consecutive prints
    # share a block numbered on, each table is a block, one empty line between blocks
    p = repl(mls, "print 1 m\nprint 2 s\nfor b in [1, 2] { row b = b }\nfor b in [3] { row b = b }\n", "--format", "csv")
    check(p.stdout == "print,item,field,value,unit\n1,1,,1,m\n2,1,,2,s\n\nb\n1\n2\n\nb\n3\n", "CSV over entries", p)
    print("ok repl piped")


if __name__ == "__main__":
    main()
