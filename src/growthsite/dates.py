"""Dates and academic years (``2025-26``) as the trust counts them."""

from __future__ import annotations

import datetime as dt
import os

Date = dt.date


def parse_date(text: object) -> Date | None:
    """An ISO date, or None for anything that is not a real calendar date."""
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def month_day(text: str) -> tuple[int, int] | None:
    """``"09-01"`` → ``(9, 1)``; None if no year has that day (29 February is allowed)."""
    try:
        month, day = (int(part) for part in text.split("-"))
        dt.date(2000, month, day)
    except ValueError:
        return None
    return month, day


def _start(year: int, starts: tuple[int, int]) -> Date:
    month, day = starts
    if (month, day) == (2, 29):
        month, day = 3, 1
    return dt.date(year, month, day)


def academic_year(day: Date, starts: tuple[int, int]) -> str:
    """The academic year a day falls in, written as ``2025-26``."""
    first = day.year if day >= _start(day.year, starts) else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def previous_year(label: str) -> str:
    """``2026-27`` → ``2025-26``."""
    first = year_first(label) - 1
    return f"{first}-{(first + 1) % 100:02d}"


def year_first(label: str) -> int:
    return int(label[:4])


def year_is_consistent(label: str) -> bool:
    """``2025-26`` is; ``2025-27`` is not."""
    return int(label[5:]) == (year_first(label) + 1) % 100


def year_bounds(label: str, starts: tuple[int, int]) -> tuple[Date, Date]:
    """First and last day of an academic year."""
    first = year_first(label)
    return _start(first, starts), _start(first + 1, starts) - dt.timedelta(days=1)


def first_half_term_end(label: str, starts: tuple[int, int]) -> Date:
    """The last day of the first half term: the day before two months after the year starts."""
    start, _ = year_bounds(label, starts)
    month = start.month + 2
    year, month = start.year + (month - 1) // 12, (month - 1) % 12 + 1
    day = min(start.day, 28) if month == 2 else min(start.day, 30 if month in (4, 6, 9, 11) else 31)
    return dt.date(year, month, day) - dt.timedelta(days=1)


def in_year(day: tuple[int, int], label: str, starts: tuple[int, int]) -> Date:
    """A month-day within academic year ``label``: ``(10, 17)`` in 2026-27 is 17 October 2026."""
    start, _ = year_bounds(label, starts)
    month, dom = day
    year = start.year if (month, dom) >= (start.month, start.day) else start.year + 1
    if (month, dom) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        dom = 28
    return dt.date(year, month, dom)


def add_years(day: Date, years: int) -> Date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def clock() -> Date:
    """The real date: the computer's, or ``GROWTHSITE_REAL_TODAY`` (an ISO date), which only the test suite sets,
    so that its expectations about leavers and retention hold on any later day it runs."""
    fixed = parse_date(os.environ.get("GROWTHSITE_REAL_TODAY", ""))
    return fixed or dt.date.today()


def today() -> Date:
    """The date pages print, or ``GROWTHSITE_TODAY`` (an ISO date) so builds are reproducible.

    Leaving and retention are not decided on it alone: see :func:`deciding`.
    """
    fixed = parse_date(os.environ.get("GROWTHSITE_TODAY", ""))
    return fixed or clock()


def deciding(day: Date) -> Date:
    """The day leaving and retention are decided on: ``day``, but never before the real date.

    A ``GROWTHSITE_TODAY`` pinned in the past fixes the printed dates only; it must not bring back the page of
    someone who has left, or a growth cycle past its retention period. A later day is taken as it is.
    """
    return max(day, clock())
