#!/usr/bin/env python3
"""The dimension rules, exhaustively (issue 32 item 1): every operation that constrains dimensions, for
every ordered pair of distinct dimensions drawn from the base ones, the prelude's named derived ones, a
plain number and a dimensionless ratio, must be a compile error with the right code; and for every
dimension, the same operations on two different units of it must compile and give the right value
(computed here from the units' SI factors, not by MLS).

The cases are generated into a few scripts, each checked or run in ONE process:
  errors.mls      one failing statement (plus its setup) per case  -> `mls check --diagnostics json`
  values.mls      one print per positive case                      -> `mls --format json` (JIT and --no-jit)
  tolerances.mls  expectations that must fail on their tolerance   -> run-time E0502 per line
  solver_units.mls  each solver quantity parameter given in two units -> equal results

usage: check_dimension_rules.py MLS [--keep DIR]
"""
import json
import math
import os
import subprocess
import sys
import tempfile

# name, annotation (None: no name to write in `x: Dim`), (unit 1, its SI factor), (unit 2, its SI factor).
# The factors are written from the units' definitions (docs/units.md), independently of MLS.
DIMS = [
    ("Time", "Time", ("s", 1.0), ("ms", 1e-3)),
    ("Length", "Length", ("m", 1.0), ("km", 1e3)),
    ("Mass", "Mass", ("kg", 1.0), ("g", 1e-3)),
    ("Current", "Current", ("A", 1.0), ("mA", 1e-3)),
    ("Temperature", "Temperature", ("K", 1.0), ("mK", 1e-3)),
    ("Amount", "Amount", ("mol", 1.0), ("mmol", 1e-3)),
    ("Luminosity", "Luminosity", ("cd", 1.0), ("kcd", 1e3)),  # the prelude has no unit: SETUP declares `cd`
    ("Information", "Information", ("B", 1.0), ("GB", 1e9)),
    ("Compute", "Compute", ("FLOP", 1.0), ("TFLOP", 1e12)),
    ("Currency", "Currency", ("USD", 1.0), ("cent", 1e-2)),   # SETUP declares `cent`
    ("Token", "Token", ("token", 1.0), ("ktoken", 1e3)),
    ("Sample", "Sample", ("sample", 1.0), ("Msample", 1e6)),
    ("Parameter", "Parameter", ("param", 1.0), ("Gparam", 1e9)),
    ("Request", "Request", ("request", 1.0), ("krequest", 1e3)),
    ("Frequency", "Frequency", ("Hz", 1.0), ("kHz", 1e3)),
    ("Area", "Area", ("m^2", 1.0), ("km^2", 1e6)),
    ("Volume", "Volume", ("m^3", 1.0), ("L", 1e-3)),
    ("Velocity", "Velocity", ("m/s", 1.0), ("km/h", 1e3 / 3600)),
    ("Force", "Force", ("kg m/s^2", 1.0), ("g m/s^2", 1e-3)),
    ("Energy", "Energy", ("J", 1.0), ("kWh", 3.6e6)),
    ("Power", "Power", ("W", 1.0), ("kW", 1e3)),
    ("Bandwidth", "Bandwidth", ("GB/s", 1e9), ("Gbps", 1e9 / 8)),
    ("ComputeRate", "ComputeRate", ("TFLOP/s", 1e12), ("PFLOPS", 1e15)),
    ("Intensity", "Intensity", ("FLOP/B", 1.0), ("GFLOP/MB", 1e3)),
    ("CarbonIntensity", "CarbonIntensity", ("gCO2e/kWh", 1e-3 / 3.6e6), ("kg/J", 1.0)),
    ("WaterIntensity", "WaterIntensity", ("L/kWh", 1e-3 / 3.6e6), ("m^3/J", 1.0)),
    ("EnergyPrice", "EnergyPrice", ("USD/kWh", 1 / 3.6e6), ("USD/J", 1.0)),
    ("CostRate", "CostRate", ("USD/h", 1 / 3600), ("USD/s", 1.0)),
    ("TokenRate", "TokenRate", ("token/s", 1.0), ("ktoken/min", 1e3 / 60)),
    ("SampleRate", "SampleRate", ("sample/s", 1.0), ("sample/ms", 1e3)),
    ("RequestRate", "RequestRate", ("request/s", 1.0), ("request/h", 1 / 3600)),
    ("TokensPerSample", "TokensPerSample", ("token/sample", 1.0), ("ktoken/sample", 1e3)),
    ("TokensPerRequest", "TokensPerRequest", ("token/request", 1.0), ("Mtoken/krequest", 1e3)),
    ("TokensPerParameter", "TokensPerParameter", ("token/param", 1.0), ("Gtoken/Gparam", 1.0)),
    ("BytesPerParameter", "BytesPerParameter", ("B/param", 1.0), ("bit/param", 1 / 8)),
    ("FlopsPerToken", "FlopsPerToken", ("FLOP/token", 1.0), ("GFLOP/token", 1e9)),
    ("FlopsPerParameter", "FlopsPerParameter", ("FLOP/param", 1.0), ("kFLOP/param", 1e3)),
    ("FlopsPerSample", "FlopsPerSample", ("FLOP/sample", 1.0), ("TFLOP/sample", 1e12)),
    ("BytesPerToken", "BytesPerToken", ("B/token", 1.0), ("MB/token", 1e6)),
    ("BytesPerSample", "BytesPerSample", ("B/sample", 1.0), ("kB/sample", 1e3)),
    ("EnergyPerToken", "EnergyPerToken", ("J/token", 1.0), ("mJ/token", 1e-3)),
    ("EnergyPerFlop", "EnergyPerFlop", ("pJ/FLOP", 1e-12), ("J/FLOP", 1.0)),
    # Dimensions without a prelude name, which messages show in base form; one differs from a named one
    # only in the Token exponent (the survivor `2 GB/token - 1 GB` of issue 32).
    ("Information*Token", None, ("B token", 1.0), ("kB token", 1e3)),
    ("Time^2", None, ("s^2", 1.0), ("ms^2", 1e-6)),
    ("Dimensionless", None, ("%", 1e-2), ("m/km", 1e-3)),   # a ratio: not a bare number
    ("Number", None, ("", 1.0), ("", 1.0)),                   # a bare number
]
SETUP = "unit cd: Luminosity\n@metric_prefixes unit kcd = 1000 cd\nunit cent = 0.01 USD\n"
BARE, RATIO = "Number", "Dimensionless"

