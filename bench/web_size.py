#!/usr/bin/env python3
"""The playground's transferred size (issue 28): every file of the built site (scripts/web-build) raw
and gzip-compressed (level 9, what a static host with compression sends), and the time to fetch it all
at a given bandwidth (default 10 Mbit/s, a normal connection; ≤ 2 s is the goal).

usage: web_size.py [SITE_DIR] [MBIT_PER_S]
"""
import gzip
import os
import sys

site = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build-web", "site")
mbit = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
if not os.path.exists(os.path.join(site, "mls.wasm")):
    sys.exit(f"web_size: no site in {site} (run scripts/web-build)")
rows, raw_total, gz_total = [], 0, 0
for name in sorted(os.listdir(site)):
    data = open(os.path.join(site, name), "rb").read()
    gz = len(gzip.compress(data, 9))
    rows.append((name, len(data), gz))
    raw_total += len(data)
    gz_total += gz
print("| file | raw | gzip -9 |\n|---|---|---|")
for name, raw, gz in rows:
    print(f"| {name} | {raw / 1024:.0f} KiB | {gz / 1024:.0f} KiB |")
print(f"| total | {raw_total / 1024:.0f} KiB | {gz_total / 1024:.0f} KiB |")
print(f"\ntransfer at {mbit:g} Mbit/s: {gz_total * 8 / (mbit * 1e6):.2f} s (gzip)")
