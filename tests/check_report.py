"""The end of a python check: each failure on a FAIL line, a summary line, exit 1 when anything failed."""
import sys


def finish(fails, summary):
    for f in fails:
        print("FAIL", f)
    print(f"{summary}, {len(fails)} failures")
    sys.exit(1 if fails else 0)


class Checks:
    """A running list of named checks: `check(cond, what)` prints ok/FAIL at once (a protocol
    dialogue reads best in order); `done(summary)` ends as finish() does."""

    def __init__(self):
        self.fails = []
        self.count = 0

    def __call__(self, cond, what):
        self.count += 1
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            self.fails.append(what)

    def done(self, summary):
        print(f"{summary}: {self.count} checks, {len(self.fails)} failures")
        sys.exit(1 if self.fails else 0)
