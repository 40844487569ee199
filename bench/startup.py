#!/usr/bin/env python3
"""Start-up benchmark (a measurement, not a test): median wall time of 20 runs of
`mls -e '1 m'`, a zoo-using script and one `mls solve`. usage: bench/startup.py [build/mls]"""
import statistics, subprocess, sys, time
mls = sys.argv[1] if len(sys.argv) > 1 else "build/mls"
def median_ms(cmd, n=20):
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1000
for label, cmd in [("mls -e '1 m'", [mls, "-e", "1 m"]),
                   ("zoo-using script (examples/wall04_serving.mls)", [mls, "examples/wall04_serving.mls"]),
                   ("mls solve engine_solve", [mls, "solve", "engine_solve", "--args", '{"model":"Llama3_8B","hardware":"H100"}'])]:
    print(f"{label}: {median_ms(cmd):.1f} ms (median of 20)")
