"""The command line of the seeded generator tests (check_random_*.py): MLS [COUNT] [SEED], and the
scripts they write, one file per generated program in a fresh folder."""
import os
import random
import sys
import tempfile


def generated(name, default_count, default_seed, make):
    """(mls, env, seed, [(path, text)]) for COUNT programs from make(rng), written as NAME0.mls, NAME1.mls, ..."""
    mls = os.path.abspath(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else default_count
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else default_seed
    rng = random.Random(seed)
    env = dict(os.environ, NO_COLOR="1", LANG="C.UTF-8")
    tmp = tempfile.mkdtemp()
    scripts = []
    for n in range(count):
        path = os.path.join(tmp, f"{name}{n}.mls")
        with open(path, "w") as f:
            f.write(make(rng))
        scripts.append(path)
    return mls, env, seed, scripts


def finish(fails, exits, summary):
    """Ends a generated-script check: the generator must have reached both a clean run (0) and a run-time
    error (3), or the comparisons tested less than they claim; prints the failures (exit 1) or summary."""
    if exits.get(0, 0) == 0 or exits.get(3, 0) == 0:
        fails.append(f"the generated scripts did not both succeed and fail at run time: exit codes {exits}")
    for f in fails:
        print("FAIL", f)
    if fails:
        sys.exit(1)
    print(summary)
