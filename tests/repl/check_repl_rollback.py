#!/usr/bin/env python3
"""REPL rollback of every kind of state (issue 32 item 5): an entry that fails, at compile time or at run
time, after changing `ans`, a binding, a function, a unit or a record, leaves each exactly as it was
(value and dimension); zoo entries the failed entry named stay loaded and correct. Each session's whole
stdout is compared, on the JIT and on the reference evaluator.

usage: check_repl_rollback.py MLS
"""
import os
import subprocess
import sys

# Each entry that fails does so after its first statement changed the state under test: by a compile
# error (`zz = 1 m + 1 s`) or a run-time error (`zz = 1 m / d`, d = 0 s).
FAILS = {"compile": ("", "zz = 1 m + 1 s", "E0301"), "run-time": ("d = 0 s\n", "zz = 1 m / d", "E0503")}

SESSIONS = [
    # ans: its value and its dimension (the failed entry set it to a Length)
    ("ans", "7 s\n{setup}2 m; {fail}\nans\nans + 1 s\n", "7 s  [Time]\n{echo}7 s  [Time]\n8 s  [Time]\n"),
    ("ans set twice", "7 s\n{setup}ans * 2; ans * 3; {fail}\nans\n", "7 s  [Time]\n{echo2}7 s  [Time]\n"),
    # a binding rebound to another dimension, and a new binding
    ("binding", "x = 5\n{setup}x = 1 m; y = 2; {fail}\nx + 1\ny\n", "6\n"),
    # a function redefined, and a new function
    ("function", "fn f(x) = x * 2\n{setup}fn f(x) = x * 3 m; fn ff(x) = x; {fail}\nf(1)\nff(1)\n", "2\n"),
    # a unit declared by the failed entry is gone; one declared before stays
    ("unit", "unit widget = 3 s\n{setup}unit gadget = 2 s; {fail}\n5 widget -> s\n1 gadget\n", "15 s  [Time]\n"),
    # a record (kind entry) declared by the failed entry is gone
    ("record", "{setup}hardware Chip {{ name = \"c\", peak_flops = 100 TFLOP/s, capacity = 16 GB, bandwidth = 1 TB/s, "
               "tdp = 300 W }}; {fail}\nChip.bandwidth\n", ""),
    # zoo entries the failed entry named: loaded for good, with their values
    ("zoo", "{setup}MI300X.bandwidth; {fail}\nMI300X.bandwidth\nH100.bandwidth * 2\n",
     "{echo_zoo}5.3 TB/s  [Bandwidth]\n6.7 TB/s  [Bandwidth]\n"),
    # a table started by the failed entry does not leave a half table behind
    ("table", "{setup}for b in [1, 2] {{ row b = b }}; {fail}\nfor c in [3] {{ row c = c }}\n", "{echo_table}"),
]


def repl(mls, text, *args):
    return subprocess.run([mls, "repl", *args], input=text, capture_output=True, text=True,
                          env=dict(os.environ, NO_COLOR="1", MLS_HISTORY="/dev/null"), timeout=60)


def main():
    mls = os.path.abspath(sys.argv[1])
    fails = 0
    for name, entries, want in SESSIONS:
        for how, (setup, fail, code) in FAILS.items():
            # what the failed entry printed before failing: nothing when it failed to compile
            ran = how == "run-time"
            echo = {"echo": "2 m  [Length]\n" if ran else "", "echo2": "14 s  [Time]\n42 s  [Time]\n" if ran else "",
                    "echo_zoo": "5.3 TB/s  [Bandwidth]\n" if ran else "",
                    "echo_table": ("b\n-\n1\n2\n" if ran else "") + "c\n-\n3\n"}
            text = entries.format(setup=setup, fail=fail)
            for evaluator in ([], ["--no-jit"]):
                p = repl(mls, text, *evaluator)
                label = f"{name} after a {how} error{' (--no-jit)' if evaluator else ''}"
                problems = []
                expected = want.format(**echo)
                if p.stdout != expected:
                    problems.append("stdout")
                if f"error[{code}]" not in p.stderr:
                    problems.append(f"no {code}")
                if problems:
                    fails += 1
                    print(f"FAIL {label}: {', '.join(problems)}\n  entries: {text!r}\n  want: {expected!r}\n"
                          f"  got:  {p.stdout!r}\n  stderr: {p.stderr[-600:]}")
    # Names the failed entries introduced are unknown afterwards (checked per session above through stdout;
    # here the message, once).
    p = repl(mls, "fn ff(x) = x; zz = 1 m + 1 s\nff(1)\nunit gadget = 2 s; zz = 1 m + 1 s\n1 gadget\n")
    if p.stderr.count("unknown name") != 2:
        fails += 1
        print(f"FAIL: names of a failed entry are not unknown afterwards:\n{p.stderr}")
    print(f"{'FAIL' if fails else 'ok'} repl rollback: {len(SESSIONS) * len(FAILS) * 2} sessions, {fails} failed")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
