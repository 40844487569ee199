#!/usr/bin/env python3
"""Hostile inputs too large to keep in the tree, generated at test time (issue 12). Each must end with
its expected exit code and diagnostic within the stated bounds on CPU time and peak memory (generous;
docs/security.md has the measured figures). The time bounds count the child's own CPU time, not wall time, so
a loaded machine (CI, parallel ctest) does not fail them while runaway work still does."""
import json, os, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import measured_run  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import check as schema_check  # noqa: E402

mls = os.path.abspath(sys.argv[1])
fails = passed = 0


# Sanitizer builds (scripts/test-sanitize) run several times slower and use more memory (shadow memory,
# quarantine): the bounds stay those of the release build, scaled.
SANITIZED = "ASAN_OPTIONS" in os.environ
TIME_SCALE, MEMORY_SCALE = (6, 4) if SANITIZED else (1, 1)


def run_measured(cmd, cwd, timeout):
    """Runs cmd; returns (exit code, stdout, stderr, CPU seconds, the child's own peak RSS in MB)."""
    return measured_run.run_measured(cmd, timeout=timeout, cwd=cwd, clock="cpu")


def check(name, args, want_exit, want_codes=None, want_stdout=None, max_s=60, max_mb=1500, cwd=None):
    global fails, passed
    max_s, max_mb = max_s * TIME_SCALE, max_mb * MEMORY_SCALE
    code, stdout, stderr, secs, peak_mb = run_measured([mls, "--diagnostics", "json"] + args, cwd, max(max_s * 10, 300))
    why = []
    if code != want_exit:
        why.append(f"exit {code}, want {want_exit}")
    if want_codes is not None:
        try:
            diags = json.loads(stderr or "[]")
            codes = [d["code"] for d in diags if d.get("severity") == "error"]
            # (the first 1,000: a case reports 200,000 warnings of one shape)
            why += [f"--diagnostics json breaks the output schema: {x}" for x in schema_check(diags[:1000], "diagnostics")[:3]]
        except json.JSONDecodeError:
            codes = ["<stderr is not JSON>"]
        if codes != want_codes:
            why.append(f"errors {codes}, want {want_codes}")
    if want_stdout is not None and stdout != want_stdout:
        why.append(f"stdout {stdout[-200:]!r}, want {want_stdout[-200:]!r}")
    if secs > max_s:
        why.append(f"took {secs:.1f} s of CPU, bound {max_s} s")
    if peak_mb > max_mb:
        why.append(f"peak memory {peak_mb:.0f} MB, bound {max_mb} MB")
    print(f"{'FAIL' if why else 'ok'} {name}: exit {code}, {secs:.2f} s CPU, peak RSS {peak_mb:.0f} MB"
          + ("".join("\n  - " + w for w in why)))
    if why:
        fails += 1
    else:
        passed += 1
    return stdout


with tempfile.TemporaryDirectory() as d:
    def write(name, text):
        path = os.path.join(d, name)
        open(path, "w").write(text)
        return path

    # 1.2 MB on one line: refused (10,000 tokens per statement) before the recursive parser sees it.
    check("1 MB line", [write("long_line.mls", "x = " + " + ".join(["1 m"] * 200000) + "\nprint x\n")], 2, ["E0205"],
          max_s=20)
    # A 10 MB file: over the 4 MiB source bound, refused before lexing, without reading past the bound.
    check("10 MB file", [write("ten_mb.mls", "".join(f"v{i} = {i} m\n" for i in range(560000)) + "print v1\n")], 2,
          ["E0507"], max_s=5, max_mb=200)
    # A device: read up to the bound, never whole.
    check("/dev/zero", ["/dev/zero"], 2, ["E0507"], max_s=5, max_mb=200)
    # 3.6 MB of 200,000 bindings (under the bound) runs; long straight-line code is evaluated, its
    # loops JIT-compiled (runtime/jit/jit.cpp), and the output matches the reference evaluator.
    lines = [f"v{i} = {i} m" for i in range(200000)]
    lines.insert(100000, "for k in 1..3 { row k = k, d = v4000 + k * 1 m, ok = v10 < v20 }")
    lines += ["for k in 1..2 { row e = v199999 * k, f = v150001 }", "flag = v1 < v2", "print flag, v199999 - v100000"]
    big = write("big_file.mls", "\n".join(lines) + "\n")
    want = check("200,000 bindings, --no-jit", ["--no-jit", big], 0, [], max_s=60, max_mb=1500)
    check("200,000 bindings, JIT", [big], 0, [], want_stdout=want, max_s=60, max_mb=1500)
    if not want.endswith("true  100 km\n"):
        fails += 1
        print("FAIL 200,000 bindings: the last line is not `true  100 km`:", want[-80:])

print(f"{passed} passed, {fails} failed")
sys.exit(1 if fails else 0)
