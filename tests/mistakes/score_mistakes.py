#!/usr/bin/env python3
"""Scores MLS's diagnostics on a catalogue of realistic multi-line mistakes (issue 23).

Each mistake is one script in this folder with a header:
  # mistake[CATEGORY]: what the student did wrong
  # expect: CODE at LINE "TEXT" [N]     the first diagnostic of that code (error or warning) must span
                                        exactly the N-th (default 1st) occurrence of TEXT on LINE
  # dims: Time | plain number           (optional) names both sides must be called by, in the diagnostic
  # check: EXPR                         (optional) after the fix, `assert EXPR` must hold (the intended value)

Four rates (goal >= 95 % each):
  caught  the expected code is reported at compile time (`mls check`), an error or a warning
  span    ... with exactly the expected span
  dims    ... naming both dimensions (message, labels or dimension lines), over the mistakes with `# dims:`
  fix     ... with at least one suggested edit (`fixes` in --diagnostics json), and every edit it offers,
          applied alone as written, gives a script that runs (exit 0) without that diagnostic and, with
          `# check:`, with the intended value

controls/*.mls are valid scripts: each must run with exit 0 and no diagnostic at all.

usage: score_mistakes.py MLS [DIR] [--min PERCENT] [--verbose]
Exit 1 when a rate is below --min (default 0: report only) or a control warns or fails.
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

HEADER = re.compile(r'^#\s*expect:\s*([EW]\d{4})\s+at\s+(\d+)\s+"((?:[^"\\]|\\.)*)"(?:\s+(\d+))?\s*$')


def run(mls, path, *args):
    return subprocess.run([mls, *args, str(path)], capture_output=True, text=True, timeout=120, cwd=path.parent)


def diagnostics(mls, path):
    p = run(mls, path, "--diagnostics", "json", "check")
    try:
        return p.returncode, (json.loads(p.stderr) if p.stderr.strip() else [])
    except json.JSONDecodeError:
        return p.returncode, []


def apply(text, fix):
    """The script with one suggested edit applied (1-based lines, columns in characters, end exclusive)."""
    lines = text.split("\n")
    def offset(line, col):
        return sum(len(l) + 1 for l in lines[:line - 1]) + col - 1
    b, e = offset(fix["line"], fix["column"]), offset(fix["end_line"], fix["end_column"])
    return text[:b] + fix["replacement"] + text[e:]


def score(mls, path, verbose):
    text = path.read_text(encoding="utf-8")
    spec = {"check": []}
    for line in text.splitlines():
        m = HEADER.match(line)
        if m:
            spec["code"], spec["line"], spec["what"], spec["nth"] = m.group(1), int(m.group(2)), m.group(3), int(m.group(4) or 1)
        elif line.startswith("# dims:"):
            spec["dims"] = [d.strip() for d in line[len("# dims:"):].split("|")]
        elif line.startswith("# check:"):
            spec["check"].append(line[len("# check:"):].strip())
    if "code" not in spec:
        raise SystemExit(f"{path.name}: no `# expect:` header")
    src_line = text.split("\n")[spec["line"] - 1]
    col, start = -1, 0
    for _ in range(spec["nth"]):
        col = src_line.find(spec["what"], start)
        start = col + 1
    if col < 0:
        raise SystemExit(f"{path.name}: `{spec['what']}` is not on line {spec['line']}")
    want_span = (spec["line"], col + 1, spec["line"], col + 1 + len(spec["what"]))
    _, ds = diagnostics(mls, path)
    d = next((x for x in ds if x["code"] == spec["code"]), None)
    r = {"caught": d is not None, "span": False, "dims": None, "fix": False, "why": ""}
    if d is None:
        r["why"] = "got " + (", ".join(f'{x["code"]} {x.get("line")}:{x.get("column")}' for x in ds) or "nothing")
        return r
    r["span"] = (d.get("line"), d.get("column"), d.get("end_line"), d.get("end_column")) == want_span
    if not r["span"]:
        r["why"] += f' span {d.get("line")}:{d.get("column")}-{d.get("end_column")} != {want_span[0]}:{want_span[1]}-{want_span[3]};'
    if "dims" in spec:
        said = " ".join([d["message"]] + [l["text"] for l in d["labels"]] +
                        [x["name"] + " " + x["dimensions"] for x in d["dims"]]).lower()
        missing = [n for n in spec["dims"] if n.lower() not in said]
        r["dims"] = not missing
        if missing:
            r["why"] += f" dims not named: {missing};"
    fixes = d.get("fixes") or []
    if not fixes:
        r["why"] += " no suggested edit;"
        return r
    ok = True
    for f in fixes:
        fixed = apply(text, f) + "".join(f"\nassert {c}\n" for c in spec["check"])
        with tempfile.TemporaryDirectory() as tmp:
            p = pathlib.Path(tmp) / path.name
            p.write_text(fixed, encoding="utf-8")
            rc, after = diagnostics(mls, p)
            ran = run(mls, p, "--diagnostics", "json") if rc == 0 else None
            again = [x for x in after if x["code"] == spec["code"] or x["severity"] == "error"]
            if rc != 0 or again or ran.returncode != 0:
                ok = False
                r["why"] += f' edit "{f["replacement"]}" ({f["title"]}): ' + (
                    ", ".join(f'{x["code"]} {x["line"]}:{x["column"]} {x["message"]}' for x in again) or
                    (ran.stderr.strip()[:160] if ran else f"exit {rc}")) + ";"
    r["fix"] = ok
    return r


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    minimum = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 0.0
    if "--min" in sys.argv:
        args.remove(sys.argv[sys.argv.index("--min") + 1])
    mls = str(pathlib.Path(args[0]).resolve()) if "/" in args[0] else args[0]
    folder = pathlib.Path(args[1]) if len(args) > 1 else pathlib.Path(__file__).parent
    results = {}
    for path in sorted(folder.resolve().glob("*.mls")):
        results[path.name] = score(mls, path, verbose)
    bad_controls = []
    controls = sorted((folder.resolve() / "controls").glob("*.mls"))
    for path in controls:
        p = run(mls, path, "--diagnostics", "json")
        if p.returncode != 0 or p.stderr.strip() not in ("", "[]"):
            bad_controls.append(f"{path.name}: exit {p.returncode} {p.stderr.strip()[:200]}")
    n = len(results)
    rates = {}
    for k in ("caught", "span", "dims", "fix"):
        vals = [r[k] for r in results.values() if r[k] is not None]
        rates[k] = 100.0 * sum(vals) / len(vals) if vals else 100.0
        print(f"{k:7s} {sum(vals):3d}/{len(vals):3d}  {rates[k]:5.1f} %")
    print(f"controls {len(controls) - len(bad_controls)}/{len(controls)} clean")
    for name, r in results.items():
        if verbose or not all(r[k] in (True, None) for k in ("caught", "span", "dims", "fix")):
            status = " ".join(k for k in ("caught", "span", "dims", "fix") if r[k] is False)
            print(f"  {name}: {'FAIL ' + status if status else 'ok'} {r['why']}")
    for c in bad_controls:
        print("  control", c)
    low = [k for k, v in rates.items() if v < minimum]
    if low or bad_controls:
        print("below the goal:" if low else "", ", ".join(low))
        return 1
    return 0 if n >= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
