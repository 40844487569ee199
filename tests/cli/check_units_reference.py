#!/usr/bin/env python3
"""`mls units` (docs/units.md) lists what the language accepts (issue 29): every unprefixed symbol the
REPL's `:list units` knows is a unit or an alias there, every dimension of `:list dims` is there, and
each unit's prefixes are exactly the prefixed symbols the language accepts (checked by converting).
usage: check_units_reference.py MLS"""
import json, subprocess, sys

mls = sys.argv[1]
fails = []


def run(*args):
    return subprocess.run([mls, *args], capture_output=True, text=True)


ref = json.loads(run("units", "--format", "json").stdout)
listed = set()
for line in run("-e", ":list units").stdout.splitlines():
    listed.update(line.split(":", 1)[1].split())
documented = {u["symbol"] for u in ref["units"]} | {a for u in ref["units"] for a in u["aliases"]}
if listed != documented:
    fails.append(f"units: only in :list units {sorted(listed - documented)}, only in mls units {sorted(documented - listed)}")
dims = {line.split(" = ")[0] for line in run("-e", ":list dims").stdout.splitlines()}
if dims != {d["name"] for d in ref["dimensions"]}:
    fails.append(f"dimensions differ: {sorted(dims ^ {d['name'] for d in ref['dimensions']})}")

# Each unit's documented prefixes are accepted, with the documented factor; B takes no milli.
factor = {}
for p in ref["prefixes"]:
    for sym in p["symbols"].split():
        factor[sym] = p["factor"]
by_symbol = {u["symbol"]: u for u in ref["units"]}
for sym in ("B", "s", "FLOP", "W", "m"):
    for p in by_symbol[sym]["prefixes"]:
        r = run("--digits", "17", "-e", f"print (1 {p}{sym}) / (1 {sym})")
        got = float(r.stdout.strip()) if r.returncode == 0 else None
        if got is None or abs(got / factor[p] - 1) > 1e-9:
            fails.append(f"{p}{sym}: documented factor {factor[p]}, the language gives {r.stdout!r} {r.stderr[:200]!r}")
if "m" in by_symbol["B"]["prefixes"] or run("-e", "print 1 mB").returncode == 0:
    fails.append("B: a milli-byte is documented or accepted")
if "byte" not in by_symbol["B"]["aliases"] or by_symbol["B"]["dimension"] != "Information":
    fails.append(f"B: {by_symbol['B']}")

for f in fails:
    print("FAIL", f)
print(f"{'FAIL' if fails else 'ok'}: mls units against the language ({len(ref['units'])} units, {len(ref['dimensions'])} dimensions)")
sys.exit(1 if fails else 0)
