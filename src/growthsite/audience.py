"""The audience views: the only door from the model to rendering.

Everything a page, a macro or a search index shows comes from a ``SiteView``.
Private records, check-in notes, expired growth cycles, leavers and people
without consent are removed here, in one small function per audience, so a
leak needs a bug in this module rather than a slip in any template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Literal

from . import facts, intranet
from .disclosure import EXACT, Disclosure
from .disclosure import Count as Count  # re-exported, like Activity, Event and Role: the view's types
from .model import Activity as Activity
from .model import (
    ActivityType,
    Framework,
    Model,
    Pathway,
    Person,
    Qualification,
    School,
    Stage,
    Trust,
    Visibility,
)
from .model import Event as Event
from .model import Role as Role
from .suggest import no_portfolio

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
class ActivityView(Activity):
    """An activity as every page and export shows it (``shown_activity``).

    A confidential one (its type says ``confidential: true``) keeps its type, role, schools and dates only: its
    title is made from them, and it has no link, event, audience or strands; its reach and level are in the
    object but ``confidential`` says not to show them.
    """

    confidential: bool = False


@dataclass(frozen=True)
class LevelFigure:
    """One cell of the framework as this audience may see it: how many colleagues evidence the strand at the
    level, and who is named for it (None where the site names nobody, as on the careers site)."""

    count: Count
    named: tuple[PersonView, ...] | None
    unnamed: int
    """Colleagues counted but not named: those whose only records here are confidential (staff site)."""


@dataclass(frozen=True)
class StepView:
    """A step between two stages of a pathway as this audience may see it: no median behind a hidden count."""

    target: str
    people: Count
    median_months: float | None


@dataclass(frozen=True)
class YearGroup:
    year: str
    entries: tuple[tuple[int, ActivityView], ...]
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
    activities: tuple[ActivityView, ...]
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
    """The activities figures count (``counted``): named only when its person is listed and the activity is
    visible to this audience; otherwise counted without a name."""
    moves: tuple[facts.Move, ...]
    """The steps between career stages that the roles of counted people show, without names: pathway figures."""
    generated: dt.date
    disclosure: Disclosure
    """How figures that count across people are shown: exactly for staff, "fewer than N" below the
    trust's ``public_min_count`` for the public."""
    levels: dict[tuple[str, int], LevelFigure]
    """(strand, level) → the framework cell's figure and named colleagues (``_levels``)."""

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

    # -- decided figures: what pages show of counts across people, already disclosure-controlled ----------
    @property
    def suppressed_below(self) -> int | None:
        """The figure below which this site shows "fewer than N" (None: every figure is exact)."""
        return self.disclosure.threshold

    @property
    def site_kind(self) -> str:
        return "staff intranet" if self.audience == "staff" else "careers site"

    @property
    def hidden_hosts(self) -> tuple[str, ...]:
        """Hosts this site never links to nor prints an address on (see ``hidden_hosts``)."""
        return hidden_hosts(self.trust, self.audience)

    def headline_counts(self, year: str, keys: tuple[str, ...]) -> dict[str, Count]:
        """The headline figures ``keys`` of ``year`` (``facts.YearFigures`` fields), as this audience may see them."""
        figures = facts.year_figures(year, self.contributions)
        return {key: self.disclosure.count(getattr(figures, key)) for key in keys}

    def year_totals(self, year: str) -> list[tuple[facts.Figure, Count]]:
        """The trust's figures for ``year`` (``facts.year_totals``), each as this audience may see it."""
        return [(f, self.disclosure.count(f.value))
                for f in facts.year_totals(year, self.contributions, self.activity_types)]

    def stage_types(self, stage: str) -> list[tuple[str, Count]]:
        """(type, how many colleagues did it at ``stage``), most first, then in catalogue order."""
        order = {t.id: i for i, t in enumerate(self.activity_types)}
        seen = facts.stage_types(stage, self.contributions)
        return [(kind, self.disclosure.count(n))
                for kind, n in sorted(seen.items(), key=lambda item: (-item[1], order.get(item[0], 0)))]

    def pathway_steps(self, stages: tuple[str, ...]) -> list[StepView]:
        """Each step between consecutive ``stages``: how many made it and, when that is shown, the median time."""
        steps = []
        for step in facts.pathway_steps(stages, self.moves):
            people = self.disclosure.count(step.people)
            steps.append(StepView(step.target, people, None if people.suppressed else step.median_months))
        return steps


