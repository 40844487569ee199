#!/usr/bin/env python3
"""Every output format renders the same objects (issue 31, the losslessness of docs/output.md on the
objects): each example runs once through the Python module, whose RunResult holds the run's prints,
table rows, reductions, charts, failed checks and fidelity marker as data; Engine.render writes those
objects in each format. Text, JSON lines and CSV must be byte for byte what `mls --format F FILE`
streams — so the streaming writers and the objects carry the same data — and markdown and HTML (which
`mls` writes from the objects) must be what `mls --format markdown|html FILE` writes, and hold every
printed value, record field and reduction of the objects, and every row of every table.
Exit 77 (ctest: SKIPPED) when the module is not built.

usage: PYTHONPATH=build/python check_render_objects.py MLS EXAMPLES_DIR"""
import html, os, subprocess, sys

mls_bin, examples = sys.argv[1], sys.argv[2]
try:
    import mls
except ModuleNotFoundError as e:
    print(f"SKIPPED: the Python module is not built ({e})")
    sys.exit(77)

env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
engine = mls.Engine()
fails, compared = [], 0


def shown(v):
    """The texts the objects hold for a value: a quantity as shown, a string, a record's fields."""
    if isinstance(v, mls.Record):
        out = []
        for k in v.keys():
            out += shown(v[k])
        return out
    if isinstance(v, (list, tuple)) or v is None or isinstance(v, bool):
        return []
    return [str(v)]


for name in sorted(os.listdir(examples)):
    if not name.endswith(".mls"):
        continue
    path = os.path.join(examples, name)
    src = open(path, encoding="utf-8").read()
    r = engine.run(src, name, examples)
    for fmt in ("text", "json", "csv", "markdown", "html"):
        p = subprocess.run([mls_bin, "--threads", "1", "--format", fmt, name], capture_output=True, text=True,
                           cwd=examples, env=env, timeout=120)
        if p.returncode != r.exit_code:
            fails.append(f"{name} {fmt}: exit {p.returncode} from mls, {r.exit_code} from the module")
            continue
        from_objects = engine.render(r, fmt)
        streamed = p.stdout
        if fmt == "markdown":  # mls titles the document with the file's name
            streamed = streamed.split("\n\n", 1)[1] if streamed.startswith("# ") else streamed
        if fmt == "html":
            streamed = streamed.replace(f"<title>{name}</title>", "<title></title>").replace(f"<h1>{name}</h1>\n", "")
        if streamed != from_objects:
            a, b = streamed.splitlines(), from_objects.splitlines()
            k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            fails.append(f"{name} {fmt}: line {k + 1} differs\n    mls:     {a[k] if k < len(a) else '<end>'}\n"
                         f"    objects: {b[k] if k < len(b) else '<end>'}")
            continue
        compared += 1
        if fmt not in ("markdown", "html"):
            continue
        esc = (lambda t: html.escape(t, quote=True).replace("&#x27;", "&#39;")) if fmt == "html" else (lambda t: t)
        doc = from_objects
        wants = []
        for pr in r.prints:
            for v in (pr if isinstance(pr, tuple) else (pr,)):
                wants += [t for t in shown(v) if "\n" not in t and not any(c in t for c in "\\`*_[]|<>&#")]
        for x in r.reductions:
            wants.append(x.kind)
        missing = [w for w in wants if esc(w) not in doc]
        if missing:
            fails.append(f"{name} {fmt}: lacks {missing[:3]}")
        rows = doc.count("<tr>") if fmt == "html" else sum(1 for l in doc.splitlines() if l.startswith("| "))
        least = sum(len(t.rows) for t in r.tables)
        if rows < least:
            fails.append(f"{name} {fmt}: {rows} table rows, the objects hold {least}")

for f in fails:
    print("FAIL", f)
print(f"render from objects: {compared} outputs equal to mls's, {len(fails)} problem(s)")
sys.exit(1 if fails else 0)
