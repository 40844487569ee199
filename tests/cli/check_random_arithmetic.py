#!/usr/bin/env python3
"""Random arithmetic, one answer (issue 32 item 3): seeded random well-typed programs whose operands are
run-time values (loop variables, solver results, user-function parameters, record fields), so the checker
folds nothing and every + − * / ^, comparison, builtin, `if`, function and record reaches the evaluators.
The JIT and the IR reference evaluator must print the same bits: `--format json` carries each quantity's
exact SI value (shortest round-trip decimal of the double), and the runs must agree byte for byte, with
the same stderr and exit code.

usage: check_random_arithmetic.py MLS [PROGRAMS] [SEED]
"""
import subprocess
import sys

from seeded_scripts import generated

# Dimensions as exponents of (Time, Information, Compute, Request); each base with the unit it is built from.
BASES = ["s", "B", "FLOP", "request"]
PLAIN = (0, 0, 0, 0)
NAMED = [PLAIN, (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (-1, 1, 0, 0), (0, -1, 1, 0), (-1, 0, 1, 0), (0, 0, 0, 1)]
ANNOTATION = {PLAIN: None, (1, 0, 0, 0): "Time", (0, 1, 0, 0): "Information", (0, 0, 1, 0): "Compute",
              (-1, 1, 0, 0): "Bandwidth", (0, -1, 1, 0): "Intensity", (-1, 0, 1, 0): "ComputeRate",
              (0, 0, 0, 1): "Request"}


def mul(a, b):
    return tuple(x + y for x, y in zip(a, b))


def div(a, b):
    return tuple(x - y for x, y in zip(a, b))


def scale(a, k):
    return tuple(x * k for x in a)


def unit_factor(d):
    """`* 1 s / 1 B` ... : multiplies a plain number into dimension d (each factor a run-time multiply)."""
    out = ""
    for base, e in zip(BASES, d):
        out += (" * 1 " + base if e > 0 else " / 1 " + base) * abs(e)
    return out


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.fns = []  # (name, [param dims], result dim)

    def const(self):
        return self.rng.choice(["0.5", "1.25", "3", "0.1", "7", "2.5e3", "1e-3", "0.3", "11"])

    def var(self, env):
        """A run-time variable of the environment (a loop variable, binding or parameter) and its dimension."""
        name = self.rng.choice([n for n, dn in env.items() if dn != ("record",)])
        return name, env[name]

    def leaf(self, env, d):
        """A run-time value of dimension d: a variable of d, or any variable scaled into d (never a constant)."""
        same = [n for n, dn in env.items() if dn == d]
        if same and self.rng.random() < 0.5:
            return self.rng.choice(same)
        name, dn = self.var(env)
        return f"({name} * {self.const()}{unit_factor(div(d, dn))})"

    def pos(self, env, d, depth):
        """A value of dimension d that is never zero or negative (divisors, logarithms, solver inputs)."""
        r = self.rng.random()
        if depth <= 0 or r < 0.4:
            name, dn = self.var(env)
            return f"((abs({name}{unit_factor(scale(dn, -1))}) + {self.const()}){unit_factor(d)})"
        if r < 0.6:
            return f"abs({self.expr(env, d, depth - 1)}) + {self.pos(env, d, 0)}"
        if r < 0.8:
            return f"max({self.pos(env, d, depth - 1)}, {self.expr(env, d, depth - 1)})"
        k = self.rng.choice(NAMED)
        return f"({self.pos(env, mul(d, k), depth - 1)}) / ({self.pos(env, k, depth - 1)})"

    def cond(self, env, depth):
        r = self.rng.random()
        d = self.rng.choice(NAMED)
        if r < 0.7 or depth <= 0:
            op = self.rng.choice(["<", "<=", ">", ">=", "==", "!="])
            left = self.expr(env, d, depth - 1)
            # A quarter of comparisons meet equal operands, where `<` and `<=` (or `==` and `!=`) part.
            right = left if self.rng.random() < 0.25 else self.expr(env, d, depth - 1)
            return f"{left} {op} {right}"
        if r < 0.8:
            return f"not ({self.cond(env, depth - 1)})"
        return f"({self.cond(env, depth - 1)}) {self.rng.choice(['and', 'or'])} ({self.cond(env, depth - 1)})"

    def expr(self, env, d, depth):
        rng = self.rng
        if depth <= 0:
            return self.leaf(env, d)
        e = lambda dd, k=1: self.expr(env, dd, depth - k)
        choices = ["add", "sub", "mul", "div", "neg", "minmax", "abs", "if", "pow", "sqrt", "cbrt", "leaf"]
        if d == PLAIN:
            choices += ["powrt", "round", "log", "exp", "ceil_div", "call_plain"]
        if d == (0, -1, 1, 0):
            choices += ["ridge"]
        if d == (0, 0, 0, 1):
            choices += ["little"]
        if d == (-1, 0, 1, 0):
            choices += ["effective"]
        fits = [f for f in self.fns if f[2] == d]
        if fits:
            choices += ["call"] * 2
        if any(dn == ("record",) for dn in env.values()):
            choices += ["field"]
        pos = lambda dd, k=1: self.pos(env, dd, depth - k)
        pick = lambda *names: rng.choice(names)
        k = rng.choice(NAMED)
        forms = {
            "add": lambda: f"({e(d)} + {e(d)})",
            "sub": lambda: f"({e(d)} - {e(d)})",
            "mul": lambda: f"({e(k)} * {e(div(d, k))})",
            "div": lambda: f"({e(mul(d, k))} / ({pos(k)}))",
            "neg": lambda: f"(-{e(d)})",
            "minmax": lambda: f"{pick('min', 'max')}({', '.join(e(d) for _ in range(rng.randint(1, 3)))})",
            "abs": lambda: f"abs({e(d)})",
            "if": lambda: f"(if {self.cond(env, depth - 1)} then {e(d)} else {e(d)})",
            "pow": lambda: self.power(e, d),
            "sqrt": lambda: f"sqrt({pos(mul(d, d))})",
            "cbrt": lambda: f"cbrt({e(mul(mul(d, d), d))})",
            # a run-time exponent of a plain base
            "powrt": lambda: f"(({pos(PLAIN)}) ^ ({e(PLAIN, 2)} / ({pos(PLAIN, depth)} + 3)))",
            "round": lambda: f"{pick('floor', 'ceil', 'round')}({e(PLAIN)})",
            "log": lambda: f"{pick('ln', 'log2', 'log10')}({pos(PLAIN)})",
            "exp": lambda: (lambda x: f"exp({x} / (1 + abs({x})))")(e(PLAIN)),  # bounded argument: no overflow
            "ceil_div": lambda: f"ceil_div({e(k)}, {pos(k)})",
            "call_plain": lambda: f"amdahl_speedup(parallel_fraction = 1 / (1 + abs({e(PLAIN)})), workers = 1 + abs({e(PLAIN)}))",
            "ridge": lambda: f"ridge_point(peak = {pos((-1, 0, 1, 0))}, bandwidth = {pos((-1, 1, 0, 0))})",
            "little": lambda: f"littles_law(arrival_rate = {pos((-1, 0, 0, 1))}, latency = {pos((1, 0, 0, 0))})",
            "effective": lambda: f"effective_flops(peak = {e((-1, 0, 1, 0))}, efficiency = 1 / (1 + abs({e(PLAIN)})))",
            "call": lambda: (lambda f: f"{f[0]}({', '.join(e(p) for p in f[1])})")(rng.choice(fits)),
            "field": lambda: self.field(env, e, d),
            "leaf": lambda: self.leaf(env, d),
        }
        return forms[rng.choice(choices)]()

    def power(self, e, d):
        """A dimensioned base needs a constant exponent."""
        for n in (2, 3):
            if d != PLAIN and all(x % n == 0 for x in d):
                return f"({e(tuple(x // n for x in d))}) ^ {n}"
        return f"({e(d)} ^ 1)"

    def field(self, env, e, d):
        """A record field of dimension d, read in place or after an update (`with`)."""
        rname = self.rng.choice([n for n, dn in env.items() if dn == ("record",)])
        fname = self.rng.choice([f for f, dd in self.records[rname].items() if dd == d] or [None])
        if fname is None:
            return self.leaf(env, d)
        if self.rng.random() < 0.5:
            return f"{rname}.{fname}"
        return f"({rname} with {{ {fname} = {e(d)} }}).{fname}"

    def program(self):
        rng = self.rng
        self.records = {}
        lines = []
        for k in range(rng.randint(2, 4)):  # user functions: annotated and generic parameters
            params = [rng.choice(NAMED) for _ in range(rng.randint(1, 3))]
            res = rng.choice(NAMED)
            env = {f"x{j}": p for j, p in enumerate(params)}
            sig = ", ".join(f"x{j}: {ANNOTATION[p]}" if ANNOTATION[p] and rng.random() < 0.7 else f"x{j}"
                            for j, p in enumerate(params))
            ret = f" -> {ANNOTATION[res]}" if ANNOTATION[res] and rng.random() < 0.5 else ""
            lines.append(f"fn g{k}({sig}){ret} = {self.expr(env, res, 3)}")
            self.fns.append((f"g{k}", params, res))
        values = lambda: "[" + ", ".join(rng.choice(["0.5", "1.5", "2", "3.25", "-1.75", "0.125", "10", "4"])
                                        for _ in range(rng.randint(1, 3))) + "]"
        lines.append(f"for i in {values()}, j in {values()} {{")
        env = {"i": PLAIN, "j": PLAIN}
        for k in range(rng.randint(1, 3)):  # run-time bindings of several dimensions
            d = rng.choice(NAMED)
            lines.append(f"  v{k} = {self.expr(env, d, 2)}")
            env[f"v{k}"] = d
        for k in range(rng.randint(0, 2)):  # records and updates
            fields = {f"f{m}": rng.choice(NAMED) for m in range(rng.randint(1, 3))}
            body = ", ".join(f"{f} = {self.expr(env, dd, 2)}" for f, dd in fields.items())
            lines.append(f"  r{k} = {{ {body} }}")
            env[f"r{k}"] = ("record",)
            self.records[f"r{k}"] = fields
        for _ in range(rng.randint(4, 8)):
            items = []
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.15:
                    items.append(self.cond(env, 2))
                else:
                    items.append(self.expr(env, rng.choice(NAMED), rng.randint(1, 4)))
            lines.append("  print " + ", ".join(items))
        lines.append("}")
        return "\n".join(lines) + "\n"


def main():
    mls, env, seed, paths = generated("arith", 12, 32, lambda rng: Gen(rng).program())
    count = len(paths)
    fails, exits, ops = [], {}, {}
    for path in paths:

        def run(*args):
            p = subprocess.run([mls, "--format", "json", "--diagnostics", "json", *args, path], capture_output=True,
                               text=True, env=env, timeout=120)
            return p.returncode, p.stdout, p.stderr

        jit, ref = run(), run("--no-jit")
        exits[jit[0]] = exits.get(jit[0], 0) + 1
        if jit != ref:
            what = "exit code" if jit[0] != ref[0] else "stdout" if jit[1] != ref[1] else "stderr"
            a, b = (jit[1], ref[1]) if what == "stdout" else (jit[2], ref[2])
            first = next((k for k, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())) if x != y), None)
            detail = "" if first is None else f" at line {first + 1}:\n    JIT {a.splitlines()[first][:300]}\n    ref {b.splitlines()[first][:300]}"
            fails.append(f"{path}: the JIT and the reference evaluator differ in {what} ({jit[0]} vs {ref[0]}){detail}")
        if jit[0] == 2:
            fails.append(f"{path}: the generated program does not compile (a generator bug):\n{jit[2][:1500]}")
        # What the run-time IR computes: the generator must reach the evaluators, not the constant folder.
        ir = subprocess.run([mls, "--emit=ir", path], capture_output=True, text=True, env=env, timeout=60).stdout
        for op in ("add", "sub", "mul", "div", "pow", "math", "lt", "le", "gt", "ge", "eq", "ne", "if", "solve"):
            ops[op] = ops.get(op, 0) + ir.count(f" = {op} ")
    # Every operation must have run: a generator that folds or never emits one compares nothing.
    for op, k in sorted(ops.items()):
        if k == 0:
            fails.append(f"no generated program computes `{op}` at run time")
    if exits.get(0, 0) < count // 2:
        fails.append(f"fewer than half the programs ran to the end: exit codes {exits}")
    for f in fails:
        print("FAIL", f)
    print(f"{'FAIL' if fails else 'ok'} random arithmetic: {count} programs (seed {seed}), exit codes {exits}, "
          f"run-time operations {ops}")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
