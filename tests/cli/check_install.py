#!/usr/bin/env python3
"""Installing MLS (issue 29): `cmake --install` into a temporary prefix gives a binary that runs from
there, its man page, the user docs, and completion scripts that load and complete in bash, zsh and fish
(each shell that is not installed is reported SKIPPED by name); `cpack -G DEB` builds a package that
`dpkg-deb --info` and `--contents` read, holding the same files under /usr.
usage: check_install.py BUILD_DIR"""
import os, shutil, subprocess, sys, tempfile

build = sys.argv[1]
fails, skipped = [], []


def sh(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


def expect(cond, what):
    if not cond:
        fails.append(what)


with tempfile.TemporaryDirectory() as t:
    prefix = os.path.join(t, "prefix")
    r = sh("cmake", "--install", build, "--prefix", prefix)
    expect(r.returncode == 0, f"cmake --install: exit {r.returncode}: {r.stderr[-500:]}")
    mls = os.path.join(prefix, "bin", "mls")
    # The installed binary runs from anywhere: the prelude and the zoo are inside it.
    r = sh(mls, "-e", "print roofline(Llama3_8B, H100).bottleneck", cwd=t)
    expect(r.returncode == 0 and r.stdout == "Memory\n", f"installed mls -e: {r.returncode} {r.stdout!r} {r.stderr!r}")
    r = sh(mls, "--version")
    expect(r.returncode == 0 and r.stdout.startswith("mls "), f"installed mls --version: {r.stdout!r}")

    # The man page: generated from --help (every command is in it), and man renders it.
    page = os.path.join(prefix, "share", "man", "man1", "mls.1")
    if not os.path.exists(page):
        fails.append(f"no man page at {page} (help2man missing? scripts/setup installs it)")
    else:
        text = open(page, encoding="utf-8").read()
        help_text = sh(mls, "--help").stdout
        expect("MLS — a units" in text, "man page: the description's dash was lost (help2man outside a UTF-8 locale)")
        for word in ("eval", "completions", "units", "--format", "Exit codes"):
            expect(word in help_text and word.replace("-", "\\-") in text, f"man page lacks {word!r}")
        if shutil.which("man"):
            r = sh("man", "-l", page, env={**os.environ, "MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat"})
            expect(r.returncode == 0 and "units-checked" in r.stdout, f"man -l mls.1: {r.returncode} {r.stderr[:300]!r}")

    docdir = os.path.join(prefix, "share", "doc", "mls")
    for rel in ("README.md", "LICENSE", "CHANGELOG.md", "docs/language.md", "docs/units.md", "examples/quickstart.mls"):
        expect(os.path.exists(os.path.join(docdir, rel)), f"docs: {rel} not installed in {docdir}")

    # Completions: each script loads in its shell and completes commands, flag values, zoo and solver names.
    share = os.path.join(prefix, "share")
    bash_file = os.path.join(share, "bash-completion", "completions", "mls")
    zsh_file = os.path.join(share, "zsh", "vendor-completions", "_mls")
    fish_file = os.path.join(share, "fish", "vendor_completions.d", "mls.fish")
    for f in (bash_file, zsh_file, fish_file):
        expect(os.path.exists(f), f"completion script not installed: {f}")
    # (words typed, a completion that must be offered)
    probes = [("mls ev", "eval"), ("mls eval Llama3_8", "Llama3_8B"), ("mls eval Llama3_8B H1", "H100"),
              ("mls solvers ser", "serve"), ("mls --format cs", "csv"), ("mls completions fi", "fish"),
              ("mls explain E030", "E0301"), ("mls zoo sh", "show")]
    if shutil.which("bash") and os.path.exists(bash_file):
        for typed, want in probes:
            words = typed.split(" ")
            prog = (f"source {bash_file}; COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}; _mls; "
                    'printf "%s\\n" "${COMPREPLY[@]}"')
            r = sh("bash", "--norc", "-c", prog, cwd=t)
            expect(r.returncode == 0 and want in r.stdout.split(), f"bash: `{typed}` does not offer {want}: {r.stdout[:200]!r} {r.stderr[:200]!r}")
    else:
        skipped.append("bash")
    if shutil.which("zsh") and os.path.exists(zsh_file):
        # Loaded through compinit from fpath, as an installed zsh finds it; `compdef` registered it.
        prog = (f"fpath=({os.path.dirname(zsh_file)} $fpath); autoload -Uz compinit; compinit -u -D; "
                "print -r -- ${_comps[mls]}")
        r = sh("zsh", "-f", "-c", prog, cwd=t, env={**os.environ, "HOME": t})
        expect(r.returncode == 0 and r.stdout.strip() == "_mls", f"zsh: _mls not registered for mls: {r.stdout!r} {r.stderr[:300]!r}")
        r = sh("zsh", "-n", zsh_file)
        expect(r.returncode == 0, f"zsh -n _mls: {r.stderr[:300]!r}")
    else:
        skipped.append("zsh")
    if shutil.which("fish") and os.path.exists(fish_file):
        for typed, want in probes:
            r = sh("fish", "--no-config", "-c", f"source {fish_file}; complete -C '{typed}'", cwd=t, env={**os.environ, "HOME": t})
            offered = [line.split("\t")[0] for line in r.stdout.splitlines()]
            expect(r.returncode == 0 and any(o == want or o.endswith(" " + want) or o.endswith("=" + want) for o in offered)
                   or want in offered, f"fish: `{typed}` does not offer {want}: {offered[:10]} {r.stderr[:200]!r}")
    else:
        skipped.append("fish")

    # The Debian package.
    cpack_cfg = os.path.join(build, "CPackConfig.cmake")
    out = os.path.join(t, "pkg")
    r = sh("cpack", "--config", cpack_cfg, "-G", "DEB", "-B", out)
    debs = [f for f in os.listdir(out) if f.endswith(".deb")] if os.path.isdir(out) else []
    if r.returncode != 0 or len(debs) != 1:
        fails.append(f"cpack -G DEB: exit {r.returncode}, {debs}: {r.stdout[-500:]} {r.stderr[-500:]}")
    else:
        deb = os.path.join(out, debs[0])
        info = sh("dpkg-deb", "--info", deb).stdout
        version = sh(mls, "--version").stdout.split()[1]
        for want in ("Package: mls", f"Version: {version}", "Architecture:", "Depends:", "Recommends: gnuplot-nox"):
            expect(want in info, f"dpkg-deb --info lacks {want!r}: {info!r}")
        contents = sh("dpkg-deb", "--contents", deb).stdout
        for path in ("./usr/bin/mls", "./usr/share/man/man1/mls.1", "./usr/share/bash-completion/completions/mls",
                     "./usr/share/zsh/vendor-completions/_mls", "./usr/share/fish/vendor_completions.d/mls.fish",
                     "./usr/share/doc/mls/docs/units.md"):
            expect(path in contents, f"dpkg-deb --contents lacks {path}")

for f in fails:
    print("FAIL", f)
for s in skipped:
    print(f"SKIPPED: {s} is not installed, its completion script was not loaded")
print(f"{'FAIL' if fails else 'ok'}: install, man page, docs, completions, .deb")
sys.exit(1 if fails else 0)
