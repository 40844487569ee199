#!/usr/bin/env python3
"""The playground's load (issue 28, docs/playground.md): every file of the built site (scripts/web-build)
raw, gzip -9 and brotli -q 11 (the precompressed files web-build writes), and the cold-cache load in
headless Chromium under DevTools network throttling (web/tools/load_time.mjs): bytes transferred, when
mls.wasm's last byte arrived and when the engine was ready, in ms after navigation started.

The goal is ≤ 2 s on a normal connection, taken as Lighthouse's desktop profile (`desktopDense4G`:
10,240 kbit/s, 40 ms RTT, "Dense 4G 25th percentile"). DevTools throttles per request, not per packet, so
the first profile applies the factors Lighthouse itself uses for DevTools throttling (latency x 3.75,
throughput x 0.9); the second is the profile as given; the third has no throttling, so that its time
is the load's CPU part alone (compiling mls.wasm, starting the engine), which a busy machine stretches
(the load average is printed with the table).

usage: web_load.py [SITE_DIR] [--runs N] [--chromium PATH]   (exit 77 when node or Chromium is missing)
"""
import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PROFILES = [("Lighthouse desktop, DevTools-adjusted (9.2 Mbit/s, 150 ms)", 10.24 * 0.9, 40 * 3.75),
            ("Lighthouse desktop as given (10.24 Mbit/s, 40 ms)", 10.24, 40),
            ("no throttling: the CPU part alone (compile, start)", 0, 0)]
COMPRESSED = (".html", ".js", ".mjs", ".css", ".json", ".wasm")


def precompress(site):
    """The site with NAME.gz and NAME.br beside each file (as scripts/web-build writes them); a copy
    when the site has none (an older build)."""
    names = [n for n in sorted(os.listdir(site)) if n.endswith(COMPRESSED)]
    if all(os.path.exists(os.path.join(site, n + ".gz")) for n in names):
        return site, None
    tmp = tempfile.mkdtemp(prefix="mls-web-load-")
    for n in os.listdir(site):
        shutil.copy(os.path.join(site, n), tmp)
    for n in names:
        path = os.path.join(tmp, n)
        with open(path, "rb") as f, open(path + ".gz", "wb") as out:
            out.write(gzip.compress(f.read(), 9, mtime=0))
        if shutil.which("brotli"):
            subprocess.run(["brotli", "-q", "11", "-w", "24", "-k", "-f", path], check=True)
    return tmp, tmp


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else None


def kib(n):
    return "–" if n is None else f"{n / 1024:,.0f} KiB"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", nargs="?", default=os.path.join(ROOT, "build-web", "site"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--chromium", default=os.environ.get("MLS_CHROMIUM", "/usr/bin/chromium"))
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.site, "mls.wasm")):
        sys.exit(f"web_load: no site in {a.site} (run scripts/web-build)")
    for tool, path in (("node", shutil.which("node")), ("chromium", a.chromium if os.access(a.chromium, os.X_OK) else None),
                       ("web/node_modules (scripts/web-build installs it)", shutil.which("puppeteer-core") or
                        (os.path.join(ROOT, "web", "node_modules", "puppeteer-core") if os.path.isdir(os.path.join(ROOT, "web", "node_modules", "puppeteer-core")) else None))):
        if not path:
            print(f"web_load: SKIPPED: no {tool}")
            sys.exit(77)
    site, tmp = precompress(a.site)
    try:
        names = [n for n in sorted(os.listdir(site)) if not n.endswith((".gz", ".br"))]
        totals = [0, 0, 0]
        print("| file | raw | gzip -9 | brotli -q 11 |\n|---|---|---|---|")
        for n in names:
            raw, gz, br = size(os.path.join(site, n)), size(os.path.join(site, n + ".gz")), size(os.path.join(site, n + ".br"))
            gz, br = gz or raw, br or gz or raw
            totals = [t + v for t, v in zip(totals, (raw, gz, br))]
            print(f"| {n} | {kib(raw)} | {kib(gz)} | {kib(br)} |")
        print(f"| total | {kib(totals[0])} | {kib(totals[1])} | {kib(totals[2])} |")
        load = os.path.join(ROOT, "web", "tools", "load_time.mjs")
        encodings = ["br", "gzip"] if size(os.path.join(site, "mls.wasm.br")) else ["gzip"]
        print(f"\ncold-cache load, median of {a.runs} runs (ms after navigation; load average {os.getloadavg()[0]:.1f}):\n")
        print("| profile | encoding | transferred | mls.wasm downloaded | engine ready |\n|---|---|---|---|---|")
        for label, mbit, rtt in PROFILES:
            for enc in encodings:
                out = subprocess.run(["node", load, site, "--down-mbit", str(mbit), "--rtt-ms", str(rtt), "--encoding", enc,
                                      "--runs", str(a.runs), "--chromium", a.chromium], capture_output=True, text=True, timeout=900)
                if out.returncode != 0:
                    sys.exit(f"web_load: load_time.mjs failed:\n{out.stderr}")
                rs = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
                med = lambda k: statistics.median(r[k] for r in rs)
                ready = ", ".join(str(r["ready_ms"]) for r in rs)
                print(f"| {label} | {enc} | {kib(med('transferred_bytes'))} | {med('wasm_done_ms'):.0f} ms | "
                      f"{med('ready_ms'):.0f} ms ({ready}) |")
    finally:
        if tmp:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
