#!/usr/bin/env python3
"""A scripted Model Context Protocol client drives `mls mcp` (issue 25, item 7): initialize,
tools/list, tools/call of every tool — a good and a bad script (the bad one's diagnostic comes back as
data with its code), a solver run on JSON arguments and one whose arguments do not check — plus
malformed input and an unknown tool.

usage: check_mcp.py MLS"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from check_report import Checks  # noqa: E402

mls = sys.argv[1]
check = Checks()


p = subprocess.Popen([mls, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
nid = [0]


def send_line(line):
    p.stdin.write(line + "\n")
    p.stdin.flush()


def request(method, params=None):
    nid[0] += 1
    send_line(json.dumps({"jsonrpc": "2.0", "id": nid[0], "method": method, "params": params or {}}))
    return json.loads(p.stdout.readline())


def call(tool, args):
    r = request("tools/call", {"name": tool, "arguments": args})
    return r.get("result") or r


r = request("tools/list")
check(r.get("error", {}).get("code") == -32002, "tools/list before initialize is refused")
r = request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}})
check(r["result"]["protocolVersion"] == "2025-06-18" and "tools" in r["result"]["capabilities"], "initialize negotiates 2025-06-18")
send_line(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))

tools = request("tools/list")["result"]["tools"]
names = [t["name"] for t in tools]
check(names == ["list_zoo", "describe_solver", "run_solver", "run_script", "explain"], f"tools/list (got {names})")
check(all(t["inputSchema"]["type"] == "object" for t in tools), "every tool has an object input schema")

r = call("list_zoo", {"kind": "hardware", "search": "h100"})
es = r["structuredContent"]["entries"]
check(any(e["name"] == "H100" and e["source"] for e in es) and all(e["kind"] == "hardware" for e in es),
      f"list_zoo finds H100 with its source ({[e['name'] for e in es]})")

r = call("describe_solver", {"name": "roofline"})
s = r["structuredContent"]["solvers"]
check(len(s) == 1 and any(pp["name"] == "hardware" and pp["required"] for pp in s[0]["parameters"]) and "latency" in s[0]["results"],
      "describe_solver roofline: parameters and result fields")

r = call("run_solver", {"solver": "roofline", "arguments": {"model": "Llama3_70B", "hardware": "H100", "batch_size": 1}})
res = r["structuredContent"].get("result", {})
check(r["isError"] is False and "latency" in json.dumps(res), f"run_solver roofline returns its result ({str(res)[:120]})")
r = call("run_solver", {"solver": "roofline", "arguments": {"model": "Llama3_70B", "hardware": "H100", "batch_size": "3 GB/s"}})
d = r["structuredContent"].get("diagnostics", [])
check(r["isError"] is True and d and d[0]["code"].startswith("E0"), f"run_solver with a wrong unit: an error with a code ({d[:1]})")

r = call("run_script", {"source": "bw = 3.35 TB/s\npeak = 989 TFLOP/s\nprint peak / bw -> FLOP/B\n"})
check(r["isError"] is False and "295.2 FLOP/B" in r["structuredContent"]["output"], f"run_script prints the ridge ({r['structuredContent']['output']!r})")
r = call("run_script", {"source": "x = 3.35 TB/s + 989 TFLOP/s\n"})
d = r["structuredContent"]["diagnostics"]
check(r["isError"] is True and r["structuredContent"]["exit_code"] == 2 and d[0]["code"] == "E0301" and d[0]["line"] == 1 and d[0]["help"],
      "run_script with a units mistake: E0301 with its line and help, as data")
r = call("run_script", {"source": "x = 3 s\nprint x", "check_only": True})
check(r["isError"] is False and r["structuredContent"]["output"] == "", "run_script check_only checks without running")
r = call("explain", {"code": "E0301"})
check(r["isError"] is False and "E0301" in r["content"][0]["text"], "explain E0301")

r = request("tools/call", {"name": "rm_rf", "arguments": {}})
check(r.get("error", {}).get("code") == -32602, "an unknown tool is an InvalidParams error")
send_line("{oops")
r = json.loads(p.stdout.readline())
check(r.get("error", {}).get("code") == -32700, "a line that is not JSON gets ParseError")
r = request("ping")
check(r.get("result") == {}, "ping answers after bad input")
p.stdin.close()
check(p.wait(timeout=10) == 0, "the server exits 0 at the end of its input")
check.done("mls mcp")
