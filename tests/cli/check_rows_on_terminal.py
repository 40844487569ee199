#!/usr/bin/env python3
"""On a terminal, rows are written as they come (issue 24.3: elsewhere the sink writes them in 256 KiB
blocks, when a table ends or the run stops). A sweep whose only row comes at its first point and that
then runs for minutes must show that row on a pseudo-terminal while it is still running.

usage: check_rows_on_terminal.py MLS
"""
import os
import pty
import select
import subprocess
import sys
import tempfile
import time

SCRIPT = "for a in 1 .. 10000, b in 1 .. 3000000 {\n  row b = b\n} where b == 1 and a == 1\n"


def main():
    mls = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "first_row.mls")
        with open(path, "w") as f:
            f.write(SCRIPT)
        master, slave = pty.openpty()
        p = subprocess.Popen([mls, "--threads", "1", "--max-points", "100000000000", "--format", "csv", path], stdout=slave, stderr=subprocess.DEVNULL)
        os.close(slave)
        seen = b""
        try:
            while b"b\r\n1\r\n" not in seen:
                ready, _, _ = select.select([master], [], [], 120)
                if not ready:
                    break
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the other end closed: the process ended
                    break
                if not chunk:
                    break
                seen += chunk
            # Buffered, the row would come with the table's end, just before the process exits; written as it
            # comes, the loop's 3 x 10^10 points are far from done a second later.
            time.sleep(1.0)
            running = p.poll() is None
        finally:
            p.kill()
            p.wait()
            os.close(master)
    if b"b\r\n1\r\n" not in seen:
        print(f"FAIL: the row never reached the terminal: {seen[:200]!r}")
        return 1
    if not running:
        print("FAIL: the row reached the terminal only when the run ended (it was buffered)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