# Cases of a rule MLS does not enforce yet. Each entry: operation -> the issue item that fixes it.
# A case listed here must still compile (the gap); once it is an error with the code below, this test
# fails and asks for the entry to be removed (after the fixing branch is merged).
KNOWN_GAPS = {}  # rule families that do not yet fail to compile: {kind: why}; empty since issue 19 items 2-3


def lit(dim, k, which=1):
    """A literal of `k` in the dimension's first or second unit, parenthesised so it is one operand."""
    unit = dim[2][0] if which == 1 else dim[3][0]
    return f"{k}" if dim[0] == BARE else f"({k} {unit})"


def si(dim, k, which=1):
    return k * (dim[2][1] if which == 1 else dim[3][1])


def dimless(d):
    return d[0] in (BARE, RATIO)


# ---- errors: (op, template(a, b, n) -> list of lines, code(A, B)) -------------------------------------
def add_code(A, B, default):
    """A bare number beside a quantity is E0309 (with "did you mean 2 ms?") for + - and comparisons."""
    return "E0309" if BARE in (A[0], B[0]) else default  # the other side is then never dimensionless


# Rule families: every unordered pair of dimensions meets every family once, in one of the family's
# operations (rotating with the pair, so each operation meets about 1/k of the pairs) and in alternating
# order (so each operation sees both sides of both dimensions); `+`/`-`/min/max see both orders.
# Each family: (name, [(operation, template(A, B, a, b, n) -> lines)], code(A, B), applies(A, B)).
ALWAYS = lambda A, B: True
FAMILIES = [
    ("arithmetic", [("add", lambda A, B, a, b, n: [f"print {a} + {b}"]),
                    ("subtract", lambda A, B, a, b, n: [f"print {a} - {b}"])],
     lambda A, B: add_code(A, B, "E0301"), ALWAYS),
    ("comparison", [(name, (lambda op: lambda A, B, a, b, n: [f"print {a} {op} {b}"])(op))
                    for name, op in (("less", "<"), ("less_equal", "<="), ("greater", ">"), ("greater_equal", ">="),
                                     ("equal", "=="), ("not_equal", "!="))],
     lambda A, B: add_code(A, B, "E0302"), ALWAYS),
    ("min_max", [("min_2nd", lambda A, B, a, b, n: [f"print min({a}, {b})"]),
                 ("max_2nd", lambda A, B, a, b, n: [f"print max({a}, {b})"]),
                 ("min_3rd", lambda A, B, a, b, n: [f"print min({a}, {a}, {b})"]),
                 ("max_3rd", lambda A, B, a, b, n: [f"print max({a}, {a}, {b})"])],
     lambda A, B: "E0301", ALWAYS),
    ("ceil_div", [("ceil_div", lambda A, B, a, b, n: [f"print ceil_div({a}, {b})"])], lambda A, B: "E0301", ALWAYS),
    ("if_branches", [("if_branches", lambda A, B, a, b, n: [f"print if {n} > 0 then {a} else {b}"])],
     lambda A, B: "E0307", ALWAYS),
    ("list_elements", [("list_2nd", lambda A, B, a, b, n: [f"print [{a}, {b}]"]),
                       ("list_3rd", lambda A, B, a, b, n: [f"print [{a}, {a}, {b}]"])],
     lambda A, B: "E0308", ALWAYS),
    ("record_field_across_list", [("record_field_across_list", lambda A, B, a, b, n: [f"print [{{f = {a}}}, {{f = {b}}}]"])],
     lambda A, B: "E0308", ALWAYS),
    ("table_column", [("table_column", lambda A, B, a, b, n: [f"for i{n} in [1, 2] {{", f"  row k = i{n}, c = {a}",
                                                             f"  row k = i{n}, c = {b}", "}"])],
     lambda A, B: "E0316", ALWAYS),  # the code of helper h3's branch
    ("expect_sides", [("expect_sides", lambda A, B, a, b, n: [f"expect {a} ~= {b} within 1 %"])],
     lambda A, B: "E0302", ALWAYS),
    ("expect_tolerance", [("expect_tolerance", lambda A, B, a, b, n: [f"expect {a} ~= {a} within {b}"])],
     lambda A, B: "E0304", lambda A, B: not dimless(B)),  # a plain tolerance is relative: legal
    ("range_ends", [("range_ends", lambda A, B, a, b, n: [f"print {a} .. {b} step {a}"])], lambda A, B: "E0308", ALWAYS),
    ("range_step", [("range_step", lambda A, B, a, b, n: [f"print {a} .. {a} step {b}"])], lambda A, B: "E0304",
     lambda A, B: not (dimless(A) and dimless(B))),
    ("convert_target", [("convert_target", lambda A, B, a, b, n: [f"print {b} -> {A[2][0]}"])], lambda A, B: "E0303",
     lambda A, B: A[0] != BARE),
    ("fn_argument", [("fn_argument", lambda A, B, a, b, n: [f"fn f{n}(x: {A[1]}) = x", f"print f{n}({b})"]),
                     ("fn_named_argument", lambda A, B, a, b, n: [f"fn f{n}(x: {A[1]}, y) = y", f"print f{n}(y = 1, x = {b})"])],
     lambda A, B: "E0401", lambda A, B: A[1] is not None),
    ("fn_result", [("fn_result", lambda A, B, a, b, n: [f"fn f{n}(x) -> {A[1]} = x", f"print f{n}({b})"])],
     lambda A, B: "E0312", lambda A, B: A[1] is not None),
    ("annotation", [("annotation", lambda A, B, a, b, n: [f"v{n}: {A[1]} = {b}"])], lambda A, B: "E0304",
     lambda A, B: A[1] is not None),
]
BOTH_ORDERS = {"arithmetic", "min_max"}
# The two survivors of issue 32's mutation run, stated as written there.
SURVIVORS = [("subtract", "BytesPerToken", "Information", ["print 2 GB/token - 1 GB"], "E0301"),
             ("max_2nd", "Time", "Length", ["print max(1 s, 1 m)"], "E0301")]


