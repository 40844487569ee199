#!/usr/bin/env python3
"""The VS Code grammar (editors/vscode/syntaxes/mls.tmLanguage.json) tells unit literals, `->`
conversions, zoo names and solver names apart: a small TextMate-style tokenizer (at each position the
pattern matching earliest wins, ties to the first listed) runs the grammar's regular expressions over
sample lines and checks the scope of each interesting token.

usage: check_syntax.py ROOT"""
import json, pathlib, re, sys

root = pathlib.Path(sys.argv[1])
g = json.loads((root / "editors/vscode/syntaxes/mls.tmLanguage.json").read_text())
pats = []
for p in g["patterns"]:
    if "match" in p:
        pats.append((re.compile(p["match"]), p.get("name"), p.get("captures", {})))
    else:  # begin/end region (strings)
        pats.append((re.compile(p["begin"] + ".*?" + p["end"]), p.get("name"), {}))


def tokenize(line):
    out, i = {}, 0
    while i < len(line):
        best = None
        for rx, name, caps in pats:
            m = rx.search(line, i)
            if m and m.end() > m.start() and (best is None or m.start() < best[0].start()):
                best = (m, name, caps)
        if not best:
            break
        m, name, caps = best
        if caps:
            for k, v in caps.items():
                if m.group(int(k)):
                    out[m.group(int(k))] = v["name"]
        else:
            out[m.group(0)] = name
        i = m.end()
    return out


fails = []
cases = [
    ("r = roofline(Llama3_70B, H100, batch = 1)", {"roofline": "support.function.solver.mls",
                                                     "Llama3_70B": "support.constant.zoo.mls",
                                                     "H100": "support.constant.zoo.mls"}),
    ("bw = 3.35 TB/s -> GB/s  # memory", {"3.35": "constant.numeric.mls", "TB/s": "entity.name.type.unit.mls",
                                          "->": "keyword.operator.conversion.mls", "GB/s": "entity.name.type.unit.mls",
                                          "# memory": "comment.line.number-sign.mls"}),
    ("for b in 1..64 { print sqrt(b) }", {"for": "keyword.control.mls", "sqrt": "support.function.builtin.mls"}),
]
for line, want in cases:
    got = tokenize(line)
    for tok, scope in want.items():
        ok = got.get(tok) == scope
        print(("ok   " if ok else "FAIL ") + f"{tok!r} in {line!r}: {got.get(tok)}")
        if not ok:
            fails.append(tok)
sys.exit(1 if fails else 0)
