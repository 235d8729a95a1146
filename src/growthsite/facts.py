"""Derived facts: computed once, in one place, and tested against hand-counted values."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Activity, ActivityType, Reach, Role

REACH_LEVEL: dict[str, int] = {"own-school": 2, "other-schools": 3, "trust": 3, "beyond-trust": 4}
BEYOND_OWN_SCHOOL = frozenset({"other-schools", "trust", "beyond-trust"})


@dataclass(frozen=True)
class Headline:
    """A headline figure: activities of ``type`` (in ``role``, when given)."""

    type: str
    role: str | None = None
    suffix: str = ""
    """Added to the catalogue's name of the type, e.g. "Think Tanks" + " led"."""


HEADLINES = (Headline("trust-training"), Headline("peer-review"), Headline("think-tank", "lead", " led"))
"""The contract's three headline types, shown first on a person's page when the catalogue has them."""


@dataclass(frozen=True)
class Figure:
    type: str
    label: str
    value: int


def role_on(roles: Iterable[Role], day: dt.date) -> Role | None:
    """The latest role covering ``day`` (roles may overlap: the newest one counts)."""
    found = None
    for role in roles:
        if role.start <= day and (role.end is None or day <= role.end):
            found = role
    return found


def school_on(roles: Iterable[Role], day: dt.date, current: str) -> str:
    """The school a person worked at on ``day``: the latest role covering it, else their current one."""
    role = role_on(roles, day)
    return role.school if role else current


def stage_on(roles: Iterable[Role], day: dt.date) -> str | None:
    """The career stage of the latest role covering ``day``: what the person was when they did something."""
    role = role_on(roles, day)
    return role.stage if role else None


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
        figures.append(Figure(headline.type, names[headline.type] + headline.suffix, count))
    return tuple(figures)


LEAD_ROLES = frozenset({"lead", "co-lead", "lead-reviewer"})


def type_figures(activities: Iterable[Activity], types: Iterable[ActivityType]) -> tuple[Figure, ...]:
    """Headline figures first, then one figure per other type the person has, in catalogue order."""
    types = list(types)
    activities = list(activities)
    figures = list(headline_figures(activities, types))
    headline_types = {h.type for h in HEADLINES}
    for kind in types:
        if kind.id in headline_types:
            continue
        count = sum(1 for a in activities if a.type == kind.id)
        if count:
            figures.append(Figure(kind.id, kind.name, count))
    return tuple(figures)


def schools_reached(activities: Iterable[Activity]) -> tuple[str, ...]:
    """Schools named by activities other than the school the person worked at then, sorted."""
    return tuple(sorted({s for a in activities for s in a.schools if s != a.home_school}))


def colleagues_reached(activities: Iterable[Activity]) -> int:
    """The sum of ``audience`` over the activities (those without one add nothing)."""
    return sum(a.audience or 0 for a in activities)


def evidence_map(activities: Sequence[Activity]) -> dict[tuple[str, int], tuple[int, ...]]:
    """(strand, level) → indexes of the activities evidencing it; one activity may fill several strands."""
    found: dict[tuple[str, int], list[int]] = {}
    for index, activity in enumerate(activities):
        for strand in activity.evidences:
            found.setdefault((strand, activity.level), []).append(index)
    return {key: tuple(value) for key, value in found.items()}