def error_cases(solvers):
    cases = list(SURVIVORS)  # (operation, A name, B name, lines, code)
    n = 0
    for i, X in enumerate(DIMS):
        for j, Y in enumerate(DIMS):
            if j <= i or (dimless(X) and dimless(Y)):
                continue
            for fk, (family, ops, code, applies) in enumerate(FAMILIES):
                orders = [(X, Y), (Y, X)] if family in BOTH_ORDERS else [(X, Y) if (i + j + fk) % 2 == 0 else (Y, X)]
                for A, B in orders:
                    if not applies(A, B):
                        continue
                    op, tpl = ops[(i * len(DIMS) + j + fk) % len(ops)]
                    n += 1
                    cases.append((op, A[0], B[0], tpl(A, B, lit(A, 2), lit(B, 3), n), code(A, B)))
    # Solver arguments: for each parameter dimension (or plain number), every other dimension, given to one of
    # the parameters of that dimension in turn; every parameter meets at least one wrong dimension.
    by_name = {d[0]: d for d in DIMS}
    instances = {}
    for s in solvers:
        for p in s["params"]:
            want = p["type"].split(" [")[0]
            if want in by_name or want in ("number", "whole number"):
                instances.setdefault(want, []).append((s, p))
    for want, params in instances.items():
        wrong = [B for B in DIMS if B[0] != want and not dimless(B)]
        for k in range(max(len(wrong), len(params))):
            s, p = params[k % len(params)]
            B = wrong[k % len(wrong)]
            if (want, B[0]) in IMPLIED_PER:
                continue
            n += 1
            args = required_args(s, skip=p["name"]) + [f"{p['name']} = {lit(B, 3)}"]
            cases.append((f"solver_argument:{s['name']}.{p['name']}", want, B[0],
                          [f"print {s['name']}({', '.join(args)})"], "E0401"))
    return cases


