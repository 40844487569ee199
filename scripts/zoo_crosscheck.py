#!/usr/bin/env python3
"""Cross-check the MLS zoo (zoo/*.mls) against the MLSYSIM 0.1.1 registry it was built from.

Usage:  scripts/zoo_crosscheck.py [--reference PATH] [--spec-cases PATH] [--fixes PATH] [-v]

What it does (python3 standard library only):
  1. Parses the zoo files listed in zoo/ORDER with a few regexes: `kind Name { field = value ... }`
     entries, `@source(...)` / `@assumed` annotations and top-level `Alias = Name` bindings.
  2. Lints them the way the MLS front end will: known kinds, known fields (names and aliases from
     stdlib/kinds/kind_declarations.cpp), required fields, field dimensions, known units, every entry
     has an entry-level @source with a verified YYYY-MM-DD date, references only to entries defined
     earlier in load order, no annotation hidden inside a comment, ASCII only.
  3. Converts every `number unit` to SI and compares it with every number of the reference JSON
     (tests/reference/mlsysim-0.1.1-zoo.json, matched by entry name) and with the ad-hoc models and
     fleets of tests/reference/spec-cases.json "meta", which the spec tests resolve against the zoo.
  4. Every difference must be listed in docs/zoo-fixes.md: a changed value in the "Fixes" table, a
     reference number with no MLS field in the "Not carried" table. Listed rows are checked too: their
     "reference" and "zoo" columns must equal what the files hold.

Exit status 0 when clean; 1 with one line per problem otherwise.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REL_TOL = 1e-9

# --------------------------------------------------------------------------- units (SI + dimension)
# Base dimensions: s, B (byte), FLOP, kg, m, USD, param, token, sample, request.
BASES = ("s", "B", "FLOP", "kg", "m", "USD", "param", "token", "sample", "request")


def dim(**exps):
    return tuple(exps.get(b, 0) for b in BASES)


D_NONE = dim()
D_TIME = dim(s=1)
D_BYTES = dim(B=1)
D_BW = dim(B=1, s=-1)
D_FLOP = dim(FLOP=1)
D_FLOPS = dim(FLOP=1, s=-1)
D_MASS = dim(kg=1)
D_ENERGY = dim(kg=1, m=2, s=-2)
D_POWER = dim(kg=1, m=2, s=-3)
D_VOLUME = dim(m=3)
D_USD = dim(USD=1)
D_PARAM = dim(param=1)
D_TOKEN = dim(token=1)

UNITS: dict[str, tuple[float, tuple]] = {}


def _unit(sym, scale, d):
    UNITS[sym] = (scale, d)


for p, f in {"": 1, "m": 1e-3, "u": 1e-6, "n": 1e-9}.items():
    _unit(p + "s", f, D_TIME)
_unit("min", 60, D_TIME)
_unit("h", 3600, D_TIME)
_unit("day", 86400, D_TIME)
_unit("year", 365 * 86400, D_TIME)
SI_PREFIX = {"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18}
IEC_PREFIX = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50}
for p, f in SI_PREFIX.items():
    _unit(p + "B", f, D_BYTES)
    _unit(p + "bit", f / 8, D_BYTES)
    _unit(p + "bps", f / 8, D_BW)
    _unit(p + "FLOP", f, D_FLOP)
    _unit(p + "OP", f, D_FLOP)
    _unit(p + "FLOPS", f, D_FLOPS)
    _unit(p + "OPS", f, D_FLOPS)
    _unit(p + "W", f, D_POWER)
    _unit(p + "Hz", f, dim(s=-1))
    _unit(p + "J", f, D_ENERGY)
    _unit(p + "Wh", f * 3600, D_ENERGY)
for p, f in IEC_PREFIX.items():
    _unit(p + "B", f, D_BYTES)
_unit("mW", 1e-3, D_POWER)
_unit("USD", 1, D_USD)
for name, d in (("param", D_PARAM), ("token", D_TOKEN), ("sample", dim(sample=1)), ("request", dim(request=1))):
    _unit(name, 1, d)
    _unit(name + "s", 1, d)
_unit("g", 1e-3, D_MASS)
_unit("kg", 1, D_MASS)
_unit("t", 1e3, D_MASS)
_unit("gCO2e", 1e-3, D_MASS)
_unit("kgCO2e", 1, D_MASS)
_unit("tCO2e", 1e3, D_MASS)
_unit("L", 1e-3, D_VOLUME)
_unit("%", 1e-2, D_NONE)
_unit("percent", 1e-2, D_NONE)
FORBIDDEN_UNITS = {"b": "use bit or B", "KB": "use kB or KiB", "TFLOPs": "TFLOPs is a count; use TFLOP/s",
                   "GFLOPs": "use GFLOP/s", "PFLOPs": "use PFLOP/s"}


def parse_unit(text: str):
    """'TB/s' -> (1e12, dim). Products are written with spaces or '*', one '/' at most per factor."""
    text = text.strip()
    if not text:
        return 1.0, D_NONE
    scale, d = 1.0, [0] * len(BASES)
    num, _, den = text.partition("/")
    for part, sign in ((num, 1), (den, -1)):
        for sym in re.split(r"[\s*]+", part.strip()):
            if not sym:
                continue
            if sym in FORBIDDEN_UNITS:
                raise ValueError(f"unit `{sym}` is refused by MLS: {FORBIDDEN_UNITS[sym]}")
            if sym not in UNITS:
                raise ValueError(f"unknown unit `{sym}`")
            f, ud = UNITS[sym]
            scale *= f ** sign
            d = [a + sign * b for a, b in zip(d, ud)]
    return scale, tuple(d)


NUM_RE = re.compile(r"^([-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?)\s*(.*)$")


def parse_quantity(text: str):
    """'3.35 TB/s' -> (3.35e12, D_BW); '80' -> (80.0, D_NONE)."""
    m = NUM_RE.match(text.strip())
    if not m:
        raise ValueError(f"not a quantity: `{text}`")
    value = float(m.group(1).replace("_", ""))
    scale, d = parse_unit(m.group(2))
    return value * scale, d


# --------------------------------------------------------------------------- kinds (mirror of kind_declarations.cpp)
INT, NUM, STR, BOOL = "int", "number", "string", "bool"
HW_FIELDS = {
    "name": STR, "tier": STR, "release_year": INT, "peak_flops": D_FLOPS,
    **{p: D_FLOPS for p in ("fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4", "fp4")},
    "capacity": D_BYTES, "bandwidth": D_BW, "sram_capacity": D_BYTES, "sram_bandwidth": D_BW,
    "flash_capacity": D_BYTES, "flash_bandwidth": D_BW, "storage_capacity": D_BYTES, "storage_bw": D_BW,
    "host_link_bw": D_BW, "device_link_bw": D_BW, "tdp": D_POWER, "unit_cost": D_USD, "embodied_carbon": D_MASS, "dispatch_tax": D_TIME,
    # catalogue facts (issue 26)
    "launch_date": STR, "rental_price": dim(USD=1, s=-1), "reserved_price": dim(USD=1, s=-1), "rental_provider": STR,
    "rental_date": STR, "sparsity_speedup": NUM,
    # the calibrated level's constants (docs/fidelity.md)
    "bw_fraction": NUM, "layer_overhead": D_TIME, "gemm_flops": ("list", D_FLOP), "gemm_efficiency": ("list", NUM),
    "gemm_efficiency_fp8": ("list", NUM),
    "link_bw_fraction": NUM, "link_latency": D_TIME, "attention_efficiency": NUM,
    "sm_count": INT, "gemm_tile_m": INT, "gemm_tile_n": INT,
    "allreduce_bytes": ("list", D_BYTES), "allreduce_busbw": ("list", D_BW),
}
WL_COMMON = {"name": STR, "parameters": D_PARAM, "inference_flops": D_FLOP, "data_rate": D_BW}
TF_SHAPE = {"layers": INT, "hidden_dim": INT, "heads": INT, "kv_heads": INT, "ffn_dim": INT, "vocab": INT,
            "context": D_TOKEN, "head_dim": INT, "tied_embeddings": BOOL, "activation": STR, "kv_lora_rank": INT,
            "q_lora_rank": INT, "rope_head_dim": INT}
WORKLOAD_KINDS = ("transformer", "moe", "ssm", "cnn", "diffusion", "generic", "vla")
KINDS = {
    "hardware": (HW_FIELDS, {"name", "peak_flops", "capacity", "bandwidth", "tdp"}),
    "transformer": ({**WL_COMMON, **TF_SHAPE}, {"layers", "hidden_dim", "heads"}),
    "moe": ({**WL_COMMON, **TF_SHAPE, "active_parameters": D_PARAM, "experts": INT, "top_k": INT,
             "shared_experts": INT, "dense_layers": INT, "dense_ffn_dim": INT},
            {"layers", "hidden_dim", "heads", "active_parameters", "experts"}),
    "ssm": ({**WL_COMMON, "layers": INT, "hidden_dim": INT, "state_size": INT}, set()),
    "cnn": ({**WL_COMMON, "layers": INT, "input_size": INT}, set()),
    "diffusion": ({**WL_COMMON, "denoising_steps": INT, "input_size": INT}, set()),
    "generic": ({**WL_COMMON, "model_size": D_BYTES, "layers": INT}, set()),
    # issue 25: embodied policies, robots and data sets
    "vla": ({**WL_COMMON, "layers": INT, "hidden_dim": INT, "action_horizon": INT, "action_dim": INT,
             "observation_horizon": INT, "observation_tokens": D_TOKEN, "action_tokens": INT}, set()),
    "platform": ({"name": STR, "archetype": STR, "compute": ("hardware",), "control_frequency": dim(s=-1),
                  "mass": D_MASS, "payload": D_MASS, "dofs": INT, "nominal_power": D_POWER, "sensor_data_rate": D_BW},
                 {"name", "compute", "control_frequency"}),
    "dataset": ({"name": STR, "domain": STR, "examples": dim(sample=1), "validation_examples": dim(sample=1),
                 "size": D_BYTES, "duration": D_TIME, "classes": INT, "embodiments": INT, "tasks": INT,
                 "image_size": INT}, {"name", "examples"}),
    "node": ({"name": STR, "accelerator": ("hardware",), "gpus": INT, "intra_bw": D_BW, "intra_latency": D_TIME,
              "nics": INT, "psus": INT}, {"accelerator", "gpus", "intra_bw"}),
    "fabric": ({"name": STR, "topology": STR, "bandwidth": D_BW, "latency": D_TIME, "oversubscription": NUM},
               {"bandwidth"}),
    "grid": ({"name": STR, "carbon_intensity": dim(m=-2, s=2), "pue": NUM, "data_year": NUM,
              "wue": dim(m=1, kg=-1, s=2), "electricity_price": dim(USD=1, kg=-1, m=-2, s=2)},
             {"carbon_intensity"}),
    "datacenter": ({"name": STR, "grid": ("grid",), "pue": NUM}, {"grid"}),
    "fleet": ({"name": STR, "node": ("node",), "count": INT, "fabric": ("fabric",), "grid": ("grid",),
               "datacenter": ("datacenter",), "node_mtbf": D_TIME}, {"node", "count", "fabric"}),
    "scenario": ({"name": STR, "description": STR, "workload": WORKLOAD_KINDS, "hardware": ("hardware",),
                  "fleet": ("fleet",), "sla": D_TIME, "sla_bounds": STR, "power_budget": D_POWER, "tp": INT, "pp": INT,
                  "zero_stage": INT, "batch": NUM, "precision": STR, "mode": STR}, {"workload", "sla"}),
}
ALIASES = {
    "hardware": {"year": "release_year", "peak": "peak_flops", "memory": "capacity", "price": "unit_cost",
                 "embodied_carbon_kg": "embodied_carbon", "interconnect_bw": "host_link_bw"},
    "node": {"count": "gpus"}, "fleet": {"nodes": "count"},
    **{k: {"params": "parameters", "hidden": "hidden_dim", "ffn": "ffn_dim", "state_dim": "state_size",
           "steps": "denoising_steps", "resolution": "input_size", "action_chunk_horizon": "action_horizon"}
       for k in WORKLOAD_KINDS},
}
TIERS = {"cloud", "workstation", "edge", "mobile", "tiny"}
# Calibrated-level fields of issue 22 (training, energy, reliability), added separately to the mirror.
HW_FIELDS.update({"training_power": D_POWER, "idle_power": D_POWER, "service_life": D_TIME})
KINDS["node"][0].update({"interruption_rate": dim(s=-1), **{f"{c}_failure_rate": dim(s=-1) for c in (
    "gpu", "hbm", "network", "nic", "host", "psu", "software")}})

# --------------------------------------------------------------------------- .mls parsing


class Entry:
    def __init__(self, kind, name, path, line):
        self.kind, self.name, self.path, self.line = kind, name, path, line
        self.fields: dict[str, object] = {}      # canonical field -> value (float SI, int, str, ("ref", name))
        self.raw: dict[str, str] = {}
        self.source = None                       # entry-level @source text
        self.verified = None


def _rel(path: Path) -> Path:
    try:
        return path.resolve().relative_to(ROOT)
    except ValueError:
        return path


def strip_comment(line: str) -> tuple[str, str]:
    """Split a line at the first '#' outside double quotes."""
    inq = False
    for i, ch in enumerate(line):
        if ch == '"':
            inq = not inq
        elif ch == "#" and not inq:
            return line[:i], line[i + 1:]
    return line, ""


def split_annotations(text: str) -> tuple[str, str]:
    """'3 TB/s  @source(...) @assumed' -> ('3 TB/s', '@source(...) @assumed')."""
    inq = False
    for i, ch in enumerate(text):
        if ch == '"':
            inq = not inq
        elif ch == "@" and not inq:
            return text[:i].strip(), text[i:].strip()
    return text.strip(), ""


ENTRY_RE = re.compile(r"^(\w+)\s+([A-Za-z_]\w*)\s*\{\s*$")
FIELD_RE = re.compile(r"^([A-Za-z_]\w*)\s*=\s*(.+)$")
VERIFIED_RE = re.compile(r'verified\s*=\s*"(\d{4}-\d{2}-\d{2})"')
IDENT_RE = re.compile(r"^[A-Za-z_]\w*$")


class Zoo:
    def __init__(self, zoo_dir: Path):
        self.entries: dict[str, Entry] = {}
        self.aliases: dict[str, str] = {}
        self.order: list[str] = []
        self.errors: list[str] = []
        files = [l.strip() for l in (zoo_dir / "ORDER").read_text().splitlines() if l.strip()]
        listed = {str((zoo_dir / f).resolve()) for f in files}
        for f in sorted(zoo_dir.rglob("*.mls")):
            if str(f.resolve()) not in listed:
                self.errors.append(f"{_rel(f)}: not listed in zoo/ORDER")
        for f in files:
            self._parse(zoo_dir / f)

    def resolve(self, name):
        seen = set()
        while name in self.aliases and name not in seen:
            seen.add(name)
            name = self.aliases[name]
        return self.entries.get(name)

    def _err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def _parse(self, path: Path):
        rel = _rel(path)
        cur: Entry | None = None
        for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{rel}:{no}"
            if any(ord(c) > 127 for c in raw):
                self._err(where, "non-ASCII character")
            code, comment = strip_comment(raw)
            if code.strip() and re.search(r"(^|\s)@(source|assumed)\b", comment):
                self._err(where, "annotation inside a comment has no effect; move it before the '#'")
            code = code.strip()
            if not code:
                continue
            if cur is None:
                m = ENTRY_RE.match(code)
                if m:
                    kind, name = m.groups()
                    if kind not in KINDS:
                        self._err(where, f"unknown kind `{kind}`")
                    if name in self.entries or name in self.aliases:
                        self._err(where, f"`{name}` defined twice")
                    cur = Entry(kind, name, rel, no)
                    continue
                m = FIELD_RE.match(code)
                if m and IDENT_RE.match(m.group(2).strip()):
                    alias, target = m.group(1), m.group(2).strip()
                    if alias in self.entries or alias in self.aliases:
                        self._err(where, f"`{alias}` defined twice")
                    if target not in self.entries and target not in self.aliases:
                        self._err(where, f"alias `{alias}` names `{target}`, which is not defined earlier")
                    self.aliases[alias] = target
                    continue
                self._err(where, f"cannot parse top-level line: {code}")
                continue
            if code == "}":
                self._finish(cur)
                cur = None
                continue
            if code.startswith("@"):
                if cur.fields:
                    self._err(where, "entry annotations must come before the fields")
                if code.startswith("@source"):
                    cur.source = code
                    v = VERIFIED_RE.search(code)
                    cur.verified = v.group(1) if v else None
                continue
            m = FIELD_RE.match(code)
            if not m:
                self._err(where, f"cannot parse field line: {code}")
                continue
            fname, rest = m.groups()
            value_text, ann = split_annotations(rest)
            if ann and not re.fullmatch(r'(@source\((?:[^()"]|"[^"]*")*\)|@assumed)(\s+(@source\((?:[^()"]|"[^"]*")*\)|@assumed))*', ann):
                self._err(where, f"cannot parse annotations: {ann}")
            fields, _ = KINDS.get(cur.kind, ({}, set()))
            canon = ALIASES.get(cur.kind, {}).get(fname, fname)
            if canon not in fields:
                self._err(where, f"a {cur.kind} has no field `{fname}`")
                continue
            if canon in cur.fields:
                self._err(where, f"field `{canon}` given twice")
            cur.raw[canon] = value_text
            want = fields[canon]
            try:
                cur.fields[canon] = self._value(value_text, want, where, canon)
            except ValueError as e:
                self._err(where, str(e))
        if cur is not None:
            self._err(f"{rel}", f"entry `{cur.name}` is not closed")

    def _value(self, text, want, where, fname):
        if want == BOOL:
            if text not in ("true", "false"):
                raise ValueError(f"`{fname}` wants true or false, got {text}")
            return text == "true"
        if isinstance(want, tuple) and len(want) == 2 and want[0] == "list":
            if not (text.startswith("[") and text.endswith("]")):
                raise ValueError(f"`{fname}` wants a list [a, b, ...], got {text}")
            return [self._value(t.strip(), want[1], where, fname) for t in text[1:-1].split(",") if t.strip()]
        if want == STR:
            if not (text.startswith('"') and text.endswith('"')):
                raise ValueError(f"`{fname}` wants a string, got {text}")
            return text[1:-1]
        if isinstance(want, tuple) and want and isinstance(want[0], str) and want[0] in KINDS:
            if not IDENT_RE.match(text):
                raise ValueError(f"`{fname}` wants an entry name, got {text}")
            target = self.resolve(text)
            if target is None:
                raise ValueError(f"`{fname}` = {text}: no entry of that name defined earlier (load order)")
            if target.kind not in want:
                raise ValueError(f"`{fname}` = {text} is a {target.kind}, wants {'/'.join(want)}")
            return ("ref", target.name)
        value, d = parse_quantity(text)
        if want in (INT, NUM):
            if d != D_NONE:
                raise ValueError(f"`{fname}` is a plain number, got units in `{text}`")
            if want == INT and value != int(value):
                raise ValueError(f"`{fname}` must be an integer, got {text}")
            return int(value) if want == INT else value
        if d != want:
            raise ValueError(f"`{fname}` = {text} has the wrong dimension")
        return value

    def _finish(self, e: Entry):
        where = f"{e.path}:{e.line}"
        if not e.source or not e.verified:
            self._err(where, f"entry `{e.name}` has no entry-level @source with verified = \"YYYY-MM-DD\"")
        _, required = KINDS.get(e.kind, ({}, set()))
        for r in sorted(required - set(e.fields)):
            self._err(where, f"{e.kind} `{e.name}` needs `{r}`")
        if e.kind == "hardware" and e.fields.get("tier") not in TIERS:
            self._err(where, f"hardware `{e.name}` tier must be one of {sorted(TIERS)}")
        if e.kind == "scenario" and ("hardware" in e.fields) == ("fleet" in e.fields):
            self._err(where, f"scenario `{e.name}` needs exactly one of hardware / fleet")
        self.entries[e.name] = e
        self.order.append(e.name)


# --------------------------------------------------------------------------- reference extraction

G_PER_KWH = 1e-3 / 3.6e6        # g/kWh -> kg/J
L_PER_KWH = 1e-3 / 3.6e6        # L/kWh -> m^3/J
PER_KWH = 1 / 3.6e6             # USD/kWh -> USD/J


def si(q):
    return None if q is None else q["si"]


def ref_hardware(x):
    out = {"name": x["name"], "release_year": x["release_year"]}
    c = x["compute"]
    out["peak_flops"] = si(c["peak_flops"])
    for p, v in (c.get("precision_flops") or {}).items():
        out[p] = si(v)
    m = x["memory"]
    for k in ("capacity", "bandwidth", "sram_capacity", "sram_bandwidth", "flash_capacity", "flash_bandwidth"):
        out[k] = si(m.get(k))
    if x.get("storage"):
        out["storage_capacity"] = si(x["storage"]["capacity"])
        out["storage_bw"] = si(x["storage"]["bandwidth"])
    if x.get("interconnect"):
        out["host_link_bw"] = si(x["interconnect"]["bandwidth"])   # the registry's one link was the host link
    out["tdp"] = si(x["tdp"])
    out["unit_cost"] = si(x.get("unit_cost"))
    out["embodied_carbon"] = x.get("embodied_carbon_kg")
    out["dispatch_tax"] = si(x.get("dispatch_tax"))
    out["battery_capacity"] = si(x.get("battery_capacity"))
    return {k: v for k, v in out.items() if v is not None}


def ref_workload(x):
    out = {"name": x["name"]}
    for k in ("parameters", "inference_flops", "model_size", "active_parameters", "training_ops"):
        if x.get(k) is not None:
            out[k] = si(x[k])
    for k in ("layers", "hidden_dim", "heads", "kv_heads", "state_size", "denoising_steps", "experts", "top_k"):
        if x.get(k) is not None:
            out[k] = x[k]
    if x.get("resolution") is not None:
        out["input_size"] = x["resolution"]
    return out


def ref_fabric(x):
    out = {"name": x["name"], "topology": x["topology"], "bandwidth": si(x["bandwidth"]),
           "oversubscription": x["oversubscription_ratio"]}
    if x.get("latency"):
        out["latency"] = si(x["latency"])
    return out


def ref_grid(x):
    return {"name": x["name"], "carbon_intensity": x["carbon_intensity_g_kwh"] * G_PER_KWH, "pue": x["pue"],
            "wue": x["wue"] * L_PER_KWH, "lat": x.get("lat"), "lon": x.get("lon"),
            "renewable_pct": x.get("renewable_pct"), "primary_source": x.get("primary_source")}


def walk_typed(node, path=""):
    if isinstance(node, dict):
        if "__type__" in node:
            yield path, node
            return
        for k, v in node.items():
            yield from walk_typed(v, f"{path}.{k}" if path else k)


# Reference names that are not (or no longer) the zoo name of the same record.
REF_RENAMES = {"GB200_NVL72": "GB200", "NVL72": "GB200"}   # rack -> per-GPU hardware (see zoo-fixes.md)


class Checker:
    def __init__(self, zoo: Zoo, ref: dict, spec: dict | None, fixes: dict, not_carried: dict, verbose: bool):
        self.zoo, self.ref, self.spec = zoo, ref, spec
        self.fixes, self.not_carried = fixes, not_carried
        self.verbose = verbose
        self.seen_fix: set = set()
        self.seen_nc: set = set()
        self.problems: list[str] = []
        self.compared = 0
        self.done: set = set()

    # ---- helpers
    def zoo_entry(self, ref_path):
        short = ref_path.split(".")[-1]
        short = REF_RENAMES.get(short, short)
        return self.zoo.resolve(short)

    def linked(self, e: Entry, field) -> Entry:
        """The entry a reference field points at, or an empty placeholder when it is missing or broken."""
        v = e.fields.get(field)
        if isinstance(v, tuple) and v[0] == "ref" and v[1] in self.zoo.entries:
            return self.zoo.entries[v[1]]
        return Entry("?", f"<{e.name}.{field} unset>", e.path, e.line)

    def zoo_value(self, e: Entry, field):
        v = e.fields.get(field)
        if isinstance(v, tuple) and v[0] == "ref":
            return self.zoo.entries[v[1]]
        return v

    def same(self, a, b):
        if isinstance(a, str) or isinstance(b, str):
            return a == b
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=0.0)

    def compare(self, entry_name, field, ref_value, zoo_value, where):
        """One reference number (or string) against the zoo's."""
        key = (entry_name, field)
        sig = (entry_name, field, repr(ref_value))
        if sig in self.done:
            return
        self.done.add(sig)
        self.compared += 1
        if ref_value is None and zoo_value is None:
            return
        if zoo_value is None:
            if key in self.not_carried:
                self.seen_nc.add(key)
                return
            if key in self.fixes:
                self.seen_fix.add(key)
                self.check_fix_row(key, ref_value, None)
                return
            self.problems.append(f"MISSING   {entry_name}.{field}: reference {fmt(ref_value)} ({where}) is not in the zoo "
                                 f"and not listed in docs/zoo-fixes.md")
            return
        if self.same(ref_value, zoo_value):
            if key in self.fixes:
                self.problems.append(f"STALE FIX {entry_name}.{field}: listed as a fix but equals the reference "
                                     f"({fmt(ref_value)})")
                self.seen_fix.add(key)
            elif self.verbose:
                print(f"ok        {entry_name}.{field} = {fmt(zoo_value)}")
            return
        if key in self.fixes:
            self.seen_fix.add(key)
            self.check_fix_row(key, ref_value, zoo_value)
            return
        self.problems.append(f"MISMATCH  {entry_name}.{field}: reference {fmt(ref_value)} ({where}), zoo {fmt(zoo_value)}")

    def check_fix_row(self, key, ref_value, zoo_value):
        row_ref, row_zoo = self.fixes[key]
        if not self.same(row_ref, ref_value):
            self.problems.append(f"FIX TABLE {key[0]}.{key[1]}: 'reference' column says {fmt(row_ref)}, "
                                 f"the reference holds {fmt(ref_value)}")
        if not self.same(row_zoo, zoo_value):
            self.problems.append(f"FIX TABLE {key[0]}.{key[1]}: 'zoo' column says {fmt(row_zoo)}, "
                                 f"the zoo holds {fmt(zoo_value)}")

    def compare_record(self, e: Entry | None, ref_fields: dict, where: str, name_for_missing: str):
        if e is None:
            if (name_for_missing, "*") in self.not_carried:
                self.seen_nc.add((name_for_missing, "*"))
                return
            self.problems.append(f"MISSING   entry for reference {where}")
            return
        for field, rv in ref_fields.items():
            zv = self.zoo_value(e, field)
            if isinstance(zv, Entry):
                zv = zv.fields.get("name")
            self.compare(e.name, field, rv, zv, where)

    # ---- sections
    def run(self):
        ref = self.ref
        seen_paths = set()
        for path, x in walk_typed(ref["Hardware"], "Hardware"):
            t = x["__type__"]
            e = self.zoo_entry(path)
            if t == "HardwareNode":
                if e is not None and e.kind != "hardware":
                    self.problems.append(f"KIND      {path} is hardware in the reference, {e.kind} `{e.name}` in the zoo")
                    continue
                self.compare_record(e, ref_hardware(x), path, path)
            elif t == "NetworkFabric":
                self.compare_record(e, ref_fabric(x), path, path)
            seen_paths.add(path)
        for path, x in walk_typed(ref["Models"], "Models"):
            e = self.zoo_entry(path)
            fields = ref_workload(x)
            if e is not None:
                want = {"TransformerWorkload": "transformer", "CNNWorkload": "cnn", "SSMWorkload": "ssm",
                        "DiffusionWorkload": "diffusion", "Workload": "generic"}[x["__type__"]]
                if e.kind != want:
                    self.problems.append(f"KIND      {path} is {x['__type__']}, zoo `{e.name}` is {e.kind}")
            self.compare_record(e, fields, path, path)
        sysr = ref["Systems"]
        for name, x in sysr["Tiers"].items():
            self.compare_record(None, {}, f"Systems.Tiers.{name}", f"Systems.Tiers.{name}")
        for name, x in sysr["Nodes"].items():
            e = self.zoo.resolve(name)
            self.compare_record(e, {"name": x["name"], "accelerator": x["accelerator"]["name"],
                                    "gpus": x["accelerators_per_node"], "intra_bw": si(x["intra_node_bw"]),
                                    "nics": x["nics_per_node"], "psus": x["psus_per_node"]}, f"Systems.Nodes.{name}",
                                f"Systems.Nodes.{name}")
        for name, x in sysr["Fabrics"].items():
            self.compare_record(self.zoo.resolve(name), ref_fabric(x), f"Systems.Fabrics.{name}", name)
        for name, x in sysr["Clusters"].items():
            e = self.zoo.resolve(name)
            self.compare_record(e, {"name": x["name"], "node": x["node"]["name"], "count": x["count"],
                                    "fabric": x["fabric"]["name"]}, f"Systems.Clusters.{name}", name)
            if e is not None:
                node = self.linked(e, "node")
                fab = self.linked(e, "fabric")
                # the embedded copies of node and fabric must equal the zoo's named entries
                self.compare(node.name, "gpus", x["node"]["accelerators_per_node"], node.fields.get("gpus"),
                             f"Systems.Clusters.{name}.node")
                self.compare(node.name, "intra_bw", si(x["node"]["intra_node_bw"]), node.fields.get("intra_bw"),
                             f"Systems.Clusters.{name}.node")
                self.compare(fab.name, "bandwidth", si(x["fabric"]["bandwidth"]), fab.fields.get("bandwidth"),
                             f"Systems.Clusters.{name}.fabric")
                d = sysr["Clusters_derived"][name]
                self.compare(e.name, "total_accelerators", d["total_accelerators"],
                             e.fields.get("count", 0) * node.fields.get("gpus", 0), f"Systems.Clusters_derived.{name}")
        for alias, target in sysr["aliases"].items():
            self.compare_record(None, {}, alias, alias)
        grids = ref["Infra"]["Grids"]
        for name, x in grids.items():
            self.compare_record(self.zoo.resolve(name), ref_grid(x), f"Infra.Grids.{name}", name)
        for name in ref["Infra"]["Racks"]:
            self.compare_record(None, {}, f"Infra.Racks.{name}", f"Infra.Racks.{name}")
        self.scenarios()
        self.defaults()
        self.ridge_points()
        if self.spec is not None:
            self.spec_meta()
        for key in self.fixes:
            if key not in self.seen_fix:
                self.problems.append(f"STALE FIX {key[0]}.{key[1]}: listed in docs/zoo-fixes.md but not observed")
        for key in self.not_carried:
            if key not in self.seen_nc:
                self.problems.append(f"STALE ROW {key[0]}.{key[1]}: listed as not carried but not observed")

    def by_display_name(self, name, kinds):
        hits = [e for e in self.zoo.entries.values() if e.kind in kinds and e.fields.get("name") == name]
        return hits[0] if len(hits) == 1 else None

    def scenarios(self):
        for name, x in self.ref["Scenarios"].items():
            e = self.zoo.resolve(name)
            if e is None:
                self.problems.append(f"MISSING   scenario {name}")
                continue
            wl = self.by_display_name(x["workload"], WORKLOAD_KINDS)
            sysent = self.by_display_name(x["system"], ("hardware", "fleet"))
            self.compare(e.name, "name", x["name"], e.fields.get("name"), f"Scenarios.{name}")
            self.compare(e.name, "description", x["description"], e.fields.get("description"), f"Scenarios.{name}")
            self.compare(e.name, "workload", wl.name if wl else f"<no zoo workload named {x['workload']!r}>",
                         e.fields.get("workload", (None, None))[1], f"Scenarios.{name}")
            got_sys = (e.fields.get("hardware") or e.fields.get("fleet") or (None, None))[1]
            self.compare(e.name, "system", sysent.name if sysent else f"<no zoo system named {x['system']!r}>",
                         got_sys, f"Scenarios.{name}")
            self.compare(e.name, "sla", si(x["sla_latency"]), e.fields.get("sla"), f"Scenarios.{name}")
            if x.get("power_budget"):
                self.compare(e.name, "power_budget", si(x["power_budget"]), e.fields.get("power_budget"),
                             f"Scenarios.{name}")
        names = {x["name"]: n for n, x in self.ref["Scenarios"].items()}
        for group, table in self.ref["Scenarios_aliases"].items():
            for alias, display in table.items():
                e = self.zoo.resolve(alias)
                self.compare(alias, "alias", names[display], e.name if e else None, f"Scenarios_aliases.{group}")

    def defaults(self):
        dp = self.ref["defaults_py"]
        for grid, const in (("US_Avg", "CARBON_US_AVG_GCO2_KWH"), ("Quebec", "CARBON_QUEBEC_GCO2_KWH"),
                            ("Iowa", "CARBON_IOWA_GCO2_KWH"), ("Poland", "CARBON_POLAND_GCO2_KWH"),
                            ("Norway", "CARBON_NORWAY_GCO2_KWH"), ("France", "CARBON_FRANCE_GCO2_KWH"),
                            ("EU_Avg", "CARBON_EU_AVG_GCO2_KWH")):
            e = self.zoo.resolve(grid)
            self.compare(grid, "carbon_intensity", dp[const] * G_PER_KWH,
                         e.fields.get("carbon_intensity") if e else None, f"defaults_py.{const}")
        e = self.zoo.resolve("US_Avg")
        self.compare("US_Avg", "electricity_price", dp["DEFAULT_KWH_PRICE"] * PER_KWH,
                     e.fields.get("electricity_price") if e else None, "defaults_py.DEFAULT_KWH_PRICE")
        for hw, const in (("H100", "GPU_UNIT_COST_H100"), ("A100", "GPU_UNIT_COST_A100"), ("B200", "GPU_UNIT_COST_B200")):
            e = self.zoo.resolve(hw)
            self.compare(hw, "unit_cost", si(dp[const]), e.fields.get("unit_cost") if e else None, f"defaults_py.{const}")
        for fab, const, unit in (("InfiniBand_NDR", "INFINIBAND_NDR_BW_GBS", 1e9), ("InfiniBand_HDR", "INFINIBAND_HDR_BW_GBS", 1e9),
                                 ("InfiniBand_NDR", "IB_NDR_LATENCY_US", 1e-6), ("InfiniBand_HDR", "IB_HDR_LATENCY_US", 1e-6),
                                 ("Ethernet_10G", "TCP_LATENCY_US", 1e-6)):
            e = self.zoo.resolve(fab)
            field = "bandwidth" if unit == 1e9 else "latency"
            self.compare(fab, field, dp[const] * unit, e.fields.get(field) if e else None, f"defaults_py.{const}")

    def ridge_points(self):
        for display, ridge in self.ref["Hardware_ridge_points_flop_per_byte"].items():
            e = self.by_display_name(display, ("hardware",))
            if e is None:
                e = next((self.zoo_entry(p) for p, x in walk_typed(self.ref["Hardware"], "Hardware")
                          if x.get("name") == display), None)
            fixed = e is not None and ((e.name, "peak_flops") in self.fixes or (e.name, "bandwidth") in self.fixes)
            if e is None or fixed:
                continue   # a fixed peak or bandwidth changes the ridge by construction
            if not e.fields.get("peak_flops") or not e.fields.get("bandwidth"):
                continue
            self.compare(e.name, "ridge_point", ridge, e.fields["peak_flops"] / e.fields["bandwidth"],
                         f"Hardware_ridge_points_flop_per_byte[{display}]")

    def spec_meta(self):
        meta = self.spec["meta"]
        for name, m in meta["adhoc_models"].items():
            e = self.zoo.resolve(name)
            if e is None:
                self.problems.append(f"MISSING   spec-cases meta model {name}")
                continue
            if e.kind != m["kind"]:
                self.problems.append(f"KIND      spec-cases {name} is {m['kind']}, zoo {e.kind}")
            for f in ("parameters", "layers", "hidden_dim", "heads", "kv_heads", "inference_flops",
                      "active_parameters", "experts", "top_k"):
                if f in m:
                    self.compare(e.name, f, m[f], e.fields.get(f), f"spec-cases meta.adhoc_models.{name}")
        for name, fl in meta["adhoc_fleets"].items():
            e = self.zoo.resolve(name)
            if e is None:
                self.problems.append(f"MISSING   spec-cases meta fleet {name}")
                continue
            where = f"spec-cases meta.adhoc_fleets.{name}"
            node = self.linked(e, "node")
            fab = self.linked(e, "fabric")
            self.compare(e.name, "count", fl["count"]["value"], e.fields.get("count"), where)
            n = fl["node"]
            acc = self.zoo.resolve(n["accelerator"])
            self.compare(e.name, "node.accelerator", acc.name if acc else n["accelerator"],
                         self.linked(node, "accelerator").name, where)
            for f in ("gpus", "intra_bw", "nics", "psus"):
                self.compare(e.name, f"node.{f}", n[f]["value"], node.fields.get(f), where)
            for f in ("bandwidth", "latency", "oversubscription"):
                self.compare(e.name, f"fabric.{f}", fl["fabric"][f]["value"], fab.fields.get(f), where)
            for f in ("grid", "datacenter"):
                if fl.get(f) is not None:
                    self.problems.append(f"UNHANDLED {where}.{f}")


