#!/usr/bin/env python3
"""Drives the interactive REPL through a pseudo-terminal, as a person would (issue 9).

usage: check_repl_pty.py MLS

Typing, history recall (Up), tab completion of a zoo name and of a field, a multi-line `for`
block with its continuation prompt, Ctrl-C cancelling a half-typed entry, an error followed by a
successful use of the previous binding, Ctrl-R over a multi-line entry, and `:save` whose file, run as a script, prints the same.
"""
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


class Term:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(argv[0], argv, env)
        self.buf = ""

    def read(self, timeout=0.2):
        end = time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], max(0, end - time.time()))
            if not r:
                break
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            self.buf += data.decode("utf-8", "replace")

    def expect(self, text, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            clean = ANSI.sub("", self.buf)
            k = clean.find(text)
            if k >= 0:
                self.buf = clean[k + len(text):]  # consume up to the match
                return clean[: k + len(text)]
            self.read(0.1)
        raise AssertionError(f"timed out waiting for {text!r}; screen so far:\n{ANSI.sub('', self.buf)}")

    def send(self, keys):
        os.write(self.fd, keys.encode())

    def wait(self, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            self.read(0.1)
        os.kill(self.pid, 9)
        raise AssertionError("the REPL did not exit")


def main():
    mls = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp()
    env = dict(os.environ, HOME=tmp, MLS_HISTORY=os.path.join(tmp, "history"), NO_COLOR="1", TERM="xterm",
               LANG="C.UTF-8")
    t = Term([mls, "repl"], env)
    P = "mls> "
    t.expect(P)
    # typing
    t.send("bw = 3.35 TB/s\r")
    t.expect(P)
    t.send("peak = 989 TFLOP/s\r")
    t.expect(P)
    t.send("peak / bw -> FLOP/B\r")
    t.expect("= 295.2 FLOP/B  [Intensity]")
    t.expect(P)
    # history recall: Up, Enter runs it again
    t.send("\x1b[A\r")
    t.expect("= 295.2 FLOP/B  [Intensity]")
    t.expect(P)
    # Ctrl-R searches the history; Enter runs the line found (a rebinding, announced)
    t.send("\x12989")
    t.read(0.3)
    t.send("\r")
    t.expect("(peak rebound)")
    t.expect(P)
    # completion of a zoo name (unique prefix) and of a field after `.`
    t.send("Llama3_7\t")
    t.read(0.5)
    t.send(".param\t\r")
    t.expect("= 70.6 Gparam")
    t.expect(P)
    t.send("H100.bandw\t\r")
    t.expect("= 3.35 TB/s  [Bandwidth]")
    t.expect(P)
    # a multi-line block: continuation prompt, then the table
    t.send("for b in [1, 8] {\r")
    t.expect("...> ")
    t.send("row batch = b, t = roofline(Llama3_70B, H100, batch = b).latency\r")
    t.expect("...> ")
    t.send("}\r")
    t.expect("42.16 ms")
    t.expect(P)
    # Ctrl-R finds the multi-line entry and shows it on one line, its breaks as ↵ (issue 29); Enter
    # runs it again, whole
    t.send("\x12")
    t.send("for b")
    shown = t.expect("}")
    assert "for b in [1, 8] {\u21b5row batch = b" in shown, f"Ctrl-R shows the entry on one line: {shown!r}"
    t.send("\r")
    t.expect("42.16 ms")
    t.expect(P)
    # Ctrl-C drops a half-typed entry
    t.send("bw + 1 m")
    t.read(0.3)
    t.send("\x03")
    t.expect(P)
    # an error, then the previous binding still works
    t.send("bw = 1 m + 2 s\r")
    t.expect("error[E0301]")
    t.expect(P)
    t.send("bw * 2 s\r")
    t.expect("= 6.7 TB  [Information]")
    t.expect(P)
    # :save, then the file runs as a script and prints the same values
    saved = os.path.join(tmp, "session.mls")
    t.send(f":save {saved}\r")
    t.expect("saved")
    t.expect(P)
    t.send("\x04")  # Ctrl-D leaves
    code = t.wait()
    assert code == 2, f"exit code {code}, want 2: the worst entry of the session was a compile error (E0301)"
    p = subprocess.run([mls, saved], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    for want in ["295.2 FLOP/B  [Intensity]", "70.6 Gparam", "3.35 TB/s  [Bandwidth]", "42.16 ms", "6.7 TB  [Information]"]:
        assert want in p.stdout, f"saved script lacks {want!r}:\n{p.stdout}"
    # the history file was written and is bounded
    hist = open(os.path.join(tmp, "history"), encoding="utf-8", errors="replace").read()
    hist = re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1), 8)), hist)  # libedit's file encoding
    assert "peak = 989 TFLOP/s" in hist, hist
    print("ok repl through a pty")


if __name__ == "__main__":
    main()