# A solver's "per request"/"per sample" may be left out (`seq_len = 512 token`): legal for these pairs.
IMPLIED_PER = {("TokensPerSample", "Token"), ("TokensPerRequest", "Token"), ("BytesPerSample", "Information"),
               ("FlopsPerSample", "Compute")}


# A valid value for each required parameter that is not a quantity (zoo entries, lists).
ZOO_ARG = {"workload": "Llama3_8B", "hardware": "H100", "fleet": "Research_256", "fabric": "InfiniBand_NDR",
           "scenario": "ChatbotServing", "list of grid": "[Quebec, Iowa]", "list of number": "[0.99, 0.9]"}
QUANTITY_ARG = {"Time": "1 h", "Information": "1 GB", "Bandwidth": "100 GB/s", "ComputeRate": "100 TFLOP/s",
                "Compute": "1 TFLOP", "RequestRate": "10 request/s", "Request": "100 request", "Token": "512 token",
                "Sample": "8 sample", "TokensPerRequest": "512 token/request", "TokensPerSample": "512 token/sample",
                "Frequency": "1 Hz", "Mass": "1 kg", "EnergyPrice": "0.1 USD/kWh", "SampleRate": "10 sample/s",
                "Currency / Mass": "0.1 USD/kg", "number": "1", "whole number": "1"}


# Values that keep a solver inside its valid inputs, where the generic ones above would not.
PARAM_VALUE = {"serve.cached_prefix_len": "128 token/request", "distributed.batch_size": "512 sample",
               "checkpoint.storage_bw": "2 GB/s", "moe_routing.model": "Mixtral_8x7B",
               "control_loop.policy": "ACT_ALOHA", "control_loop.platform": "ALOHA"}
NEEDED = {"checkpoint": ["storage_bw"],  # optional parameters without which the solver refuses to run
          "continuous_batching": ["mean_request_tokens", "max_seq_len"]}  # a length distribution: both or neither


def is_required(p):
    """`mls solvers --format json` marks a parameter without a default `"required": true` (older: default "required")."""
    return p.get("required") is True or p["default"] == "required"


