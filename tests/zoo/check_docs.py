#!/usr/bin/env python3
"""docs/zoo.md is generated from the zoo (`mls zoo --format markdown`); fail when it is stale.
Regenerate with: build/mls zoo --format markdown > docs/zoo.md"""
import subprocess, sys
want = subprocess.run([sys.argv[1], "zoo", "--format", "markdown"], capture_output=True, text=True, check=True).stdout
have = open(sys.argv[2], encoding="utf-8").read()
if want != have:
    print("docs/zoo.md is stale: run `build/mls zoo --format markdown > docs/zoo.md`")
    sys.exit(1)
print("ok")
