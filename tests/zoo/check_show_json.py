#!/usr/bin/env python3
"""Acceptance: `mls zoo show H100 --format json` gives 989 TFLOP/s (fp16), 3.35 TB/s, 700 W and the datasheet
source, in the output schema (docs/mls-output.schema.json, "zoo_entry")."""
import json, os, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from output_schema import check as schema_check  # noqa: E402
out = subprocess.run([sys.argv[1], "zoo", "show", "H100", "--format", "json"], capture_output=True, text=True, check=True).stdout
d = json.loads(out)
fails = schema_check(d, "zoo_entry")
if d["derived"]["fp16"]["si"] != 989e12 or d["derived"]["fp16"]["unit"] != "TFLOP/s": fails.append("fp16 peak")
if d["fields"]["bandwidth"]["si"] != 3.35e12 or d["fields"]["bandwidth"]["value"] != 3.35: fails.append("bandwidth")
if d["fields"]["tdp"]["si"] != 700: fails.append("tdp")
if "datasheet" not in d["source"]["title"] or not d["source"]["verified"]: fails.append("source")
print("\n".join(fails) or "ok")
sys.exit(1 if fails else 0)
