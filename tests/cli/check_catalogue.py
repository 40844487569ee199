#!/usr/bin/env python3
"""Every code the compiler and runtime can emit has a lesson in `mls explain`, and vice versa; and the
lessons check themselves (issue 32 item 4): every `Wrong:` example, run, produces its code, and every
`Right:` example compiles and runs (exit 0, no error, not the lesson's warning).

The examples are the backticked snippets of each lesson, run verbatim after a setup that binds the names
they mention (LESSONS below); placeholders such as `m, h` or `...` are replaced explicitly. A snippet that
is not code (a name quoted in prose) is listed in NOT_CODE with the reason; a lesson whose wrong example
is prose has a constructed script in PROSE. A snippet the table does not know fails the test, so a changed
lesson is checked again.

usage: check_catalogue.py MLS ROOT
"""
import concurrent.futures
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

# code -> setup (script text before the snippet), replace (placeholder -> text), wrap (template with {}),
# join (the wrong snippets form one example, in order), after (text after the snippet), files, args.
HW_FIELDS = 'name = "x", peak_flops = 100 TFLOP/s, capacity = 16 GB, bandwidth = 1 TB/s, tdp = 300 W'
LESSONS = {
    "E0110": dict(setup="bandwidth = 3 TB/s"),
    "E0111": dict(replace={"serve(...)": "serve(Llama3_8B, H100, prompt = 512 tokens)"}),
    "E0112": dict(join=True, right_setup="x = 1 s"),
    "E0113": dict(files={"lib/hardware.mls": "hw_bw = 3 TB/s\nprint hw_bw\n"}),
    "E0203": dict(setup="x = 3"),
    "E0204": dict(replace={"m, h": "Llama3_8B, H100"}),
    "E0205": dict(replace={"1 m + 1 m + ... (10,000 terms)": " + ".join(["1 m"] * 10000)}, join_right=True),
    "E0301": dict(setup="peak = 989 TFLOP/s\nbw = 3.35 TB/s"),
    "E0302": dict(setup="latency = 3 ms"),
    "E0303": dict(setup="peak = 989 TFLOP/s\nbw = 3.35 TB/s"),
    "E0305": dict(wrap={"x m ^ n": "x = 2\nfor n in [2] {{\n  print {}\n}}"}),
    "E0306": dict(setup="latency = 3 s"),
    "E0307": dict(setup="fast = true"),
    "E0309": dict(setup="latency = 20 ms"),
    "E0310": dict(setup="latency = 2 ms"),
    "E0312": dict(join=True, join_right=True),
    "E0313": dict(wrap_all="print roofline(Llama3_8B, H100, {})"),
    "E0401": dict(replace={"m, h": "Llama3_8B, H100"}),
    "E0404": dict(replace={"m, h": "Llama3_8B, H100"}),
    "E0407": dict(wrap_all='print hardware(name = "x", peak_flops = 100 TFLOP/s, capacity = 16 GB, tdp = 300 W, {})'),
    "E0408": dict(replace={"{ ... }": "{ " + HW_FIELDS + " }"}, after="print X.bandwidth"),
    "E0409": dict(replace={"m, h": "Llama3_8B, H100"}),
    "E0410": dict(setup="x = 3 s"),
    "E0411": dict(after="print Chip.bandwidth"),
    "E0412": dict(join=True, join_right=True),
    "E0315": dict(setup="kv_cache = 3.2 GB"),  # lessons of issue 19 (helper h3's branch)
    "E0316": dict(setup="size = 1 GB", join=True, join_right=True, wrap_all="for i in [1] {{\n  {}\n}}"),
    "E0504": dict(setup="age = 1e300 year"),
    "E0501": dict(setup="r = roofline(Llama3_70B, H100, batch = 1)"),
    "E0502": dict(setup="ridge = ridge_point(peak = 989 TFLOP/s, bandwidth = 3.35 TB/s)"),
    "E0503": dict(setup="cost = 100 USD\nusers = 0", right_setup="cost = 100 USD\nusers = 0", after="print per_user"),
    "E0505": dict(wrap={"precision = fp8": "print roofline(Llama3_70B, H100, {})"}),
    "W0603": dict(setup="gpu = { bandwidth = 2 TB/s, peak = 300 TFLOP/s }", right_setup="",
                  wrap={"print ridge(fast.peak, fast.bandwidth)": "gpu = {{ bandwidth = 2 TB/s, peak = 300 TFLOP/s }}\n"
                        "fast = gpu with {{ bandwidth = 4 TB/s }}\nfn ridge(p, b) = p / b\n{}"},
                  replace={"{ ... }": "{ print 1 }"}),
}
# (code, snippet) -> why it is not run as it stands
NOT_CODE = {
    ("W0603", "fast"): "the name the prose says nothing reads",
    ("E0413", "@source"): "the annotation the prose says is missing (PROSE builds the entry)",
    ("E0413", '@source("datasheet", url = "https://...", verified = "2025-03-06")'): "an entry's first line (PROSE)",
    ("E0412", "for"): "a keyword named in prose",
    ("E0507", "count"): "a loop clause named in prose",
    ("W0602", "->"): "the operator named in prose",
}
# code -> (wrong script, right script, extra arguments): lessons whose examples are prose
ENTRY = 'hardware Chip {{\n  {}\n  ' + HW_FIELDS.replace(", ", "\n  ") + '\n}}\nprint Chip.bandwidth\n'
PROSE = {
    "E0114": dict(wrong='import "b.mls"\n', files={"b.mls": 'import "main.mls"\n'}),
    "E0413": dict(wrong=ENTRY.format(""), args=["--as-zoo"], right_args=["--as-zoo"],
                  right=ENTRY.format('@source("datasheet", url = "https://...", verified = "2025-03-06")')),
}


