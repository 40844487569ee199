#!/usr/bin/env python3
"""A 10^7-point loop over a range runs in the memory of a 10-point one (issue 24): the range is walked,
not built (it held 517 MB resident before). Peak resident memory of the whole process, under the JIT
and the reference evaluator, must stay under 60 MB — and within 8 MB of the same loop over 10 points.
Memory, not time: the bound holds on a loaded machine.

usage: check_lazy_range_rss.py MLS"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from measured_run import run_measured  # noqa: E402

LOOP = "for b in 1 .. {n} {{\n  x = b * 1 s\n  assert x > 0 s\n}}\nprint 7 m\n"


def peak(mls, n, extra):
    f = tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False)
    f.write(LOOP.format(n=n))
    f.close()
    code, out, err, _, mb = run_measured([mls, "--threads", "1", *extra, f.name], timeout=280)
    os.unlink(f.name)
    if code != 0 or "7 m" not in out:
        sys.exit(f"FAIL {n} points {extra}: exit {code}: {err[-400:]}")
    return mb


def main():
    mls = os.path.abspath(sys.argv[1])
    fails = 0
    for extra in ([], ["--no-jit"]):
        small, big = peak(mls, 10, extra), peak(mls, 10_000_000, extra)
        bad = big > 60 or big > small + 8
        fails += bad
        print(f"{'FAIL' if bad else 'ok'} {' '.join(extra) or 'JIT'}: 10^7 points {big:.0f} MB peak RSS, 10 points {small:.0f} MB")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