def fmt(v):
    if isinstance(v, float):
        return f"{v:.6g}"
    return repr(v)


# --------------------------------------------------------------------------- docs/zoo-fixes.md

def parse_cell(text):
    text = text.strip().strip("`").strip()
    if text in ("", "-", "—", "absent", "(absent)"):
        return None
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    try:
        return parse_quantity(text)[0]
    except ValueError:
        return text


def parse_fixes(path: Path):
    fixes, not_carried, section = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            title = line[3:].strip().lower()
            section = "fixes" if title.startswith("fixes") else "nc" if title.startswith("not carried") else None
            continue
        if section is None or not line.startswith("|") or set(line.replace("|", "").strip()) <= set("-: "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0].lower() in ("entry", "reference entry"):
            continue
        for entry in (c.strip().strip("`") for c in cells[0].split(",")):
            for field in (c.strip().strip("`") for c in cells[1].split(",")):
                if section == "fixes":
                    fixes[(entry, field)] = (parse_cell(cells[2]), parse_cell(cells[3]))
                else:
                    not_carried[(entry, field)] = cells[2]
    return fixes, not_carried


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = ROOT / "tests" / "reference"  # copies of the reference data (tests/reference/FIXTURES.md)
    ap.add_argument("--reference", type=Path, default=shared / "mlsysim-0.1.1-zoo.json")
    ap.add_argument("--spec-cases", type=Path, default=shared / "spec-cases.json")
    ap.add_argument("--fixes", type=Path, default=ROOT / "docs" / "zoo-fixes.md")
    ap.add_argument("--zoo", type=Path, default=ROOT / "zoo")
    ap.add_argument("-v", "--verbose", action="store_true", help="also print every matching number")
    a = ap.parse_args()

    zoo = Zoo(a.zoo)
    problems = [f"LINT      {e}" for e in zoo.errors]
    ref = json.loads(a.reference.read_text())
    spec = json.loads(a.spec_cases.read_text()) if a.spec_cases.exists() else None
    if spec is None:
        print(f"note: {a.spec_cases} not found; spec-case ad-hoc entries not checked")
    fixes, not_carried = parse_fixes(a.fixes)
    ck = Checker(zoo, ref, spec, fixes, not_carried, a.verbose)
    ck.run()
    problems += ck.problems

    kinds: dict[str, int] = {}
    for e in zoo.entries.values():
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    print(f"zoo: {len(zoo.entries)} entries ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), "
          f"{len(zoo.aliases)} aliases")
    print(f"compared {ck.compared} reference values; {len(fixes)} listed fixes, {len(not_carried)} listed "
          f"not-carried values")
    for p in problems:
        print(p)
    if problems:
        print(f"FAILED: {len(problems)} problem(s)")
        return 1
    print("OK: every difference from the reference is a listed fix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
