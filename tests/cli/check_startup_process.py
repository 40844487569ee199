#!/usr/bin/env python3
"""The `mls` process's start-up measures (issue 24, goal 4; runtime/cli/early_heap.cpp,
cmake/static_deps.cmake) do what they say and change no output:
- the C libraries CMake found as archives are not among the executable's shared libraries (ELF NEEDED);
- the first static initialiser marks a 2 MB-aligned heap range MADV_HUGEPAGE and prefaults .bss (strace;
  skipped without it), and does neither when MLS_NO_HUGE_HEAP=1;
- where transparent huge pages are enabled, a zoo-using script takes fewer page faults with it than
  without, and every output is byte-identical either way.

usage: check_startup_process.py MLS ROOT [STATIC_LIBS]   (STATIC_LIBS: `z;zstd;edit`, the archives linked)
"""
import os
import re
import shutil
import subprocess
import sys

MLS, ROOT = sys.argv[1], sys.argv[2]
STATIC = [s for s in (sys.argv[3] if len(sys.argv) > 3 else "").split(";") if s]
SCRIPT = os.path.join(ROOT, "examples", "wall04_serving.mls")
failures = []


def needed_libraries(path):
    """DT_NEEDED names of an ELF file, read with readelf (binutils, installed with g++)."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


needed = needed_libraries(MLS)
for lib in STATIC:
    if any(n.startswith(f"lib{lib}.so") for n in needed):
        failures.append(f"lib{lib} was linked as an archive but mls still needs lib{lib}.so: {needed}")


def faults(args, env_extra):
    """Minor page faults of one run (the child's rusage)."""
    env = dict(os.environ, **env_extra)
    p = subprocess.Popen([MLS] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        failures.append(f"mls {' '.join(args)} failed ({env_extra})")
    return ru.ru_minflt


# Outputs: identical with and without the huge-page heap.
for args in (["-e", "1 m"], [SCRIPT], ["--format", "json", SCRIPT], ["--version"]):
    on = subprocess.run([MLS] + args, capture_output=True, cwd=ROOT, env=dict(os.environ, MLS_NO_HUGE_HEAP="0"))
    off = subprocess.run([MLS] + args, capture_output=True, cwd=ROOT, env=dict(os.environ, MLS_NO_HUGE_HEAP="1"))
    if (on.returncode, on.stdout, on.stderr) != (off.returncode, off.stdout, off.stderr):
        failures.append(f"mls {' '.join(args)}: output differs with MLS_NO_HUGE_HEAP=1")
    if on.returncode != 0:
        failures.append(f"mls {' '.join(args)} exited {on.returncode}: {on.stderr[-300:]}")

# The madvise call itself.
if shutil.which("strace"):
    def hugepage_calls(no_huge):
        p = subprocess.run(["strace", "-f", "-e", "trace=madvise", MLS, "-e", "1 m"], capture_output=True, text=True,
                           cwd=ROOT, env=dict(os.environ, MLS_NO_HUGE_HEAP=no_huge))
        return re.findall(r"madvise\((0x[0-9a-f]+), (\d+), MADV_HUGEPAGE\) = (-?\d+)", p.stderr)
    calls = hugepage_calls("0")
    if len(calls) != 1:
        failures.append(f"expected one MADV_HUGEPAGE call at start-up, saw {calls}")
    else:
        addr, length, _ = calls[0]
        if int(addr, 16) % (2 << 20) or int(length) % (2 << 20) or int(length) < (2 << 20):
            failures.append(f"MADV_HUGEPAGE range not whole 2 MB pages: {calls[0]}")
    if hugepage_calls("1"):
        failures.append("MLS_NO_HUGE_HEAP=1 still marks the heap")
    p = subprocess.run(["strace", "-e", "trace=madvise", MLS, "-e", "1 m"], capture_output=True, text=True, cwd=ROOT)
    if not re.search(r"madvise\(0x[0-9a-f]+, \d+, MADV_POPULATE_WRITE\) = ", p.stderr):
        failures.append("no MADV_POPULATE_WRITE of .bss at start-up")
else:
    print("strace not installed: the madvise check skipped")


def thp_enabled():
    try:
        mode = open("/sys/kernel/mm/transparent_hugepage/enabled").read()
        size = open("/sys/kernel/mm/transparent_hugepage/hugepages-2048kB/enabled").read() \
            if os.path.exists("/sys/kernel/mm/transparent_hugepage/hugepages-2048kB/enabled") else "[inherit]"
    except OSError:
        return False
    return "[never]" not in mode and "[never]" not in size


# The point of it: fewer page faults (deterministic enough: the minimum of 3 runs each).
if thp_enabled():
    with_huge = min(faults([SCRIPT], {"MLS_NO_HUGE_HEAP": "0"}) for _ in range(3))
    without = min(faults([SCRIPT], {"MLS_NO_HUGE_HEAP": "1"}) for _ in range(3))
    print(f"page faults of {os.path.basename(SCRIPT)}: {with_huge} with the huge-page heap, {without} without")
    if with_huge > 0.8 * without:
        failures.append(f"the huge-page heap saved too few page faults: {with_huge} against {without}")
else:
    print("transparent huge pages off: the page-fault comparison skipped")

for f in failures:
    print("FAIL", f)
print("ok" if not failures else f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
