#!/usr/bin/env python3
"""Rows keep their bytes (issue 24.3: CSV and JSON-lines rows are written straight into a buffer, in
blocks, and on --threads formatted by the workers in pieces). Golden files made by the build before
that change:

- row_bytes/every_kind.mls — every column kind (quantities in their own and in a fixed unit, a count,
  a ratio, truth values, strings to quote, the infeasibility reason when set, printed reasons) — must
  give every_kind.csv, .jsonl and .out exactly, on both evaluators, on 1 and 2 threads;
- row_bytes/sweep.mls — 18,000 rows, several MB (more than the row buffer; on 2 threads the parallel
  path, several pieces per chunk) — must hash to the SHA-256 below, in CSV and JSON lines, on both
  evaluators, on 1 and 2 threads.

usage: check_row_bytes.py MLS SOURCE_DIR
"""
import hashlib
import os
import subprocess
import sys

SWEEP_SHA256 = {
    "csv": "8d92d1a0ee50c81356c68fea4654c159fddc81082f00d714c260981591148fe1",
    "json": "374ef33ba9205d603a98801761fd52a64abb9e5f74a23d1338546f2428c03b9d",
}
GOLDEN = {"csv": "every_kind.csv", "json": "every_kind.jsonl", "text": "every_kind.out"}


def run(mls, path, fmt, threads, evaluator):
    args = [mls, "--threads", str(threads), "--format", fmt] + (["--no-jit"] if evaluator == "reference" else []) + [path]
    p = subprocess.run(args, capture_output=True, timeout=300,
                       env=dict(os.environ, MLS_JIT_ALWAYS="1", MLS_THREADS_TRACE="1"))
    return p


def main():
    mls, src = sys.argv[1], sys.argv[2]
    here = os.path.join(src, "tests", "cli", "row_bytes")
    failures = []
    for evaluator in ("jit", "reference"):
        for threads in (1, 2):
            what = f"{evaluator}, {threads} thread(s)"
            for fmt, golden in GOLDEN.items():
                p = run(mls, os.path.join(here, "every_kind.mls"), fmt, threads, evaluator)
                want = open(os.path.join(here, golden), "rb").read()
                if p.returncode != 0 or p.stdout != want:
                    failures.append(f"every_kind.mls --format {fmt} ({what}): output differs from {golden}"
                                    f" (exit {p.returncode}) {p.stderr.decode()[-300:]}")
            for fmt, sha in SWEEP_SHA256.items():
                p = run(mls, os.path.join(here, "sweep.mls"), fmt, threads, evaluator)
                got = hashlib.sha256(p.stdout).hexdigest()
                if p.returncode != 0 or got != sha:
                    failures.append(f"sweep.mls --format {fmt} ({what}): SHA-256 {got}, expected {sha} (exit {p.returncode})")
                if threads == 2 and b"parallel loop" not in p.stderr:
                    failures.append(f"sweep.mls --format {fmt} ({what}): the parallel path did not run")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
