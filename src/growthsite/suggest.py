"""Did-you-mean suggestions for unknown keys and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, known: Iterable[str], n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, sorted(set(known)), n=n, cutoff=0.6)


def did_you_mean(word: str, known: Iterable[str], what: str) -> str:
    """A hint naming the closest known values, or listing a few when none is close."""
    known = sorted(set(known))
    near = closest(word, known)
    if near:
        return "did you mean " + " or ".join(repr(k) for k in near) + "?"
    if not known:
        return f"there are no {what} yet"
    shown = ", ".join(repr(k) for k in known[:8])
    more = f" and {len(known) - 8} more" if len(known) > 8 else ""
    return f"known {what}: {shown}{more}"
