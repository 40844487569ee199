#!/usr/bin/env python3
"""Hostile strings against the plot path (issue 30): a script's text must never become a gnuplot
command, a shell command or a file, and every chart shows it literally.

usage: check_plot_hostile.py MLS ROOT

For every chart kind (bar, line, scatter, heatmap, roofline, scorecard) a script draws one chart per
string of a hostile corpus (newlines, both quotes, backslashes, backticks, `EOD`, `system(...)`,
`set output`, `!`, ESC and other control characters, a 1 MB string) as title and as label, series,
category or hardware name. Each runs in a fresh folder with a fresh TMPDIR, as text charts and as
SVG files into a --plots folder in which links were planted at the chart names. Then:
  - no PWNED file appears anywhere, no other new file appears in the folder or in TMPDIR (the
    plots folder holds exactly the chart files);
  - the planted symbolic and hard links were replaced, not written through: their targets are unchanged;
  - each string appears in the SVG text as the chart shows it (shown(): printable text as written,
    control characters as their Unicode control pictures, cut to 80 characters with "…");
  - no ESC byte reaches the terminal in text charts, also on the default path under a pseudo-terminal;
  - a script file named `a\\n! touch x\\n.mls` drawn with --plots creates no `x`;
  - under strace, the only program started besides mls is gnuplot (never /bin/sh), for text charts on
    a terminal and for --plots;
  - an unusable --plots folder, a gnuplot that fails and a missing gnuplot make mls exit non-zero
    with a message.
"""
import os
import pathlib
import pty
import re
import select
import shutil
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MAX_SHOWN = 80
# The strings as the script means them (the MLS literal is made by mls_literal).
CORPUS = [
    "\n! touch PWNED1\n",
    "x'\n!touch PWNED2\nset output 'PWNED3'\n",
    "a\nEOD\n! touch PWNED4\nplot 1\n",
    "`touch PWNED5`",
    'system("touch PWNED6")',
    "' . system('touch PWNED7') . '",
    "\" . system(\"touch PWNED8\") . \"",
    "@x $x %s %n %d %% {}^_ \\ \\n \\\\ <b>&amp;",
    "quote ' double \" back \\ tick ` end",
    "esc \x1b]0;PWNED9\x07\x1b[31mred\x1b[0m bell \x07 tab\tend",
    "Québec ✓ 東京 \u202eevil",
    "set output 'PWNED10'",
    "\\\n!touch PWNED11",
    "'' . system('touch PWNED13') . ''",
    "''' @GPVAL_TERMOPTIONS . system(\"touch PWNED14\") . @GPVAL_PWD '",
    "A" * 1_000_000,
]


