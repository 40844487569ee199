#!/usr/bin/env python3
"""The sandbox (docs/security.md), observed at the system-call level with strace.

usage: check_sandbox.py MLS ROOT

Every example and every test script of tests/lang and tests/hostile runs under `strace -f`; then:
  - no process is created: one execve (mls itself), no fork/vfork, clone only for threads;
  - no network system call at all (socket, connect, bind, sendto, ...);
  - files are only opened read-only, and only: the shared libraries and loader cache, /proc/self and
    the CPU description in /sys (LLVM's host detection), /proc/sys/vm/overcommit_memory (glibc's
    malloc in threads), /dev/null, and files inside the script's
    own folder tree (the script, its imports); no file is created, removed, renamed or chmod-ed.
Then hostile imports in a scratch folder: a symlink pointing outside the folder, `sub/../../x`, an
absolute path: each is refused (E0113) and the file outside is never opened."""
import json, os, pathlib, re, shutil, subprocess, sys, tempfile

mls, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
strace = shutil.which("strace")
if not strace:
    print("strace is not installed (scripts/setup installs it)")
    sys.exit(1)

NETWORK = {"socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "sendto", "sendmsg", "sendmmsg",
           "recvfrom", "recvmsg", "recvmmsg", "getsockname", "getpeername", "setsockopt", "getsockopt", "shutdown"}
SPAWN = {"fork", "vfork", "execveat"}
MUTATE = {"unlink", "unlinkat", "rename", "renameat", "renameat2", "mkdir", "mkdirat", "rmdir", "chmod", "fchmodat",
          "chown", "fchownat", "lchown", "link", "linkat", "symlink", "symlinkat", "truncate", "creat", "mknod", "mknodat"}
# /proc/sys/vm/overcommit_memory: glibc's malloc reads it when a thread's arena gives memory back
# (malloc/arena.c, check_may_shrink_heap) — --threads workers free their chunks' recordings.
READ_OK = ("/etc/ld.so.cache", "/lib/", "/lib64/", "/usr/lib/", "/proc/self/", "/sys/devices/system/cpu", "/dev/null",
           "/dev/urandom", "/usr/share/locale/", "/usr/lib/locale/", "/proc/sys/vm/overcommit_memory")
CALL = re.compile(r"^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+|\?)")
UNFINISHED = re.compile(r"^(\d+)\s+(\w+)\((.*)<unfinished \.\.\.>")
env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
# Under the sanitizer build, LeakSanitizer's tracer would clash with strace's ptrace.
env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")


def traced(args, cwd):
    """Runs mls under strace; returns (completed process, list of (syscall, args, result))."""
    with tempfile.NamedTemporaryFile(suffix=".strace") as log:
        p = subprocess.run([strace, "-f", "-qq", "-s", "256", "-e", "trace=%process,%network,%file", "-o", log.name,
                            mls, "--color", "never"] + args, capture_output=True, text=True, errors="replace", cwd=cwd,
                           env=env, timeout=120)
        calls = []
        for line in open(log.name, errors="replace"):
            m = CALL.match(line)
            if m:
                calls.append((m.group(2), m.group(3), m.group(4)))
            elif (u := UNFINISHED.match(line)):  # a call interrupted by another thread's: counts as made
                calls.append((u.group(2), u.group(3), "0"))
        return p, calls


def violations(calls, folder):
    bad = []
    execs = 0
    for name, args, result in calls:
        if name == "execve":
            execs += 1
            if execs > 1:
                bad.append(f"spawned a process: execve({args[:80]})")
        elif name in SPAWN:
            bad.append(f"{name}()")
        elif name in ("clone", "clone3") and "CLONE_THREAD" not in args:
            bad.append(f"{name} of a process: {args[:80]}")
        elif name in NETWORK:
            bad.append(f"network: {name}({args[:80]})")
        elif name in MUTATE and not result.startswith("-"):
            bad.append(f"file system changed: {name}({args[:80]})")
        elif name in ("open", "openat", "openat2"):
            m = re.search(r'"((?:[^"\\]|\\.)*)"', args)
            path = m.group(1) if m else ""
            flags = args.split('"')[-1]
            if any(f in flags for f in ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC")):
                bad.append(f"opened for writing: {path} {flags.strip(', ')}")
            if result.startswith("-"):
                continue  # failed opens read nothing
            full = os.path.normpath(os.path.join(folder, path)) if not path.startswith("/") else path
            if not (full.startswith(READ_OK) or full == str(folder) or full.startswith(str(folder) + "/")):
                bad.append(f"read a file outside the script's folder: {full}")
    return bad


fails = 0
scripts = sorted((root / "examples").glob("*.mls")) + sorted((root / "tests" / "lang").glob("*.mls")) + \
          sorted((root / "tests" / "hostile").glob("*.mls"))
for f in scripts:
    p, calls = traced([f.name], f.parent)
    for b in violations(calls, f.parent):
        print(f"FAIL {f.relative_to(root)}: {b}")
        fails += 1

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp).resolve()
    outside = tmp / "outside.mls"
    outside.write_text("secret = 1 m\n")
    box = tmp / "box"
    (box / "sub").mkdir(parents=True)
    (box / "inside.mls").write_text("shared = 2 m\n")
    (box / "link.mls").symlink_to(outside)
    cases = {"symlink.mls": 'import "link.mls"\nprint secret\n',
             "dotdot.mls": 'import "sub/../../outside.mls"\nprint secret\n',
             "absolute.mls": f'import "{outside}"\nprint secret\n'}
    for name, text in cases.items():
        (box / name).write_text(text)
        p, calls = traced(["--diagnostics", "json", name], box)
        codes = [d.get("code") for d in json.loads(p.stderr or "[]")] if p.stderr.strip().startswith("[") else []
        opened_outside = [a for n, a, r in calls if n in ("open", "openat") and str(outside) in a and not r.startswith("-")]
        if p.returncode != 2 or "E0113" not in codes or opened_outside:
            print(f"FAIL import through {name}: exit {p.returncode}, codes {codes}, opened outside: {opened_outside}")
            fails += 1
        for b in violations(calls, box):
            print(f"FAIL {name}: {b}")
            fails += 1
    # the positive case: an import inside the folder is read
    (box / "ok.mls").write_text('import "inside.mls"\nprint shared\n')
    p, calls = traced(["ok.mls"], box)
    if p.returncode != 0 or p.stdout.strip() != "2 m":
        print(f"FAIL import inside the folder: exit {p.returncode}, {p.stdout!r} {p.stderr[:200]!r}")
        fails += 1

print(f"{len(scripts) + 4} runs traced; {fails} violations")
sys.exit(1 if fails else 0)
