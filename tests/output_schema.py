"""The JSON Schema of MLS's machine output (docs/mls-output.schema.json), for the test drivers.

    from output_schema import check
    problems = check(document, "event")      # [] when the document is valid; else readable messages

`kind` names a definition of the schema ("event", "solve_result", "zoo_entry", "diagnostics", ...).
Validation uses python3-jsonschema (a Debian package; scripts/setup installs it).
"""
import json
import os

import jsonschema

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "mls-output.schema.json")
with open(SCHEMA_PATH, encoding="utf-8") as f:
    SCHEMA = json.load(f)
jsonschema.Draft202012Validator.check_schema(SCHEMA)
_validators = {}


def validator(kind):
    if kind not in _validators:
        sub = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{kind}"} if kind else SCHEMA
        _validators[kind] = jsonschema.Draft202012Validator(sub)
    return _validators[kind]


def check(document, kind=None):
    """Messages for every way `document` breaks the schema's `kind` (the whole schema when None)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:300]}"
            for e in validator(kind).iter_errors(document)]


def check_lines(text, kind="event"):
    """A JSON-lines output: every line parses and is a valid `kind`."""
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n} is not JSON: {e}")
            continue
        problems += [f"line {n}: {p}" for p in check(doc, kind)]
    return problems
