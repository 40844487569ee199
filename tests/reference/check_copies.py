#!/usr/bin/env python3
"""tests/reference holds copies of the project's reference data (test fixtures: the spec cases, MLSYSIM 0.1.1's
registry, the seed examples). They must be byte-identical to the upstream files beside the repository
(../shared/reference) when those exist; exit 77 (ctest SKIPPED) when there is no upstream to compare with."""
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
upstream = here.parents[2] / "shared" / "reference"
if not upstream.is_dir():
    print(f"no upstream reference at {upstream}: SKIPPED")
    sys.exit(77)
bad = []
for f in sorted(upstream.iterdir()):
    mine = here / f.name
    if not mine.exists():
        bad.append(f"{f} has no copy in tests/reference")
    elif mine.read_bytes() != f.read_bytes():
        bad.append(f"tests/reference/{f.name} differs from {f}: copy it again")
print("\n".join(bad) or "tests/reference copies equal the upstream files")
sys.exit(1 if bad else 0)
