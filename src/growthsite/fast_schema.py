"""A fast yes/no check of a value against one of our JSON Schemas, compiled once into closures.

jsonschema's validator is general and explains every error well, but it costs a few milliseconds per
portfolio: most of the time a 5,000-person trust takes to check. Nearly every file is valid, so each is
first put to this predicate; only a file it does not pass goes to jsonschema, which then reports the
errors. The predicate is conservative: it supports the keywords our schemas use and answers False
(never True) when in doubt, so the worst a mistake here can cost is speed. A schema with a keyword it
does not know cannot be compiled, and then every file goes to jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"})
OBJECT = frozenset({"properties", "additionalProperties", "required"})
"""Checked together by :meth:`Compiler.mapping`."""
SIMPLE_TYPES: dict[str, type | tuple[type, ...]] = {"string": str, "array": list, "object": dict, "boolean": bool}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not implement."""


def _is_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "null":
        return value is None
    raise Unsupported(f"type {kind!r}")


def whole_string(pattern: str) -> str:
    """A schema's ``pattern`` with ECMA-262's meaning of ``$`` in Python: the end of the text only.

    JSON Schema patterns are ECMA-262 regular expressions, where ``$`` is the end of the text; in Python
    it also matches before a final line break, so ``^[a-z]+$`` would pass ``"ann\\n"`` (an id that then
    makes a folder ``people/ann\\n/``). Each ``$`` outside a character class becomes ``\\Z``."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = "\\Z"
        out.append(char)
    return "".join(out)


def pattern_search(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """The search a schema's ``pattern`` stands for (see :func:`whole_string`)."""
    return re.compile(whole_string(pattern)).search


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true and 1 differ."""
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b


class Compiler:
    """Compiles the schemas of one registry (``$id`` → schema); ``$ref`` between them resolves."""

    def __init__(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        self.documents = documents
        self.compiled: dict[tuple[str, str], Check] = {}

    def document(self, doc_id: str) -> Check:
        return self.reference(doc_id, "")

    def reference(self, doc_id: str, pointer: str) -> Check:
        key = (doc_id, pointer)
        if key not in self.compiled:
            target: Any = self.documents[doc_id]
            for part in [p for p in pointer.split("/") if p]:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            holder: list[Check] = []
            self.compiled[key] = lambda value: holder[0](value)  # recursion resolves through the holder
            holder.append(self.schema(target, doc_id))
            self.compiled[key] = holder[0]
        return self.compiled[key]

    def schema(self, schema: Any, doc_id: str) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks: list[Check] = []
        if {"properties", "additionalProperties", "required"} & schema.keys():
            checks.append(self.mapping(schema, doc_id))
        for keyword, argument in schema.items():
            if keyword in ANNOTATIONS or keyword in OBJECT or keyword.startswith("x-"):
                continue
            checks.append(self.keyword(keyword, argument, schema, doc_id))
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda value: first(value) and second(value)

        def every(value: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a loop: this runs for every value of every file
                if not check(value):
                    return False
            return True

        return every

    def mapping(self, schema: dict[str, Any], doc_id: str) -> Check:
        """properties, additionalProperties and required in one pass over the mapping (most of the work)."""
        props = {name: self.schema(sub, doc_id) for name, sub in schema.get("properties", {}).items()}
        extra = self.schema(schema["additionalProperties"], doc_id) if "additionalProperties" in schema else None
        needed = tuple(schema.get("required", ()))

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, item in value.items():
                known = props.get(name)
                if known is None:
                    if extra is not None and not extra(item):
                        return False
                elif not known(item):
                    return False
            for name in needed:  # noqa: SIM110 - a loop: this runs for every mapping of every file
                if name not in value:
                    return False
            return True

        return check

    def keyword(self, keyword: str, argument: Any, schema: dict[str, Any], doc_id: str) -> Check:
        if keyword == "type":
            kinds = argument if isinstance(argument, list) else [argument]
            if len(kinds) == 1 and kinds[0] in SIMPLE_TYPES:
                python = SIMPLE_TYPES[kinds[0]]
                return lambda value: isinstance(value, python)
            for kind in kinds:
                _is_type(None, kind)  # an unknown type name is refused now, not at check time
            return lambda value: any(_is_type(value, kind) for kind in kinds)
        if keyword == "$ref":
            target, _, pointer = str(argument).partition("#")
            return self.reference(target or doc_id, pointer)
        if keyword == "properties":
            props = {name: self.schema(sub, doc_id) for name, sub in argument.items()}
            return lambda value: not isinstance(value, dict) or all(
                check(value[name]) for name, check in props.items() if name in value)
        if keyword == "additionalProperties":
            known = set(schema.get("properties", {}))
            extra = self.schema(argument, doc_id)
            return lambda value: not isinstance(value, dict) or all(
                extra(item) for name, item in value.items() if name not in known)
        if keyword == "propertyNames":
            names = self.schema(argument, doc_id)
            return lambda value: not isinstance(value, dict) or all(names(name) for name in value)
        if keyword == "required":
            needed = list(argument)
            return lambda value: not isinstance(value, dict) or all(name in value for name in needed)
        if keyword == "dependentRequired":
            rules = {name: list(others) for name, others in argument.items()}
            return lambda value: not isinstance(value, dict) or all(
                all(other in value for other in others) for name, others in rules.items() if name in value)
        if keyword == "items":
            if not isinstance(argument, dict | bool):
                raise Unsupported("items as a list")
            each = self.schema(argument, doc_id)
            return lambda value: not isinstance(value, list) or all(each(item) for item in value)
        if keyword == "enum":
            options = list(argument)
            return lambda value: any(_same(value, option) for option in options)
        if keyword == "const":
            return lambda value: _same(value, argument)
        if keyword == "pattern":
            search = pattern_search(argument)
            return lambda value: not isinstance(value, str) or search(value) is not None
        if keyword == "minLength":
            return lambda value: not isinstance(value, str) or len(value) >= argument
        if keyword == "maxLength":
            return lambda value: not isinstance(value, str) or len(value) <= argument
        if keyword == "minItems":
            return lambda value: not isinstance(value, list) or len(value) >= argument
        if keyword == "uniqueItems":
            if not argument:
                return lambda value: True
            # Only lists of text are judged here; anything else is left to jsonschema.
            return lambda value: not isinstance(value, list) or (
                all(isinstance(item, str) for item in value) and len(set(value)) == len(value))
        if keyword in ("minimum", "maximum"):
            below = keyword == "minimum"
            return lambda value: not _is_type(value, "number") or (value >= argument if below else value <= argument)
        if keyword in ("anyOf", "allOf", "oneOf"):
            parts = [self.schema(sub, doc_id) for sub in argument]
            if keyword == "anyOf":
                return lambda value: any(part(value) for part in parts)
            if keyword == "allOf":
                return lambda value: all(part(value) for part in parts)
            return lambda value: sum(1 for part in parts if part(value)) == 1
        if keyword == "not":
            inner = self.schema(argument, doc_id)
            return lambda value: not inner(value)
        raise Unsupported(keyword)


def compile_all(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, Check | None]:
    """``$id`` → the predicate of that schema, or None where the schema uses a keyword not supported here."""
    compiler = Compiler(documents)
    found: dict[str, Check | None] = {}
    for doc_id in documents:
        try:
            found[doc_id] = compiler.document(doc_id)
        except Unsupported:
            found[doc_id] = None
    return found
