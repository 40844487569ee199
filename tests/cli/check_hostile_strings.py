#!/usr/bin/env python3
"""Script strings cannot forge output structure or reach the terminal raw (issue 30.5, docs/output.md).

Each hostile string is printed on its own, next to a number, as a record field and as a table cell,
and used as an assert message. Then:
  CSV   parses (python's csv module) into the expected blocks and rows: `print "x\\nmallory,100"` stays
        one cell, no row is forged; the cell holds the string, line feeds and tabs kept (quoted), other
        control characters escaped;
  JSON  every line parses, is valid under the output schema, and holds the string exactly;
  text  stdout and stderr (diagnostics) carry no raw control character but line feeds (and tabs in
        a string printed on its own), no C1 control, no bidirectional override: they show as \\x1b,
        \\u009b, \\u202e.

usage: check_hostile_strings.py MLS
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import check_lines  # noqa: E402
from check_report import finish  # noqa: E402

# name → (string as MLS source text, the string's value, how text shows it in a cell)
HOSTILE = {
    "newline_row": ('x\\nmallory,100', "x\nmallory,100", "x\\nmallory,100"),
    "quotes": ('say \\"hi\\", ok', 'say "hi", ok', 'say "hi", ok'),
    "escape": ("red\x1b[31mX\x1b[0m", "red\x1b[31mX\x1b[0m", "red\\x1b[31mX\\x1b[0m"),
    "bell": ("ding\x07over", "ding\x07over", "ding\\x07over"),
    "c1_csi": ("c1\u009b2J", "c1\u009b2J", "c1\\u009b2J"),
    "bidi": ("abc\u202edcba", "abc\u202edcba", "abc\\u202edcba"),
    "tab": ("a\\tb", "a\tb", "a\\tb"),
    "delete": ("del\x7f!", "del\x7f!", "del\\x7f!"),
    "pipe_lt": ("a|b<script>&c", "a|b<script>&c", "a|b<script>&c"),
}

SCRIPT = """print "{s}"
print "{s}", 1 m
r = {{ label = "{s}", size = 2 GB }}
print r
for b in [1, 2] {{
  row label = "{s}", b = b
}}
assert 1 m > 2 m, "{s}"
"""

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def main():
    mls = os.path.abspath(sys.argv[1])
    fails = []
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    with tempfile.TemporaryDirectory() as d:
        for name, (source, value, shown) in HOSTILE.items():
            path = os.path.join(d, name + ".mls")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(SCRIPT.format(s=source))

            def run(*args):
                p = subprocess.run([mls, "--color", "never", *args, path], capture_output=True, env=env, timeout=60)
                return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

            def fail(what):
                fails.append(f"{name}: {what}")

            # text: nothing raw on stdout or stderr (a lone printed string may keep its line feeds and tabs)
            code, out, err = run()
            if code != 1:
                fail(f"text: exit {code}, want 1 (the failed assert)")
            lines = out.split("\n")
            if RAW.search(out) or RAW.search(err):
                fail(f"text: a raw control character reached the terminal: {(out + err)!r}"[:300])
            if "\t" in "\n".join(lines[1:]) or "\t" in err:
                fail("text: a tab inside a structure (a line of several values, a record, a table, a diagnostic)")
            if shown not in out or f"assertion failed: {shown}" not in err:
                fail(f"text: {shown!r} is not shown in every place: {out!r} {err!r}"[:300])

            # CSV: exactly the blocks and rows printed, the string one cell
            code, out, err = run("--format", "csv")
            rows = list(csv.reader(io.StringIO(out)))
            blocks, block = [], []
            for row in rows + [[]]:
                if row:
                    block.append(row)
                elif block:
                    blocks.append(block)
                    block = []
            want_shapes = [[5] * 6, [2] * 3]  # header + 5 printed leaves (1, 2, a record's 2 fields); the table
            shapes = [[len(r) for r in b] for b in blocks]
            if shapes != want_shapes:
                fail(f"CSV: blocks of row widths {shapes}, want {want_shapes} (a forged row or cell?)\n{out}")
            else:
                cells = [blocks[0][1][3], blocks[0][2][3], blocks[0][4][3], blocks[1][1][0], blocks[1][2][0]]
                in_csv = shown.replace("\\n", "\n").replace("\\t", "\t")  # CSV keeps these two, quoted
                if any(c != in_csv for c in cells):
                    fail(f"CSV: cells {cells}, want {in_csv!r} each")
            if RAW.search(out):
                fail("CSV: a raw control character")

            # JSON: the exact string, valid lines
            code, out, err = run("--format", "json")
            problems = check_lines(out)
            if problems:
                fail(f"JSON: {problems[:3]}")
            else:
                events = [json.loads(l) for l in out.splitlines()]
                got = [events[0]["print"][0], events[1]["print"][0], events[2]["print"][0]["label"],
                       events[3]["row"]["label"], events[4]["row"]["label"]]
                if any(g != value for g in got):
                    fail(f"JSON: strings {got}, want {value!r} each")
            code, out, err = run("--diagnostics", "json")
            try:
                if json.loads(err)[0]["message"] != "assertion failed: " + value:
                    fail(f"--diagnostics json: message {json.loads(err)[0]['message']!r}")
            except (json.JSONDecodeError, IndexError, KeyError) as e:
                fail(f"--diagnostics json: {e}: {err!r}"[:300])
    finish(fails, f"{len(HOSTILE)} hostile strings")


if __name__ == "__main__":
    main()
