#!/usr/bin/env python3
"""Memory is bounded per script, and running out of it is a diagnostic, never an abort (issue 30).

A list of eight `1..1e7` ranges held 3.2 GB; under `ulimit -v` (which docs/security.md recommends to
autograders) it died of an uncaught std::bad_alloc, exit 134. Now the lists and ranges a run holds
count against `--max-memory` (default 2 GiB; E0507 naming the budget and the flag), and an allocation
that fails anyway (the process limit is below the budget) is E0507 "out of memory" with exit 3, on
both evaluators, under --threads, in `mls -e` and in the REPL (which goes on).

usage: check_memory_limits.py MLS"""
import json, os, resource, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from measured_run import run_measured  # noqa: E402

mls = os.path.abspath(sys.argv[1])
SANITIZED = "ASAN_OPTIONS" in os.environ  # ASan reserves terabytes of address space: no ulimit -v there
fails = 0
EIGHT = "xs = [" + ", ".join(["1..1e7"] * 8) + "]\nfor x in xs where false { row n = 1 }\nprint 5 m\n"


def limit_as(nbytes):
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (nbytes, nbytes))


def run(args, stdin=None, preexec=None, timeout=120):
    return run_measured([mls, "--diagnostics", "json"] + args, stdin, preexec=preexec, timeout=timeout)


def codes(stderr):
    """The error codes of the JSON diagnostics on stderr (one array per report; the REPL writes several)."""
    found = []
    for line in stderr.splitlines():
        try:
            found += [d["code"] for d in json.loads(line) if d.get("severity") == "error"]
        except (json.JSONDecodeError, TypeError):
            pass
    return found


def check(name, result, want_exit, want_code, message_has, stdout_has=None, max_s=60, max_mb=None):
    global fails
    code, out, err, secs, mb = result
    why = []
    if code != want_exit:
        why.append(f"exit {code}, want {want_exit}")
    if want_code not in codes(err):
        why.append(f"no {want_code} among {codes(err)}")
    if message_has not in err:
        why.append(f"stderr lacks {message_has!r}")
    if stdout_has is not None and stdout_has not in out:
        why.append(f"stdout lacks {stdout_has!r}")
    if secs > max_s:
        why.append(f"took {secs:.1f} s, bound {max_s} s")
    if max_mb is not None and mb > max_mb:
        why.append(f"peak memory {mb:.0f} MB, bound {max_mb} MB")
    print(f"{'FAIL' if why else 'ok'} {name}: exit {code}, {secs:.2f} s, peak RSS {mb:.0f} MB"
          + "".join("\n  - " + w for w in why) + (f"\n  stderr: {err[-600:]}" if why else ""))
    fails += bool(why)


with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "eight_ranges.mls")
    open(script, "w").write(EIGHT)
    # The budget: the first range past it is refused before it is allocated (a range of 1e7 items is 400 MB).
    for extra in ([], ["--no-jit"], ["--threads", "2"]):
        check("budget " + " ".join(extra or ["jit"]), run(["--max-memory", "256MiB"] + extra + [script]), 3, "E0507",
              "--max-memory", max_s=30, max_mb=900)
    check("budget -e", run(["--max-memory", "100MiB", "-e", EIGHT.replace("\n", "; ").rstrip("; ")]), 3, "E0507",
          "memory budget of 100 MiB", max_s=30, max_mb=600)
    if not SANITIZED:
        # The process limit below the budget: the allocation fails and is reported. 1 GB of address
        # space starts mls (it needs under 600 MB) and holds one range, not eight.
        cap = limit_as(1000 << 20)
        for extra in ([], ["--no-jit"], ["--threads", "2"]):
            check("ulimit -v " + " ".join(extra or ["jit"]), run(["--max-memory", "64GiB"] + extra + [script], preexec=cap), 3,
                  "E0507", "out of memory", max_s=60)
        # The REPL drops the entry (so the next one, which reads `xs`, fails to compile: exit 2) and goes on.
        check("ulimit -v, REPL goes on", run(["--max-memory", "64GiB", "repl"], stdin=EIGHT, preexec=cap), 3, "E0507",
              "out of memory", stdout_has="5 m", max_s=60)
sys.exit(1 if fails else 0)
