#!/usr/bin/env python3
"""`mls solve`'s JSON arguments mean what the same arguments mean in a script (issue 31).

For every reference case (spec-cases.json) whose arguments a script can write — zoo names, strings,
truth values, numbers with their unit ({"value", "unit"} objects and numbers in the parameter's SI
unit) — the case runs twice: `mls solve ID --args JSON`, and the script `print NAME(k = v, ...)`
with every argument written as MLS (`{"value": 512, "unit": "token"}` → `512 token`). The two results
must agree field by field (the `si` of every number). Cases a script cannot write the same way are
counted and named by reason (inline records, +infinity, ad-hoc models). Then bad input: a quantity
string that does not read gives the same diagnostic code in both.

usage: check_solve_parity.py MLS CASES.json"""
import json, math, re, subprocess, sys

mls, path = sys.argv[1], sys.argv[2]
data = json.load(open(path))
adhoc = {**data["meta"].get("adhoc_models", {}), **data["meta"].get("adhoc_fleets", {})}
solvers = {s["id"]: s for s in json.loads(subprocess.run([mls, "solvers", "--format", "json"], capture_output=True,
                                                         text=True, check=True).stdout)}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Unwritable(Exception):
    pass


def unit_of(ptype):  # "Bandwidth [B/s]" → "B/s"
    m = re.search(r"\[([^\]]+)\]", ptype)
    return m.group(1) if m else ""


def mls_number(x):
    return repr(float(x)) if isinstance(x, float) else str(x)


def mls_value(v, ptype):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        u = unit_of(ptype)
        return f"{mls_number(v)} {u}" if u else mls_number(v)
    if isinstance(v, dict) and set(v) == {"value", "unit"}:
        if v["value"] in ("inf", "Infinity"):
            raise Unwritable("+infinity")
        u = v["unit"]
        if u in ("", "1"):
            return mls_number(v["value"])
        if u.startswith("1/"):
            return f"{mls_number(v['value'])} / (1 {u[2:]})"
        return f"{mls_number(v['value'])} {u}"
    if isinstance(v, str):
        if v in ("inf", "Infinity"):
            raise Unwritable("+infinity")
        if v in adhoc:
            raise Unwritable("ad-hoc model or fleet (an inline record)")
        record_param = not ptype.startswith("one of") and ptype not in ("string", "text")
        if record_param and IDENT.match(v) and "[" not in ptype:
            return v
        return json.dumps(v)
    raise Unwritable("inline record or list")


def script_for(case):
    s = solvers[case["solver"]]
    params = {p["name"]: p for p in s["params"]}
    for p in s["params"]:
        for a in p["aliases"]:
            params[a] = p
    args = []
    for k, v in case["inputs"].items():
        p = params.get(k)
        if p is None:
            raise Unwritable("an argument the solver does not have")
        args.append(f"{p['name']} = {mls_value(v, p['type'])}")
    return f"print {s['name']}({', '.join(args)})\n"


def resolve(v):
    if isinstance(v, str) and v in adhoc:
        return adhoc[v]
    if isinstance(v, dict) and not (set(v) == {"value", "unit"}):
        return {k: resolve(x) for k, x in v.items()}
    if isinstance(v, list):
        return [resolve(x) for x in v]
    return v


def numbers(j, prefix=""):  # flat {path: si} of every number in a JSON value
    out = {}
    if isinstance(j, dict) and "si" in j:
        out[prefix] = j["si"]
    elif isinstance(j, dict):
        for k, x in j.items():
            out.update(numbers(x, f"{prefix}.{k}" if prefix else k))
    elif isinstance(j, list):
        for i, x in enumerate(j):
            out.update(numbers(x, f"{prefix}[{i}]"))
    elif not isinstance(j, str) or prefix:
        out[prefix] = j
    return out


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    return a == b


