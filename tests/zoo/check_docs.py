#!/usr/bin/env python3
"""A generated doc must equal what mls generates now; fail when it is stale.
usage: check_docs.py MLS DOC ARGS...   (e.g. ... docs/zoo.md zoo --format markdown)
Regenerate with: build/mls ARGS > DOC"""
import subprocess, sys
mls, doc, args = sys.argv[1], sys.argv[2], sys.argv[3:]
want = subprocess.run([mls] + args, capture_output=True, text=True, check=True).stdout
if want != open(doc, encoding="utf-8").read():
    print(f"{doc} is stale: run `build/mls {' '.join(args)} > {doc}`")
    sys.exit(1)
print("ok")
