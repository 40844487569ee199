#!/usr/bin/env python3
"""Language-server latency (issue 27: each request within 50 ms on a 1,000-line script). Opens a
generated 1,000-line script in `mls lsp`, then times: the first check (didOpen → diagnostics), a
re-check after an edit, and hover, completion, signature help, definition and document symbols
(median and worst of 20 each). Prints milliseconds; no assertion.

usage: bench/lsp.py [MLS]"""
import json, os, statistics, subprocess, sys, tempfile, time

mls = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "build", "mls")
lines = []
for i in range(250):
    lines += [f"bw{i} = {1 + i % 7}.35 TB/s",
              f"peak{i} = {900 + i} TFLOP/s",
              f"ridge{i} = peak{i} / bw{i} -> FLOP/B",
              f"r{i} = roofline(Llama3_8B, H100, batch = {1 + i % 64}, precision = fp16)"]
text = "\n".join(lines) + "\n"
assert len(lines) == 1000

p = subprocess.Popen([mls, "lsp", "--debounce", "0"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
nid = [0]


def send(o):
    b = json.dumps(o).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
    p.stdin.flush()


def read():
    h = b""
    while not h.endswith(b"\r\n\r\n"):
        h += p.stdout.read(1)
    n = int(h.split(b":")[1].split(b"\r\n")[0])
    return json.loads(p.stdout.read(n))


def request(method, params):
    nid[0] += 1
    send({"jsonrpc": "2.0", "id": nid[0], "method": method, "params": params})
    while True:
        m = read()
        if m.get("id") == nid[0]:
            return m


def wait_diagnostics():
    while True:
        m = read()
        if m.get("method") == "textDocument/publishDiagnostics":
            return m


uri = "file://" + os.path.join(tempfile.gettempdir(), "bench_lsp.mls")
request("initialize", {"capabilities": {}})
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})


def cpu_ms():
    """The server's CPU time so far (user + system): what a request costs, whatever the machine's load."""
    f = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
t = time.perf_counter()
c0 = cpu_ms()
send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "mls", "version": 1, "text": text}}})
wait_diagnostics()
first = (time.perf_counter() - t) * 1e3
first_cpu = cpu_ms() - c0
t = time.perf_counter()
c0 = cpu_ms()
send({"jsonrpc": "2.0", "method": "textDocument/didChange",
      "params": {"textDocument": {"uri": uri, "version": 2},
                 "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                     "text": "x = 1 s\n"}]}})
wait_diagnostics()
recheck = (time.perf_counter() - t) * 1e3
recheck_cpu = cpu_ms() - c0
td = {"uri": uri}
cases = {
    "hover": ("textDocument/hover", {"textDocument": td, "position": {"line": 500, "character": 10}}),
    "completion": ("textDocument/completion", {"textDocument": td, "position": {"line": 600, "character": 5}}),
    "signatureHelp": ("textDocument/signatureHelp", {"textDocument": td, "position": {"line": 800, "character": 30}}),
    "definition": ("textDocument/definition", {"textDocument": td, "position": {"line": 700, "character": 12}}),
    "documentSymbol": ("textDocument/documentSymbol", {"textDocument": td}),
}
print(f"1,000-line script: first check {first:.1f} ms (server CPU {first_cpu:.0f} ms), "
      f"re-check after an edit {recheck:.1f} ms (server CPU {recheck_cpu:.0f} ms)")
for name, (method, params) in cases.items():
    times = []
    c0 = cpu_ms()
    for _ in range(20):
        t = time.perf_counter()
        request(method, params)
        times.append((time.perf_counter() - t) * 1e3)
    cpu = (cpu_ms() - c0) / 20
    print(f"{name:15s} median {statistics.median(times):6.2f} ms   worst {max(times):6.2f} ms   server CPU {cpu:5.2f} ms/request")
request("shutdown", None)
send({"jsonrpc": "2.0", "method": "exit"})
p.wait(timeout=10)
