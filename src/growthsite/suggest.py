"""Did-you-mean suggestions for unknown keys and ids."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable

from .terminal import plain


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


def no_portfolio(person_id: str, known: Iterable[str], directory: str) -> str:
    """The one-line message for an unknown person id, with the closest ids as suggestions."""
    return (f"there is no portfolio for {plain(person_id)!r} in {os.path.abspath(directory)}: "
            f"{did_you_mean(person_id, known, 'people')}")
