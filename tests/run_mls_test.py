#!/usr/bin/env python3
"""Runs one .mls test file and checks the expectations written inside or beside it.

usage: run_mls_test.py MLS FILE.mls

Inside the file (comment lines):
  # args: --format json            extra command-line arguments (default: none)
  # env: LANG=C                    an environment variable for the run (default: LANG=C.UTF-8, no LC_ALL/LC_CTYPE)
  # exit: 1                        expected exit code (default 0, or 2 when an expect-error is given)
  # expect: 295.2 FLOP/B           stdout must contain this line (in order with the other expect lines)
  # expect-error[E0301] 4:9        a diagnostic with this code, starting at line 4, column 9 (position optional)
  # expect-stderr: text            stderr must contain this text
  # no-differential              skip the JIT-vs-reference-evaluator comparison (see below)
Beside the file: FILE.out (exact stdout), FILE.err (exact stderr, rendered with --color never),
FILE.json (exact stderr with --diagnostics json).

MLS_UPDATE_GOLDEN=1 rewrites the golden files that exist beside FILE from this run (review the diff).

Differential test (issue 3): every file that runs is also run on the IR reference evaluator
(--no-jit); stdout, stderr and the exit code must be byte-identical to the JIT's. Files that run
without --format also run with --format json under both evaluators, compared exactly.

Schema (docs/mls-output.schema.json): every JSON output of a run — each line of --format json, each
--diagnostics json report — must be valid under the output schema (tests/output_schema.py).
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from output_schema import check as schema_check, check_lines as schema_check_lines  # noqa: E402


def main():
    mls, path = os.path.abspath(sys.argv[1]), sys.argv[2]
    src = open(path, encoding="utf-8", errors="replace").read()
    args = []
    exit_code = None
    expects, errors, stderr_wants = [], [], []
    env_extra = {}
    for line in src.splitlines():
        m = re.match(r"\s*#\s*args:\s*(.*)$", line)
        if m:
            args += m.group(1).split()
        m = re.match(r"\s*#\s*env:\s*(\w+)=(\S*)", line)
        if m:
            env_extra[m.group(1)] = m.group(2)
        m = re.match(r"\s*#\s*exit:\s*(\d+)", line)
        if m:
            exit_code = int(m.group(1))
        m = re.match(r"\s*#\s*expect:\s?(.*)$", line)
        if m:
            expects.append(m.group(1).rstrip())
        m = re.match(r"\s*#\s*expect-error\[(E\d{4}|W\d{4})\](?:\s+(\d+):(\d+))?", line)
        if m:
            errors.append((m.group(1), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))))
        m = re.match(r"\s*#\s*expect-stderr:\s?(.*)$", line)
        if m:
            stderr_wants.append(m.group(1).rstrip())
    differential = not re.search(r"^\s*#\s*no-differential", src, re.M)
    if exit_code is None:
        exit_code = 2 if any(c.startswith("E") for c, _, _ in errors) else 0

    base = os.path.splitext(path)[0]
    cwd = os.path.dirname(os.path.abspath(path))
    # The locale decides Unicode or plain-ASCII diagnostics: fixed here, whatever the caller's is.
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_CTYPE")}
    env.update({"NO_COLOR": "1", "LANG": "C.UTF-8"}, **env_extra)
    fails = []

    def run(extra):
        return subprocess.run([mls, "--color", "never"] + extra + args + [os.path.basename(path)], capture_output=True,
                              text=True, errors="replace", timeout=50, cwd=cwd, env=env)

    def schema_problems(stdout):  # a run writes JSON lines of events; `mls audit FILE` one report
        if args and args[0] == "audit":
            try:
                return schema_check(json.loads(stdout), "audit_report")
            except json.JSONDecodeError as e:
                return [f"not JSON: {e}"]
        return schema_check_lines(stdout)

    p = run([])
    json_args = args[args.index("--format") + 1:args.index("--format") + 2] == ["json"] if "--format" in args else False
    if json_args and p.returncode in (0, 1, 3) and not any(a.startswith("--emit") for a in args):
        fails += [f"--format json output breaks the schema: {x}" for x in schema_problems(p.stdout)[:5]]
    if os.environ.get("MLS_UPDATE_GOLDEN") == "1":
        for ext, text in ((".out", p.stdout), (".err", p.stderr), (".json", run(["--diagnostics", "json"]).stderr)):
            if os.path.exists(base + ext):
                open(base + ext, "w", encoding="utf-8").write(text)
    if p.returncode != exit_code:
        fails.append(f"exit code {p.returncode}, want {exit_code}")
    out_lines = [l.rstrip() for l in p.stdout.splitlines()]
    pos = 0
    for want in expects:
        found = False
        while pos < len(out_lines):
            pos += 1
            if out_lines[pos - 1].strip() == want.strip():
                found = True
                break
        if not found:
            fails.append(f"stdout lacks (in order): {want!r}")
    for want in stderr_wants:
        if want not in p.stderr:
            fails.append(f"stderr lacks: {want!r}")
    if os.path.exists(base + ".out") and p.stdout != open(base + ".out", encoding="utf-8").read():
        fails.append("stdout differs from " + os.path.basename(base) + ".out")
    if os.path.exists(base + ".err") and p.stderr != open(base + ".err", encoding="utf-8").read():
        fails.append("stderr differs from " + os.path.basename(base) + ".err")
    if errors or os.path.exists(base + ".json"):
        pj = run(["--diagnostics", "json"])
        try:
            diags = json.loads(pj.stderr) if pj.stderr.strip() else []
        except json.JSONDecodeError:
            diags = []
            fails.append("--diagnostics json did not print a JSON array")
        fails += [f"--diagnostics json breaks the schema: {x}" for x in schema_check(diags, "diagnostics")[:5]]
        for code, line, col in errors:
            hit = [d for d in diags if d.get("code") == code and (line is None or (d.get("line") == line and d.get("column") == col))]
            if not hit:
                seen = ", ".join(f"{d.get('code')}@{d.get('line')}:{d.get('column')}" for d in diags)
                fails.append(f"no diagnostic {code}" + (f" at {line}:{col}" if line else "") + f" (got: {seen or 'none'})")
        if os.path.exists(base + ".json") and pj.stderr != open(base + ".json", encoding="utf-8").read():
            fails.append("JSON diagnostics differ from " + os.path.basename(base) + ".json")

    if differential and "--no-jit" not in args and not any(a.startswith("--emit") for a in args):
        ref = run(["--no-jit"])
        for what, a, b in (("exit code", p.returncode, ref.returncode), ("stdout", p.stdout, ref.stdout),
                           ("stderr", p.stderr, ref.stderr)):
            if a != b:
                fails.append(f"JIT and reference evaluator differ in {what}" +
                             (f": {a} vs {b}" if what == "exit code" else first_difference(a, b)))
        if not any(a.startswith("--format") for a in args) and p.returncode in (0, 1, 3):
            jj, jr = run(["--format", "json"]), run(["--format", "json", "--no-jit"])
            if jj.stdout != jr.stdout:
                fails.append("JIT and reference evaluator differ in --format json" + first_difference(jj.stdout, jr.stdout))
            fails += [f"--format json output breaks the schema: {x}" for x in schema_problems(jj.stdout)[:5]]

    if fails:
        print(f"FAIL {path}")
        for f in fails:
            print("  - " + f)
        print("---- stdout ----\n" + p.stdout + "---- stderr ----\n" + p.stderr)
        sys.exit(1)
    print(f"ok {path}")


def first_difference(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for k in range(max(len(la), len(lb))):
        x = la[k] if k < len(la) else "<end>"
        y = lb[k] if k < len(lb) else "<end>"
        if x != y:
            return f" at line {k + 1}: JIT {x!r}, reference {y!r}"
    return ""


if __name__ == "__main__":
    main()
