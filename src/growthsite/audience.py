"""The audience views: the only door from the model to rendering.

Everything a page, a macro or a search index shows comes from a ``SiteView``.
Private records, check-in notes, expired growth cycles, leavers and people
without consent are removed here, in one small function per audience, so a
leak needs a bug in this module rather than a slip in any template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from . import facts
from .disclosure import EXACT, Disclosure
from .model import (
    Activity,
    ActivityType,
    Event,
    Framework,
    Model,
    Pathway,
    Person,
    Qualification,
    Role,
    School,
    Stage,
    Trust,
)

Audience = Literal["staff", "public"]
AUDIENCES: tuple[Audience, ...] = ("staff", "public")
RANK = {"private": 0, "staff": 1, "public": 2}


@dataclass(frozen=True)
class GrowthView:
    """A growth cycle the person chose to share: never its check-ins."""

    year: str
    focus: str
    why: str | None
    drivers: tuple[str, ...]
    standards: tuple[str, ...]
    success_criteria: tuple[str, ...]
    learning: tuple[str, ...]
    outcome: str | None


@dataclass(frozen=True)
class CoachView:
    id: str
    name: str


@dataclass(frozen=True)
class YearGroup:
    year: str
    entries: tuple[tuple[int, Activity], ...]
    """(index into the person's activities, activity), newest first."""


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    pronouns: str | None
    school: School
    current_role: Role | None
    pathway: Pathway | None
    coach: CoachView | None
    summary: str | None
    story: str | None
    reflections: str | None
    roles: tuple[Role, ...]
    qualifications: tuple[Qualification, ...]
    activities: tuple[Activity, ...]
    growth: tuple[GrowthView, ...]
    headlines: tuple[facts.Figure, ...]
    figures: tuple[facts.Figure, ...]
    """Headlines, then every other type the person has."""
    schools_reached: tuple[School, ...]
    colleagues_reached: int
    evidence: dict[tuple[str, int], tuple[int, ...]]
    """(strand, level) → indexes into ``activities``."""
    timeline: tuple[YearGroup, ...]
    years_in_trust: int
    activity_sources: tuple[int, ...]
    """For each of ``activities``, its index in the portfolio (the privacy report's link back)."""
    growth_sources: tuple[int, ...]

    @staticmethod
    def anchor(index: int) -> str:
        """The id of the activity at ``index`` in the timeline."""
        return f"activity-{index + 1}"


@dataclass(frozen=True)
class SiteView:
    audience: Audience
    trust: Trust
    framework: Framework
    activity_types: tuple[ActivityType, ...]
    stages: tuple[Stage, ...]
    pathways: tuple[Pathway, ...]
    events: tuple[Event, ...]
    people: tuple[PersonView, ...]
    contributions: tuple[facts.Contribution, ...]
    """Every activity that is not private, for figures: named only when its person is listed and the
    activity is visible to this audience; otherwise counted without a name."""
    moves: tuple[facts.Move, ...]
    """Every step between career stages that anyone's roles show, without names: pathway figures."""
    generated: dt.date
    disclosure: Disclosure
    """How figures that count across people are shown: exactly for staff, "fewer than N" below the
    trust's ``public_min_count`` for the public."""

    def person(self, person_id: str) -> PersonView | None:
        return next((p for p in self.people if p.id == person_id), None)

    def school(self, school_id: str) -> School:
        return self.trust.school(school_id)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def stage_name(self, stage_id: str) -> str:
        return next((s.name for s in self.stages if s.id == stage_id), stage_id)

    def type_name(self, type_id: str) -> str:
        return next((t.name for t in self.activity_types if t.id == type_id), type_id)

    def level_name(self, level: int) -> str:
        return next((v.name for v in self.framework.levels if v.id == level), str(level))

    def strand_name(self, strand_id: str) -> str:
        return next((s.name for s in self.framework.strands if s.id == strand_id), strand_id)

    def driver_name(self, driver_id: str) -> str:
        return next((d.name for d in self.trust.drivers if d.id == driver_id), driver_id)

    def standard_name(self, ref: str) -> str:
        """``teachers/ts2`` → ``Teachers' Standards: Promote good progress``."""
        set_id, _, item_id = ref.partition("/")
        for standard in self.trust.standards:
            for item in standard.items:
                if standard.id == set_id and item.id == item_id:
                    return f"{standard.name}: {item.name}"
        return ref

    def staff_of(self, school_id: str) -> tuple[PersonView, ...]:
        return tuple(p for p in self.people if p.school.id == school_id)


def listed(person: Person, audience: Audience) -> bool:
    """Whether the person has a page (and appears in lists) for this audience."""
    if not person.intranet or person.has_left:
        return False
    return audience == "staff" or person.showcase


def _visible(visibility: str, audience: Audience) -> bool:
    return RANK[visibility] >= RANK[audience]


def _words(role: str) -> str:
    return role.replace("-", " ").capitalize()


def shown_activity(activity: Activity, model: Model) -> Activity:
    """The activity as pages show it: a confidential type keeps its role, schools and date only."""
    kind = next((t for t in model.activity_types if t.id == activity.type), None)
    if kind is None or not kind.confidential:
        return activity
    title = _words(activity.role) if activity.role else kind.name
    names = [model.trust.school(s).name for s in activity.schools]
    if names:
        title += " at " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    return replace(activity, title=title, link=None)


def _person(person: Person, model: Model, audience: Audience, shown: dict[str, Person]) -> PersonView:
    staff = audience == "staff"
    activity_sources = tuple(i for i, a in enumerate(person.activities) if _visible(a.visibility, audience))
    activities = tuple(shown_activity(person.activities[i], model) for i in activity_sources)
    growth_sources = tuple(
        i for i, g in enumerate(person.growth) if not g.expired and _visible(g.visibility, audience)
    )
    growth = tuple(
        GrowthView(g.year, g.focus, g.why, g.drivers, g.standards, g.success_criteria, g.learning, g.outcome)
        for g in (person.growth[i] for i in growth_sources)
    )
    coach = shown.get(person.coach or "")
    return PersonView(
        id=person.id,
        name=person.name,
        pronouns=person.pronouns,
        school=model.trust.school(person.school),
        current_role=person.current_role,
        pathway=next((p for p in model.pathways if p.id == person.pathway), None),
        coach=CoachView(coach.id, coach.name) if coach else None,
        summary=person.summary if staff else None,
        story=person.story if person.showcase else None,
        reflections=person.reflections if staff else None,
        roles=person.roles,
        qualifications=person.qualifications if staff else (),
        activities=activities,
        growth=growth,
        headlines=facts.headline_figures(activities, model.activity_types),
        figures=facts.type_figures(activities, model.activity_types),
        schools_reached=tuple(model.trust.school(s) for s in facts.schools_reached(activities)),
        colleagues_reached=facts.colleagues_reached(activities),
        evidence=facts.evidence_map(activities),
        timeline=tuple(
            YearGroup(year, tuple((i, activities[i]) for i in indexes)) for year, indexes in facts.by_year(activities)
        ),
        years_in_trust=facts.years_in_trust(person.roles, model.today),
        activity_sources=activity_sources,
        growth_sources=growth_sources,
    )


def _contributions(model: Model, audience: Audience, shown: dict[str, Person]) -> tuple[facts.Contribution, ...]:
    """Counts include people without a page (the contract's "count excepted"), never their names.

    Private records are never counted. A staff record counts on the public site only inside a
    disclosure-controlled figure, and is never attributed to its person there.
    """
    return tuple(
        facts.Contribution(
            person=person.id if person.id in shown and _visible(a.visibility, audience) else None,
            person_key=key, type=a.type, role=a.role,
            event=a.event, year=a.year, home_school=a.home_school, schools=a.schools,
            evidences=a.evidences, level=a.level, beyond_own_school=a.beyond_own_school, stage=a.stage,
            audience=a.audience,
        )
        for key, person in enumerate(model.people)
        for a in person.activities
        if a.visibility != "private"
    )


def view(model: Model, audience: Audience) -> SiteView:
    """What ``audience`` may see of ``model``: the only input renderers get."""
    shown = {p.id: p for p in model.people if listed(p, audience)}
    return SiteView(
        audience=audience,
        trust=model.trust,
        framework=model.framework,
        activity_types=model.activity_types,
        stages=model.stages,
        pathways=model.pathways,
        events=model.events,
        people=tuple(_person(p, model, audience, shown) for p in shown.values()),
        contributions=_contributions(model, audience, shown),
        moves=tuple(m for key, person in enumerate(model.people) for m in facts.stage_moves(key, person.roles)),
        generated=model.today,
        disclosure=EXACT if audience == "staff" else Disclosure(model.trust.public_min_count),
    )