def mls_literal(s):
    """An MLS string literal for s (MLS escapes: \\n, \\t, \\X for X)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def shown(s):
    """What a chart shows for s (runtime/plot/gnuplot_strings.hpp, shown_text)."""
    out = []
    for ch in s:
        cp = ord(ch)
        if cp < 0x20:
            ch = chr(0x2400 + cp)
        elif cp == 0x7F:
            ch = "\u2421"
        elif 0x80 <= cp <= 0x9F or cp in (0x2028, 0x2029) or 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069:
            ch = "\ufffd"
        out.append(ch)
    if len(out) > MAX_SHOWN:
        out = out[:MAX_SHOWN - 1] + ["\u2026"]
    return "".join(out)


# One statement per string; {s} is the literal. Each returns (statement, texts the SVG must show).
KINDS = {
    "bar": lambda s: (f"plot bar(label = {s}, value = 1 m, title = {s}, xlabel = {s}, ylabel = {s})", 4),
    "line": lambda s: (f"plot line(x = 1 m, y = 2 s, series = {s}, title = {s}, xlabel = {s}, ylabel = {s})", 4),
    "scatter": lambda s: (f"plot scatter(x = 1 m, y = 2 s, label = {s}, title = {s}, xlabel = {s}, ylabel = {s})", 4),
    "heatmap": lambda s: (f"plot heatmap(x = 1 m, y = 2 s, category = {s}, title = {s}, xlabel = {s}, ylabel = {s})", 4),
    "roofline": lambda s: (f"plot roofline(H100 with {{ name = {s} }}, point = roofline(Llama3_8B, H100, batch = 1),"
                           f" label = {s}, title = {s}, ylabel = {s})", 2),  # four copies: the 1 MB string stays under 4 MiB of source
    "scorecard": lambda s: (f"plot scorecard(evaluate(ChatbotServing), title = {s})", 1),
}
# An axis label is the argument's source text: a comment and a newline inside it must stay text too.
AXIS_SOURCE = "plot line(x = (1 m # ! touch PWNED12\n), y = 2 s, title = \"axis\")\n"

fails = []


def fail(msg):
    fails.append(msg)


def tree(folder):
    """Every path under folder (relative), links included, not followed."""
    found = set()
    for dirpath, dirs, files in os.walk(folder):
        for n in dirs + files:
            found.add(os.path.relpath(os.path.join(dirpath, n), folder))
    return found


def svg_text(path):
    """The text of an SVG file, or None (reported) when it is missing or not XML."""
    try:
        return "\n".join(t for t in ET.fromstring(path.read_bytes()).itertext())
    except (OSError, ET.ParseError) as e:
        fail(f"{path.name}: not a readable SVG: {e}")
        return None


class Scratch:
    """A fresh working folder, TMPDIR and plots folder, and an outside folder for link targets."""

    def __init__(self):
        self.base = pathlib.Path(tempfile.mkdtemp(prefix="mls-hostile-")).resolve()
        self.cwd, self.tmp, self.plots, self.outside = (self.base / n for n in ("cwd", "tmp", "plots", "outside"))
        for d in (self.cwd, self.tmp, self.plots, self.outside):
            d.mkdir()

    def env(self, **extra):
        e = dict(os.environ, TMPDIR=str(self.tmp), NO_COLOR="1", LANG="C.UTF-8")
        e.update(extra)
        return e

    def check_pwned(self, what):
        for d in (self.cwd, self.tmp, self.plots, self.outside):
            hits = [p for p in os.listdir(d) if p.startswith("PWNED")]
            if hits:
                fail(f"{what}: {hits} created in {d}")
                for h in hits:
                    (d / h).unlink()

    def close(self):
        shutil.rmtree(self.base, ignore_errors=True)


def run(mls, args, scratch, **kw):
    return subprocess.run([mls, "--color", "never"] + args, capture_output=True, cwd=scratch.cwd, env=scratch.env(),
                          timeout=600, **kw)


def run_in_pty(argv, cwd, env):
    """Runs argv with stdout and stderr on a pseudo-terminal; returns (exit code, bytes shown)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    shown_bytes = b""
    while True:
        r, _, _ = select.select([master], [], [], 120)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown_bytes += chunk
    os.close(master)
    return p.wait(timeout=120), shown_bytes


def check_text_charts(what, code, shown_bytes, sc, cwd_before):
    """Text charts drawn: the printable title is there, no ESC byte reached the terminal, no file appeared."""
    if code != 0 or shown(CORPUS[7]).encode() not in shown_bytes:
        fail(f"{what}: exit {code}, the title {shown(CORPUS[7])!r} is not shown: {shown_bytes[-400:]!r}")
    if b"\x1b" in shown_bytes:
        fail(f"{what}: an ESC byte reached the terminal")
    sc.check_pwned(what)
    if tree(sc.cwd) != cwd_before or tree(sc.tmp):
        fail(f"{what}: new files {sorted(tree(sc.cwd) - cwd_before)} {sorted(tree(sc.tmp))}")


