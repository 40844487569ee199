#!/usr/bin/env python3
"""--shard K/N (issue 10): the N shards of a sweep, concatenated without their CSV headers, are the
whole sweep's rows in order, under both evaluators; bad shard specs are usage errors.

usage: check_shards.py MLS ROOT
"""
import os
import subprocess
import sys


def rows(mls, script, *extra):
    p = subprocess.run([mls, "--format", "csv", *extra, script], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def main():
    mls, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    script = os.path.join(root, "bench", "sweep_1000.mls")
    for ev in ([], ["--no-jit"]):
        whole = rows(mls, script, *ev)
        assert len(whole) == 1001, len(whole)
        parts = []
        for k in range(1, 4):
            part = rows(mls, script, "--shard", f"{k}/3", *ev)
            assert part[0] == whole[0], "each shard has the header"
            parts += part[1:]
        assert parts == whole[1:], "the shards together are the sweep, in order"
    for bad in ["0/3", "4/3", "2", "a/b", "1/0"]:
        p = subprocess.run([mls, "--shard", bad, script], capture_output=True, text=True)
        assert p.returncode == 64 and "--shard" in p.stderr, (bad, p.returncode, p.stderr)
    print("ok shards")


if __name__ == "__main__":
    main()
