"""JSON Schema validation of authored files, in the authors' words.

The schemas in ``build_scripts/load/schemas/`` say what every file may hold (editors read them too).
A problem names where it is in words a teacher reads (``the 4th pupil promise``), what was
found there in a few words, and how to write it instead.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema

from build_scripts.load.source import Source
from build_scripts.problems import Problem, describe, place
from quiz_engine.check import suggest

SCHEMAS = Path(__file__).parent / "schemas"


@cache
def schema(name: str) -> dict:
    """One of the JSON Schemas in build_scripts/load/schemas (also used by editors)."""
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    """One validator per schema, made once: it finds every problem and where it is."""
    return jsonschema.Draft202012Validator(
        schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _is_date(text: str) -> bool:
    """The ``date`` format as jsonschema checks it, so both validators agree on every date."""
    return jsonschema.Draft202012Validator.FORMAT_CHECKER.conforms(text, "date")


@cache
def _quick(name: str):
    """The same schema compiled to plain Python by fastjsonschema: most files are valid, and
    it says so many times faster; only a file it rejects is walked by the full validator."""
    return fastjsonschema.compile({k: v for k, v in schema(name).items() if k != "$schema"},
                                  formats={"date": _is_date})


def validate(source: Source, schema_name: str, keep=None) -> list[Problem]:
    """JSON Schema problems in ``source``, in the authors' words (``keep``: validators kept)."""
    if not isinstance(source.data, dict):  # the loader has said what is wrong
        return []
    try:
        _quick(schema_name)(source.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    found = []
    for error in _validator(schema_name).iter_errors(source.data):
        if keep is None or error.validator in keep:
            where = tuple(error.absolute_path)
            if error.validator == "additionalProperties":  # each at its own key's line
                found += [source.problem(where + (key,), _unknown_key(key, error, where))
                          for key in error.instance if key not in _known_keys(error)]
            else:
                found.append(source.problem(where, _schema_message(error, where)))
    return found


def _known_keys(error) -> dict:
    return error.schema.get("properties", {})


def _unknown_key(key: str, error, where: tuple) -> str:
    return f'unknown key "{key}"' + (f" in {place(where)}" if where else "") + suggest(
        key, _known_keys(error))


#: What text each pattern in the schemas wants, in words.
PATTERNS = {"^[a-z0-9][a-z0-9-]*$": "an id in lower-case letters, digits and -, e.g. my-id-2",
            "^[a-z][a-z0-9_]*$": "a name in lower-case letters, digits and _, e.g. minimum_age",
            "^https?://": "a web address starting with https://",
            "^pictures/": "a picture in content/pictures/, e.g. pictures/sam.svg",
            "^(not )?[a-z0-9][a-z0-9-]*$": "a flag, or not and a flag, e.g. not told-adult"}
#: What each JSON type is called in messages.
KINDS = {"array": "a list", "object": "a mapping of keys", "string": "text",
         "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def _schema_message(error, where: tuple) -> str:
    name = place(where)
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        key = missing.group(1) if missing else error.message
        return f'missing "{key}"' + (f" in {name}" if where else "")
    if error.validator == "type":
        want = error.validator_value
        want = " or ".join(KINDS.get(w, w) for w in ([want] if isinstance(want, str) else want))
        found = "is empty" if error.instance is None else \
            f"must be {want}, not {describe(error.instance)}"
        return f"{name} {found}: {_fix(error)}"
    if error.validator == "format":
        return f"{name} must be a date written YYYY-MM-DD, not {describe(error.instance)}"
    if error.validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return f"{name} is {describe(error.instance)}, not one of {options}" + suggest(
            error.instance, error.validator_value)
    if error.validator in ("minItems", "minProperties", "minLength"):
        return f"{name} is empty: " + {"minItems": "give it at least one item",
                                       "minProperties": "give it at least one entry",
                                       "minLength": "write something there"}[error.validator]
    if error.validator == "pattern":
        words = PATTERNS.get(error.validator_value, f"text that fits {error.validator_value}")
        if "propertyNames" in error.schema_path:  # the instance is a key
            return f'the key "{error.instance}"' + (f" in {name}" if where else "") + \
                f" must be {words}"
        if error.schema.get("patternErrorMessage"):  # the words an editor shows (VS Code)
            return f"{name} is {describe(error.instance)}: {error.schema['patternErrorMessage']}"
        return f"{name} must be {words}, not {describe(error.instance)}"
    if error.validator in ("minimum", "maximum"):
        return f"{name} is {describe(error.instance)}, outside " \
               f"{error.schema.get('minimum', '')}-{error.schema.get('maximum', '')}"
    return f"{name}: {error.message[:200]}"


def _fix(error) -> str:
    """How to write a value of the type the schema wants, naming the keys it takes."""
    schema, want = error.schema, error.validator_value
    if want == "object":
        keys = _keys(schema)
        return (f"write keys such as {keys}" if keys else
                "write each entry as id: on its own line") + \
            " below it, indented by two spaces"
    if want == "array":
        keys = _keys(schema.get("items", {}))
        each = f", each with keys such as {keys}" if keys else ""
        return f"write each item on its own line below it, starting with a dash (-){each}"
    if isinstance(error.instance, (bool, int, float)) and "string" in want:
        return f'put it in quotes, e.g. "{error.instance}"'
    if want in ("integer", "number", "boolean"):
        return "write true or false" if want == "boolean" else "write a number, e.g. 3"
    return "write it as plain text, in quotes if it starts with { or [ or holds a colon"


def _keys(schema: dict) -> str:
    """"name: and role:": the first keys a mapping may have, and every one it must have."""
    first = list(schema.get("properties", {}))[:3]
    keys = [f"{k}:" for k in first + [k for k in schema.get("required", ()) if k not in first]]
    return ", ".join(keys[:-1]) + f" and {keys[-1]}" if len(keys) > 1 else "".join(keys)
