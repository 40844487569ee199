#!/usr/bin/env python3
"""ctest `validation`: the validation table is produced and stays within the committed thresholds.

usage: check_runner.py MLS SOURCE_DIR

1. Runs scripts/validate on validation/ with --check validation/thresholds.json (every level the
   binary supports) and requires exit 0, a row for every point file, and the MAE block with a line per
   group and an overall line.
2. Checks the runner's own failure paths on throw-away points in a temporary folder: a group over its
   threshold exits 1; a malformed header, a unit that differs from `published`, and a script that
   fails all exit 2 and name the point.
"""
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900)


def main() -> int:
    mls, src = sys.argv[1], Path(sys.argv[2])
    validate = [sys.executable, str(src / "scripts" / "validate"), "--mls", mls]
    problems = []

    # 1. the real suite
    points = [p for p in sorted((src / "validation").glob("*/*.mls"))
              if re.search(r"^# point:", p.read_text(encoding="utf-8"), re.M)]
    r = run(validate + ["--check", str(src / "validation" / "thresholds.json")])
    if r.returncode != 0:
        problems.append(f"validate exited {r.returncode}:\n{r.stderr}")
    for p in points:
        if not re.search(rf"^{re.escape(p.stem[:58])}\s", r.stdout, re.M):
            problems.append(f"no table row for {p.stem}")
    for group in ("serving", "training", "carbon", "reliability", "overall"):
        if not re.search(rf"^{group}\s+\d+\s+\d+\.\d%", r.stdout, re.M):
            problems.append(f"no MAE line for {group}")
    j = run(validate + ["--json", "--group", "carbon"])
    try:
        data = json.loads(j.stdout)
        if len(data["points"]) != sum(1 for p in points if p.parent.name == "carbon"):
            problems.append("--json --group carbon lists the wrong points")
        if "textbook" not in data["summary"]:
            problems.append("--json summary has no textbook level")
    except (json.JSONDecodeError, KeyError) as e:
        problems.append(f"--json output is not the documented object: {e}")

    # 2. failure paths
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "carbon"
        d.mkdir()
        good = ("# point: ok\n# group: carbon\n# metric: energy\n# published: 2 kWh\n# source: test\n"
                "# accessed: 2026-12-06\n# config: test\nprint 1 kWh + 1 kWh -> kWh\n")
        (d / "ok.mls").write_text(good)
        tight = Path(tmp) / "tight.json"
        tight.write_text('{"textbook": {"carbon": 0.0}}')
        (d / "off.mls").write_text(good.replace("point: ok", "point: off").replace("1 kWh + 1 kWh", "3 kWh"))
        r = run(validate + ["--dir", tmp, "--fidelity", "textbook", "--check", str(tight)]
                if "--fidelity" in run([mls, "--help"]).stdout else validate + ["--dir", tmp, "--check", str(tight)])
        if r.returncode != 1 or "carbon" not in r.stderr:
            problems.append(f"a group over its threshold should exit 1, got {r.returncode}: {r.stderr}")
        if not re.search(r"^off\s+2 kWh\s+3\s+\+50\.0%", r.stdout, re.M):
            problems.append(f"signed error row for 'off' missing:\n{r.stdout}")
        for name, text in (("nohead", good.replace("# source: test\n", "")),
                           ("unit", good.replace("-> kWh", "-> MJ")),
                           ("fails", good.replace("print 1 kWh + 1 kWh -> kWh", "print 1 kWh + 1 s"))):
            case = Path(tmp) / name
            (case / "carbon").mkdir(parents=True)
            (case / "carbon" / f"{name}.mls").write_text(text.replace("point: ok", f"point: {name}"))
            r = run(validate + ["--dir", str(case)])
            if r.returncode != 2 or name not in r.stderr:
                problems.append(f"point '{name}' should exit 2 and be named, got {r.returncode}: {r.stderr}")

    for p in problems:
        print(p)
    print(f"validation runner: {len(points)} points, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
