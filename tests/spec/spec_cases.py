#!/usr/bin/env python3
"""Runs the spec cases of the given solver ids through `mls solve ID --args JSON` and requires 1e-9
relative agreement on every expected output (or the expected error kind).

usage: spec_cases.py [--overrides OVERRIDES.json] MLS SPEC_CASES.json ID [ID ...]
Ad-hoc models and fleets named in the cases resolve through the zoo (zoo/models, zoo/systems hold them).
Every result must also be valid under the output schema (docs/mls-output.schema.json, "solve_result").

A case whose expected values change by design is listed, with its reason and arithmetic, in overrides.json
beside this script; only the ids in ALLOWED_OVERRIDES may be overridden, and an override must keep every
output the reference checks. Anything else fails before a case runs.
"""
import json
import math
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import check as schema_check  # noqa: E402


def number(x):
    if isinstance(x, dict):
        for k in ("si", "value"):
            if k in x:
                return x[k]
    return x


def lookup(out, key):
    """The value at a spec key: `best_config.tp` is field tp of the nested record best_config."""
    for part in key.split("."):
        if not isinstance(out, dict) or part not in out:
            raise KeyError(key)
        out = out[part]
    return out


def agree(got, want):
    if isinstance(want, bool) or isinstance(want, str) or want is None:
        return got == want or str(got).lower() == str(want).lower()
    if want == "inf" or (isinstance(want, float) and math.isinf(want)):
        return got in ("inf", "Infinity") or (isinstance(got, (int, float)) and math.isinf(got))
    try:
        g = float(got)
    except (TypeError, ValueError):
        return False
    if want == 0:
        return abs(g) < 1e-12
    return abs(g - want) <= 1e-9 * abs(want)


# The reference cases that may be overridden, and the issue that changed each by design.
ALLOWED_OVERRIDES = {
    "scenario.ChatbotServing.B32": "issue 20 item 3: a served language model's scorecard (docs/solvers.md)",
}
DEFAULT_OVERRIDES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "overrides.json")


def load_overrides(path, reference):
    """The override list as {case id: expected}, or a list of reasons it is not acceptable."""
    data = json.load(open(path))
    by_id = {c["id"]: c for c in reference}
    overrides, problems = {}, []
    for cid, o in data.get("overrides", {}).items():
        if cid not in ALLOWED_OVERRIDES:
            problems.append(f"{cid} is overridden but only {sorted(ALLOWED_OVERRIDES)} may be")
            continue
        if cid not in by_id:
            problems.append(f"{cid} is overridden but is not a reference case")
            continue
        if not o.get("why") or not o.get("arithmetic"):
            problems.append(f"{cid}: an override must say why and show its arithmetic")
        missing = sorted(set(by_id[cid].get("expected", {})) - set(o.get("expected", {})))
        if missing:
            problems.append(f"{cid}: the override drops reference outputs {missing}")
        overrides[cid] = o.get("expected", {})
    return overrides, problems


def main():
    args = sys.argv[1:]
    overrides_path = DEFAULT_OVERRIDES
    if args[:1] == ["--overrides"]:
        overrides_path, args = args[1], args[2:]
    mls, path, ids = args[0], args[1], set(args[2:])
    reference = json.load(open(path))["cases"]
    overrides, problems = load_overrides(overrides_path, reference)
    if problems:
        for p in problems:
            print(f"FAIL overrides ({overrides_path}): {p}")
        sys.exit(1)
    cases = [c for c in reference if c["solver"] in ids]
    for c in cases:
        if c["id"] in overrides:
            c["expected"] = overrides[c["id"]]
            print(f"note: {c['id']} is checked against its override ({ALLOWED_OVERRIDES[c['id']]})")
    passed = failed = 0
    for c in cases:
        p = subprocess.run([mls, "solve", c["solver"], "--args", json.dumps(c["inputs"]), "--diagnostics", "json"],
                           capture_output=True, text=True, timeout=60)
        problems = []
        if "expected_error" in c:
            kind = c["expected_error"]["kind"]
            try:
                diags = json.loads(p.stderr)
                kinds = [d.get("kind") for d in diags]
            except json.JSONDecodeError:
                kinds = []
            if p.returncode != 3 or kind not in kinds:  # a solver's refusal is a run-time error
                problems.append(f"want error {kind}, got exit {p.returncode} kinds {kinds}")
        else:
            try:
                out = json.loads(p.stdout)
            except json.JSONDecodeError:
                out = None
                problems.append(f"exit {p.returncode}, no JSON: {p.stderr.strip()[:200]}")
            if out is not None:
                problems += [f"schema: {x}" for x in schema_check(out, "solve_result")[:3]]
                for k, v in c["expected"].items():
                    want = v.get("value") if isinstance(v, dict) else v
                    try:
                        got = number(lookup(out, k))
                    except KeyError:
                        problems.append(f"{k} missing")
                        continue
                    if not agree(got, want):
                        problems.append(f"{k} = {got!r}, want {want!r}")
        if problems:
            failed += 1
            print(f"FAIL {c['id']}: " + "; ".join(problems[:4]))
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)


if __name__ == "__main__":
    main()
