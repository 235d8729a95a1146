"""Turn a YAML scalar into the value YAML 1.1 means by it, or say in plain words why it has none.

PyYAML's own constructors raise ``ValueError`` or ``KeyError`` on ``0x_``, ``!!int abc`` or ``!!bool maybe``,
and Python refuses to turn integers of more than 4,300 digits into text. Here every scalar either
becomes a value or an :class:`Unreadable` with a message and a hint for the person who wrote it.
Dates stay text, as everywhere in growthsite: the schema decides what they are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

CORE = "tag:yaml.org,2002:"
"""The prefix of YAML's own tags: ``!!int`` is short for ``tag:yaml.org,2002:int``."""
STR, NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    CORE + "str", CORE + "null", CORE + "bool", CORE + "int", CORE + "float", CORE + "timestamp"
)
SCALAR_TAGS = frozenset({STR, NULL, BOOL, INT, FLOAT, TIMESTAMP})

MAX_NUMBER_CHARS = 100
"""A number in a portfolio is a year, a count or a level; one written with more characters is a mistake
(and past 4,300 digits Python cannot even print it)."""

# YAML 1.1's forms, as PyYAML's resolver knows them (so a plain scalar it calls a number matches).
_INT = re.compile(r"[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*(?::[0-5]?[0-9])*)")
_FLOAT = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_LOOSE_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?")
"""What ``!!float`` may also tag: ``!!float 1``, ``!!float 1e5``."""
_NULLS = ("", "~", "null", "Null", "NULL")
_BOOLS = SafeConstructor.bool_values


class Unreadable(Exception):
    """The scalar has no value of its type: the message says why, the hint how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


class _NoDigits(Exception):
    pass


def shown(text: str) -> str:
    """The scalar as a message can show it: a long one cut short."""
    return text if len(text) <= 40 else f"{text[:30]}… ({len(text):,} characters)"


def quote_hint(text: str) -> str:
    if len(text) > 40 or "\n" in text:
        return "put it in quotes to keep it as text"
    return f'put it in quotes to keep it as text: "{text}"'


def value(tag: str, text: str, plain: bool) -> Any:
    """The value of a scalar of type ``tag``, one of :data:`SCALAR_TAGS`: ``plain`` when YAML gave it that
    type from its look (``no``, ``12``), not from a tag written before it."""
    if tag == STR:
        return text
    if tag == INT:
        return _number(text, plain, "!!int", _INT.fullmatch(text) is not None, _int, "a whole number such as 12")
    if tag == FLOAT:
        form = _FLOAT.fullmatch(text) or (not plain and _LOOSE_FLOAT.fullmatch(text))
        return _number(text, plain, "!!float", bool(form), _float, "a number such as 1.5")
    if tag == NULL:
        if text in _NULLS:
            return None
        raise Unreadable(f"the tag !!null says this value is empty, but it holds {shown(text)!r}",
                         "remove the tag, or the value after it")
    if tag == BOOL:
        if text.lower() in _BOOLS:
            return _BOOLS[text.lower()]
        raise Unreadable(f"the tag !!bool says {shown(text)!r} is true or false, but it is neither",
                         "write true or false after the tag, or remove the tag")
    if not plain:  # a plain date stays text for the schema to check, like every date
        _check_timestamp(text)
    return text


def _number(text: str, plain: bool, tag: str, written_as_one: bool, convert: Callable[[str], float],
            example: str) -> float:
    what = example.partition(" such as")[0]
    if not written_as_one:
        raise Unreadable(f"the tag {tag} says {shown(text)!r} is {what}, but it is not one",
                         f"write {example} after the tag, or remove the tag")
    subject = f"YAML reads the unquoted {shown(text)} as" if plain else f"the tag {tag} says {shown(text)!r} is"
    if len(text) > MAX_NUMBER_CHARS:
        raise Unreadable(
            f"{subject} a number, but a number here has at most {MAX_NUMBER_CHARS} characters",
            "shorten it, or put it in quotes to keep it as text" if plain else "shorten it, or remove the tag",
        )
    try:
        number = convert(text)
    except (_NoDigits, ValueError):
        raise Unreadable(f"{subject} a number, but it has no digits",
                         quote_hint(text) if plain else "write the number's digits, or remove the tag") from None
    if not math.isfinite(number):
        said = "not a number (NaN)" if math.isnan(number) else "infinity" if "inf" in text.lower() \
            else "a number too large to use"
        raise Unreadable(f"{subject} {said}, which no value here can be",
                         quote_hint(text) if plain else "write an ordinary number, or remove the tag")
    return number


def _sign(text: str) -> tuple[int, str]:
    digits = text.replace("_", "")
    if digits[:1] in ("-", "+"):
        return (-1 if digits[0] == "-" else 1), digits[1:]
    return 1, digits


def _int(text: str) -> int:
    """A YAML 1.1 integer (already matched): binary, hexadecimal, octal, decimal or base 60 (``1:30`` is 90)."""
    sign, digits = _sign(text)
    if ":" in digits:
        number = 0
        for part in digits.split(":"):
            number = number * 60 + int(part)
        return sign * number
    base = 10
    if digits[:2] in ("0b", "0x"):
        digits, base = digits[2:], 2 if digits[1] == "b" else 16
    elif len(digits) > 1 and digits[0] == "0":
        base = 8
    if not digits:
        raise _NoDigits
    return sign * int(digits, base)


def _float(text: str) -> float:
    """A YAML 1.1 float (already matched), including ``.inf``, ``.nan`` and base 60 (``1:30.5``)."""
    sign, digits = _sign(text)
    if digits.lower() == ".inf":
        return sign * math.inf
    if digits.lower() == ".nan":
        return math.nan
    if ":" in digits:
        number = 0.0
        for part in digits.split(":"):
            number = number * 60 + float(part)
        return sign * number
    if not any(c.isdigit() for c in digits.partition("e")[0].partition("E")[0]):
        raise _NoDigits
    return sign * float(digits)


def _check_timestamp(text: str) -> None:
    """An explicit ``!!timestamp`` must be a real date (or date and time); plain dates are the schema's to check."""
    match = SafeConstructor.timestamp_regexp.match(text)
    hint = "write a real date as YYYY-MM-DD, such as 2025-10-17, or remove the tag"
    if match is None or "\n" in text:
        raise Unreadable(f"the tag !!timestamp says {shown(text)!r} is a date, but it is not written as one", hint)
    try:
        _constructor.construct_yaml_timestamp(yaml.ScalarNode(TIMESTAMP, text))
    except (ValueError, OverflowError):
        such = "date" if match["hour"] is None else "date and time"
        raise Unreadable(f"the tag !!timestamp says {text!r} is a date, but there is no such {such}", hint) from None


_constructor = SafeConstructor()


def key_read_as(tag: str, read: Any) -> str:
    """What YAML made of a key that is not a name, for the message."""
    if tag == TIMESTAMP:
        return "a date"
    if read is None:
        return "empty (null)"
    if isinstance(read, bool):
        return "true" if read else "false"
    return f"the number {read}"