def check_kind(mls, kind):
    make = KINDS[kind]
    lines, expected = [], []
    for k, s in enumerate(CORPUS):
        stmt, n = make(mls_literal(s))
        lines.append(stmt)
        expected.append((k + 1, s, n))
    if kind == "line":
        lines.append(AXIS_SOURCE)
    script = "\n".join(lines) + "\n"
    sc = Scratch()
    try:
        (sc.cwd / "h.mls").write_text(script)
        # Links planted at the first charts' names: a symbolic link and a hard link to files outside.
        victim, victim2 = sc.outside / "victim.txt", sc.outside / "victim2.txt"
        victim.write_text("VICTIM\n")
        victim2.write_text("VICTIM2\n")
        os.symlink(victim, sc.plots / f"h-1-{kind}.svg")
        os.symlink(sc.outside / "dangling.svg", sc.plots / f"h-2-{kind}.svg")
        os.link(victim2, sc.plots / f"h-3-{kind}.svg")
        before_cwd = tree(sc.cwd)
        # 1. SVG files
        p = run(mls, ["h.mls", "--plots", str(sc.plots), "--plot-format", "svg"], sc)
        if p.returncode != 0:
            fail(f"{kind} --plots: exit {p.returncode}: {p.stderr.decode(errors='replace')[-600:]}")
        sc.check_pwned(f"{kind} --plots")
        if victim.read_text() != "VICTIM\n" or victim2.read_text() != "VICTIM2\n":
            fail(f"{kind}: a link planted in the plots folder was written through")
        if (sc.outside / "dangling.svg").exists():
            fail(f"{kind}: a dangling link planted in the plots folder was followed")
        if set(os.listdir(sc.outside)) != {"victim.txt", "victim2.txt"}:
            fail(f"{kind}: files appeared outside: {sorted(os.listdir(sc.outside))}")
        n_charts = len(expected) + (1 if kind == "line" else 0)
        want = {f"h-{k}-{kind}.svg" for k in range(1, n_charts + 1)}
        got = set(os.listdir(sc.plots))
        if got != want:
            fail(f"{kind}: the plots folder holds {sorted(got - want)} beyond / lacks {sorted(want - got)}")
        if tree(sc.cwd) != before_cwd or tree(sc.tmp):
            fail(f"{kind}: new files in the folder {sorted(tree(sc.cwd) - before_cwd)} or TMPDIR {sorted(tree(sc.tmp))}")
        for k, s, n in expected:
            f = sc.plots / f"h-{k}-{kind}.svg"
            if f.is_symlink() or not f.is_file():
                fail(f"{kind}: {f.name} is not a plain file")
                continue
            text = svg_text(f)
            if text is not None and text.count(shown(s)) < n:
                fail(f"{kind}: {f.name} shows {shown(s)[:60]!r} {text.count(shown(s))} times, not {n}: "
                     f"{text[:300]!r}")
        if kind == "line":
            text = svg_text(sc.plots / f"h-{n_charts}-line.svg")
            if text is not None and "(1 m # ! touch PWNED12\u240a)" not in text:
                fail(f"line: the axis label from a two-line argument is not shown as text: {text[:400]!r}")
        # 2. text charts on stdout
        p = run(mls, ["h.mls", "--plot-text"], sc)
        check_text_charts(f"{kind} --plot-text", p.returncode, p.stdout + p.stderr, sc, before_cwd)
    finally:
        sc.close()


def check_default_on_terminal(mls):
    """Text charts are the default on a terminal: no flag at all."""
    sc = Scratch()
    try:
        (sc.cwd / "t.mls").write_text("\n".join(KINDS["bar"](mls_literal(s))[0] for s in CORPUS[:10]) + "\n")
        code, out = run_in_pty([mls, "t.mls"], sc.cwd, sc.env())
        check_text_charts("default text charts on a terminal", code, out, sc, {"t.mls"})
    finally:
        sc.close()


def check_script_name(mls):
    sc = Scratch()
    try:
        name = "a\n! touch x\n.mls"
        (sc.cwd / name).write_text('plot bar(label = "l", value = 1 m)\n')
        p = run(mls, [name, "--plots", str(sc.plots), "--plot-format", "svg"], sc)
        everywhere = tree(sc.cwd) | tree(sc.plots) | tree(sc.tmp)
        if "x" in everywhere or any(n.endswith("/x") for n in everywhere):
            fail("a script named 'a\\n! touch x\\n.mls' created a file x")
        if p.returncode != 0 or os.listdir(sc.plots) != ["a\u240a! touch x\u240a-1-bar.svg"]:
            fail(f"script name: exit {p.returncode}, wrote {os.listdir(sc.plots)}: {p.stderr[-300:]!r}")
    finally:
        sc.close()


EXECVE = re.compile(r'^(\d+)\s+execve\("((?:[^"\\]|\\.)*)", \[(.*?)\](?:, .*)?\)\s+=\s+(-?\d+)')


