#!/usr/bin/env python3
"""Random sweeps, one output (issue 10): generated loops over zoo lists, filtered lists and ranges,
calling solvers whose fields are read in place (the JIT's native call path) or whole, with rows,
prints, every kind of clause, and arguments that make some points fail at run time. Each script runs
on the JIT (1 and 2 threads, text and CSV) and on the reference evaluator; stdout, stderr and the exit
code must be identical. The generator is seeded: a failure names the script and it can be re-run.

usage: check_random_sweeps.py MLS [COUNT] [SEED]
"""
import subprocess

from seeded_scripts import finish, generated

HW = ["V100", "T4", "A100", "H100", "H200", "B200", "MI300X"]
MODELS = ["Llama3_8B", "Llama3_70B", "Mixtral_8x7B", "GPT3"]
PRECISIONS = ["fp16", "bf16", "fp8", "int8"]


def pick(rng, xs, lo, hi):
    return "[" + ", ".join(rng.sample(xs, rng.randint(lo, hi))) + "]"


def script(rng):
    bindings = [
        "hw in " + rng.choice(["hardware where tier == cloud", "hardware where capacity >= 80 GB", pick(rng, HW, 1, 4)]),
        "mdl in " + pick(rng, MODELS, 1, 3),
        "b in " + rng.choice(["1 .. 40", "1 .. 512 step *2", "[1, 3, 0.5]", "1 .. 30 where b > 20", "1 .. 2500"]),
    ]
    if rng.random() < 0.5:
        bindings.append("p in " + pick(rng, PRECISIONS, 1, 3))
    rng.shuffle(bindings)
    precision = "p" if any(x.startswith("p in") for x in bindings) else rng.choice(PRECISIONS[:2])
    eff = rng.choice(["0.5", "0.9", "b / 40", "b / 2000"])  # b / 40 leaves (0, 1] for b > 40: a run-time error
    if rng.random() < 0.5:
        # the calibrated and training paths of its per-point part too (SolverDef::split)
        extra = rng.choice(["", "", ", fidelity = calibrated", ", training = true"])
        call = f"r = roofline(mdl, hw, batch = b, precision = {precision}, efficiency = {eff}{extra})"
        fields = ["r.latency", "r.bottleneck", "r.feasible", "r.mfu", "r.energy"]
    else:
        call = f"r = serve(mdl, hw, seq_len = 512, batch = b, precision = {precision}, efficiency = {eff})"
        fields = ["r.ttft", "r.itl", "r.feasible", "r.memory_utilization"]
    body = [call]
    if rng.random() < 0.25:
        body.append(rng.choice(["print r", f"print {fields[0]}, hw.name"]))
    cols = rng.sample(fields, rng.randint(1, len(fields)))
    body.append("row " + ", ".join(f"c{k} = {f}" for k, f in enumerate(cols)) + ", device = hw.name, batch = b")
    clause = rng.choice(["", "count", f"best 3 by {fields[0]}", f"where r.feasible, best 2 by {fields[0]}",
                         f"top 2 by {fields[0]}", f"mean {fields[0]}", f"where r.feasible",
                         f"pareto({fields[0]}, {fields[1] if fields[1] != 'r.bottleneck' else 'r.mfu'})"])
    return "for " + ", ".join(bindings) + " {\n  " + "\n  ".join(body) + "\n}" + (" " + clause if clause else "") + "\n"


def main():
    mls, env, seed, paths = generated("sweep", 30, 10, script)
    count = len(paths)
    fails, exits = [], {}
    for path in paths:

        def run(*args):
            p = subprocess.run([mls, *args, path], capture_output=True, text=True, env=env, timeout=120)
            return p.returncode, p.stdout, p.stderr

        jit = run("--threads", "1")
        exits[jit[0]] = exits.get(jit[0], 0) + 1
        for label, other in (("reference evaluator", run("--no-jit", "--threads", "1")), ("2 threads", run("--threads", "2"))):
            if other != jit:
                fails.append(f"{path}: {label} differs from the JIT on 1 thread")
        if run("--format", "csv", "--threads", "2") != run("--format", "csv", "--no-jit", "--threads", "1"):
            fails.append(f"{path}: CSV on 2 threads differs from the reference evaluator's")
    finish(fails, exits, f"ok random sweeps: {count} scripts (seed {seed}), exit codes {exits}")


if __name__ == "__main__":
    main()