fails, agreed, skipped, lenient = [], 0, {}, []
for c in data["cases"]:
    if "expected_error" in c:
        skipped["an expected error (checked by the spec suite)"] = skipped.get("an expected error (checked by the spec suite)", 0) + 1
        continue
    try:
        script = script_for(c)
    except Unwritable as e:
        skipped[str(e)] = skipped.get(str(e), 0) + 1
        continue
    j = subprocess.run([mls, "solve", c["solver"], "--args", json.dumps(resolve(c["inputs"]))], capture_output=True, text=True)
    s = subprocess.run([mls, "--no-jit", "--format", "json", "-e", script], capture_output=True, text=True)
    if j.returncode == 0 and s.returncode == 2 and re.search(r"must be an? (Request|Sample|Token)", s.stderr):
        # The machine interface reads counts leniently (MODELS §0.1 writes samples or tokens for a
        # request count); a script does not. Counted, so the difference stays visible.
        lenient.append(c["id"])
        continue
    if j.returncode != s.returncode:
        fails.append(f"{c['id']}: exit {j.returncode} from JSON, {s.returncode} from the script\n    {script.strip()}\n    "
                     f"{(j.stderr + s.stderr).strip()[:400]}")
        continue
    if j.returncode != 0:
        agreed += 1
        continue
    from_json = numbers(json.loads(j.stdout))
    from_script = numbers(json.loads(s.stdout.splitlines()[0])["print"][0])
    if "" in from_script:  # a scalar result: `mls solve` gives it as {"result": ...}
        from_script = {"result": from_script[""]}
    bad = [k for k in from_json if k in from_script and not same(from_json[k], from_script[k])]
    missing = [k for k in from_script if k not in from_json]
    if bad or missing:
        fails.append(f"{c['id']}: {[(k, from_json[k], from_script[k]) for k in bad[:3]]} missing {missing[:3]}\n    {script.strip()}")
    else:
        agreed += 1

# Bad input: the JSON path reads a quantity string with the language, so it refuses it with the
# code a script gives the same text.
ARGS = {"ops": "1 TFLOP", "bytes": "1 GB", "peak": "1 TFLOP/s", "bandwidth": "1 TB/s"}
for text in ["1 TBps", "nan FLOP", "1e400 FLOP", "3 KB", "1 TFLOPs", "989 .FLOP/s", "1 FLOP +"]:
    j = subprocess.run([mls, "solve", "roofline_equation", "--args", json.dumps(dict(ARGS, ops=text)), "--diagnostics", "json"],
                       capture_output=True, text=True)
    s = subprocess.run([mls, "--diagnostics", "json", "-e", text], capture_output=True, text=True)
    cj = [d["code"] for d in json.loads(j.stderr or "[]")]
    cs = [d["code"] for d in json.loads(s.stderr or "[]")]
    if j.returncode != 2 or not cj or not cs or cj[0] != cs[0]:
        fails.append(f"bad input {text!r}: `mls solve` exit {j.returncode} codes {cj}, the script {cs}")
    else:
        agreed += 1

# A quantity string is MLS: samples where MODELS §8 declares requests are refused as in a script (E0401);
# the reference cases' {"value", "unit"} objects may name the batch by its item word.
WS = {"model": "Llama3_70B", "hardware": "Cerebras_CS3", "seq_len": "2048 token"}
j = subprocess.run([mls, "solve", "weight_streaming", "--args", json.dumps(dict(WS, batch_size="64 sample")), "--diagnostics", "json"],
                   capture_output=True, text=True)
s = subprocess.run([mls, "--diagnostics", "json", "-e",
                    "print weight_streaming(Llama3_70B, Cerebras_CS3, seq_len = 2048 token, batch_size = 64 sample)"],
                   capture_output=True, text=True)
cj = [d["code"] for d in json.loads(j.stderr or "[]")]
cs = [d["code"] for d in json.loads(s.stderr or "[]")]
if j.returncode != 2 or s.returncode != 2 or cj[:1] != ["E0401"] or cs[:1] != ["E0401"]:
    fails.append(f"'64 sample' for a batch of requests: `mls solve` exit {j.returncode} {cj}, the script exit {s.returncode} {cs}")
else:
    agreed += 1
o = subprocess.run([mls, "solve", "weight_streaming", "--args", json.dumps(dict(WS, batch_size={"value": 64, "unit": "sample"}))],
                   capture_output=True, text=True)
r = subprocess.run([mls, "solve", "weight_streaming", "--args", json.dumps(dict(WS, batch_size="64 request"))], capture_output=True, text=True)
if o.returncode != 0 or r.returncode != 0 or json.loads(o.stdout) != json.loads(r.stdout):
    fails.append(f"the case notation {{64, sample}} is not read as 64 requests: exit {o.returncode}/{r.returncode}")
else:
    agreed += 1

for f in fails:
    print("FAIL", f)
print(f"solve parity: {agreed} agree, {len(fails)} differ, {len(lenient)} read leniently as counts by `mls solve` only "
      f"({', '.join(lenient)}); not writable the same way in a script: "
      + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())))
sys.exit(1 if fails or agreed < 100 else 0)
