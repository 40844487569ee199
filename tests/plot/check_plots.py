#!/usr/bin/env python3
"""Every chart kind, drawn from the example figures (issue 11): the SVG is valid XML and holds the
expected title, axis labels and series; the PNG is a real 900x600 image of non-trivial size; the PDF
is a PDF; the text rendering shows the title. The script never chooses where files go: without
--plots nothing is written.

usage: check_plots.py MLS ROOT
"""
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CASES = {
    "fig_roofline_batch": {
        "roofline": ["Llama-3-70B decode on H100: batch-size sweep", "arithmetic intensity (FLOP/B)",
                     "attainable performance (TFLOP/s)", "fp16/bf16 989 TFLOP/s", "fp8/int8 1.979 PFLOP/s",
                     "tf32 494 TFLOP/s", "NVIDIA H100 memory 3.35 TB/s",
                     "ridge 295.2 FLOP/B", "effective ridge 147.6 FLOP/B", "NVIDIA H100 effective roof",
                     "1 (memory-bound)", "256 (compute-bound)"],
        "line": ["Step time against batch size", "latency (ms)", "step time"],
    },
    "fig_regime_map": {"heatmap": ["Regime map", "bw (TB/s)", "Memory", "Compute"]},
    "fig_carbon_by_grid": {"bar": ["Carbon of a 30-day, 256-GPU job by grid", "carbon_footprint (t)",
                                   "Quebec (Hydro)", "Poland (Coal)"]},
    "fig_scorecard": {"scorecard": ["ChatbotServing", "Feasibility", "Performance", "Macro", "PASS",
                                    "sla_bounds: ttft", "ttft: 66.52 ms", "itl: 4.884 ms/token", "tco: 12,320 USD"]},
    "fig_pareto": {"scatter": ["step latency vs device cost", "device price (USD)", "step latency (ms)", "NVIDIA H200", "Pareto front",
                               "NVIDIA T4"]},
}


def svg_text(path):
    root = ET.parse(path).getroot()  # raises on invalid XML
    return " ".join(t for t in root.itertext())


def png_size(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    w, h = struct.unpack(">II", data[16:24])
    return w, h, len(data)


def main():
    mls, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    fails = []
    for name, charts in CASES.items():
        script = os.path.join(root, "examples", name + ".mls")
        out = tempfile.mkdtemp()
        p = subprocess.run([mls, script, "--plots", out, "--plot-format", "svg,png,pdf"], capture_output=True, text=True)
        if p.returncode != 0:
            fails.append(f"{name}: exit {p.returncode}: {p.stderr}")
            continue
        files = sorted(os.listdir(out))
        for k, (kind, wants) in enumerate(charts.items()):
            stem = f"{name}-{k + 1}-{kind}"
            for ext in ("svg", "png", "pdf"):
                if f"{stem}.{ext}" not in files:
                    fails.append(f"{name}: no {stem}.{ext} (got {files})")
            if f"{stem}.svg" in files:
                try:
                    text = svg_text(os.path.join(out, stem + ".svg"))
                except ET.ParseError as e:
                    fails.append(f"{stem}.svg is not valid XML: {e}")
                    text = ""
                for w in wants:
                    if w not in text:
                        fails.append(f"{stem}.svg lacks {w!r}")
            if f"{stem}.png" in files:
                w, h, n = png_size(os.path.join(out, stem + ".png"))
                if (w, h) != (900, 600) or n < 5000:
                    fails.append(f"{stem}.png is {w}x{h}, {n} bytes")
            if f"{stem}.pdf" in files and not open(os.path.join(out, stem + ".pdf"), "rb").read(5) == b"%PDF-":
                fails.append(f"{stem}.pdf is not a PDF")
        # text rendering on stdout; no files without --plots
        cwd = tempfile.mkdtemp()
        t = subprocess.run([mls, script, "--plot-text"], capture_output=True, text=True, cwd=cwd)
        first_title = list(charts.values())[0][0]
        if t.returncode != 0 or first_title not in t.stdout:
            fails.append(f"{name}: --plot-text does not show {first_title!r}")
        if os.listdir(cwd):
            fails.append(f"{name}: files written without --plots: {os.listdir(cwd)}")
    if fails:
        print("FAIL\n  " + "\n  ".join(fails))
        sys.exit(1)
    print("ok plots")


if __name__ == "__main__":
    main()
