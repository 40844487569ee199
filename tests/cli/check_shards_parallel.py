#!/usr/bin/env python3
"""The scale-out recipe of docs/sweeps.md, run for real (issue 24): 4 shards of a sweep under GNU
parallel, merged as the document says, give exactly the unsharded output — the rows (concatenated in
shard order), a `count` (summed) and a `best 3 by` (the 3 smallest keys over the shards' rows, by a
stable sort). Skipped (exit 77) when GNU parallel is not installed (scripts/setup installs it).

usage: check_shards_parallel.py MLS ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROWS = """for b in 1 .. 40, hw in [H100, A100, T4] {
  r = roofline(Llama3_8B, hw, batch = b)
  row latency = r.latency, hw = hw.name, batch = b
}
"""
COUNT = "for b in 1 .. 1000, c in 1 .. 7 {\n  x = b * c * 1 s\n} where b * c > 3000, count\n"
BEST = ROWS.replace("}\n", "} best 3 by r.latency\n")


def run(cmd):
    p = subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAIL {cmd}: {p.stderr}")
    return p.stdout


def shards(mls, script, out):
    """The documented command line: one shard per job, each into its own file."""
    run(f"parallel -j 4 '{mls} --format csv --shard {{}}/4 {script} > {out}/shard-{{}}.csv' ::: 1 2 3 4")
    return [open(f"{out}/shard-{k}.csv").read().splitlines() for k in range(1, 5)]


def main():
    if not shutil.which("parallel"):
        print("skipped: GNU parallel is not installed")
        return 77
    mls, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, text in (("rows", ROWS), ("count", COUNT), ("best", BEST)):
            paths[name] = os.path.join(tmp, name + ".mls")
            open(paths[name], "w").write(text)
        whole = run([mls, "--format", "csv", paths["rows"]]).splitlines()
        parts = shards(mls, paths["rows"], tmp)
        merged = parts[0][:1] + [line for p in parts for line in p[1:]]
        assert merged == whole, "rows: the shards concatenated are the sweep"
        whole = run([mls, "--format", "csv", paths["count"]]).splitlines()
        parts = shards(mls, paths["count"], tmp)
        assert whole[0] == "count" and all(p[0] == "count" for p in parts), (whole, parts)
        assert sum(int(p[1]) for p in parts) == int(whole[1]), "count: the sum of the shards' counts"
        whole = run([mls, "--format", "csv", paths["best"]]).splitlines()
        parts = shards(mls, paths["best"], tmp)
        # docs/sweeps.md: tail -q -n +2 shard-*.csv | sort -t, -s -g -k1,1 | head -N
        files = " ".join(f"{tmp}/shard-{k}.csv" for k in range(1, 5))
        best = run(f"tail -q -n +2 {files} | sort -t, -s -g -k1,1 | head -3").splitlines()
        assert best == whole[1:], f"best 3 by: {best} != {whole[1:]}"
    print("ok: 4 shards under GNU parallel merge to the unsharded output (rows, count, best 3 by)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
