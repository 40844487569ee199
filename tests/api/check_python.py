#!/usr/bin/env python3
"""The Python module (issue 31): a mistake is an object with .code and .help; a roofline runs and its
latency converts; quantities print with units; results and tables render as HTML for Jupyter; and the
example host program examples/embed/embed.py runs. Run by a plain python3 that finds the module
through PYTHONPATH (build/python); exit 77 (ctest: SKIPPED) when it is not built.

usage: PYTHONPATH=build/python check_python.py EXAMPLE.py"""
import contextlib, io, runpy, sys

example = sys.argv[1]
try:
    import mls
except ModuleNotFoundError as e:  # not built; a module that is there but fails to load is a failure
    print(f"SKIPPED: the Python module is not built ({e})")
    sys.exit(77)

fails = []
def check(cond, what):
    if not cond:
        fails.append(what)

e = mls.Engine()
# A mistake: the diagnostic's code and help are attributes.
c = e.check("bw = 3.35 TB/s\npeak = 989 TFLOP/s\ntotal = peak + bw\n")
check(not c.ok and c.exit_code == 2, f"check exit {c.exit_code}")
d = c.diagnostics[0]
check(d.code == "E0301", f"code {d.code}")
check("divide" in d.help, f"help {d.help!r}")
check(d.span.line == 3, f"span {d.span!r}")
check("error[E0301]" in str(d), "str(diagnostic) is the rendered text")

# A roofline runs; its latency is a Quantity that converts.
r = e.run("r = roofline(Llama3_70B, H100, batch = 1)\nprint r\n")
check(r.ok, f"run exit {r.exit_code}: {[x.rendered for x in r.diagnostics]}")
rec = r.prints[0]
lat = rec.latency
check(isinstance(lat, mls.Quantity) and lat.dimension == "Time", f"latency {lat!r}")
ms = lat.to("ms")
check(ms.unit == "ms" and abs(ms.value - round(lat.si * 1e3, 4 - len(str(int(lat.si * 1e3))))) < 1e-2 * max(1, ms.value),
      f"to('ms') {ms} from {lat.si}")
check(abs(lat.in_("ms") - lat.si * 1e3) <= 1e-9 * lat.si * 1e3, "in_('ms') exact")
check(str(ms).endswith(" ms"), f"str {ms}")
check(rec.bottleneck in ("Memory", "Compute"), f"bottleneck {rec.bottleneck}")
try:
    lat.to("GB")
    check(False, "to('GB') did not raise")
except mls.Error as x:
    check(x.code == "E0303" and x.help, f"to('GB') raised {x.code} {x.help!r}")
try:
    e.quantity("3 TBps")
    check(False, "quantity('3 TBps') did not raise")
except mls.Error as x:
    check(x.code == "E0110" and "TB/s" in x.help, f"3 TBps: {x.code} {x.help!r}")

# Rich display: a result and its table as HTML.
t = e.run("for b in [1, 8] { row batch = b, t = b * 2 ms }\n")
check("<table>" in t._repr_html_() and "<td>16 ms</td>" in t._repr_html_(), t._repr_html_()[:200])
check(t.tables[0].columns == ["batch", "t"] and str(t.tables[0].rows[1][1]) == "16 ms", "table rows")
check("<caption>" in rec._repr_html_(), "record html")
# A string from the script reaches the HTML as the HTML renderer writes it: markup and quotes escaped,
# a terminal escape dropped (the binding's own escaper let both through).
h = e.run('print "<b>it\'s</b>\u001b[31m"\n')._repr_html_()
check("&lt;b&gt;it&#39;s&lt;/b&gt;" in h and "\x1b" not in h, f"escaped print: {h[:200]!r}")
check(e.solve("roofline_equation", '{"ops": "1 TFLOP", "bytes": "1 GB", "peak": "1 TFLOP/s", "bandwidth": "1 TB/s"}')
      .latency.to("s").value == 1, "solve")
check(any(s["name"] == "roofline" and s["id"] == "engine_solve" for s in e.solvers()), "solvers")

# A session: entries run one after another, names persist, a failing entry leaves the session as it was.
s = e.session()
check(s.run("bw = 3.35 TB/s").ok, "session: bw")
two = s.run("bw * 2")
check(two.ok and two.text.startswith("6.7 TB/s"), f"session: bw * 2 gave {two.text!r}")
bad = s.run("bw = bw + 1 s")
check(bad.exit_code == 2 and bad.diagnostics and bad.diagnostics[0].code == "E0301" and bad.diagnostics[0].help,
      f"session: a bad entry {bad.exit_code} {[d.code for d in bad.diagnostics]}")
check(s.run("bw").text.startswith("3.35 TB/s"), "session: the failed entry left bw as it was")
check(s.type_of("bw") is not None and "Bandwidth" in s.type_of("bw"), f"session: type_of {s.type_of('bw')!r}")
check("bw" in [v["name"] for v in s.variables()], f"session: variables {s.variables()}")
check(isinstance(mls.Session(e), mls.Session), "mls.Session(engine)")

# Every format from the run's objects.
md = e.render(t, "markdown")
check("| batch | t |" in md and "| 8 | 16 ms |" in md, f"render markdown {md!r}")
check(e.render(t, "html").startswith("<!DOCTYPE html>"), "render html")
check(e.render(t, "csv").splitlines()[0] == "batch,t [s]", f"render csv {e.render(t, 'csv')!r}")

# The example host program runs (in this interpreter: the module may be built into it).
out = io.StringIO()
with contextlib.redirect_stdout(out):
    runpy.run_path(example, run_name="__main__")
check("E0301" in out.getvalue() and "refused: E0303" in out.getvalue() and "session: 295.2 FLOP/B" in out.getvalue()
      and "| batch |" in out.getvalue(), f"example printed {out.getvalue()[-300:]!r}")

for f in fails:
    print("FAIL", f)
print(f"python module: {len(fails)} problem(s)")
sys.exit(1 if fails else 0)
