#!/usr/bin/env python3
"""`mls eval` and `mls optimize` print exactly what the equivalent one-line script prints."""
import subprocess, sys
mls = sys.argv[1]
pairs = [
    (["eval", "ChatbotServing"], "print evaluate(ChatbotServing)"),
    (["eval", "KeywordSpotting", "precision=int8"], "print evaluate(KeywordSpotting, precision = int8)"),
    (["optimize", "parallelism", "GPT3_175B_R4", "H100_2K_NDR", "batch=1536"], "print optimize_parallelism(GPT3_175B_R4, H100_2K_NDR, batch = 1536)"),
    (["optimize", "placement", "Frontier_8K", "duration=30day"], "print optimize_placement(Frontier_8K, duration = 30day)"),
]
fails = 0
for cli, script in pairs:
    a = subprocess.run([mls] + cli, capture_output=True, text=True)
    b = subprocess.run([mls, "-e", script], capture_output=True, text=True)
    if a.returncode != 0 or a.stdout != b.stdout or not a.stdout:
        fails += 1
        print("FAIL", " ".join(cli), a.returncode, a.stderr[:300])
print(f"{len(pairs) - fails} passed, {fails} failed")
sys.exit(1 if fails else 0)
