#!/usr/bin/env python3
"""Exit codes tell the outcomes apart (issue 19.8, docs/output.md): 0 ok, 1 a failed assert/expect,
2 compile error, 3 run-time error, 64 usage error (issue 19.7: a --format a command does not write, an
unknown zoo command), and `mls --help` prints the table. (70, an internal error, needs a bug in mls to
happen; the uncaught-exception guard in main() is its only path left.)

usage: check_exit_codes.py MLS
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from check_report import finish  # noqa: E402

CASES = [
    # (what, arguments, script or None, exit code, text stderr must hold)
    ("ok", ["-e", "print 1 m"], None, 0, ""),
    ("failed assert", [], "assert 1 m > 2 m, \"no\"\n", 1, "E0501"),
    ("failed expect", [], "expect 1 m ~= 2 m within 1 %\n", 1, "E0502"),
    ("compile error", ["-e", "1 m + 1 s"], None, 2, "E0301"),
    ("run-time error", [], "d = 0 s\nprint 1 m / d\n", 3, "E0503"),
    ("failed assert, then a run-time error", [], "assert 1 m > 2 m\nd = 0 s\nprint 1 m / d\n", 3, "E0503"),
    ("run-time error, reference evaluator", ["--no-jit"], "d = 0 s\nprint 1 m / d\n", 3, "E0503"),
    ("solver refuses its input", ["solve", "precision_bytes", "--args", '{"precision":"fp99"}'], None, 3, "E0505"),
    ("solve: --args not JSON", ["solve", "precision_bytes", "--args", "{"], None, 64, "not valid JSON"),
    ("solve: no such solver", ["solve", "no_such_solver"], None, 64, "no solver"),
    ("unknown flag", ["--no-such-flag"], None, 64, ""),
    ("missing file", ["no-such-file.mls"], None, 64, "cannot read"),
    ("zoo: unknown command", ["zoo", "hardware"], None, 64, "usage: mls zoo"),
    ("zoo show: unknown entry", ["zoo", "show", "NoSuchEntry"], None, 64, "no zoo entry"),
    ("zoo search: no match is an empty answer", ["zoo", "search", "no-such-thing"], None, 0, ""),
    ("audit with findings", ["audit"], "grid Bad {\n  @source(\"made up\", verified = \"2026-01-01\")\n"
     "  name = \"x\"\n  carbon_intensity = 20 gCO2e/kWh\n  pue = 0.8\n}\n", 1, ""),
]
FORMATS = [  # (command, formats it writes, one it does not)
    (["zoo"], "text|json|markdown", "csv"),
    (["zoo", "search", "H100"], "text|json|markdown", "csv"),
    (["zoo", "show", "H100"], "text|json", "markdown"),
    (["solvers"], "text|json|markdown", "csv"),
    (["explain"], "text|json", "csv"),
    (["explain", "E0301"], "text|json", "markdown"),
    (["audit"], "text|json", "csv"),
    (["audit"], "text|json", "markdown"),
    (["solve", "precision_bytes", "--args", '{"precision":"fp16"}'], "json", "csv"),
    (["schema"], "json", "text"),
    (["zoo"], "text|json|markdown|html", "csv"),
    (["zoo", "show", "H100"], "text|json", "html"),
    (["solvers"], "text|json|markdown", "html"),
    (["--emit", "ast", "-e", "1 m"], "text", "json"),
]


def main():
    mls = os.path.abspath(sys.argv[1])
    fails = []
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    with tempfile.TemporaryDirectory() as d:
        def run(args, script=None):
            if script is not None:
                path = os.path.join(d, "case.mls")
                with open(path, "w") as f:
                    f.write(script)
                args = args + [path]
            return subprocess.run([mls, *args], capture_output=True, text=True, env=env, cwd=d, timeout=120)

        for what, args, script, code, needle in CASES:
            p = run(args, script)
            if p.returncode != code or needle not in p.stderr:
                fails.append(f"{what}: exit {p.returncode} (want {code}), stderr {p.stderr[:200]!r}")
        for command, supported, other in FORMATS:
            p = run(command + ["--format", other])
            if p.returncode != 64 or supported not in p.stderr or p.stdout:
                fails.append(f"mls {' '.join(command)} --format {other}: exit {p.returncode}, want 64 naming "
                             f"{supported}; stderr {p.stderr[:200]!r}, stdout {p.stdout[:100]!r}")
            for f in supported.split("|"):
                p = run(command + ["--format", f])
                if p.returncode not in (0, 1) or not p.stdout:
                    fails.append(f"mls {' '.join(command)} --format {f}: exit {p.returncode}, {len(p.stdout)} bytes")
        p = run(["--help"])
        table = ["0 ok", "1 an assert or expect failed", "2 compile error", "3 run-time error", "64 usage error",
                 "70 internal error"]
        if p.returncode != 0 or any(t not in p.stdout for t in table):
            fails.append(f"--help lacks the exit-code table: {p.stdout[-400:]!r}")
    finish(fails, f"{len(CASES) + len(FORMATS) + 1} checks")


if __name__ == "__main__":
    main()
