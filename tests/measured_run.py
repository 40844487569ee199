"""Runs a command to its end and measures it: the python checks of bounds (time, peak memory) share this."""
import os, subprocess, threading, time


def run_measured(cmd, stdin_data=None, stdin_file=None, preexec=None, timeout=120, cwd=None, clock="wall"):
    """Runs cmd, feeding stdin_data (a str) or the file stdin_file; kills it after `timeout` s of wall time.
    Returns (exit code, stdout, stderr, seconds, the child's own peak RSS in MB). seconds is wall time, or with
    clock="cpu" the child's own user + system CPU time: a bound on work that a loaded machine does not inflate."""
    t = time.time()
    src = open(stdin_file, "rb") if stdin_file else subprocess.PIPE
    p = subprocess.Popen(cmd, stdin=src, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=preexec, cwd=cwd)
    out, err = [], []
    readers = [threading.Thread(target=lambda f, b: b.append(f.read()), args=(f, b)) for f, b in ((p.stdout, out), (p.stderr, err))]
    for r in readers:
        r.start()
    if not stdin_file:
        try:
            p.stdin.write((stdin_data or "").encode())
            p.stdin.close()
        except BrokenPipeError:
            pass
    killer = threading.Timer(timeout, p.kill)
    killer.start()
    _, status, ru = os.wait4(p.pid, 0)  # the child's own rusage (Popen.wait would discard it)
    killer.cancel()
    for r in readers:
        r.join()
    if stdin_file:
        src.close()
    dec = lambda b: b[0].decode("utf-8", "replace")
    secs = ru.ru_utime + ru.ru_stime if clock == "cpu" else time.time() - t
    return os.waitstatus_to_exitcode(status), dec(out), dec(err), secs, ru.ru_maxrss / 1024