def listed(person: Person, audience: Audience) -> bool:
    """Whether the person has a page (and appears in lists) for this audience."""
    if not person.intranet or person.has_left:
        return False
    return audience == "staff" or person.showcase


def counted(person: Person, audience: Audience) -> Visibility | None:
    """The least visibility of the person's records that this audience's figures count, or None for none.

    The staff site counts every record that is not private, of everyone. The careers site counts only what
    it shows (the public records and roles of people listed there), plus, with ``consent.statistics``, the
    records staff see and the roles of someone who has not opted out or left: so nothing it does not show,
    and nobody who did not agree, can move one of its figures.
    """
    if audience == "staff":
        return "staff"
    if person.statistics and person.intranet and not person.has_left:
        return "staff"
    return "public" if listed(person, audience) else None


def _visible(visibility: str, audience: Audience) -> bool:
    return RANK[visibility] >= RANK[audience]


def _words(role: str) -> str:
    return role.replace("-", " ").capitalize()


def shown_activity(activity: Activity, model: Model) -> ActivityView:
    """The activity as pages show it: a confidential type keeps its type, role, schools and date only, so its
    title, link, event, audience and strands (which can say what a peer review looked at) are gone."""
    shown = ActivityView(**{f.name: getattr(activity, f.name) for f in fields(Activity)})
    kind = next((t for t in model.activity_types if t.id == activity.type), None)
    if kind is None or not kind.confidential:
        return shown
    title = _words(activity.role) if activity.role else kind.name
    names = [model.trust.school(s).name for s in activity.schools]
    if names:
        title += " at " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    return replace(shown, title=title, link=None, event=None, audience=None, evidences=(), confidential=True)


def hidden_hosts(trust: Trust, audience: Audience) -> tuple[str, ...]:
    """The careers site never links to the trust's intranet (``intranet_hosts``, subdomains included)."""
    return () if audience == "staff" else trust.intranet_hosts


def _linked(activity: ActivityView, hosts: tuple[str, ...]) -> ActivityView:
    """The activity without its link where the link goes to one of ``hosts``: shown, but not linked."""
    return replace(activity, link=None) if activity.link and intranet.on_hosts(activity.link, hosts) else activity


def _person(person: Person, model: Model, audience: Audience, shown: dict[str, Person]) -> PersonView:
    staff = audience == "staff"
    activity_sources = tuple(i for i, a in enumerate(person.activities) if _visible(a.visibility, audience))
    hosts = hidden_hosts(model.trust, audience)
    activities = tuple(_linked(shown_activity(person.activities[i], model), hosts) for i in activity_sources)
    # The staff site's figures of a person count their confidential records in full, as they always have; the
    # careers site's count only what it shows of them (role, schools and date), so no sum gives one away.
    counted = tuple(person.activities[i] for i in activity_sources) if staff else activities
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
        story=intranet.hide(person.story, hosts) if person.showcase and person.story is not None else None,
        reflections=person.reflections if staff else None,
        roles=person.roles,
        qualifications=person.qualifications if staff else (),
        activities=activities,
        growth=growth,
        headlines=facts.headline_figures(counted, model.activity_types),
        figures=facts.type_figures(counted, model.activity_types),
        schools_reached=tuple(model.trust.school(s) for s in facts.schools_reached(counted)),
        colleagues_reached=facts.colleagues_reached(counted),
        evidence=facts.evidence_map(activities),
        timeline=tuple(
            YearGroup(year, tuple((i, activities[i]) for i in indexes)) for year, indexes in facts.by_year(activities)
        ),
        years_in_trust=facts.years_in_trust(person.roles, model.today),
        activity_sources=activity_sources,
        growth_sources=growth_sources,
    )


def _contributions(model: Model, audience: Audience, shown: dict[str, Person]) -> tuple[facts.Contribution, ...]:
    """The records ``counted`` lets this audience's figures count; names only where the audience sees them.

    Private records are never counted. On the staff site that includes people without a page (the contract's
    "count excepted"); on the careers site a staff record counts only with its person's statistics consent,
    and is never attributed to them there.
    """
    least = {person.id: counted(person, audience) for person in model.people}
    # On the careers site a confidential record adds nothing it does not show (its audience, its strands) to
    # any figure: comparing two builds must not give away what a peer review reached or looked at.
    secret = {t.id for t in model.activity_types if t.confidential} if audience == "public" else set()
    return tuple(
        facts.Contribution(
            person=person.id if person.id in shown and _visible(a.visibility, audience) else None,
            person_key=key, type=a.type, role=a.role,
            event=a.event, year=a.year, home_school=a.home_school, schools=a.schools,
            evidences=() if a.type in secret else a.evidences, level=a.level,
            beyond_own_school=a.beyond_own_school, stage=a.stage,
            audience=None if a.type in secret else a.audience,
        )
        for key, person in enumerate(model.people)
        if (floor := least[person.id]) is not None
        for a in person.activities
        if RANK[a.visibility] >= RANK[floor]
    )