def required_args(s, skip):
    args = []
    for p in s["params"]:
        if (not is_required(p) and p["name"] not in NEEDED.get(s["name"], [])) or p["name"] == skip:
            continue
        t = p["type"].split(" [")[0]
        v = PARAM_VALUE.get(f"{s['name']}.{p['name']}") or ZOO_ARG.get(t) or QUANTITY_ARG.get(t)
        if v is None:
            raise SystemExit(f"no test value for the required parameter {s['name']}.{p['name']}: {p['type']}")
        args.append(f"{p['name']} = {v}")
    return args


# ---- values: (op, dimension, line, expected JSON print) ----------------------------------------------
def value_cases():
    cases = []
    n = 0
    for D in DIMS:
        if D[0] == BARE:
            continue
        n += 1
        a, b = lit(D, 3, 1), lit(D, 7, 2)
        sa, sb = si(D, 3, 1), si(D, 7, 2)
        u1, u2 = D[2][0], D[3][0]
        q = lambda x: {"si": float(x)}
        cases += [
            ("add", D[0], [f"print {a} + {b} -> {u1}"], [q(sa + sb)]),
            ("subtract", D[0], [f"print {a} - {b} -> {u2}"], [q(sa - sb)]),
            ("compare", D[0], [f"print {a} < {b}, {a} <= {b}, {a} > {b}, {a} >= {b}, {a} == {b}, {a} != {b}, "
                               f"{a} == ({a} -> {u2})"],
             [sa < sb, sa <= sb, sa > sb, sa >= sb, sa == sb, sa != sb, True]),
            ("min_max", D[0], [f"print min({a}, {b}), max({a}, {b}), min({b}, {a}, {a}), max({a}, {a}, {b})"],
             [q(min(sa, sb)), q(max(sa, sb)), q(min(sa, sb)), q(max(sa, sb))]),
            ("ceil_div", D[0], [f"print ceil_div({a}, {b}), ceil_div({b}, {a})"],
             [q(math.ceil(sa / sb)), q(math.ceil(sb / sa))]),
            ("if_branches", D[0], [f"print if {a} > {b} then {a} else {b}"], [q(max(sa, sb))]),
            ("list_elements", D[0], [f"print [{a}, {b}, {a} + {b}]"], [[q(sa), q(sb), q(sa + sb)]]),
            ("record_field_across_list", D[0], [f"print [{{f = {a}}}, {{f = {b}}}]"], [[{"f": q(sa)}, {"f": q(sb)}]]),
            ("range", D[0], [f"print {a} .. {a} + 5 * {b} step 2 * {b}"], [[q(sa), q(sa + 2 * sb), q(sa + 4 * sb)]]),
            ("convert_target", D[0], [f"print {b} -> {u1}, {a} -> {u2}"], [q(sb), q(sa)]),
            ("expect", D[0], [f"expect {a} ~= {repr(sa / D[3][1])} {u2} within 1e-9"] +
             ([] if dimless(D) else [f"expect {a} ~= {a} + {b} within 2 * {b}"]), None),  # a plain tolerance is relative
            ("table_column", D[0], [f"for i{n} in [1] {{", f"  row k = i{n}, c = {a}", f"  row k = i{n}, c = {b}", "}"],
             ("rows", [q(sa), q(sb)])),
        ]
        if D[1]:
            cases += [
                ("fn_argument", D[0], [f"fn f{n}(x: {D[1]}, y: {D[1]}) -> {D[1]} = x + y", f"print f{n}({a}, {b}) -> {u2}"],
                 [q(sa + sb)]),
                ("annotation", D[0], [f"v{n}: {D[1]} = {b}", f"print v{n} -> {u1}"], [q(sb)]),
            ]
    return cases


def failing_tolerance_cases():
    """`expect a ~= a + b within tol` with tol < b in another unit: must fail at run time (E0502)."""
    return [(D[0], f"expect {lit(D, 3)} ~= {lit(D, 3)} + {lit(D, 7, 2)} within {lit(D, 6, 2)}")
            for D in DIMS if not dimless(D)]


def run(mls, args, path, env):
    return subprocess.run([mls, *args, path], capture_output=True, text=True, env=env, timeout=300)


