#!/usr/bin/env python3
"""Every registered solver has a value test (issue 32 item 2): a reference-case id in tests/spec, or a call
in a .mls test of tests/ or examples/ that checks what it printed (an `expect`/`assert`, `# expect:` lines or
a golden .out) and is not a compile-error test. A solver registered without one fails this check.

usage: check_every_solver_tested.py MLS ROOT
"""
import json
import pathlib
import re
import subprocess
import sys


def checked_scripts(root):
    """The code (comments dropped) of every .mls test whose output is checked and that runs."""
    for d in ("tests", "examples"):
        for f in sorted((root / d).rglob("*.mls")):
            src = f.read_text(errors="replace")
            if re.search(r"^\s*#\s*expect-error\[E", src, re.M):
                continue
            checks = (re.search(r"^\s*(expect|assert)\b", src, re.M) or re.search(r"^\s*#\s*expect:", src, re.M)
                      or f.with_suffix(".out").exists())
            if checks:
                yield f, "\n".join(l.split("#", 1)[0] for l in src.splitlines())


def main():
    mls, root = sys.argv[1], pathlib.Path(sys.argv[2])
    solvers = json.loads(subprocess.run([mls, "solvers", "--format", "json"], capture_output=True, text=True,
                                        check=True).stdout)
    spec = (root / "tests" / "spec" / "CMakeLists.txt").read_text()
    spec_ids = set(re.search(r"set\(MLS_SPEC_IDS(.*?)\)", spec, re.S).group(1).split())
    scripts = list(checked_scripts(root))
    missing = []
    for s in solvers:
        call = re.compile(r"\b" + re.escape(s["name"]) + r"\s*\(")
        if s["id"] in spec_ids or any(call.search(code) for _, code in scripts):
            continue
        missing.append(f"{s['name']} (id {s['id']})")
    for m in missing:
        print(f"FAIL: solver {m} is registered but no test checks its values: add reference cases (tests/spec) or "
              f"a .mls test with `expect ... within` values computed from its equation (tests/solvers/)")
    print(f"{'FAIL' if missing else 'ok'}: {len(solvers) - len(missing)} of {len(solvers)} solvers have value tests "
          f"({len(scripts)} checked scripts, {len(spec_ids)} reference-case ids)")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
