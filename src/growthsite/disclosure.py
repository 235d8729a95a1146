"""Disclosure control: a public figure below the trust's threshold is never shown as its number.

A count of 2 on a public page can point at two named colleagues; "fewer than 5"
cannot. Totals follow the same rule, and a total whose parts were partly
suppressed never reveals them by subtraction: it is shown as "at least" the sum
of the parts that are shown. The staff build shows exact numbers (no threshold).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Count:
    """A figure as an audience may see it; ``value`` is None when it is suppressed."""

    value: int | None
    text: str
    """What the page shows: ``"12"``, ``"fewer than 5"`` or ``"at least 9"``."""

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Disclosure:
    threshold: int | None
    """Figures below this are suppressed; None shows every figure exactly (the staff build)."""

    def count(self, n: int) -> Count:
        if self.threshold is not None and n < self.threshold:
            return Count(None, f"fewer than {self.threshold}")
        return Count(n, str(n))

    def table(self, parts: Sequence[int]) -> tuple[tuple[Count, ...], Count]:
        """The parts and their total, such that no suppressed part can be worked out from the rest.

        When any part is suppressed the total is "at least" the sum of the parts shown (or
        "fewer than N" / "at least N" when every part is suppressed), so subtracting the shown
        parts from it gives nothing.
        """
        shown = tuple(self.count(n) for n in parts)
        total = sum(parts)
        if self.threshold is None or not any(c.suppressed for c in shown):
            return shown, self.count(total)
        visible = sum(c.value or 0 for c in shown)
        if visible:
            return shown, Count(None, f"at least {visible}")
        if total < self.threshold:
            return shown, Count(None, f"fewer than {self.threshold}")
        return shown, Count(None, f"at least {self.threshold}")


    def hides(self, people: int) -> bool:
        """Whether a group of ``people`` is too small to show any figure of, not only its head count."""
        return self.threshold is not None and people < self.threshold

    def group_table(self, parts: Sequence[int], hidden: Sequence[bool], total: int,
                    total_hidden: bool) -> tuple[tuple[Count, ...], Count]:
        """Sums over groups of people (activities, audiences) and their total, as ``table`` shows them, except
        that every figure of a hidden group (``hides``) reads "not shown": an exact sum for a group whose head
        count is hidden would say what its few members did."""
        shown = tuple(NOT_SHOWN if gone else self.count(n) for n, gone in zip(parts, hidden, strict=True))
        if total_hidden:
            return shown, NOT_SHOWN
        if not any(c.suppressed for c in shown):
            return shown, self.count(total)
        visible = sum(c.value or 0 for c in shown)
        return shown, Count(None, f"at least {visible}") if visible else NOT_SHOWN


NOT_SHOWN = Count(None, "not shown")
"""A figure of a group too small to show anything of (``Disclosure.hides``)."""
EXACT = Disclosure(None)
