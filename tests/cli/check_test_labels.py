#!/usr/bin/env python3
"""Every registered test has a LABELS property, so `ctest -L LABEL` runs select every test (issue 32 item 5).

usage: check_test_labels.py CTEST BUILD_DIR
"""
import json
import subprocess
import sys

ctest, build = sys.argv[1], sys.argv[2]
tests = json.loads(subprocess.run([ctest, "--show-only=json-v1"], cwd=build, capture_output=True, text=True,
                                  check=True).stdout)["tests"]
bare = [t["name"] for t in tests if not any(p["name"] == "LABELS" and p["value"] for p in t.get("properties", []))]
for name in bare:
    print(f"FAIL: test {name} has no LABELS (set_tests_properties(... PROPERTIES LABELS ...) in tests/CMakeLists.txt)")
print(f"{'FAIL' if bare else 'ok'}: {len(tests) - len(bare)} of {len(tests)} tests labelled")
sys.exit(1 if bare else 0)
