"""User text printed on a terminal: one line, and unable to drive the terminal.

A focus or a name could hold ``\\x1b`` escapes that recolour or rewrite a CPD
lead's terminal, or a bidirectional override that makes a line read backwards.
"""

from __future__ import annotations

import unicodedata

from . import bidi

_MARKS = dict.fromkeys(map(ord, "\u061c\u200e\u200f"))


def count(n: int, what: str, plural: str | None = None) -> str:
    """``3 growth cycles``, ``1 activity``: a number and its noun, in the right number."""
    return f"{n} {what if n == 1 else plural or what + 's'}"


def plain(text: object, limit: int | None = None) -> str:
    """``text`` on one line: control characters become spaces, bidirectional controls read ``[U+202E]``."""
    flat = bidi.visible(str(text)).translate(_MARKS)
    flat = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in flat).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat
