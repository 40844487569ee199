#!/usr/bin/env python3
"""A Python host embedding MLS (docs/embedding.md): a mistake as an object, a roofline run, its latency
converted. Run with the module on the path: PYTHONPATH=build/python python3 examples/embed/embed.py"""
import mls

engine = mls.Engine()

# A mistake: a diagnostic object with its code, span and the one computed fix.
check = engine.check("bw = 3.35 TB/s\npeak = 989 TFLOP/s\ntotal = peak + bw\n")
d = check.diagnostics[0]
print(d.code, f"line {d.span.line}:", d.message)
print("  help:", d.help)

# A roofline of Llama-3 70B on an H100: the printed record, its latency converted.
result = engine.run("r = roofline(Llama3_70B, H100, batch = 1)\nprint r\n")
r = result.prints[0]
print(r.kind_display, "latency", r.latency, "=", r.latency.to("us"), f"({r.latency.si} s), {r.bottleneck}-bound")

# Quantities print with their unit and convert; a unit of another dimension raises mls.Error.
bw = engine.quantity("400 Gbps")
print(bw, "=", bw.to("GB/s"))
try:
    bw.to("ms")
except mls.Error as e:
    print("refused:", e.code, e.help)

# A session, as the REPL has it: names persist from one entry to the next; a failing entry changes nothing.
session = engine.session()
session.run("bw = 3.35 TB/s")
print("session:", session.run("989 TFLOP/s / bw -> FLOP/B").text.strip(), "| bw is", session.type_of("bw"))

# Every output format is rendered from the same result objects: a table as markdown for a report.
sweep = engine.run("for b in [1, 8, 64] {\n  row batch = b, t = roofline(Llama3_8B, H100, batch = b).latency -> ms\n}\n")
print(engine.render(sweep, "markdown").strip())