def _moves(model: Model, audience: Audience) -> tuple[facts.Move, ...]:
    """The career moves of the people whose roles this audience's figures may count (see ``counted``)."""
    return tuple(
        move
        for key, person in enumerate(model.people)
        if counted(person, audience) is not None
        for move in facts.stage_moves(key, person.roles)
    )


def _levels(model: Model, audience: Audience, shown: dict[str, Person], people: tuple[PersonView, ...],
            contributions: tuple[facts.Contribution, ...], disclosure: Disclosure,
            ) -> dict[tuple[str, int], LevelFigure]:
    """Every framework cell's figure, and who is named in it.

    The staff site names the listed colleagues whose records it shows in full there (a confidential record is
    in no cell of its person's map, so it names nobody) and counts, as it always has, everyone listed whose
    records evidence it, confidential ones included. The careers site names nobody and counts the records it
    counts (``counted``) except confidential ones, whose strands it never shows.
    """
    if audience == "staff":
        reached: dict[tuple[str, int], int] = {}
        for person in shown.values():
            for key in facts.evidence_map([a for a in person.activities if _visible(a.visibility, audience)]):
                reached[key] = reached.get(key, 0) + 1
        by_name = sorted(people, key=lambda p: (p.name.casefold(), p.id))
        named = {key: tuple(p for p in by_name if key in p.evidence) for key in reached}
    else:
        secret = {t.id for t in model.activity_types if t.confidential}
        reached = facts.coverage(c for c in contributions if c.type not in secret)
        named = {}
    return {
        (strand.id, level.id): LevelFigure(
            count=disclosure.count(n := reached.get((strand.id, level.id), 0)),
            named=named.get((strand.id, level.id), ()) if audience == "staff" else None,
            unnamed=n - len(named.get((strand.id, level.id), ())) if audience == "staff" else 0,
        )
        for strand in model.framework.strands for level in model.framework.levels
    }


class NoPage(Exception):
    """A person has no page for an audience, so nothing of theirs can be exported: the message says why."""


def not_shown(person: Person, audience: Audience) -> str:
    """Why ``person`` has no page for ``audience``, as the one-line refusal to export."""
    nothing = f"there is nothing to export for the {audience} audience"
    if not person.intranet:
        return (f"{person.id} has opted out of the intranet (consent.intranet is false), "
                f"so they have no page and {nothing}")
    if person.has_left:
        return f"{person.id} left on {person.left}, so they have no page and {nothing}"
    if audience == "public" and not person.showcase:
        return f"{person.id} has not agreed to the careers site (consent.showcase is not true), so {nothing}"
    return f"{person.id} has no page on the {audience} site, so {nothing}"


def person_view(model: Model, person_id: str, audience: Audience, directory: str = ".") -> tuple[SiteView, PersonView]:
    """The audience view and the person's view in it, or NoPage saying why there is none."""
    site = view(model, audience)
    shown = site.person(person_id)
    if shown is not None:
        return site, shown
    person = next((p for p in model.people if p.id == person_id), None)
    if person is None:
        raise NoPage(no_portfolio(person_id, (p.id for p in model.people), directory))
    raise NoPage(not_shown(person, audience))


def view(model: Model, audience: Audience) -> SiteView:
    """What ``audience`` may see of ``model``: the only input renderers get."""
    shown = {p.id: p for p in model.people if listed(p, audience)}
    people = tuple(_person(p, model, audience, shown) for p in shown.values())
    contributions = _contributions(model, audience, shown)
    disclosure = EXACT if audience == "staff" else Disclosure(model.trust.public_min_count)
    return SiteView(
        audience=audience,
        trust=model.trust,
        framework=model.framework,
        activity_types=model.activity_types,
        stages=model.stages,
        pathways=model.pathways,
        events=model.events,
        people=people,
        contributions=contributions,
        moves=_moves(model, audience),
        generated=model.today,
        disclosure=disclosure,
        levels=_levels(model, audience, shown, people, contributions, disclosure),
    )
