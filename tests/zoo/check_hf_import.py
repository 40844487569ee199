#!/usr/bin/env python3
"""`mls zoo import hf`: every fixture config (tests/zoo/hf/, written from the published config.json files)
imports to an entry whose derived parameter count is within 1 % of the model card's total (active
parameters of a MoE within 2 %: cards round them), the entry passes `mls audit FILE`, and broken
configs fail with a coded diagnostic, a help line and the documented exit code."""
import os
import re
import subprocess
import sys
import tempfile

mls = sys.argv[1]
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hf")
env = dict(os.environ, SOURCE_DATE_EPOCH="1764979200")  # 2025-12-06: a reproducible verified date

# fixture -> (published total, published active or None, kind), from the model cards
PUBLISHED = {
    "llama-3.1-8b.json": (8.03e9, None, "transformer"),
    "mistral-7b-v0.3.json": (7.25e9, None, "transformer"),
    "qwen2.5-7b.json": (7.61e9, None, "transformer"),
    "gemma-2-9b.json": (9.24e9, None, "transformer"),
    "phi-3-mini-4k.json": (3.82e9, None, "transformer"),
    "mixtral-8x7b.json": (46.7e9, 12.9e9, "moe"),
    "qwen3-30b-a3b.json": (30.5e9, 3.3e9, "moe"),
    "deepseek-v3.json": (671e9, 37e9, "moe"),
}
failures = []


def run(*args):
    return subprocess.run([mls, *args], capture_output=True, text=True, env=env, timeout=120)


for fixture, (total, active, kind) in PUBLISHED.items():
    r = run("zoo", "import", "hf", os.path.join(here, fixture))
    if r.returncode != 0:
        failures.append(f"{fixture}: exit {r.returncode}: {r.stderr.strip()}")
        continue
    out = r.stdout
    if not re.search(rf"^{kind} \w+ {{", out, re.M):
        failures.append(f"{fixture}: expected a `{kind}` entry:\n{out}")
    if 'verified = "2025-12-06"' not in out or "imported from Hugging Face config.json" not in out:
        failures.append(f"{fixture}: provenance missing or not from SOURCE_DATE_EPOCH:\n{out}")
    p = float(re.search(r"^  parameters\s+= (\S+) param", out, re.M).group(1))
    if abs(p - total) / total > 0.01:
        failures.append(f"{fixture}: {p:.4g} parameters, published {total:.4g} (> 1 %)")
    if active is not None:
        a = float(re.search(r"^  active_parameters\s+= (\S+) param", out, re.M).group(1))
        if abs(a - active) / active > 0.02:
            failures.append(f"{fixture}: {a:.4g} active parameters, published {active:.4g} (> 2 %)")
    with tempfile.NamedTemporaryFile("w", suffix=".mls", delete=False) as f:
        f.write(out)
    a = run("audit", f.name)
    os.unlink(f.name)
    if a.returncode != 0 or "0 findings" not in a.stdout:
        failures.append(f"{fixture}: the imported entry does not pass `mls audit`: {a.stdout}{a.stderr}")

# --name sets the entry's name; a name the zoo already has is refused (E0704).
r = run("zoo", "import", "hf", os.path.join(here, "llama-3.1-8b.json"), "--name", "My Llama")
if r.returncode != 0 or not re.search(r"^transformer My_Llama {", r.stdout, re.M) or not re.search(r'^  name\s+= "My Llama"$', r.stdout, re.M):
    failures.append(f"--name: {r.returncode} {r.stdout} {r.stderr}")
BAD = {
    ("bad-missing-ffn.json",): (2, "E0702", "intermediate_size"),
    ("bad-unknown-arch.json",): (2, "E0703", "rwkv"),
    ("bad-truncated.json",): (2, "E0701", "not valid JSON"),
    ("no-such-file.json",): (64, "E0701", "cannot read"),
    ("llama-3.1-8b.json", "--name", "H100"): (2, "E0704", "does not check"),
}
for (fixture, *rest), (code, diag, words) in BAD.items():
    r = run("zoo", "import", "hf", os.path.join(here, fixture), *rest)
    if r.returncode != code or f"error[{diag}]" not in r.stderr or words not in r.stderr or "help:" not in r.stderr or r.stdout:
        failures.append(f"{fixture} {rest}: expected exit {code} with {diag} and a help line, got {r.returncode}:\n{r.stderr}")

for f in failures:
    print("FAIL", f)
print(f"hf import: {len(PUBLISHED)} configs, {len(BAD)} broken inputs, {len(failures)} failures")
sys.exit(1 if failures else 0)
