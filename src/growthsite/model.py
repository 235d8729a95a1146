"""The trust's data as immutable typed objects, with derived facts filled in once.

Built only from data that passed every check, so construction never guesses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Visibility = Literal["private", "staff", "public"]
Reach = Literal["own-school", "other-schools", "trust", "beyond-trust"]
Compliance = Literal["full", "partial", "none"]


@dataclass(frozen=True)
class School:
    id: str
    name: str
    phase: str
    town: str | None


@dataclass(frozen=True)
class Driver:
    id: str
    name: str
    summary: str | None


@dataclass(frozen=True)
class StandardItem:
    id: str
    name: str


@dataclass(frozen=True)
class StandardSet:
    id: str
    name: str
    items: tuple[StandardItem, ...]


@dataclass(frozen=True)
class CycleStep:
    id: str
    name: str
    start: tuple[int, int]
    end: tuple[int, int]
    """Month and day, read within an academic year (``dates.in_year``)."""
    summary: str | None
    resource: str | None
    """A toolkit resource id (``toolkit.RESOURCES``)."""


@dataclass(frozen=True)
class KnownIssue:
    """Something on the site that does not meet WCAG 2.2 AA yet, as the accessibility statement lists it."""

    what: str
    why: str | None = None
    criteria: tuple[str, ...] = ()
    """WCAG success criteria it fails, by number (``2.4.4``)."""
    fix_by: dt.date | None = None


@dataclass(frozen=True)
class Contact:
    """Who colleagues tell about an activity to add to their portfolio (``trust.yml`` ``cpd_lead:``)."""

    email: str
    name: str | None = None
    role: str = "CPD lead"


@dataclass(frozen=True)
class Accessibility:
    """The settings of the accessibility statement (``trust.yml`` ``accessibility:``); the defaults are a
    trust that wrote none: no contact, partial compliance, nothing listed, no dates."""

    contact: str | None = None
    """An email address."""
    phone: str | None = None
    response_days: int = 10
    """Working days to reply."""
    compliance: Compliance = "partial"
    known_issues: tuple[KnownIssue, ...] = ()
    tested: str | None = None
    """Markdown: how the site was tested; None for growthsite's own description of its tests."""
    plan: str | None = None
    """Markdown: what the trust is doing to improve."""
    prepared: dt.date | None = None
    reviewed: dt.date | None = None


@dataclass(frozen=True)
class Trust:
    name: str
    short_name: str
    year_starts: tuple[int, int]
    retention_years: int
    public_min_count: int
    schools: tuple[School, ...]
    drivers: tuple[Driver, ...]
    standards: tuple[StandardSet, ...]
    cycle: tuple[CycleStep, ...]
    accessibility: Accessibility = Accessibility()
    cpd_lead: Contact | None = None
    intranet_hosts: tuple[str, ...] = ()
    """Host names of staff-only sites, in lowercase: the careers site never links to them or their subdomains."""

    def school(self, school_id: str) -> School:
        return next(s for s in self.schools if s.id == school_id)


@dataclass(frozen=True)
class Level:
    id: int
    name: str
    reach: str


@dataclass(frozen=True)
class Strand:
    id: str
    name: str
    kind: str
    summary: str | None
    descriptors: tuple[str, ...]
    """One per level, in level order."""


@dataclass(frozen=True)
class Framework:
    name: str
    levels: tuple[Level, ...]
    strands: tuple[Strand, ...]


@dataclass(frozen=True)
class ActivityType:
    id: str
    name: str
    roles: tuple[str, ...]
    evidences: tuple[str, ...]
    summary: str | None = None
    confidential: bool = False
    """Pages show role, schools and date only: never the title or link (see ``CONFIDENTIAL_TYPES``)."""


@dataclass(frozen=True)
class Stage:
    id: str
    name: str


@dataclass(frozen=True)
class Pathway:
    id: str
    name: str
    stages: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    title: str
    start: dt.date
    end: dt.date | None
    one_day: bool
    """Written with ``date``; otherwise a period (``from`` and, unless ongoing, ``to``)."""
    type: str | None = None
    """The activity type taking part counts as: given, or the default for the kind."""
    summary: str | None = None


@dataclass(frozen=True)
class Role:
    title: str
    stage: str
    school: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Qualification:
    name: str
    awarded: dt.date


@dataclass(frozen=True)
class Activity:
    type: str
    role: str | None
    title: str
    event: str | None
    start: dt.date
    end: dt.date | None
    one_day: bool
    reach: Reach
    reach_given: bool
    schools: tuple[str, ...]
    home_school: str
    """The school the person worked at when the activity started."""
    stage: str | None
    """The career stage of the role the person held when it started (None before their first role)."""
    audience: int | None
    evidences: tuple[str, ...]
    """The type's default strands, then the activity's own, without repeats."""
    link: str | None
    visibility: Visibility
    level: int
    """The framework level its reach evidences."""
    beyond_own_school: bool
    year: str
    """The academic year it started in, e.g. 2025-26."""


@dataclass(frozen=True)
class CheckIn:
    date: dt.date
    notes: str | None


@dataclass(frozen=True)
class GrowthCycle:
    year: str
    focus: str
    why: str | None
    drivers: tuple[str, ...]
    standards: tuple[str, ...]
    success_criteria: tuple[str, ...]
    learning: tuple[str, ...]
    check_ins: tuple[CheckIn, ...]
    outcome: str | None
    visibility: Visibility
    expired: bool
    """Past the retention period: left out of every build."""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    pronouns: str | None
    school: str
    pathway: str | None
    coach: str | None
    intranet: bool
    showcase: bool
    summary: str | None
    story: str | None
    roles: tuple[Role, ...]
    qualifications: tuple[Qualification, ...]
    activities: tuple[Activity, ...]
    growth: tuple[GrowthCycle, ...]
    left: dt.date | None
    reflections: str | None
    current_role: Role | None
    has_left: bool
    """``left`` is before today, and before the real date (``dates.deciding``): no page anywhere."""
    statistics: bool = False
    """``consent.statistics``: staff-visible records and roles may be counted, unnamed, in the careers site's
    figures. Without it only what the careers site shows of the person counts there."""


@dataclass(frozen=True)
class Model:
    trust: Trust
    framework: Framework
    activity_types: tuple[ActivityType, ...]
    stages: tuple[Stage, ...]
    pathways: tuple[Pathway, ...]
    events: tuple[Event, ...]
    people: tuple[Person, ...]
    today: dt.date
    """The date pages print (``GROWTHSITE_TODAY`` when set); leaving and retention never go by a past one."""
