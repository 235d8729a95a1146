"""Derived facts: computed once, in one place, and tested against hand-counted values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Activity, ActivityType, Reach, Role

REACH_LEVEL: dict[str, int] = {"own-school": 2, "other-schools": 3, "trust": 3, "beyond-trust": 4}
BEYOND_OWN_SCHOOL = frozenset({"other-schools", "trust", "beyond-trust"})


@dataclass(frozen=True)
class Headline:
    """A headline figure: activities of ``type`` (in ``role``, when given)."""

    type: str
    role: str | None = None


HEADLINES = (Headline("trust-training"), Headline("peer-review"), Headline("think-tank", "lead"))
"""The contract's three headline types, shown first on a person's page when the catalogue has them."""


@dataclass(frozen=True)
class Figure:
    type: str
    label: str
    value: int


def school_on(roles: Iterable[Role], day: dt.date, current: str) -> str:
    """The school a person worked at on ``day``: the latest role covering it, else their current one."""
    found = current
    for role in roles:
        if role.start <= day and (role.end is None or day <= role.end):
            found = role.school
    return found


def derive_reach(given: Reach | None, schools: Iterable[str], home: str) -> Reach:
    """Reach as written, or other-schools when it named a school other than the person's own."""
    if given is not None:
        return given
    return "other-schools" if any(s != home for s in schools) else "own-school"


def level_of(reach: str, max_level: int) -> int:
    """The framework level a reach evidences, capped at the framework's top level."""
    return min(REACH_LEVEL[reach], max_level)


def current_role(roles: Iterable[Role], today: dt.date) -> Role | None:
    """The latest role that has started and not ended; else the latest role."""
    roles = list(roles)
    live = [r for r in roles if r.start <= today and (r.end is None or r.end >= today)]
    found = live or roles
    return found[-1] if found else None


def headline_figures(activities: Iterable[Activity], types: Iterable[ActivityType]) -> tuple[Figure, ...]:
    """The headline figures from the activities given (a view's), labelled from the trust's catalogue.

    A headline whose type the catalogue lacks is left out rather than shown as a misleading 0.
    """
    names = {t.id: t.name for t in types}
    activities = list(activities)
    figures = []
    for headline in HEADLINES:
        if headline.type not in names:
            continue
        count = sum(
            1 for a in activities
            if a.type == headline.type and (headline.role is None or a.role == headline.role)
        )
        label = names[headline.type] + (f" {headline.role.replace('-', ' ')}" if headline.role else "")
        figures.append(Figure(headline.type, label.replace(" lead", " led"), count))
    return tuple(figures)
