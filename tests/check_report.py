"""The end of a python check: each failure on a FAIL line, a summary line, exit 1 when anything failed."""
import sys


def finish(fails, summary):
    for f in fails:
        print("FAIL", f)
    print(f"{summary}, {len(fails)} failures")
    sys.exit(1 if fails else 0)