def check_strace(mls):
    strace = shutil.which("strace")
    if not strace:
        fail("strace is not installed (scripts/setup installs it)")
        return
    sc = Scratch()
    try:
        (sc.cwd / "s.mls").write_text("\n".join(KINDS[k](mls_literal(CORPUS[0]))[0] for k in KINDS) + "\n")
        runs = {"--plots": ["--plots", str(sc.plots), "--plot-format", "svg,png"], "terminal": None}
        for what, args in runs.items():
            log = sc.base / f"{what.strip('-')}.strace"
            argv = [strace, "-f", "-qq", "-s", "200", "-e", "trace=execve,execveat,fork,vfork", "-o", str(log),
                    mls, "s.mls"]
            if args is None:
                code, _ = run_in_pty(argv, sc.cwd, sc.env())
            else:
                code = subprocess.run(argv + args, capture_output=True, cwd=sc.cwd, env=sc.env(), timeout=600).returncode
            execs = [m for m in (EXECVE.match(line) for line in open(log, errors="replace")) if m]
            started = [m.group(2) for m in execs if m.group(4) == "0"]
            programs = [os.path.basename(p) for p in started[1:]]
            if code != 0 or not started or os.path.basename(started[0]) != "mls" or not programs or \
                    set(programs) != {"gnuplot"}:
                fail(f"strace {what}: exit {code}, programs started: {started}")
            for m in execs:
                if os.path.basename(m.group(2)) not in ("mls", "gnuplot") or "sh" in m.group(3).split('"')[1:2]:
                    fail(f"strace {what}: tried to start {m.group(2)} {m.group(3)[:100]}")
            for line in open(log, errors="replace"):
                if re.search(r"\b(execveat|fork|vfork)\(", line):
                    fail(f"strace {what}: {line.strip()[:120]}")
            sc.check_pwned(f"strace {what}")
    finally:
        sc.close()


def check_exit_status(mls):
    script = 'plot bar(label = "l", value = 1 m)\nprint 1 m\n'
    sc = Scratch()
    try:
        (sc.cwd / "e.mls").write_text(script)
        (sc.cwd / "a_file").write_text("not a folder\n")
        cases = {"a file as the plots folder": str(sc.cwd / "a_file"),
                 "a plots folder below a file": str(sc.cwd / "a_file" / "sub")}
        if os.geteuid() != 0:  # root writes into a read-only folder anyway
            ro = sc.base / "readonly"
            ro.mkdir()
            ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
            cases["a read-only plots folder"] = str(ro)
        # the chart's name taken by a folder: the finished file cannot be put there (and nothing is left behind)
        taken = sc.base / "taken"
        (taken / "e-1-bar.svg").mkdir(parents=True)
        cases["a folder at the chart's name"] = str(taken)
        for what, folder in cases.items():
            p = run(mls, ["e.mls", "--plots", folder, "--plot-format", "svg"], sc)
            err = p.stderr.decode(errors="replace")
            if p.returncode != 3 or "mls:" not in err or "1 m" not in p.stdout.decode():
                fail(f"{what}: exit {p.returncode} (want a run-time failure), stderr {err[-300:]!r}")
        if tree(taken) != {"e-1-bar.svg"}:
            fail(f"a folder at the chart's name: left {sorted(tree(taken))}")
        # gnuplot fails / is missing: a fake gnuplot first in PATH, then a PATH without any
        fake = sc.base / "bin"
        fake.mkdir()
        (fake / "gnuplot").write_text("#!/bin/sh\necho 'line 1: boom' >&2\nexit 1\n")
        (fake / "gnuplot").chmod(0o755)
        empty = sc.base / "nobin"
        empty.mkdir()
        for what, path, want in (("a failing gnuplot", f"{fake}:{os.environ.get('PATH', '')}", "boom"),
                                 ("no gnuplot", str(empty), "gnuplot is not installed")):
            for args in (["--plots", str(sc.plots), "--plot-format", "svg"], ["--plot-text"]):
                p = subprocess.run([mls, "e.mls"] + args, capture_output=True, text=True, cwd=sc.cwd,
                                   env=sc.env(PATH=path), timeout=120)
                if p.returncode != 3 or want not in p.stderr:
                    fail(f"{what} {args[0]}: exit {p.returncode} (want a run-time failure), stderr {p.stderr[-300:]!r}")
        if tree(sc.tmp):
            fail(f"exit status: files left in TMPDIR: {sorted(tree(sc.tmp))}")
    finally:
        sc.close()


def main():
    mls = os.path.abspath(sys.argv[1])
    for kind in KINDS:
        check_kind(mls, kind)
    check_default_on_terminal(mls)
    check_script_name(mls)
    check_strace(mls)
    check_exit_status(mls)
    if fails:
        print("FAIL\n  " + "\n  ".join(fails))
        sys.exit(1)
    print(f"ok plot_hostile: {len(KINDS)} chart kinds x {len(CORPUS)} hostile strings, text and SVG, terminal, "
          "script name, strace, exit status")


if __name__ == "__main__":
    main()
