"""The JSON Schema of MLS's machine output (docs/mls-output.schema.json), for the test drivers.

    from output_schema import check
    problems = check(document, "event")      # [] when the document is valid; else readable messages

`kind` names a definition of the schema ("event", "solve_result", "zoo_entry", "diagnostics", ...).
Validation uses python3-jsonschema (a Debian package; scripts/setup installs it).
"""
import json
import os
import re

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


# A number token of a JSON text (outside strings too, which is harmless: a string stays a string).
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def check_lines(text, kind="event"):
    """A JSON-lines output: every line parses and is a valid `kind`. A sweep writes millions of lines
    that differ only in their numbers: a line is validated once per shape (its text with every number
    made 1), after it parses."""
    problems, shapes = [], set()
    for n, line in enumerate(text.splitlines(), 1):
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {n} is not JSON: {e}")
            continue
        shape = _NUMBER.sub("1", line)
        if shape in shapes:
            continue
        shapes.add(shape)
        problems += [f"line {n}: {p}" for p in check(doc, kind)]
    return problems
