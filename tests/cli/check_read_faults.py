#!/usr/bin/env python3
"""Reading a script costs what its size needs (issue 24, start-up): running a small script from a file
takes about as many page faults as running the same text with `-e`. Reading into a zero-filled buffer
of the whole 4 MiB source limit cost ~1,000 more (~10 ms at every start-up). Page faults, not times:
the minimum over a few runs of each, so the check does not depend on the machine's load.

usage: check_read_faults.py MLS
"""
import os
import subprocess
import sys
import tempfile

TEXT = "x = 3.35 TB/s\nprint x * 2 s -> GB\n"


def faults(cmd):
    best = None
    for _ in range(5):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"FAIL {cmd} exited with {os.waitstatus_to_exitcode(status)}")
        n = ru.ru_minflt + ru.ru_majflt
        best = n if best is None else min(best, n)
    return best


def main():
    mls = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "small.mls")
        with open(path, "w") as f:
            f.write(TEXT)
        from_file = faults([mls, path])
        from_text = faults([mls, "-e", TEXT])
    extra = from_file - from_text
    print(f"page faults: {from_file} from a file, {from_text} with -e ({extra:+d})")
    if extra > 300:  # 4 MiB zero-filled = 1,024 pages; a 64 KiB chunk is 16
        print("FAIL reading a 40-byte script faulted in far more memory than it needs")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
