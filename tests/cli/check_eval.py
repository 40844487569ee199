#!/usr/bin/env python3
"""`mls eval` (issue 29, after MLSYSIM's `mlsysim eval MODEL HARDWARE --batch-size N`):
- alone, it lists every scenario of the zoo;
- `mls eval MODEL HARDWARE [k=v ...]` prints memory, roofline and (for a language model) serving,
  with the values the solvers give for the same settings in a script;
- mistakes are usage errors (64) with a code and a fix, naming the nearest entry of the right kind;
  settings the solvers refuse are the script's diagnostics (exit 2).
usage: check_eval.py MLS"""
import json, subprocess, sys

mls = sys.argv[1]
fails = []


def run(*args):
    return subprocess.run([mls, *args], capture_output=True, text=True)


def script_value(expr):
    """A value as a script prints it (one `print`)."""
    r = run("-e", f"print {expr}")
    return r.stdout.strip()


def field(out, name):
    for line in out.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0] == name:
            return parts[1].strip()
    return None


# 1. The scenarios.
zoo = json.loads(run("zoo", "--format", "json").stdout)
entries = zoo["entries"] if isinstance(zoo, dict) and "entries" in zoo else zoo
scenarios = [e["name"] for e in entries if e.get("kind") == "scenario"]
r = run("eval")
if r.returncode != 0 or len(scenarios) < 9 or any(f"  {s} " not in r.stdout for s in scenarios):
    fails.append(f"eval alone: exit {r.returncode}, scenarios {scenarios}, {r.stdout[:300]!r}")
if "Llama-3.1-8B on NVIDIA H100, SLA 500 ms" not in r.stdout:
    fails.append(f"eval alone: ChatbotServing's workload, system and SLA missing: {r.stdout!r}")

# 2. A language model on a device, with settings: the solvers' values for the same arguments.
r = run("eval", "Llama3_8B", "H100", "batch=8", "precision=fp8", "prompt=1024", "tp=2")
want = {
    "latency": "roofline(Llama3_8B, H100, batch_size = 8, precision = fp8).latency",
    "bottleneck": "roofline(Llama3_8B, H100, batch_size = 8, precision = fp8).bottleneck",
    "needed": "roofline(Llama3_8B, H100, batch_size = 8, precision = fp8).memory_footprint",
    "ttft": "serve(Llama3_8B, H100, seq_len = 1024, batch_size = 8, precision = fp8, tp = 2).ttft",
    "itl": "serve(Llama3_8B, H100, seq_len = 1024, batch_size = 8, precision = fp8, tp = 2).itl",
    "kv_cache": "serve(Llama3_8B, H100, seq_len = 1024, batch_size = 8, precision = fp8, tp = 2).kv_cache_size",
}
if r.returncode != 0 or not r.stdout.startswith("Llama3_8B on H100: batch 8, fp8, efficiency 0.5, prompt 1024 tokens, tp 2 (tp splits"):
    fails.append(f"eval Llama3_8B H100 ...: exit {r.returncode}, {r.stdout[:200]!r} {r.stderr[:300]!r}")
else:
    for name, expr in want.items():
        got, expect = field(r.stdout, name), script_value(expr)
        if got != expect:
            fails.append(f"eval Llama3_8B H100: {name} is {got!r}, the script gives {expect!r}")
# The defaults are the solvers' defaults; a vision model has no serving section.
r = run("eval", "ResNet50", "JetsonOrinNX")
if r.returncode != 0 or "roofline:" not in r.stdout or "serving:" in r.stdout \
        or field(r.stdout, "latency") != script_value("roofline(ResNet50, JetsonOrinNX).latency"):
    fails.append(f"eval ResNet50 JetsonOrinNX: exit {r.returncode}, {r.stdout!r} {r.stderr[:300]!r}")
# A model that does not fit says why.
r = run("eval", "Llama3_70B", "JetsonOrinNX")
if r.returncode != 0 or field(r.stdout, "fits") != "false" or script_value(
        "roofline(Llama3_70B, JetsonOrinNX).reason ?? \"\"") not in r.stdout:
    fails.append(f"eval Llama3_70B JetsonOrinNX: exit {r.returncode}, {r.stdout!r}")
# JSON output is the script's JSON.
r = run("eval", "Llama3_8B", "H100", "--format", "json")
if r.returncode != 0 or not all(json.loads(line) for line in r.stdout.splitlines()):
    fails.append(f"eval --format json: exit {r.returncode}, {r.stdout[:200]!r}")

# 3. Mistakes: code, message, the fix; exit 64 — and nothing on stdout.
cases = [
    (["Llama3_8", "H100"], "E0110", "did you mean `Llama3_8B`?"),
    (["Llama3_8B", "H10"], "E0110", "did you mean `H100`?"),
    (["H100", "Llama3_8B"], "E0401", "`H100` is a hardware, not a model"),
    (["Llama3_8B", "Llama3_70B"], "E0401", "not a hardware device"),
    (["Llama3_8B", "H100", "bach=8"], "E0404", "did you mean `batch`?"),
    (["Llama3_8B", "H100", "batch="], "E0404", "has no value"),
    (["Llama3_8B"], "E0405", "`mls eval Llama3_8B H100`"),
    (["ChatbotServin"], "E0110", "did you mean `ChatbotServing`?"),
    (["Llama3_8B", "H100", "A100"], "E0403", "`mls eval` lists the scenarios"),
]
for args, code, text in cases:
    r = run("eval", *args)
    if r.returncode != 64 or f"error[{code}]" not in r.stderr or text not in r.stderr or "= help:" not in r.stderr or r.stdout:
        fails.append(f"eval {' '.join(args)}: exit {r.returncode}, want {code} and {text!r}: {r.stderr!r}")
r = run("eval", "Llama3_8", "H100", "--diagnostics", "json")
try:
    d = json.loads(r.stderr)[0]
    if r.returncode != 64 or d["code"] != "E0110" or "Llama3_8B" not in d["help"]:
        fails.append(f"eval --diagnostics json: {r.returncode} {d}")
except (ValueError, IndexError, KeyError) as e:
    fails.append(f"eval --diagnostics json: not a JSON diagnostic ({e}): {r.stderr!r}")
# A value the solver's range refuses is the script's own diagnostic.
r = run("eval", "Llama3_8B", "H100", "efficiency=2")
if r.returncode != 2 or "error[E0313]" not in r.stderr or "efficiency" not in r.stderr:
    fails.append(f"eval efficiency=2: exit {r.returncode}, {r.stderr[:300]!r}")

for f in fails:
    print("FAIL", f)
print(f"{'FAIL' if fails else 'ok'}: mls eval")
sys.exit(1 if fails else 0)