def main():
    mls = os.path.abspath(sys.argv[1])
    tmp = sys.argv[sys.argv.index("--keep") + 1] if "--keep" in sys.argv else tempfile.mkdtemp()
    os.makedirs(tmp, exist_ok=True)
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    fails = []
    solvers = json.loads(subprocess.run([mls, "solvers", "--format", "json"], capture_output=True, text=True,
                                        check=True).stdout)

    # 1. errors: one process, one diagnostic per failing statement
    cases = error_cases(solvers)
    lines = SETUP.splitlines()
    spans = []
    for case in cases:
        first = len(lines) + 1
        lines += case[3]
        spans.append((first, len(lines)))
    path = os.path.join(tmp, "errors.mls")
    open(path, "w").write("\n".join(lines) + "\n")
    p = run(mls, ["check", "--diagnostics", "json", "--color", "never"], path, env)
    try:
        diags = [d for d in json.loads(p.stderr) if d["severity"] == "error"]
    except (json.JSONDecodeError, TypeError):
        print(f"FAIL: `mls check {path}` printed no JSON diagnostics (exit {p.returncode}):\n{p.stderr[:2000]}")
        sys.exit(1)
    at = {}
    for d in diags:
        at.setdefault(d["line"], []).append(d["code"])
    gaps_open, wrong = {}, []
    for (op, A, B, body, code), (lo, hi) in zip(cases, spans):
        got = [c for line in range(lo, hi + 1) for c in at.pop(line, [])]
        kind = op.split(":")[0]
        if kind in KNOWN_GAPS:
            if not got:
                gaps_open[kind] = gaps_open.get(kind, 0) + 1
                continue
            why = (f"now an error ({', '.join(got)}): remove `{kind}` from KNOWN_GAPS" if got == [code] else
                   f"now gives {got}, not [{code}]: remove `{kind}` from KNOWN_GAPS and settle the code")
            wrong.append(f"{op} {A} vs {B}: {why}")
        elif got != [code]:
            wrong.append(f"{op} {A} vs {B}: want [{code}], got {got or 'no error'} at lines {lo}-{hi}: {' / '.join(body)}")
    for line, codes in sorted(at.items()):
        wrong.append(f"unexpected {codes} at line {line} (setup): {lines[line - 1]}")
    fails += wrong
    n_errors = len(cases)

    # 2. values: one process per evaluator, one JSON print per line
    vcases = value_cases()
    lines, expect_out = SETUP.splitlines(), []
    for op, D, body, want in vcases:
        lines += body
        if want is None:
            continue
        if isinstance(want, tuple):  # rows of a table
            expect_out += [(op, D, {"row": {"k": ANY, "c": w}, "table": ANY}) for w in want[1]]
        else:
            expect_out.append((op, D, {"print": want}))
    path = os.path.join(tmp, "values.mls")
    open(path, "w").write("\n".join(lines) + "\n")
    outputs = {}
    for label, extra in (("JIT", []), ("reference evaluator", ["--no-jit"])):
        p = run(mls, ["--format", "json", "--diagnostics", "json", "--color", "never", *extra], path, env)
        outputs[label] = p.stdout
        got = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
        if p.returncode != 0:
            fails.append(f"values.mls exits {p.returncode} on the {label}: {p.stderr[:1500]}")
        if len(got) != len(expect_out):
            fails.append(f"values.mls on the {label}: {len(got)} output lines, want {len(expect_out)}")
        for (op, D, want), g in zip(expect_out, got):
            problem = mismatch(want, g)
            if problem:
                fails.append(f"value {op} {D} on the {label}: {problem}: {json.dumps(g)[:300]}")
    if outputs["JIT"] != outputs["reference evaluator"]:
        fails.append("values.mls: the JIT and the reference evaluator print different JSON")

    # 3. tolerances converted across units: each must fail at run time, on its own line
    tcases = failing_tolerance_cases()
    path = os.path.join(tmp, "tolerances.mls")
    lines = SETUP.splitlines() + [t for _, t in tcases]
    open(path, "w").write("\n".join(lines) + "\n")
    p = run(mls, ["--diagnostics", "json", "--color", "never"], path, env)
    try:
        failed = {d["line"] for d in json.loads(p.stderr) if d["code"] == "E0502"}
    except (json.JSONDecodeError, TypeError):
        failed = set()
    for k, (D, text) in enumerate(tcases):
        if len(SETUP.splitlines()) + k + 1 not in failed:
            fails.append(f"tolerance {D}: `{text}` did not fail (the tolerance is 6 of the second unit, the gap 7)")
    if p.returncode != 1:
        fails.append(f"tolerances.mls exits {p.returncode}, want 1")

    # 4. solver parameters in two units of one quantity give one result
    n_solver = solver_units(mls, solvers, tmp, env, fails)

    for f in fails[:200]:
        print("FAIL", f)
    if len(fails) > 200:
        print(f"... and {len(fails) - 200} more")
    print(f"{'FAIL' if fails else 'ok'} dimension rules: {n_errors} error cases, {len(vcases)} value cases, "
          f"{len(tcases)} tolerance cases, {n_solver} solver-unit cases; known gaps still open: "
          + (", ".join(f"{k} ({v} cases)" for k, v in sorted(gaps_open.items())) or "none"))
    sys.exit(1 if fails else 0)


