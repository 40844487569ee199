#!/usr/bin/env python3
"""The fidelity level on the command line (docs/fidelity.md): `--fidelity calibrated` changes the results of
solvers that have the level and says so (text header, JSON event, CSV block, `mls solve` field), for a
script, `-e`, `mls eval`, `mls solve` and the REPL; `--fidelity textbook` (the default) prints exactly what
no flag prints; a call's own `fidelity = ...` wins over the flag; an unknown level is a usage error (64)."""
import json, os, subprocess, sys, tempfile

mls = sys.argv[1]
fails = 0


def run(args, stdin=None):
    return subprocess.run([mls, "--color", "never"] + args, capture_output=True, text=True, input=stdin,
                          env=dict(os.environ, LANG="C.UTF-8"))


def check(what, ok, detail=""):
    global fails
    if not ok:
        fails += 1
        print("FAIL", what, detail[:400])


SERVE = "print serve(Llama2_7B, H100, prompt = 128 tokens).itl -> ms/token"
plain = run(["-e", SERVE])
tb = run(["--fidelity", "textbook", "-e", SERVE])
cal = run(["--fidelity", "calibrated", "-e", SERVE])
check("-e textbook = no flag", plain.returncode == 0 and tb.stdout == plain.stdout, tb.stdout + tb.stderr)
check("-e textbook has no header", "fidelity" not in plain.stdout, plain.stdout)
check("-e calibrated header first", cal.returncode == 0 and cal.stdout.splitlines()[0] == "fidelity: calibrated", cal.stdout + cal.stderr)
check("-e calibrated differs", cal.stdout.splitlines()[-1] != plain.stdout.splitlines()[-1], cal.stdout)
# the call's own level wins over the flag
own = run(["--fidelity", "calibrated", "-e", SERVE.replace("128 tokens)", "128 tokens, fidelity = textbook)")])
check("call wins over flag", own.stdout == plain.stdout, own.stdout)

# a script file; JSON: a fidelity event first and the record's field; CSV: a fidelity block first
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "s.mls")
    with open(path, "w") as f:
        f.write("print serve(Llama2_7B, H100, prompt = 128 tokens)\n")
    js = run(["--fidelity", "calibrated", "--format", "json", path])
    lines = [json.loads(l) for l in js.stdout.splitlines() if l.strip()]
    check("json fidelity event", js.returncode == 0 and lines and lines[0] == {"fidelity": "calibrated"}, js.stdout + js.stderr)
    check("json record field", len(lines) > 1 and lines[1]["print"][0].get("fidelity") == "calibrated", js.stdout)
    jt = run(["--format", "json", path])
    check("json textbook: no event", all("fidelity" not in json.loads(l) for l in jt.stdout.splitlines()), jt.stdout)
    csv = run(["--fidelity", "calibrated", "--format", "csv", path])
    check("csv fidelity block", csv.stdout.splitlines()[:3] == ["fidelity", "calibrated", ""], csv.stdout)
    check("csv record field", "1,1,fidelity,calibrated," in csv.stdout, csv.stdout)

# mls solve: the flag fills the parameter; the result says so
args = json.dumps({"model": "Llama2_7B", "hardware": "H100", "seq_len": 128})
s_cal = run(["--fidelity", "calibrated", "solve", "serving", "--args", args])
s_tb = run(["solve", "serving", "--args", args])
try:
    r_cal, r_tb = json.loads(s_cal.stdout), json.loads(s_tb.stdout)
    check("solve calibrated field", r_cal.get("fidelity") == "calibrated", s_cal.stdout[:200])
    check("solve textbook field", r_tb.get("fidelity") is None, s_tb.stdout[:200])
    check("solve levels differ", r_cal["itl"]["si"] > r_tb["itl"]["si"], "")
except (json.JSONDecodeError, KeyError) as e:
    check("solve output", False, f"{e}: {s_cal.stdout[:200]} {s_cal.stderr[:200]}")

# mls eval (scenario -> serve): the session level reaches the solver the scenario calls
e_tb = run(["eval", "ChatbotServing"])
e_cal = run(["--fidelity", "calibrated", "eval", "ChatbotServing"])
check("eval header", e_cal.returncode == 0 and e_cal.stdout.startswith("fidelity: calibrated\n"), e_cal.stdout + e_cal.stderr)
check("eval differs", e_cal.stdout.split("\n", 1)[1] != e_tb.stdout, e_cal.stdout)

# the REPL (stdin piped): the flag is the session's level; a `fidelity = ...` entry changes it
repl = run(["--fidelity", "calibrated", "repl"], stdin=SERVE + "\nfidelity = textbook\n" + SERVE + "\n")
out = repl.stdout.splitlines()
check("repl header and level", repl.returncode == 0 and "fidelity: calibrated" in out and out.count("fidelity: calibrated") == 1,
      repl.stdout + repl.stderr)

# an unknown level is a usage error
bad = run(["--fidelity", "exact", "-e", SERVE])
check("bad level exit 64", bad.returncode == 64 and "fidelity" in bad.stderr, f"{bad.returncode} {bad.stderr}")
print("fidelity CLI:", "ok" if not fails else f"{fails} failed")
sys.exit(1 if fails else 0)
