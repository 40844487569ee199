#!/usr/bin/env python3
"""--threads N (issue 10): a top-level loop of 4096+ points runs its first list in chunks on N threads,
and stdout, stderr and the exit code are byte-identical to one thread's — rows, `where`, every
reduction, prints, failed asserts and a run-time error in a later chunk, under both evaluators, in
text, CSV and JSON (valid under the output schema), with --shard too.

usage: check_threads.py MLS
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import check_lines  # noqa: E402

SCRIPTS = {
    "rows_and_checks": """
for b in 1 .. 6000, p in [fp16, bf16] {
  r = roofline(Llama3_8B, H100, batch = b, precision = p)
  row batch = b, precision = p, latency = r.latency, bound = r.bottleneck
  assert b != 4321, "batch 4321 is checked"
}
print "after the loop"
""",
    "where_best_top": """
for hw in [A100, H100, H200, B200], b in 1 .. 3000 {
  r = roofline(Llama3_70B, hw, batch = b, precision = fp16)
  row hw = hw.name, batch = b, latency = r.latency
} where r.bottleneck == memory, best 7 by r.latency
for hw in [A100, H100, H200, B200], b in 1 .. 3000 {
  r = roofline(Llama3_70B, hw, batch = b, precision = fp16)
  row hw = hw.name, batch = b, throughput = r.throughput
} top 5 by r.throughput
""",
    "best_ties_and_sparse_where": """
for b in 1 .. 12000 {
  row b = b, bucket = floor(b / 3000)
} best 5 by floor(b / 3000)
for b in 1 .. 12000 {
  row b = b
} where b > 11990, best 3 by -b
for b in 1 .. 12000 {
  row b = b
} where b < 0, best 3 by b
for b in 1 .. 12000 {
  row b = b
} where floor(b / 2) * 2 == b, count
""",
    "reductions": """
for b in 1 .. 5000, eff in [0.3, 0.5, 0.7] {
  r = roofline(Llama3_8B, A100, batch = b, precision = fp16, efficiency = eff)
} mean r.latency
for b in 1 .. 5000, eff in [0.3, 0.5, 0.7] {
  r = roofline(Llama3_8B, A100, batch = b, precision = fp16, efficiency = eff)
} count
for b in 1 .. 5000, eff in [0.3, 0.5, 0.7] {
  r = roofline(Llama3_8B, A100, batch = b, precision = fp16, efficiency = eff)
} maximum r.latency
for b in 1 .. 2000, hw in [A100, H100, B200] {
  r = roofline(Llama3_8B, hw, batch = b, precision = fp16)
  row hw = hw.name, batch = b, latency = r.latency, cost = hw.unit_cost
} pareto(r.latency, hw.unit_cost)
""",
    "filtered_lists": """
for b in 1 .. 9000 where floor(b / 7) * 7 == b, hw in hardware where tier == cloud and capacity >= 80 GB {
  r = roofline(Llama3_70B, hw, batch = b, precision = fp16)
  row hw = hw.name, batch = b, latency = r.latency, bound = r.bottleneck
} where r.feasible, best 4 by r.latency
for b in 1 .. 9000 where b > 8990 {
  r = roofline(Llama3_8B, H100, batch = b)
  row batch = b, latency = r.latency
}
""",
    "prints": """
for b in 1 .. 5000 {
  print "point", b, b * 1 ms
}
""",
    "nested": """
for a in 1 .. 5000 {
  for c in 1 .. 3 {
    row a = a, c = c, s = a * c
  }
}
""",
    "error_in_a_later_chunk": """
for b in 1 .. 20000 {
  x = 1 / (b - 15000)
  row b = b, x = x
}
""",
}


def run(mls, path, *extra):
    p = subprocess.run([mls, "--color", "never", *extra, path], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def main():
    mls = os.path.abspath(sys.argv[1])
    fails = 0
    with tempfile.TemporaryDirectory() as d:
        for name, text in SCRIPTS.items():
            path = os.path.join(d, name + ".mls")
            open(path, "w").write(text)
            for ev in ([], ["--no-jit"]):
                for fmt in ([], ["--format", "csv"], ["--format", "json"]):
                    for shard in ([], ["--shard", "2/3"]):
                        args = [*ev, *fmt, *shard]
                        one = run(mls, path, "--threads", "1", *args)
                        if fmt and fmt[1] == "json" and not ev and not shard:
                            for problem in check_lines(one[1])[:3]:
                                fails += 1
                                print(f"FAIL {name} --format json breaks the output schema: {problem}")
                        for t in ("2", "3"):
                            many = run(mls, path, "--threads", t, *args)
                            if many != one:
                                fails += 1
                                print(f"FAIL {name} {' '.join(args)} --threads {t}: differs from one thread "
                                      f"(exit {many[0]} vs {one[0]}, {len(many[1])} vs {len(one[1])} bytes of stdout)")
            # The parallel path must really run (else the comparisons above prove nothing).
            for ev in ([], ["--no-jit"]):
                env = dict(os.environ, MLS_THREADS_TRACE="1")
                p = subprocess.run([mls, "--threads", "2", *ev, path], capture_output=True, text=True, env=env, timeout=120)
                if "mls: parallel loop:" not in p.stderr:
                    fails += 1
                    print(f"FAIL {name} {' '.join(ev)}: --threads 2 did not run the loop in parallel")
            code, out, err = run(mls, path, "--threads", "2")
            want = {"rows_and_checks": 1, "error_in_a_later_chunk": 3}.get(name, 0)  # a failed assert; a run-time error
            if code != want or (want and "error[E05" not in err):
                fails += 1
                print(f"FAIL {name}: exit {code}, want {want}: {err[:300]}")
    p = subprocess.run([mls, "--threads", "0", "-e", "1"], capture_output=True, text=True)
    if p.returncode != 64:
        fails += 1
        print("FAIL --threads 0 is not a usage error:", p.returncode)
    print("ok threads" if not fails else f"{fails} failed")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
