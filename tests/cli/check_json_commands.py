#!/usr/bin/env python3
"""Every command's JSON output is valid under the one output schema (issue 19.6, docs/output.md):
`mls schema` prints docs/mls-output.schema.json byte for byte, and the JSON of `mls solve` (nested
records; each nested field also under its dotted path, for graders written against the old flat form), `mls eval`/`mls optimize` (JSON lines, the same record inside), `mls zoo`,
`zoo search`, `zoo show`, `mls audit`, `mls solvers` and `mls explain` validates against its
definition; a solver's record is the same object whether it comes from `mls solve` or a script's
`print` (same fields, same quantities).

usage: check_json_commands.py MLS REPO_ROOT
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import SCHEMA_PATH, check, check_lines  # noqa: E402
from check_report import finish  # noqa: E402


def main():
    mls = os.path.abspath(sys.argv[1])
    fails = []

    def run(*args):
        return subprocess.run([mls, *args], capture_output=True, text=True, timeout=120)

    p = run("schema")
    if p.returncode != 0 or p.stdout != open(SCHEMA_PATH, encoding="utf-8").read():
        fails.append(f"`mls schema` (exit {p.returncode}) is not docs/mls-output.schema.json")

    documents = [
        (("solve", "parallelism_optimizer", "--args", '{"model":"GPT3_175B_R4","fleet":"H100_2K_NDR","batch":1536}'), "solve_result"),
        (("solve", "evaluate_scenario", "--args", '{"scenario":"ChatbotServing"}'), "solve_result"),
        (("solve", "precision_bytes", "--args", '{"precision":"fp16"}'), "solve_result"),
        (("zoo", "--format", "json"), "zoo_listing"),
        (("zoo", "search", "nvidia", "--format", "json"), "zoo_listing"),
        (("zoo", "search", "no-such-thing", "--format", "json"), "zoo_listing"),
        (("zoo", "show", "H100", "--format", "json"), "zoo_entry"),
        (("zoo", "show", "H100_2K_NDR", "--format", "json"), "zoo_entry"),
        (("audit", "--format", "json"), "audit_report"),
        (("solvers", "--format", "json"), "solver_list"),
        (("explain", "--format", "json"), "explain_list"),
        (("explain", "E0301", "--format", "json"), "explain_entry"),
    ]
    for args, kind in documents:
        p = run(*args)
        try:
            doc = json.loads(p.stdout)
        except json.JSONDecodeError as e:
            fails.append(f"mls {' '.join(args)}: exit {p.returncode}, not JSON ({e})")
            continue
        fails += [f"mls {' '.join(args)}: {x}" for x in check(doc, kind)[:5]]
        fails += [f"mls {' '.join(args)} is no valid MLS output: {x}" for x in check(doc)[:1]]

    # `mls solve` nests records; a dotted key is only the compatibility copy of a nested field.
    def nested(doc, path):
        for part in path.split("."):
            doc = doc.get(part) if isinstance(doc, dict) else None
        return doc

    def undotted(doc):
        return {k: v for k, v in doc.items() if "." not in k}

    solved = json.loads(run(*documents[0][0]).stdout)
    if solved.get("best_config", {}).get("tp", {}).get("si") != 8 or \
            any(v != nested(undotted(solved), k) for k, v in solved.items() if "." in k):
        fails.append(f"mls solve parallelism_optimizer: best_config is not a nested record: {sorted(solved)}")

    # One record, two commands: the script's print of the scorecard is the object `mls solve` prints.
    for args in (("eval", "ChatbotServing", "--format", "json"),
                 ("optimize", "parallelism", "GPT3_175B_R4", "H100_2K_NDR", "batch=1536", "--format", "json")):
        p = run(*args)
        fails += [f"mls {' '.join(args)}: {x}" for x in check_lines(p.stdout)[:5]]
    printed = json.loads(run("eval", "ChatbotServing", "--format", "json").stdout)["print"][0]
    solved = undotted(json.loads(run(*documents[1][0]).stdout))
    if printed != solved:
        diff = sorted(k for k in set(printed) | set(solved) if printed.get(k) != solved.get(k))
        fails.append(f"`mls eval --format json` and `mls solve evaluate_scenario` differ in {diff}")

    finish(fails, f"{len(documents) + 3} checks")


if __name__ == "__main__":
    main()
