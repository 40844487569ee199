#!/usr/bin/env python3
"""Every output format holds everything the run printed (issue 19.5, docs/output.md).

Runs every example in text, JSON and CSV and requires that every number the text output shows is
present, with the same value, in the other two:
  JSON  a quantity with the same unit and the same shown value (the text rounds to 4 significant
        digits, JSON's `value` too), or a plain number (a mean's point count);
  CSV   a cell in the same unit within the text's rounding (print blocks carry the unit in a column,
        tables and reductions in their header), or a cell in the coherent base unit equal to the
        matching JSON quantity's exact `si` (1e-9 relative).
Also: the JSON lines are valid under the output schema, the CSV parses with python's csv module into
blocks (a header line each, separated by one empty line) whose rows are as wide as their header.

usage: check_output_formats.py MLS EXAMPLES_DIR
"""
import csv
import io
import json
import math
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import check_lines  # noqa: E402

NUMBER = re.compile(r"(?<![\w.])(-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?)(?![\w.])(?: ([^\s,\]\)\}]+))?")
HEADER_UNIT = re.compile(r"^(.*) \[(.+)\]$")


def run(mls, path, *fmt):
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    p = subprocess.run([mls, *fmt, os.path.basename(path)], capture_output=True, text=True, env=env,
                       cwd=os.path.dirname(path), timeout=120)
    return p.returncode, p.stdout


def json_values(node, quantities, strings, plain):
    """Walks a JSON output: quantities (value, unit, si), strings, and plain numbers."""
    if isinstance(node, dict):
        if set(node) == {"value", "unit", "si", "dimension"}:
            quantities.append(node)
            return
        for k, v in node.items():
            if k in ("table",):  # a table's id is no printed number
                continue
            if k == "points":
                plain.append(float(v))
            json_values(v, quantities, strings, plain)
    elif isinstance(node, list):
        for v in node:
            json_values(v, quantities, strings, plain)
    elif isinstance(node, str):
        strings.append(node)


def csv_cells(text):
    """(value, unit) of every numeric cell, from blocks separated by an empty line; problems found."""
    cells, problems = [], []
    rows = list(csv.reader(io.StringIO(text)))
    header = None
    for n, row in enumerate(rows, 1):
        if not row:
            if header is None:
                problems.append(f"CSV line {n}: an empty block")
            header = None
            continue
        if header is None:
            header = row
            continue
        if len(row) != len(header):
            problems.append(f"CSV line {n}: {len(row)} cells under a header of {len(header)}: {row}")
            continue
        if header[:5] == ["print", "item", "field", "value", "unit"]:
            cells.append((row[3], row[4]))
            continue
        for name, cell in zip(header, row):
            m = HEADER_UNIT.match(name)
            cells.append((cell, m.group(2) if m else ""))
    out = []
    for value, unit in cells:
        try:
            out.append((float(value), unit))
        except ValueError:
            pass
    return out, problems


def close_shown(a, b):
    """a is within the rounding of b, shown at 4 significant digits (whole numbers may show more)."""
    return abs(a - b) <= 5.001e-4 * abs(b) + 1e-12


def check(mls, path):
    problems = []
    codes = {}
    outputs = {}
    for name, fmt in (("text", []), ("json", ["--format", "json"]), ("csv", ["--format", "csv"])):
        codes[name], outputs[name] = run(mls, path, *fmt)
    if len(set(codes.values())) != 1:
        problems.append(f"exit codes differ between formats: {codes}")
    problems += [f"JSON: {p}" for p in check_lines(outputs["json"])[:5]]
    quantities, strings, plain = [], [], []
    for line in outputs["json"].splitlines():
        try:
            json_values(json.loads(line), quantities, strings, plain)
        except json.JSONDecodeError:
            pass
    units = {q["unit"] for q in quantities if q["unit"]}
    # SI value of one of each unit the JSON shows (si / value of any nonzero quantity in that unit)
    scale = {q["unit"]: q["si"] / q["value"] for q in quantities
             if q["unit"] and isinstance(q["value"], (int, float)) and isinstance(q["si"], (int, float)) and q["value"]}
    cells, csv_problems = csv_cells(outputs["csv"])
    problems += csv_problems[:5]
    # Strings may hold digits (a model named "Llama 3.1 8B", a date): they are no printed numbers.
    text = outputs["text"]
    for s in sorted({s for s in strings if re.search(r"\d", s)}, key=len, reverse=True):
        text = text.replace(s, " ")
    seen = 0
    for m in NUMBER.finditer(text):
        shown = float(m.group(1).replace(",", ""))
        unit = m.group(2) if m.group(2) in units else ""
        seen += 1
        matches = [q for q in quantities if q["unit"] == unit and isinstance(q["value"], (int, float))
                   and close_shown(q["value"], shown)]
        if not matches and m.group(2) in scale:
            # a table column shows every cell in one unit (`21000 TB/s` among TB/s values) where JSON gives
            # each value its own (`21 PB/s`): the same value in SI, the unit's scale read off the JSON
            si_shown = shown * scale[m.group(2)]
            matches = [q for q in quantities if isinstance(q["si"], (int, float)) and close_shown(q["si"], si_shown)]
        in_json = bool(matches) or (unit == "" and any(close_shown(x, shown) for x in plain))
        if not in_json:
            problems.append(f"text shows {m.group(0)!r}: no JSON quantity of that value and unit")
        sis = [q["si"] for q in matches if isinstance(q["si"], (int, float))]
        in_csv = any((u == unit and close_shown(v, shown)) or
                     any(abs(v - si) <= 1e-9 * max(abs(si), 1e-300) or v == si for si in sis) for v, u in cells)
        if not in_csv:
            problems.append(f"text shows {m.group(0)!r}: no CSV cell of that value (in its unit or in SI)")
    return problems, seen


def main():
    mls, examples = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    failed = total = 0
    for name in sorted(os.listdir(examples)):
        if not name.endswith(".mls"):
            continue
        problems, seen = check(mls, os.path.join(examples, name))
        total += seen
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems[:10]:
                print("  - " + p)
        else:
            print(f"ok {name}: {seen} numbers")
    if total == 0:
        print("FAIL: the examples printed no numbers: nothing was compared")
        failed += 1
    print(f"{total} numbers compared, {failed} examples failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
