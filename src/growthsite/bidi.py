"""Bidirectional control characters: invisible, and able to reorder the text around them.

A name holding U+202E (RIGHT-TO-LEFT OVERRIDE) displays the rest of its line
backwards, so a title can read differently from what was written (the "Trojan
Source" trick). Ordinary right-to-left writing needs none of them: the browser
orders Arabic or Hebrew by itself. So the site shows each as visible text, such
as ``[U+202E]``, and ``validate`` warns where one was written.
"""

from __future__ import annotations

import re

CONTROLS: dict[str, str] = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}

_ANY = re.compile("[" + "".join(CONTROLS) + "]")
_VISIBLE = str.maketrans({char: f"[U+{ord(char):04X}]" for char in CONTROLS})


def visible(text: str) -> str:
    """``text`` with every bidirectional control shown as ``[U+XXXX]``; safe in HTML text and attributes."""
    return text.translate(_VISIBLE) if any(char in text for char in CONTROLS) else text


def first(text: str) -> tuple[int, str] | None:
    """The offset and character of the first bidirectional control in ``text`` (a regular expression,
    not a loop over characters: every file is searched whole, a 1 MB portfolio included)."""
    found = _ANY.search(text)
    return None if found is None else (found.start(), found.group())


def describe(char: str) -> str:
    return f"U+{ord(char):04X} ({CONTROLS[char]})"
