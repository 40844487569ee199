#!/usr/bin/env python3
"""spec/ holds copies of the solver spec and reference data; they must be byte-identical to the upstream files
beside the repository (../shared/design, ../shared/reference) when those exist. Exit 77 (ctest SKIPPED) when
there is no upstream to compare with."""
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
upstream = root.parent / "shared"
if not upstream.is_dir():
    print(f"no upstream spec at {upstream}: SKIPPED")
    sys.exit(77)
bad = []
for folder in ("design", "reference"):
    for f in sorted((root / "spec" / folder).iterdir()):
        up = upstream / folder / f.name
        if not up.exists():
            bad.append(f"spec/{folder}/{f.name} has no upstream file {up}")
        elif up.read_bytes() != f.read_bytes():
            bad.append(f"spec/{folder}/{f.name} differs from {up}: copy it again")
for name in ("design/MODELS.md", "reference/spec-cases.json", "reference/mlsysim-0.1.1-zoo.json"):
    if not (root / "spec" / name).exists():
        bad.append(f"spec/{name} is missing")
print("\n".join(bad) or "spec/ copies equal the upstream files")
sys.exit(1 if bad else 0)