ANY = object()  # matches whatever was printed


def mismatch(want, got, rel=1e-12):
    """None when `got` (JSON output) matches `want`, JSON-shaped: a quantity is compared by its SI value
    within `rel`, numbers likewise, everything else exactly; ANY matches anything."""
    if want is ANY:
        return None
    if isinstance(want, dict) and "si" in want:
        if not isinstance(got, dict) or "si" not in got:
            return f"want a quantity of SI value {want['si']!r}, got {got!r}"
        return mismatch(want["si"], got["si"], rel)
    if isinstance(want, float) and not isinstance(got, bool) and isinstance(got, (int, float)):
        return None if math.isclose(got, want, rel_tol=rel, abs_tol=1e-300) else f"{got!r}, want {want!r}"
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"want {len(want)} items, got {got!r}"
        return next((m for m in (mismatch(w, g, rel) for w, g in zip(want, got)) if m), None)
    if isinstance(want, dict):
        if not isinstance(got, dict) or set(got) != set(want):
            return f"want fields {sorted(want)}, got {got!r}"
        return next((f"{k}: {m}" for k in want for m in [mismatch(want[k], got[k], rel)] if m), None)
    return None if got == want and type(got) is type(want) else f"{got!r}, want {want!r}"


def solver_units(mls, solvers, tmp, env, fails):
    """Every quantity parameter of every solver, given once in its first unit and once in its second, in a
    loop (one script, one process): the two calls print equal results."""
    by_name = {d[0]: d for d in DIMS}
    lines = SETUP.splitlines()
    pairs = []
    for s in solvers:
        for p in s["params"]:
            want = p["type"].split(" [")[0]
            if want not in by_name or dimless(by_name[want]):
                continue
            D = by_name[want]
            default = p["default"]
            if isinstance(default, dict):  # a quantity default is a value object of the output schema
                default = f"{default['value']} {default['unit']}".strip()
            base = PARAM_VALUE.get(f"{s['name']}.{p['name']}") or (
                QUANTITY_ARG.get(want) if is_required(p) or default is None else default)
            if base is None or base.startswith("0 ") or base in ("inf", "required", "—"):
                base = QUANTITY_ARG.get(want)
            if base is None:
                continue
            # the same quantity, written in the dimension's second unit
            x = f"(({base}) -> {D[3][0]})"
            args = required_args(s, skip=p["name"])
            lines.append(f"print {s['name']}({', '.join(args + [p['name'] + ' = ' + base])})")
            lines.append(f"print {s['name']}({', '.join(args + [p['name'] + ' = ' + x])})")
            pairs.append(f"{s['name']}.{p['name']}")
    path = os.path.join(tmp, "solver_units.mls")
    open(path, "w").write("\n".join(lines) + "\n")
    p = run(mls, ["--format", "json", "--color", "never"], path, env)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if p.returncode != 0 or len(out) != 2 * len(pairs):
        fails.append(f"solver_units.mls: exit {p.returncode}, {len(out)} outputs for {len(pairs)} pairs: {p.stderr[:1500]}")
        return len(pairs)
    for k, name in enumerate(pairs):
        m = mismatch(out[2 * k], out[2 * k + 1], rel=1e-9)
        if m:
            fails.append(f"solver {name} in two units of one quantity: {m}")
    return len(pairs)


if __name__ == "__main__":
    main()
