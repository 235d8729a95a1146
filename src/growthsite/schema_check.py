"""Validate a file's value against its JSON Schema and say what is wrong in plain words."""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from . import schemas
from .fast_schema import Check, compile_all, pattern_search
from .problems import Problems
from .read import Path, Source
from .suggest import did_you_mean

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "null": "empty",
}


def _pattern(checker: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    """jsonschema's ``pattern``, with ``$`` meaning the end of the text as JSON Schema says (fast_schema's too)."""
    if isinstance(instance, str) and pattern_search(pattern)(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern})
"""Draft 2020-12, except that a pattern's ``$`` is the end of the text: an id with a line break after it fails."""


@cache
def validator(name: str) -> Draft202012Validator:
    """Compiled once per process: building a validator costs more than using it."""
    return Validator(schemas.load(name), registry=schemas.registry())


@cache
def subschema_validator(name: str, pointer: str) -> Draft202012Validator:
    """A validator for one part of a data schema (e.g. a portfolio's activity), for records not yet in a file."""
    return Validator({"$ref": f"{schemas.load(name)['$id']}#{pointer}"}, registry=schemas.registry())


def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def field_name(path: Path) -> str:
    """``('activities', 2, 'date')`` → ``activities[3].date``; ``(0, 'to')`` → ``item 1.to`` (from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]" if out else f"item {part + 1}"
        else:
            out += f".{part}" if out else str(part)
    return out or "the file"


@cache
def _predicates() -> dict[str, Check | None]:
    """Every data schema compiled once into a fast yes/no check (``fast_schema``), by ``$id``."""
    return compile_all({schemas.load(name)["$id"]: schemas.load(name) for name in schemas.NAMES})


def passes(value: Any, name: str) -> bool:
    """True when ``value`` certainly satisfies the data schema ``name``; False means: ask jsonschema."""
    check = _predicates().get(schemas.load(name)["$id"])
    try:
        return check is not None and check(value)
    except Exception:  # a value the fast check did not foresee: jsonschema decides
        return False


def check_schema(source: Source, name: str, problems: Problems) -> bool:
    """Report every violation of the data schema ``name`` in ``source``; True when there were none.

    A value the fast check passes has no violation to report; only the others are walked by jsonschema.
    """
    if not source.damaged and (source.shape == name or passes(source.value, name)):
        return True
    return check_with(source, validator(name), problems)


def check_with(source: Source, checker: Draft202012Validator, problems: Problems) -> bool:
    """Report every violation of ``checker``'s schema in ``source``; True when there were none."""
    if source.damaged:
        return False
    found = False
    for error in checker.iter_errors(source.value):
        found = True
        report_error(source, error, problems)
    return not found


def report_error(source: Source, error: ValidationError, problems: Problems) -> None:
    """One violation, in plain words, at the place in ``source`` it concerns."""
    path: Path = tuple(error.absolute_path)
    where = field_name(path) if path else source.whole
    instance, schema, kind = error.instance, error.schema, error.validator
    expected: Any = error.validator_value
    schema = schema if isinstance(schema, dict) else {}
    line, col = source.at(path)

    def add(message: str, hint: str | None = None, at: tuple[int, int] | None = None) -> None:
        mark = at or (line, col)
        problems.error(source.path, mark[0], mark[1], message, hint)

    if kind == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        for key in instance:
            if key not in known:
                add(
                    f"unknown key {key!r}" + (f" in {where}" if path else ""),
                    did_you_mean(key, known, "keys here"),
                    source.key_at((*path, key)),
                )
    elif kind == "required" and isinstance(instance, dict):
        for key in expected:
            if key not in instance:
                about = schema.get("properties", {}).get(key, {}).get("description")
                add(f"{where} is missing the required {source.key_word} {key!r}", f"{key}: {about}" if about else None)
    elif kind == "type":
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        raw = source.raw.get(path)
        hint = None
        if raw is not None and "string" in expected:
            hint = (
                f"YAML reads the unquoted {raw} as {describe(instance)}; "
                f"put it in quotes to keep it as text: \"{raw}\""
            )
        if isinstance(instance, str) and "boolean" in expected:
            hint = "write true or false, without quotes"
        add(f"{where} should be {words}, not {describe(instance)}", hint)
    elif kind == "enum":
        options = [str(v) for v in expected]
        add(
            f"{where} is {describe(instance)}, which is not one of: {', '.join(options)}",
            did_you_mean(str(instance), options, "values"),
        )
    elif kind == "pattern" and isinstance(instance, str) and _fits_but_for_line_break(instance, expected):
        named = bool(path) and path[-1] == "id"
        add(("the id" if named else where) + f" ends with a line break: {instance!r}"
            + (f" (in {where})" if named and where != "id" else ""),
            f"write just {instance.rstrip()}: a \\n inside quotes, or a | or > block, adds the line break")
    elif "x-error" in schema:
        subject = repr(instance) if isinstance(instance, str) else f"{where}"
        if kind in ("anyOf", "not", "dependentRequired"):
            subject = f"{where}"
        add(f"{subject} {schema['x-error']}" + (f" (in {where})" if subject != where else ""))
    elif kind == "const":
        add(f"{where} should be {expected!r}, not {describe(instance)}", f"write {where}: {expected}")
    elif kind == "minLength":
        add(f"{where} is empty", "write something or remove the key")
    elif kind == "minItems":
        add(f"{where} needs at least {expected} item(s)")
    elif kind == "uniqueItems":
        add(f"{where} lists the same value more than once", "remove the repeat")
    elif kind == "minimum":
        add(f"{where} must be at least {expected}, not {instance}")
    else:  # pragma: no cover - every keyword our schemas use is handled above
        add(f"{where}: {error.message}")


def _fits_but_for_line_break(text: str, pattern: str) -> bool:
    """True when ``text`` fails ``pattern`` only because of the line break it ends with (``id: "ann-lee\\n"``,
    or a ``|`` block), which YAML keeps and a reader does not see."""
    bare = text.rstrip("\r\n")
    return bare != text and bare != "" and pattern_search(pattern)(bare) is not None
