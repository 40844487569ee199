#!/usr/bin/env python3
"""Chart options and chart legibility (issue 29, "Charts"), checked through what gnuplot drew: the SVG's
text elements (axis labels, tick labels, key entries, their positions against the frame) and the text
charts of --plot-text (compared with golden files in tests/plot/golden; MLS_UPDATE_GOLDEN=1 rewrites them).

usage: check_plot_options.py MLS ROOT
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MLS, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
GOLDEN = os.path.join(ROOT, "tests", "plot", "golden")
fails = []

SWEEP = "for b in 1 .. 256 step *4 {\n  r = roofline(Llama3_70B, H100, batch = b, precision = fp16)\n  %s\n}\n"


def draw(script, fmt="svg"):
    """Runs `script`; returns (exit code, stderr, {chart n: SVG path}) or the text charts."""
    d = tempfile.mkdtemp()
    with open(os.path.join(d, "c.mls"), "w") as f:
        f.write(script)
    args = [MLS, "--color", "never", "c.mls"] + (["--plot-text"] if fmt == "text" else ["--plots", "out", "--plot-format", "svg"])
    p = subprocess.run(args, capture_output=True, text=True, cwd=d)
    if fmt == "text":
        return p.returncode, p.stderr, p.stdout
    out = os.path.join(d, "out")
    files = sorted(os.listdir(out)) if os.path.isdir(out) else []
    return p.returncode, p.stderr, [os.path.join(out, f) for f in files]


class Svg:
    """The text elements of a gnuplot SVG with their anchor points, and the plot frame."""

    def __init__(self, path):
        root = ET.parse(path).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        self.texts = []  # (text, x, y, anchor)
        for g in root.iter(ns + "g"):
            m = re.match(r"translate\(([-\d.]+),([-\d.]+)\)", g.get("transform", ""))
            if not m:
                continue
            for t in g.findall(ns + "text"):
                s = "".join(t.itertext()).strip()
                self.texts.append((s, float(m.group(1)), float(m.group(2)), g.get("text-anchor", "start")))
        self.frame = None
        for p in root.iter(ns + "path"):
            m = re.match(r"M([\d.]+),([\d.]+) L\1,([\d.]+) L([\d.]+),\3 L\4,\2 L\1,\2 Z", p.get("d", ""))
            if m:
                self.frame = (float(m.group(1)), float(m.group(2)), float(m.group(4)), float(m.group(3)))  # left top right bottom

    def all(self):
        return [t[0] for t in self.texts]

    def x_ticks(self):
        left, top, right, bottom = self.frame
        return [s for s, x, y, a in self.texts if a == "middle" and bottom < y < bottom + 30]

    def y_ticks(self):
        left, top, right, bottom = self.frame
        return [s for s, x, y, a in self.texts if a == "end" and x < left and top - 5 < y < bottom + 10]

    def at(self, text):
        return [t for t in self.texts if t[0] == text]


def check(cond, what):
    if not cond:
        fails.append(what)


def svg_of(script, n=1):
    code, err, files = draw(script)
    if code != 0 or len(files) < n:
        fails.append(f"exit {code}, files {files}: {err.strip()[:300]} for\n{script}")
        return None
    return Svg(files[n - 1])


# 1. xlabel / ylabel replace the names; the unit is still shown
s = svg_of(SWEEP % 'plot line(x = b, y = r.latency -> ms, xlabel = "batch size", ylabel = "step time")')
if s:
    check("batch size" in s.all() and "step time (ms)" in s.all(), f"xlabel/ylabel not shown: {s.all()}")
    check("step time vs batch size" in s.all(), "the default title does not use the labels given")

# 2. default axis labels are the names bound, not the expression text
s = svg_of(SWEEP % "plot line(x = b, y = r.latency -> ms)")
if s:
    check("latency (ms)" in s.all() and "b" in s.all(), f"default labels are not the names: {s.all()}")
    check(not any("r.latency" in t for t in s.all()), "the expression text `r.latency` is still shown")
    # 3. the x axis ends at the data (1 .. 256 on a log axis: no tick at 1000)
    check("1000" not in s.x_ticks() and "256" not in s.x_ticks() and s.x_ticks()[-1] == "100",
          f"the x axis does not end at the data: ticks {s.x_ticks()}")
s = svg_of("for k in [1, 3, 7, 13] {\n  plot scatter(x = k, y = k * 1 ms)\n}\n")
if s:
    check(max(float(t) for t in s.x_ticks()) <= 13, f"scatter: the x axis goes past the data: {s.x_ticks()}")

# 4. scales: a log axis shows decade ticks; a linear one even steps
s = svg_of("for k in [2, 3, 5, 9] {\n  plot line(x = k, y = k * 1 ms, yscale = \"log\")\n}\n")
if s:
    check({"1", "10"} <= set(s.y_ticks()) and "5" not in s.y_ticks(), f"yscale = \"log\": no decade ticks: {s.y_ticks()}")
s = svg_of(SWEEP % 'plot line(x = b, y = r.latency, xscale = "linear")')
if s:
    check("10" not in s.x_ticks() and {"50", "100", "150", "200", "250"} <= set(s.x_ticks()),
          f"xscale = \"linear\": ticks {s.x_ticks()}")

# 5. ranges: in the axis's unit, converted like the data
s = svg_of(SWEEP % 'plot line(x = b, y = r.latency -> ms, xscale = "linear", xrange = 0 .. 500, yrange = 0 ms .. 200 ms)')
if s:
    check("500" in s.x_ticks() and "0" in s.x_ticks(), f"xrange = 0 .. 500: x ticks {s.x_ticks()}")
    check("200" in s.y_ticks() and "0" in s.y_ticks(), f"yrange = 0 ms .. 200 ms: y ticks {s.y_ticks()}")

s = svg_of(SWEEP % "plot line(x = b, y = r.latency -> ms, xrange = 0 .. 500)")
if s:
    check("500" in s.x_ticks() and "0" in s.x_ticks(), f"xrange = 0 .. 500 does not make the axis linear: {s.x_ticks()}")

# 6. legend placement
s = svg_of(SWEEP % 'plot line(x = b, y = r.latency, series = "step", legend = "none")')
if s:
    check("step" not in s.all(), "legend = \"none\" still draws the key")
s = svg_of(SWEEP % 'plot line(x = b, y = r.latency, series = "step", legend = "outside")')
if s:
    check(s.at("step") and s.at("step")[0][1] > s.frame[2], f"legend = \"outside\": key at {s.at('step')}, frame {s.frame}")
s = svg_of(SWEEP % 'plot line(x = b, y = r.latency, series = "step", legend = "bottom right")')
if s:
    k = s.at("step")
    check(k and k[0][2] > (s.frame[1] + s.frame[3]) / 2 and k[0][1] > (s.frame[0] + s.frame[2]) / 2,
          f"legend = \"bottom right\": key at {k}, frame {s.frame}")

# 7. point labels on a Pareto chart: the front's (default), every point's, or none
PARETO = ("for k in [1, 2, 3] {\n  name = if k == 1 then \"one\" else if k == 2 then \"two\" else \"three\"\n"
          "  plot scatter(x = k * 1 USD, y = (if k == 1 then 3 else if k == 2 then 1 else 2) * 1 ms, label = name%s)\n}\n")
s = svg_of(PARETO % "")
if s:
    check("one" in s.all() and "two" in s.all() and "three" not in s.all(), f"default labels: {s.all()}")
s = svg_of(PARETO % ', labels = "all"')
if s:
    check({"one", "two", "three"} <= set(s.all()), f"labels = \"all\" leaves out the dominated point: {s.all()}")
s = svg_of(PARETO % ', labels = "none"')
if s:
    check(not {"one", "two", "three"} & set(s.all()), "labels = \"none\" still labels points")

# 8. roofline: one ceiling per distinct peak, labels inside the frame, the memory slope in the key
s = svg_of(open(os.path.join(ROOT, "examples", "fig_roofline_batch.mls")).read())
if s:
    texts = s.all()
    check("fp8/int8 1.979 PFLOP/s" in texts and not any(t.startswith("NVIDIA H100 int8") for t in texts),
          f"fp8 and int8 (same peak) are not one ceiling: {texts}")
    check("NVIDIA H100 memory 3.35 TB/s" in texts, "the memory slope has no key entry")
    left, top, right, bottom = s.frame
    for t, x, y, a in s.texts:
        if "FLOP/" in t and "bound" not in t and not t.startswith("NVIDIA") and a in ("start", "end") and top < y < bottom:
            width = 6.5 * len(t)
            lo, hi = (x, x + width) if a == "start" else (x - width, x)
            check(left <= lo and hi <= right + 2, f"roofline label {t!r} leaves the frame ({lo:.0f}..{hi:.0f} in {left}..{right})")

s = svg_of(SWEEP % ('plot roofline(H100, point = r, label = b, labels = "none", xlabel = "intensity", ylabel = "speed",'
                   ' yrange = 1 TFLOP/s .. 10 PFLOP/s)'))
if s:
    check(not any("bound)" in t for t in s.all()), "roofline labels = \"none\" still labels the workloads")
    check("intensity (FLOP/B)" in s.all() and "speed (TFLOP/s)" in s.all(), f"roofline axis names: {s.all()}")
    check(s.y_ticks()[0] == "1" and s.y_ticks()[-1] == "10000", f"roofline yrange: y ticks {s.y_ticks()}")

# 9. regime map: the swept values label both axes
s = svg_of(open(os.path.join(ROOT, "examples", "fig_regime_map.mls")).read())
if s:
    check([str(2 ** k) for k in range(11)] == s.x_ticks(), f"regime map x ticks are not the batches swept: {s.x_ticks()}")
    check(["0.5", "1", "2", "4", "8", "16"] == s.y_ticks(), f"regime map y ticks are not the bandwidths swept: {s.y_ticks()}")

# 10. scorecard: each threshold beside its value
s = svg_of(open(os.path.join(ROOT, "examples", "fig_scorecard.mls")).read())
if s:
    # The values are the scenario model's (they may change with it); the thresholds are the SLA and the H100's memory.
    for want in (r"latency: [\d.]+ [mµ]?s \(≤ 500 ms\)", r"memory_required: [\d.]+ GB \(≤ 85.9 GB\)"):
        check(any(re.fullmatch(want, t) for t in s.all()), f"scorecard lacks {want!r}: {s.all()}")

# 11. options only the run knows are checked when the chart is drawn: the run fails (exit 3)
for opt, msg in (("xrange = lo .. 1", "`xrange` is empty"), ('yscale = "log"', "`y` has a value not above zero")):
    code, err, _ = draw("for k in [1, 2] {\n  lo = k * 2\n  plot line(x = k, y = k - 1, %s)\n}\n" % opt)
    check(code == 3 and msg in err, f"{opt}: exit {code}, {err.strip()!r}")

# 12. text charts: the roofline's memory slope has its own glyph, both axes are labelled; golden files
code, err, text = draw(open(os.path.join(ROOT, "examples", "fig_roofline_batch.mls")).read(), "text")
check("attainable performance (TFLOP/s)" in text and "arithmetic intensity (FLOP/B)" in text,
      "--plot-text: the roofline's axes are not labelled")
key = re.search(r"NVIDIA H100 memory 3\.35 TB/s (\S)\1+", text)
if not key:
    fails.append("--plot-text: no key entry for the memory slope")
else:
    glyph = key.group(1)
    others = re.findall(r"(?:roof|workloads)[^|\n]*? (\S)\1{3,}", text)
    check(glyph not in others, f"--plot-text: the memory slope's glyph {glyph!r} is shared: {others}")
for name in ("fig_roofline_batch", "fig_regime_map", "fig_scorecard"):
    code, err, text = draw(open(os.path.join(ROOT, "examples", name + ".mls")).read(), "text")
    # Every label stays inside the frame: nothing but blanks right of the right border.
    rows = text.splitlines()
    for r in rows:
        m = re.match(r"^(.*[|+])([^|+]*)$", r)
        if m and re.search(r"^\s*[-\d.]*\s*[|+]", r) and m.group(2).strip() and name != "fig_regime_map":
            fails.append(f"{name} --plot-text: text outside the frame: {r!r}")
    golden = os.path.join(GOLDEN, name + ".txt")
    if os.environ.get("MLS_UPDATE_GOLDEN") == "1":
        os.makedirs(GOLDEN, exist_ok=True)
        open(golden, "w").write(text)
    elif not os.path.exists(golden) or open(golden).read() != text:
        fails.append(f"{name} --plot-text differs from tests/plot/golden/{name}.txt")

if fails:
    print("FAIL\n  " + "\n  ".join(fails))
    sys.exit(1)
print("ok plot options")
