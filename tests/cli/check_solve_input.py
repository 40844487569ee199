#!/usr/bin/env python3
"""`mls solve` refuses what the script path refuses, with a diagnostic and never an abort (issue 30).

Before: `--args '1e400'` aborted (uncaught nlohmann out_of_range, exit 134); "nan FLOP" was read as NaN
and printed "si": null; an empty record or an unknown "kind" was silently replaced by the family's
first kind and returned zeros with exit 0; a zero peak gave an infinite time with exit 0.
Malformed JSON is a usage error (exit 64); arguments the script path would refuse at compile time
exit 2 with the checker's code for the same mistake (E0404, E0407, E0408, E0411; a quantity string or
unit is read by the language itself, so it is refused with the code a script gives the same text:
E0110 for `nan`, E0314 for 1e400, E0305 for a power out of range, E0110 with the nearest names for
an unknown zoo entry); a solver's range check (E0505) and a non-finite result (E0504) are run-time
errors, exit 3 (docs/output.md).

usage: check_solve_input.py MLS"""
import json, subprocess, sys

mls = sys.argv[1]
fails = 0
ROOFLINE_EQ = {"ops": "1 TFLOP", "bytes": "1 GB", "peak": "1 TFLOP/s", "bandwidth": "1 TB/s"}


def case(name, solver, args, want_exit, want_code=None, want_text=None):
    global fails
    text = args if isinstance(args, str) else json.dumps(args)
    p = subprocess.run([mls, "solve", solver, "--args", text, "--diagnostics", "json"], capture_output=True, text=True,
                       timeout=60)
    why = []
    if p.returncode != want_exit:
        why.append(f"exit {p.returncode}, want {want_exit}")
    if want_code:
        try:
            diags = json.loads(p.stderr)
        except json.JSONDecodeError:
            diags = []
            why.append("stderr is not a JSON diagnostic array")
        if not any(d.get("code") == want_code for d in diags):
            why.append(f"no {want_code} in {[d.get('code') for d in diags]}")
        if want_text and not any(want_text in d.get("message", "") for d in diags):
            why.append(f"no message with {want_text!r}")
    print(f"{'FAIL' if why else 'ok'} {name}" + "".join("\n  - " + w for w in why) + (f"\n  stderr: {p.stderr[:300]}" if why else ""))
    fails += bool(why)


# Malformed or unrepresentable JSON: a usage error, never an abort.
case("--args 1e400", "roofline", "1e400", 64, "E0505", "not valid JSON")
case("a field set to 1e400", "roofline_equation", '{"ops": 1e400, "bytes": 1, "peak": 1, "bandwidth": 1}', 64, "E0505",
     "number overflow")
case("truncated JSON", "roofline", '{"model": ', 64, "E0505", "not valid JSON")
case("--args not an object", "roofline", "[1, 2]", 2, "E0505", "must be a JSON object")
# Quantities: finite numbers only ("inf" stays the spec's word for +infinity, e.g. an MTBF).
case('"nan FLOP"', "roofline_equation", dict(ROOFLINE_EQ, ops="nan FLOP"), 2, "E0110", "cannot read 'nan FLOP'")
case('"1e400 FLOP"', "roofline_equation", dict(ROOFLINE_EQ, ops="1e400 FLOP"), 2, "E0314", "too large")
case('{"value": true}', "roofline_equation", dict(ROOFLINE_EQ, ops={"value": True, "unit": "FLOP"}), 2, "E0505",
     "must be a number")
case("a unit that reads no number (fuzz_solve: a hang)", "roofline_equation", dict(ROOFLINE_EQ, peak="989 .FLOP/s"), 2,
     "E0410", "cannot read '989 .FLOP/s'")
case("unit to the power 99999", "roofline_equation", dict(ROOFLINE_EQ, ops={"value": 1, "unit": "FLOP^99999"}), 2,
     "E0305", "cannot read 'FLOP^99999'")
case("a misspelt unit gets the language's help", "roofline_equation", dict(ROOFLINE_EQ, bandwidth="1 TBps"), 2,
     "E0110", "TBps")
case("wrong dimension", "roofline_equation", dict(ROOFLINE_EQ, ops="1 s"), 2, "E0401", "is a Time, not FLOP")
case("unknown parameter", "roofline_equation", dict(ROOFLINE_EQ, opz=1), 2, "E0404", "no parameter")
# Records: an empty record, an unknown kind, a missing field are refused as a constructor refuses them.
case("empty record", "roofline", {"model": "Llama3_70B", "hardware": {}}, 2, "E0411", "needs")
case("unknown kind", "roofline", {"model": "Llama3_70B", "hardware": {"kind": "spaceship"}}, 2, "E0408", "spaceship")
case("kind not a string", "roofline", {"model": "Llama3_70B", "hardware": {"kind": 7}}, 2, "E0408", "kind")
case("unknown zoo name", "roofline", {"model": "Llama3_70B", "hardware": "H1000"}, 2, "E0110", "H1000")
# The solver's own ranges and its results: a zero rate is refused naming it; a non-finite result is E0504.
case("zero peak", "roofline_equation", dict(ROOFLINE_EQ, peak="0 FLOP/s", bandwidth="0 B/s"), 3, "E0505", "peak = 0")
case("infinite result", "roofline", {"model": "Llama3_70B", "batch": 1,
                                     "hardware": {"name": "no memory", "peak_flops": "989 TFLOP/s", "bandwidth": "0 B/s",
                                                  "capacity": "80 GB", "tdp": "700 W"}}, 3, "E0504", "is infinite")
case("a valid call still works", "roofline_equation", ROOFLINE_EQ, 0)
sys.exit(1 if fails else 0)
