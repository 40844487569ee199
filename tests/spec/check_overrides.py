#!/usr/bin/env python3
"""The spec override list cannot grow quietly: spec_cases.py refuses an override of any case but the allowed
one, an override that drops a reference output, and one without its reason and arithmetic; the list in the
tree passes those checks.

usage: check_overrides.py SPEC_CASES.json
"""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import spec_cases  # noqa: E402


def refused(reference_path, overrides, want):
    """spec_cases.py run with `overrides` must fail before running any case, saying `want`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"overrides": overrides}, f)
    try:
        p = subprocess.run([sys.executable, os.path.join(here, "spec_cases.py"), "--overrides", f.name,
                            "/nonexistent/mls", reference_path, "evaluate_scenario"],
                           capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(f.name)
    if p.returncode != 1 or want not in p.stdout:
        return [f"override {sorted(overrides)}: want exit 1 and {want!r}, got exit {p.returncode}: {p.stdout}{p.stderr}"]
    return []


def main():
    reference_path = sys.argv[1]
    reference = json.load(open(reference_path))["cases"]
    by_id = {c["id"]: c for c in reference}
    mine = json.load(open(spec_cases.DEFAULT_OVERRIDES))["overrides"]
    problems = []
    # The list in the tree is acceptable and overrides exactly the allowed cases.
    _, why = spec_cases.load_overrides(spec_cases.DEFAULT_OVERRIDES, reference)
    problems += why
    if set(mine) != set(spec_cases.ALLOWED_OVERRIDES):
        problems.append(f"overrides.json lists {sorted(mine)}, allowed {sorted(spec_cases.ALLOWED_OVERRIDES)}")
    allowed = "scenario.ChatbotServing.B32"
    good = mine[allowed]
    # Another case overridden, even with a reason and every output: refused.
    other = by_id["scenario.SmartDoorbell"]
    problems += refused(reference_path, {other["id"]: {"why": ["x"], "arithmetic": ["x"], "expected": other["expected"]}},
                        "only ['scenario.ChatbotServing.B32'] may be")
    # The allowed case dropping an output the reference checks: refused.
    dropped = dict(good, expected={k: v for k, v in good["expected"].items() if k != "macro.tco"})
    problems += refused(reference_path, {allowed: dropped}, "drops reference outputs ['macro.tco']")
    # The allowed case without its arithmetic: refused.
    problems += refused(reference_path, {allowed: dict(good, arithmetic=[])}, "show its arithmetic")
    for p in problems:
        print("FAIL", p)
    print("override list guard:", "ok" if not problems else f"{len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
