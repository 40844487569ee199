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
