#!/usr/bin/env python3
"""The random sweeps of tests/cli/check_random_sweeps.py, run on the playground's WebAssembly build under
Node.js (web/node/mls-node.mjs) and on the native reference evaluator (`mls --no-jit`): stdout, stderr
and the exit code must be identical, as text and as CSV. The native JIT is held to the reference
evaluator by check_random_sweeps.py itself, so all three agree. Exit 77 (skipped) when Node.js or the
wasm build is missing (scripts/web-build makes it).

usage: check_wasm_sweeps.py MLS SITE_DIR [COUNT] [SEED]
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from check_random_sweeps import script  # noqa: E402
from seeded_scripts import finish, generated  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    site = os.path.abspath(sys.argv.pop(2))
    node = shutil.which("node")
    if not node or not os.path.exists(os.path.join(site, "mls.wasm")):
        print("SKIPPED: " + ("'node' is not installed (scripts/setup --web installs Node.js)" if not node else
                             f"no wasm build in {site} (scripts/web-build makes it)"))
        sys.exit(77)
    mls, env, seed, paths = generated("sweep", 12, 10, script)
    shim = os.path.join(ROOT, "web", "node", "mls-node.mjs")
    fails, exits = [], {}
    for path in paths:
        for fmt in ("text", "csv"):
            native = subprocess.run([mls, "--no-jit", "--format", fmt, path], capture_output=True, text=True, env=env, timeout=120)
            wasm = subprocess.run([node, shim, "--module", site, "--format", fmt, path], capture_output=True, text=True, env=env,
                                  timeout=300)
            a = (native.returncode, native.stdout, native.stderr)
            b = (wasm.returncode, wasm.stdout, wasm.stderr)
            if fmt == "text":
                exits[a[0]] = exits.get(a[0], 0) + 1
            if a != b:
                fails.append(f"{path} ({fmt}): the wasm build differs from the native reference evaluator\n"
                             f"  native: {a[0]} {a[1][:300]!r} {a[2][:300]!r}\n  wasm:   {b[0]} {b[1][:300]!r} {b[2][:300]!r}")
    finish(fails, exits, f"ok wasm sweeps: {len(paths)} scripts (seed {seed}) identical on the wasm build, exit codes {exits}")


if __name__ == "__main__":
    main()
