#!/usr/bin/env python3
"""The smallest program lld links wrong, and cmake/fix_eh_frame_hdr.py repairing it (the `mls` link).

tests/cli/eh_frame_hdr/: an empty FDE (empty_cold.s) placed by a symbol ordering file at the address
where the `.cold` part of with_cleanup() starts (thrower.cpp); the exception crosses that cleanup.
Linked by lld like `mls` (-no-pie, static libstdc++ and libgcc): the program must print "caught" once
the script has repaired it, and the script's --check must pass afterwards. Whether the unrepaired
program aborts (lld 14 and 16 do; upstream lld drops zero-range FDEs since llvm-project#220492) is
reported, not required. Skipped (77) without lld.

usage: check_eh_frame_hdr_repair.py ROOT CXX
"""
import os
import subprocess
import sys
import tempfile

ROOT, CXX = sys.argv[1], sys.argv[2]
SRC = os.path.join(ROOT, "tests", "cli", "eh_frame_hdr")
FIX = os.path.join(ROOT, "cmake", "fix_eh_frame_hdr.py")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


with tempfile.TemporaryDirectory() as tmp:
    exe = os.path.join(tmp, "thrower")
    link = run([CXX, "-O2", "-ffunction-sections", "-no-pie", "-static-libstdc++", "-static-libgcc",
                "-fuse-ld=lld", f"-Wl,--symbol-ordering-file={os.path.join(SRC, 'order.txt')}",
                os.path.join(SRC, "empty_cold.s"), os.path.join(SRC, "thrower.cpp"), "-o", exe])
    if link.returncode != 0:
        print(f"skipped: cannot link with lld:\n{link.stderr}")
        sys.exit(77)
    before = run([exe])
    print(f"as linked by lld: exit {before.returncode}, stdout {before.stdout!r}")
    fix = run([sys.executable, FIX, exe])
    print(fix.stdout + fix.stderr, end="")
    after = run([exe])
    check = run([sys.executable, FIX, exe, "--check"])
    failures = []
    if fix.returncode != 0:
        failures.append(f"fix_eh_frame_hdr.py failed: {fix.stderr}")
    if after.returncode != 0 or "caught" not in after.stdout:
        failures.append(f"repaired program: exit {after.returncode}, stdout {after.stdout!r}")
    if check.returncode != 0:
        failures.append(f"--check after the repair: {check.stdout}")
    if before.returncode != 0 and "1 pointed at the wrong FDE" not in fix.stdout:
        failures.append("the unrepaired program aborted but the script found nothing to repair")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