def by_year(activities: Sequence[Activity]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Indexes of the activities grouped by academic year, newest year first, newest first within a year.

    Indexes, not activities: two identical records stay two entries with two anchors.
    """
    groups: dict[str, list[int]] = {}
    for index in sorted(range(len(activities)), key=lambda i: (activities[i].start, activities[i].title), reverse=True):
        groups.setdefault(activities[index].year, []).append(index)
    return tuple((year, tuple(items)) for year, items in sorted(groups.items(), reverse=True))


def years_in_trust(roles: Sequence[Role], today: dt.date) -> int:
    """Whole years since the first role started (0 without roles)."""
    if not roles:
        return 0
    first = roles[0].start
    return today.year - first.year - ((today.month, today.day) < (first.month, first.day))


@dataclass(frozen=True)
class Contribution:
    """One activity as trust-wide figures count it: no title, no link, no notes.

    ``person`` is set only for people listed in the audience's view; ``person_key``
    is an opaque number that lets figures count distinct people without naming them.
    """

    person: str | None
    person_key: int
    type: str
    role: str | None
    event: str | None
    year: str
    home_school: str
    schools: tuple[str, ...]
    evidences: tuple[str, ...]
    level: int
    beyond_own_school: bool
    stage: str | None = None
    """The career stage the person held when the activity started."""
    audience: int | None = None
    """How many people it reached, when recorded."""


@dataclass(frozen=True)
class Move:
    """One person's step from one career stage to another, as pathway pages count it: no name."""

    person_key: int
    source: str
    target: str
    months: int
    """From the start of their first role at ``source`` to the start of their first later role at ``target``."""


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def stage_moves(person_key: int, roles: Sequence[Role]) -> tuple[Move, ...]:
    """Every ordered pair of different stages a person's roles show, with the time it took.

    A move A → B is counted once per person: from the first role at A to the first role at B
    that started after it. Going back (B → A later) is a move of its own.
    """
    first: dict[str, dt.date] = {}
    for role in roles:
        first.setdefault(role.stage, role.start)
    moves = []
    for source, since in first.items():
        for target in first:
            if target == source:
                continue
            later = [r.start for r in roles if r.stage == target and r.start > since]
            if later:
                moves.append(Move(person_key, source, target, months_between(since, min(later))))
    return tuple(moves)


def median(values: Sequence[int]) -> float | None:
    """The middle value (the mean of the middle two for an even count); None when there are none."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class StepFigures:
    source: str
    target: str
    people: int
    median_months: float | None


def pathway_steps(stages: Sequence[str], moves: Iterable[Move]) -> tuple[StepFigures, ...]:
    """For each step between consecutive stages of a pathway: how many people made it, and the median time."""
    moves = list(moves)
    found = []
    for source, target in itertools.pairwise(stages):
        made = [m for m in moves if (m.source, m.target) == (source, target)]
        found.append(StepFigures(source, target, len({m.person_key for m in made}), median([m.months for m in made])))
    return tuple(found)


def stage_types(stage: str, contributions: Iterable[Contribution]) -> dict[str, int]:
    """Activity type → how many distinct people did it while at ``stage``."""
    people: dict[str, set[int]] = {}
    for c in contributions:
        if c.stage == stage:
            people.setdefault(c.type, set()).add(c.person_key)
    return {kind: len(keys) for kind, keys in people.items()}


@dataclass(frozen=True)
class YearFigures:
    """The careers site's headline numbers for one academic year."""

    year: str
    trainers: int
    """People who delivered trust-wide training (activities of type trust-training)."""
    schools_supported: int
    """Schools named by an activity of someone from another school."""
    think_tanks: int
    """Think Tanks that started in the year: distinct events, plus led Think Tanks recorded without one."""
    leaders_beyond: int
    """People with at least one activity reaching beyond their own school."""


def year_figures(year: str, contributions: Iterable[Contribution]) -> YearFigures:
    those = [c for c in contributions if c.year == year]
    think_tanks = {c.event for c in those if c.type == "think-tank" and c.event}
    unlinked = sum(1 for c in those if c.type == "think-tank" and not c.event and c.role == "lead")
    return YearFigures(
        year=year,
        trainers=len({c.person_key for c in those if c.type == "trust-training"}),
        schools_supported=len({s for c in those for s in c.schools if s != c.home_school}),
        think_tanks=len(think_tanks) + unlinked,
        leaders_beyond=len({c.person_key for c in those if c.beyond_own_school}),
    )


def per_year_and_type(contributions: Iterable[Contribution]) -> dict[tuple[str, str], int]:
    """(academic year, activity type) → number of activities."""
    counts: dict[tuple[str, str], int] = {}
    for c in contributions:
        counts[c.year, c.type] = counts.get((c.year, c.type), 0) + 1
    return counts


def support_matrix(contributions: Iterable[Contribution]) -> dict[tuple[str, str], int]:
    """(giving school, receiving school) → activities by staff of one school naming another."""
    counts: dict[tuple[str, str], int] = {}
    for c in contributions:
        for school in c.schools:
            if school != c.home_school:
                counts[c.home_school, school] = counts.get((c.home_school, school), 0) + 1
    return counts


def coverage(contributions: Iterable[Contribution]) -> dict[tuple[str, int], int]:
    """(strand, level) → how many distinct people evidence it."""
    people: dict[tuple[str, int], set[int]] = {}
    for c in contributions:
        for strand in c.evidences:
            people.setdefault((strand, c.level), set()).add(c.person_key)
    return {key: len(value) for key, value in people.items()}


@dataclass(frozen=True)
class SchoolFlows:
    """What a school's staff gave beyond it, and what it received from other schools' staff."""

    given_by_type: dict[str, int]
    given_to: dict[str, int]
    received_by_type: dict[str, int]
    received_from: dict[str, int]


def school_flows(school: str, contributions: Iterable[Contribution]) -> SchoolFlows:
    given_by_type: dict[str, int] = {}
    given_to: dict[str, int] = {}
    received_by_type: dict[str, int] = {}
    received_from: dict[str, int] = {}
    for c in contributions:
        if c.home_school == school and c.beyond_own_school:
            given_by_type[c.type] = given_by_type.get(c.type, 0) + 1
            for other in c.schools:
                if other != school:
                    given_to[other] = given_to.get(other, 0) + 1
        if c.home_school != school and school in c.schools:
            received_by_type[c.type] = received_by_type.get(c.type, 0) + 1
            received_from[c.home_school] = received_from.get(c.home_school, 0) + 1
    return SchoolFlows(given_by_type, given_to, received_by_type, received_from)


@dataclass(frozen=True)
class EventPeople:
    leads: tuple[str, ...]
    """Listed people who led (lead, co-lead, lead reviewer), sorted by id."""
    others: tuple[str, ...]
    """Listed people who took part in another role."""
    unnamed: int
    """Colleagues who took part but have no page for this audience."""


def event_people(event: str, contributions: Iterable[Contribution]) -> EventPeople:
    leads: set[str] = set()
    others: set[str] = set()
    unnamed: set[int] = set()
    for c in contributions:
        if c.event != event:
            continue
        if c.person is None:
            unnamed.add(c.person_key)
        elif c.role in LEAD_ROLES:
            leads.add(c.person)
        else:
            others.add(c.person)
    return EventPeople(tuple(sorted(leads)), tuple(sorted(others - leads)), len(unnamed))


def year_totals(year: str, contributions: Iterable[Contribution], types: Iterable[ActivityType]) -> tuple[Figure, ...]:
    """The trust's figures for one academic year, counted as a person's page counts their own, so the home
    page adds up what people see on theirs: the headline types (those the catalogue has), then schools
    reached (distinct schools named by someone from another school) and colleagues reached (the sum of
    ``audience``)."""
    those = [c for c in contributions if c.year == year]
    names = {t.id: t.name for t in types}
    figures = [
        Figure(h.type, names[h.type] + h.suffix,
               sum(1 for c in those if c.type == h.type and (h.role is None or c.role == h.role)))
        for h in HEADLINES if h.type in names
    ]
    figures.append(Figure("schools-reached", "Schools reached",
                          len({s for c in those for s in c.schools if s != c.home_school})))
    figures.append(Figure("colleagues-reached", "Colleagues reached", sum(c.audience or 0 for c in those)))
    return tuple(figures)
