#!/usr/bin/env python3
"""The reference data in tests/reference must be byte-identical to the upstream copies beside the repository
(../shared/reference) when those exist; exit 77 (ctest SKIPPED) when they do not."""
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
upstream = here.parents[2] / "shared" / "reference"
if not upstream.is_dir():
    print(f"no upstream reference at {upstream}: SKIPPED")
    sys.exit(77)
stale = [f.name for f in sorted(here.glob("*.json")) if (upstream / f.name).read_bytes() != f.read_bytes()]
missing = [f.name for f in sorted(upstream.glob("*.json")) if not (here / f.name).exists()]
for name in stale:
    print(f"tests/reference/{name} differs from {upstream / name}: copy it again")
for name in missing:
    print(f"{upstream / name} has no copy in tests/reference")
sys.exit(1 if stale or missing else 0)