def lesson_examples(text):
    """(wrong snippets, right snippets) of a lesson: backticked text after `Wrong` and after `Right:`."""
    m = re.search(r"Wrong\b(.*)", text, re.S)
    if not m:
        return [], []
    wrong, _, right = m.group(1).partition("Right:")
    ticks = lambda s: re.findall(r"`([^`]+)`", s)
    return ticks(wrong), ticks(right)


def run_script(mls, text, files=(), args=()):
    with tempfile.TemporaryDirectory() as d:
        for name, content in dict(files).items():
            os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
            open(os.path.join(d, name), "w").write(content)
        open(os.path.join(d, "main.mls"), "w").write(text)
        p = subprocess.run([mls, "--diagnostics", "json", "--color", "never", *args, "main.mls"], cwd=d,
                           capture_output=True, text=True, timeout=60, env=dict(os.environ, NO_COLOR="1"))
    try:
        diags = json.loads(p.stderr) if p.stderr.strip() else []
    except json.JSONDecodeError:
        diags = [{"code": "?", "severity": "error", "message": p.stderr[:300]}]
    return p.returncode, diags


def scripts_for(code, text):
    """[(kind, snippet, script, files, args)] to run for one lesson, or raises ValueError for an unknown snippet."""
    spec = LESSONS.get(code, {})
    wrong, right = lesson_examples(text)
    out = []

    def build(snippet, setup):
        s = snippet
        for a, b in spec.get("replace", {}).items():
            s = s.replace(a, b)
        if snippet in spec.get("wrap", {}):
            s = spec["wrap"][snippet].format(s)
        elif "wrap_all" in spec:
            s = spec["wrap_all"].format(s)
        return "\n".join(x for x in (setup, s, spec.get("after", "")) if x) + "\n"

    wrong = [w for w in wrong if (code, w) not in NOT_CODE]
    right = [r for r in right if (code, r) not in NOT_CODE]
    if spec.get("join") and wrong:
        wrong = ["\n  ".join(wrong)]
    if spec.get("join_right") and right:
        right = ["\n  ".join(right)]
    files = spec.get("files", {})
    for w in wrong:
        out.append(("wrong", w, build(w, spec.get("setup", "")), files, []))
    for r in right:
        out.append(("right", r, build(r, spec.get("right_setup", spec.get("setup", ""))), files, []))
    if code in PROSE:
        p = PROSE[code]
        out.append(("wrong", "(prose)", p["wrong"], p.get("files", {}), p.get("args", [])))
        if "right" in p:
            out.append(("right", "(prose)", p["right"], p.get("files", {}), p.get("right_args", [])))
    if not any(k == "wrong" for k, *_ in out):
        raise ValueError(f"lesson {code} has no runnable wrong example: add one, or a PROSE entry in this test")
    return out


def main():
    mls, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2])
    used = set()
    for d in ("compiler", "runtime", "stdlib", "api"):
        for f in (root / d).rglob("*.[ch]pp"):
            if f.name.startswith("catalogue"):
                continue
            used |= set(re.findall(r'"(E0\d{3}|W0\d{3})"', f.read_text(errors="replace")))
    listed = set(re.findall(r"^(E0\d{3}|W0\d{3})", subprocess.run([mls, "explain"], capture_output=True, text=True).stdout, re.M))
    fails = []
    for c in sorted(used - listed):
        fails.append(f"no lesson for {c}")
    for c in sorted(listed - used):
        fails.append(f"lesson for a code never emitted: {c}")
    jobs = []
    # Codes of `mls zoo import hf` are about a config file, not a script: their examples are command lines,
    # and tests/zoo/check_hf_import.py runs each of them (issue 26).
    checked_elsewhere = {"E0701", "E0702", "E0703", "E0704"}
    for c in sorted(listed - checked_elsewhere):
        p = subprocess.run([mls, "explain", c], capture_output=True, text=True)
        if p.returncode != 0 or c not in p.stdout:
            fails.append(f"explain failed for {c}")
            continue
        try:
            jobs += [(c, *j) for j in scripts_for(c, p.stdout)]
        except ValueError as e:
            fails.append(str(e))

    def check(job):
        code, kind, snippet, script, files, args = job
        rc, diags = run_script(mls, script, files, args)
        codes = [d.get("code") for d in diags]
        errors = [d.get("code") for d in diags if d.get("severity") == "error"]
        if kind == "wrong" and code not in codes:
            return f"{code}: the wrong example `{snippet[:80]}` gives {codes or 'no diagnostic'} (exit {rc})"
        if kind == "right" and (rc != 0 or errors or code in codes):
            msgs = "; ".join(f"{d.get('code')}: {d.get('message')}" for d in diags)
            return f"{code}: the right example `{snippet[:80]}` does not run clean (exit {rc}): {msgs[:300]}"
        return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        fails += [f for f in pool.map(check, jobs) if f]
    for f in fails:
        print("FAIL", f)
    print(f"{'FAIL' if fails else 'ok'}: {len(listed)} lessons, {len(jobs)} examples run, {len(fails)} failed")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
