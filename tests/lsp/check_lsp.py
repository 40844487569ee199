#!/usr/bin/env python3
"""A scripted Language Server Protocol client drives `mls lsp` (issue 27): initialize; didOpen of a
file with a units error → publishDiagnostics with the code and range; a quick fix that, applied, makes
the diagnostic disappear; hover shows the dimension; completion after `H1` offers H100 and after `r.`
the result's fields; signature help, definition, symbols; malformed JSON-RPC and out-of-range
positions get errors, not crashes; shutdown/exit with status 0.

usage: check_lsp.py MLS"""
import json, os, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from check_report import Checks  # noqa: E402

mls = sys.argv[1]
check = Checks()


class Client:
    def __init__(self, env):
        self.p = subprocess.Popen([mls, "lsp", "--debounce", "30"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env)
        self.next_id = 1
        self.pending = []  # notifications read while waiting for a reply

    def send_raw(self, data: bytes):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self, timeout=20):
        headers = b""
        deadline = time.time() + timeout
        while not headers.endswith(b"\r\n\r\n"):
            c = self.p.stdout.read(1)
            if not c:
                raise EOFError("the server closed its output")
            headers += c
            if time.time() > deadline:
                raise TimeoutError("no message")
        n = int([h for h in headers.decode().split("\r\n") if h.lower().startswith("content-length")][0].split(":")[1])
        return json.loads(self.p.stdout.read(n))

    def request(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == i and "method" not in m:
                return m
            self.pending.append(m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        """The next publishDiagnostics for uri (from what was read already, else read on)."""
        while True:
            for k, m in enumerate(self.pending):
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                    del self.pending[k]
                    return m["params"]["diagnostics"]
            self.pending.append(self.read())


def pos(line, ch):
    return {"line": line, "character": ch}


with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
    c = Client(env)
    uri = "file://" + os.path.join(tmp, "model.mls")

    # before initialize: an error, not a crash
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(0, 0)})
    check(r.get("error", {}).get("code") == -32002, "a request before initialize gets ServerNotInitialized")

    r = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = r["result"]["capabilities"]
    check(caps.get("hoverProvider") and "completionProvider" in caps and caps.get("definitionProvider"),
          "initialize announces hover, completion, definition")
    c.notify("initialized", {})

    # 1. a units error: code and range
    text = "bw   = 3.35 TB/s\npeak = 989 TFLOP/s\nbad  = bw + peak\n"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "mls", "version": 1, "text": text}})
    ds = c.diagnostics(uri)
    check(len(ds) == 1 and ds[0].get("code", "").startswith("E03"), f"didOpen publishes the units error (got {[d.get('code') for d in ds]})")
    if ds:
        rg = ds[0]["range"]
        check(rg["start"] == pos(2, 7) and rg["end"] == pos(2, 16), f"the error's range is `bw + peak` (got {rg})")
        check("help" in ds[0]["message"] and ds[0]["severity"] == 1, "the message carries the help; severity error")

    # 2. a quick fix that removes the diagnostic
    fix_text = "r = roofline(Llama3_70B, H10O, batch = 1, precision = fp16)\nprint r.latency\n"
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fix_text}]})
    ds = c.diagnostics(uri)
    check(len(ds) == 1, f"a misspelt zoo name is one diagnostic (got {[d.get('code') for d in ds]})")
    if ds:
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": ds[0]["range"],
                                                  "context": {"diagnostics": ds}})
        acts = r.get("result") or []
        check(len(acts) >= 1 and acts[0]["kind"] == "quickfix", f"codeAction offers a quick fix (got {acts})")
        if acts:
            edit = acts[0]["edit"]["changes"][uri][0]
            lines = fix_text.split("\n")
            s, e = edit["range"]["start"], edit["range"]["end"]
            check(s["line"] == e["line"], "the fix edits one line")
            line = lines[s["line"]]
            lines[s["line"]] = line[:s["character"]] + edit["newText"] + line[e["character"]:]
            fixed = "\n".join(lines)
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]})
            ds = c.diagnostics(uri)
            check(ds == [], f"applying the fix makes the diagnostic disappear (got {ds})")

    # 3. hover, completion, signature help, definition, symbols on a good script
    good = ("bw = 3.35 TB/s\n"
            "r = roofline(Llama3_70B, H100, batch = 1, precision = fp16)\n"
            "lat = r.latency\n"
            "x = H1\n")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": good}]})
    c.diagnostics(uri)
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(0, 7)})
    hv = (r.get("result") or {}).get("contents", {}).get("value", "")
    check("Bandwidth" in hv and "B/s" in hv, f"hover on `3.35 TB/s` shows Bandwidth and B/s (got {hv!r})")
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(1, 26)})
    hv = (r.get("result") or {}).get("contents", {}).get("value", "")
    check("hardware" in hv and "source:" in hv, f"hover on H100 shows the entry's provenance (got {hv[:200]!r})")

    r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos(3, 6)})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("H100" in labels, f"completion after `H1` offers H100 (got {labels[:10]})")

    # `r.` typed at the end of the document (the text does not parse)
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                         "contentChanges": [{"range": {"start": pos(4, 0), "end": pos(4, 0)}, "text": "y = r."}]})
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos(4, 6)})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("latency" in labels and "bottleneck" in labels, f"completion after `r.` offers the result's fields (got {labels[:12]})")

    r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos(0, 11)})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("TB" in labels and "H100" not in labels and "print" not in labels,
          f"completion of `3.35 T` offers units only (got {labels[:10]})")
    r = c.request("textDocument/signatureHelp", {"textDocument": {"uri": uri}, "position": pos(1, 31)})
    sig = (r.get("result") or {})
    check(sig and sig["signatures"][0]["label"].startswith("roofline(") and sig["activeParameter"] == 2,
          f"signature help inside roofline( on the third argument (got {sig})")
    r = c.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": pos(2, 6)})
    loc = r.get("result") or {}
    check(loc.get("uri") == uri and loc["range"]["start"]["line"] == 1, f"definition of `r` is its binding (got {loc})")
    r = c.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": pos(1, 27)})
    loc = r.get("result") or {}
    zoo_file = loc.get("uri", "").replace("file://", "")
    check(zoo_file.endswith("zoo/hardware/cloud.mls") and os.path.exists(zoo_file) and
          not os.access(zoo_file, os.W_OK) if os.geteuid() != 0 else zoo_file.endswith("zoo/hardware/cloud.mls"),
          f"definition of H100 opens the built-in zoo source, read-only (got {loc})")
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    names = [s["name"] for s in r.get("result") or []]
    check(names[:3] == ["bw", "r", "lat"], f"document symbols list the bindings (got {names})")

    # 4. robustness
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    m = c.read()
    check(m.get("error", {}).get("code") == -32700, f"malformed JSON gets ParseError (got {m})")
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(999, 0)})
    check(r.get("error", {}).get("code") == -32602, f"an out-of-range position gets InvalidParams (got {r})")
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": "x"}})
    check(r.get("error", {}).get("code") == -32602, "a malformed position gets InvalidParams")
    r = c.request("no/such/method", {})
    check(r.get("error", {}).get("code") == -32601, "an unknown method gets MethodNotFound")
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///not/open.mls"}, "position": pos(0, 0)})
    check(r.get("error", {}).get("code") == -32602, "a document that is not open gets InvalidParams")

    # half-typed text: every prefix of an example (in steps), with completion and hover at its end
    example = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                                "when_it_does_not_fit.mls")).read()
    answered = 0
    steps = list(range(0, len(example), max(1, len(example) // 40)))
    for k, n in enumerate(steps):
        part = example[:n]
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 10 + k}, "contentChanges": [{"text": part}]})
        last = part.split("\n")
        end = pos(len(last) - 1, len(last[-1]))
        for method in ("textDocument/completion", "textDocument/hover", "textDocument/signatureHelp"):
            r = c.request(method, {"textDocument": {"uri": uri}, "position": end})
            answered += "result" in r
    check(answered == 3 * len(steps), f"every request on half-typed text is answered ({answered}/{3 * len(steps)})")
    check(c.p.poll() is None, "the server is still running after the half-typed texts")

    r = c.request("shutdown", None)
    check("result" in r and r["result"] is None, "shutdown answers null")
    c.notify("exit", None)
    try:
        rc = c.p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        c.p.kill()
        rc = None
    check(rc == 0, f"exit after shutdown ends the server with status 0 (got {rc})")

check.done("mls lsp")
