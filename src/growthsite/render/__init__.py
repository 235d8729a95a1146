"""Render pages from an audience view with autoescaping, overridable Jinja templates.

Every page is rendered for a page path (``people/ada.md``) so links are relative
to where they appear. The renderer sees a ``SiteView`` only, never the model.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import bidi, dates, facts, report, schemas, toolkit
from ..audience import Count, Event, PersonView, SiteView, StepView
from . import charts, home
from .links import Links
from .markdown import render_markdown

__all__ = ["Links", "Renderer"]

PHASES = {
    "primary": "Primary", "secondary": "Secondary", "all-through": "All-through",
    "special": "Special", "alternative": "Alternative provision", "central": "Central team",
}
EVENT_KINDS = {
    "training-day": "Training day", "think-tank": "Think Tank",
    "peer-review-round": "Peer-review round", "conference": "Conference", "course": "Course",
}
KINDS = {"attitude": "Attitudes", "behaviour": "Behaviours", "skill": "Skills"}
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def years_in_words(years: int) -> str:
    """``6`` → ``six years``, as a policy writes it."""
    word = NUMBERS[years] if 0 <= years < len(NUMBERS) else str(years)
    return f"{word} year" if years == 1 else f"{word} years"


def _month_day(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


def _span(start: dt.date, end: dt.date) -> str:
    """``1 – 25 September 2026``, ``21 September – 16 October 2026``, ``5 October 2026 – 9 July 2027``."""
    if start.year != end.year:
        return f"{_day(start)} – {_day(end)}"
    if start.month != end.month:
        return f"{_month_day(start)} – {_day(end)}"
    return f"{start.day} – {_day(end)}" if start != end else _day(end)


def _day(day: dt.date | None) -> str:
    return "" if day is None else f"{day.day} {day:%B %Y}"


def _period(start: dt.date, end: dt.date | None, one_day: bool = False) -> str:
    if one_day:
        return _day(start)
    return f"{_day(start)} – {_day(end) if end else 'now'}"


def environment(overrides: Sequence[str] = ()) -> Environment:
    """Templates from ``overrides`` folders first, then the package's own."""
    loader = ChoiceLoader([*(FileSystemLoader(d) for d in overrides), PackageLoader("growthsite", "render/templates")])
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["day"] = _day
    env.globals.update(period=_period, phases=PHASES, event_kinds=EVENT_KINDS, kinds=KINDS, charts=charts)
    return env


HEADLINE_ROWS = (
    ("trainers", "Colleagues who delivered trust-wide training"),
    ("leaders_beyond", "Colleagues who led work beyond their own school"),
    ("schools_supported", "Schools supported by colleagues from another school"),
    ("think_tanks", "Think Tanks run"),
)


@dataclass(frozen=True)
class Step:
    target: str
    people: Count
    time: str | None
    """The median time before the move, in words; None when the count is suppressed or zero."""


def duration(months: int) -> str:
    """``54`` → ``4 years 6 months``; ``12`` → ``1 year``; ``7`` → ``7 months``."""
    years, months = divmod(months, 12)
    parts = [f"{years} year" + ("s" if years != 1 else "")] if years else []
    if months or not years:
        parts.append(f"{months} month" + ("s" if months != 1 else ""))
    return " ".join(parts)


def _rows(order: Sequence[tuple[str, str]], counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) for each id with a count, in the catalogue's order."""
    return [(label, counts[key]) for key, label in order if counts.get(key)]


class Renderer:
    """Turns a ``SiteView`` into HTML fragments, one method per page kind."""

    def __init__(self, view: SiteView, links: Links | None = None, overrides: Sequence[str] = (),
                 missing: frozenset[str] = frozenset()) -> None:
        self.view = view
        self.links = links or Links()
        self.missing = missing
        """Pages this audience's site does not have: nothing links to them, their names stay text."""
        self.env = environment(overrides)
        hidden = view.hidden_hosts  # the careers site neither links to the intranet nor prints its addresses
        self.env.filters["markdown"] = lambda text: render_markdown(text, hidden)

    def _render(self, template: str, page: str, **context: Any) -> Markup:
        def href(target: str) -> str:
            return self.links.href(target, page)

        def file_href(target: str) -> str:
            return self.links.file_href(target, page)

        def link(target: str, text: str) -> Markup:
            """A link to ``target``, or the text alone where this audience's site has no such page."""
            if target in self.missing:
                return Markup("{}").format(text)
            return Markup('<a href="{}">{}</a>').format(href(target), text)

        html = self.env.get_template(template).render(
            view=self.view, links=self.links, href=href, file_href=file_href, link=link, page=page,
            exists=lambda target: target not in self.missing, **context
        )
        # One line per block keeps Python-Markdown from treating indented HTML as code; bidirectional
        # controls in user text are shown, never obeyed.
        return Markup(bidi.visible("\n".join(line.strip() for line in html.splitlines() if line.strip())))

    def _person(self, person_id: str) -> PersonView:
        person = self.view.person(person_id)
        if person is None:
            raise KeyError(f"no page for {person_id!r} in the {self.view.audience} view")
        return person

    def person_page(self, person_id: str, page: str) -> Markup:
        return self._render("person.html", page, person=self._person(person_id))

    @cached_property
    def people_by_name(self) -> tuple[PersonView, ...]:
        return tuple(sorted(self.view.people, key=lambda p: (p.name.casefold(), p.id)))

    def people_index(self, page: str) -> Markup:
        return self._render("people.html", page, people=self.people_by_name, facets=self.facets)

    def people_facet(self, facet: str, value: str, page: str) -> Markup:
        people = [p for p in self.people_by_name if self.in_facet(p, facet, value)]
        return self._render("people_facet.html", page, people=people, facet=facet, value=value,
                            label=dict(self.facets[facet]).get(value, value))

    def schools_index(self, page: str) -> Markup:
        return self._render("schools.html", page)

    def school_page(self, school_id: str, page: str) -> Markup:
        flows = facts.school_flows(school_id, self.view.contributions)
        view = self.view
        by_type = [(t.id, t.name) for t in view.activity_types]
        by_school = [(s.id, s.name) for s in view.trust.schools]
        return self._render(
            "school.html", page, school=view.school(school_id), flows=flows,
            given_rows=_rows(by_type, flows.given_by_type), given_to_rows=_rows(by_school, flows.given_to),
            received_rows=_rows(by_type, flows.received_by_type),
            received_from_rows=_rows(by_school, flows.received_from),
        )

    def events_index(self, page: str) -> Markup:
        events = sorted(self.view.events, key=lambda e: (e.start, e.id), reverse=True)
        contributions = self.view.contributions
        leads = {e.id: len(facts.event_people(e.id, contributions).leads) for e in events}
        return self._render("events.html", page, events=events, leads=leads)

    def event_page(self, event_id: str, page: str) -> Markup:
        event = self.view.event(event_id)
        if event is None:
            raise KeyError(f"no event {event_id!r}")
        return self._render("event.html", page, event=event,
                            people=facts.event_people(event_id, self.view.contributions))

    def dashboard(self, page: str) -> Markup:
        contributions = self.view.contributions
        years = list(report.years(self.view))  # every year report lists, a year without records too
        per_year = facts.per_year_and_type(contributions)
        rows = []
        for kind in self.view.activity_types:
            counts = [(year, per_year.get((year, kind.id), 0)) for year in years]
            total = sum(n for _, n in counts)
            if total:
                rows.append((kind, counts, total))
        return self._render(
            "dashboard.html", page, years=years, per_year=per_year, per_year_rows=rows,
            matrix=facts.support_matrix(contributions),
            coverage=facts.coverage(contributions),
        )

    # -- the policy's data -----------------------------------------------------------
    def retention_period(self) -> str:
        return years_in_words(self.view.trust.retention_years)

    @cached_property
    def year(self) -> str:
        """The academic year the build falls in."""
        return dates.academic_year(self.view.generated, self.view.trust.year_starts)

    def cycle_steps(self) -> list[tuple[int, Any, dt.date, dt.date]]:
        """(number, step, first day, last day) of each step of this academic year's cycle."""
        trust = self.view.trust
        return [
            (i + 1, step, dates.in_year(step.start, self.year, trust.year_starts),
             dates.in_year(step.end, self.year, trust.year_starts))
            for i, step in enumerate(trust.cycle)
        ]

    def growth_cycle(self, page: str) -> Markup:
        steps = self.cycle_steps()
        diagram = charts.growth_cycle(self.year, [(step.name, _span(first, last)) for _, step, first, last in steps])
        pages = {resource.id: path for resource, _, _, path, _ in self.resources}
        titles = {resource.id: title for resource, title, _, _, _ in self.resources}
        return self._render("cycle.html", page, steps=steps, diagram=diagram, year=self.year, span=_span,
                            pages=pages, titles=titles, resources=toolkit.BY_ID)

    def drivers_list(self, page: str) -> Markup:
        return self._render("drivers.html", page)

    def standards_list(self, page: str) -> Markup:
        return self._render("standards.html", page, sets=self.standard_sets)

    def schools_list(self, page: str) -> Markup:
        return self._render("schools_list.html", page)

    # -- the toolkit -----------------------------------------------------------------
    @cached_property
    def forms(self) -> tuple[toolkit.Form, ...]:
        return toolkit.forms(self.view.trust, self.view.generated)

    @cached_property
    def standard_forms(self) -> tuple[toolkit.Form, ...]:
        return tuple(f for f in self.forms if f.resource.id == toolkit.STANDARDS)

    @property
    def standard_sets(self) -> list[tuple[Any, toolkit.Form]]:
        return list(zip(self.view.trust.standards, self.standard_forms, strict=True))

    def form(self, key: str) -> toolkit.Form:
        found = next((f for f in self.forms if f.key == key), None)
        if found is None:
            known = ", ".join(f.key for f in self.forms)
            raise KeyError(f"no toolkit form {key!r}; the forms are: {known}")
        return found

    @cached_property
    def resources(self) -> list[tuple[toolkit.Resource, str, str, str, tuple[toolkit.Form, ...]]]:
        """(resource, title, description, page, its forms) of the seven resources, in order."""
        entries = []
        for resource in toolkit.RESOURCES:
            if resource.id == toolkit.STANDARDS:
                base = schemas.load(resource.schema)
                entries.append((resource, base["title"], base["description"], resource.page, self.standard_forms))
            else:
                form = self.form(resource.id)
                entries.append((resource, form.title, form.description, form.page, (form,)))
        return entries

    def toolkit_index(self, page: str) -> Markup:
        return self._render("toolkit_index.html", page, entries=self.resources)

    def toolkit_form(self, key: str, page: str) -> Markup:
        return self._render("form.html", page, form=self.form(key), trust=self.view.trust)

    def standards_reflection_index(self, page: str) -> Markup:
        return self._render("standards_forms.html", page, sets=self.standard_sets)

    def toolkit_files(self) -> list[tuple[str, str]]:
        """(path, text) of every download: each form's file to fill in, and its schema for editors."""
        files = []
        for form in self.forms:
            files.append((form.download, bidi.visible(toolkit.template(form, self.view.trust))))
            files.append((form.schema_download,
                          bidi.visible(json.dumps(form.schema, indent=2, ensure_ascii=False) + "\n")))
        return files

    # -- the leadership framework: each cell's figure and names are decided by the view (SiteView.levels) ----
    def strand_types(self, strand_id: str) -> list[Any]:
        return [t for t in self.view.activity_types if strand_id in t.evidences]

    def framework(self, page: str) -> Markup:
        groups = [(kind, label, [s for s in self.view.framework.strands if s.kind == kind])
                  for kind, label in KINDS.items()]
        return self._render("framework.html", page, groups=[g for g in groups if g[2]],
                            levels=self.view.levels, strand_types=self.strand_types)

    def strand_page(self, strand_id: str, page: str) -> Markup:
        strand = next((s for s in self.view.framework.strands if s.id == strand_id), None)
        if strand is None:
            raise KeyError(f"no strand {strand_id!r}")
        return self._render("strand.html", page, strand=strand, types=self.strand_types(strand_id),
                            levels=self.view.levels, facets=dict(self.facets["type"]))

    def person_description(self, person: PersonView) -> str:
        """The sentence a link preview shows for a person's page."""
        role = f"{person.current_role.title} at " if person.current_role else ""
        return (f"{person.name}, {role}{person.school.name}: career path and growth beyond their own school "
                f"at {self.view.trust.short_name}.")

    def social(self, site_name: str, title: str, description: str | None, url: str | None) -> Markup:
        """Open Graph and Twitter card tags, so a link in a job advert or a message previews the page."""
        return self._render("social.html", "index.md", site_name=site_name, title=title,
                            description=description, url=url)

    def accessibility(self, page: str, site_name: str, site_url: str | None = None, dark_mode: bool = False,
                      self_contained: bool = False) -> Markup:
        """The accessibility statement of the site called ``site_name``: ``dark_mode`` and ``self_contained``
        (no fonts or scripts from elsewhere) are what the site's configuration offers, so the page claims them
        only when they hold."""
        return self._render("accessibility.html", page, site_name=site_name, site_url=site_url,
                            dark_mode=dark_mode, self_contained=self_contained)

    def footer(self, href: str, current: bool = False) -> Markup:
        """The footer's link to the accessibility statement, ``href`` relative to the page it is on
        (``current`` on the statement itself)."""
        return self._render("footer.html", "index.md", statement=href, current=current)

    # -- careers: pathways, stories and headline numbers ----------------------------
    def stories_of(self, pathway_id: str | None = None) -> list[PersonView]:
        """People with a career story this audience may see (their own yes), by name."""
        return [p for p in self.people_by_name
                if p.story and (pathway_id is None or (p.pathway is not None and p.pathway.id == pathway_id))]

    def pathways_list(self, page: str, level: int = 2) -> Markup:
        """The pathways, each under a heading of ``level`` (2 on a page of its own, 3 inside a section)."""
        if not isinstance(level, int) or not 2 <= level <= 6:
            raise ValueError(f"pathways_list({level!r}): the heading level is a number from 2 to 6, "
                             "such as pathways_list(3) under a section heading")
        stories_on = {w.id: len(self.stories_of(w.id)) for w in self.view.pathways}
        return self._render("pathways.html", page, stories_on=stories_on, level=level)

    def pathway_page(self, pathway_id: str, page: str) -> Markup:
        view = self.view
        pathway = next((w for w in view.pathways if w.id == pathway_id), None)
        if pathway is None:
            raise KeyError(f"no pathway {pathway_id!r}")
        steps = view.pathway_steps(pathway.stages)
        stages = []
        for i, stage in enumerate(pathway.stages):
            step = steps[i] if i < len(steps) else None
            stages.append((stage, view.stage_types(stage), self._step(step) if step else None))
        return self._render("pathway.html", page, pathway=pathway, stages=stages,
                            stories=self.stories_of(pathway_id), facets=dict(self.facets["stage"]))

    @staticmethod
    def _step(step: StepView) -> Step:
        """A step's decided figures, its median time in words."""
        months = step.median_months
        return Step(step.target, step.people, None if months is None else duration(round(months)))

    def stories(self, page: str) -> Markup:
        return self._render("stories.html", page, stories=self.stories_of())

    def headline_numbers(self, page: str) -> Markup:
        """This academic year's figures (so far) and last year's, as the audience may see them."""
        this = self.year
        last = dates.previous_year(this)
        keys = tuple(key for key, _ in HEADLINE_ROWS)
        years = [{"year": year, **self.view.headline_counts(year, keys)} for year in (last, this)]
        return self._render("headlines.html", page, years=years, rows=HEADLINE_ROWS)

    # -- the home page: this year, what is coming up, recent achievements, ways in ---
    def this_year(self, page: str) -> Markup:
        """The trust's figures for this academic year so far, as the audience may see them."""
        start, _ = dates.year_bounds(self.year, self.view.trust.year_starts)
        return self._render("this_year.html", page, year=self.year, since=start,
                            figures=self.view.year_totals(self.year))

    def coming_up(self, page: str, n: int = 4) -> Markup:
        """The next ``n`` events not yet over, soonest first."""
        events = self.upcoming()
        n = home.check_count("coming_up", n, 4)
        return self._render("coming_up.html", page, events=events[:n], more=len(events) - n)

    def recent_achievements(self, page: str, n: int = 6) -> Markup:
        """The ``n`` newest activities of people with a page, each linked to its place on their timeline."""
        n = home.check_count("recent_achievements", n, 6)
        return self._render("achievements.html", page, items=home.achievements(self.view)[:n])

    def ways_in(self, page: str, policy: str | None, record: str | None = None) -> Markup:
        """The site's sections as cards, then "Record an activity": a link to ``record`` when given,
        otherwise who to tell (the trust's ``cpd_lead``). ``policy`` is the hand-written policy page, if any."""
        ways = [w for w in home.WAYS_IN if w.target not in self.missing
                and (w.target != "policy/index.md" or policy is not None)]
        if policy is not None:
            ways = [home.Way(policy, w.title, w.text) if w.target == "policy/index.md" else w for w in ways]
        return self._render("ways_in.html", page, ways=ways, record=home.check_record(record),
                            contact=self.view.trust.cpd_lead)

    def record_activity(self, page: str) -> Markup:
        """How a colleague gets something they did onto their page: who to tell, and what to say."""
        return self._render("record_activity.html", page, contact=self.view.trust.cpd_lead)

    # -- opportunities ---------------------------------------------------------------
    def upcoming(self) -> list[Event]:
        """Events not yet over on the build day, soonest first."""
        today = self.view.generated
        return sorted((e for e in self.view.events if (e.start if e.one_day else e.end or today) >= today),
                      key=lambda e: (e.start, e.id))

    def opportunities(self, page: str) -> Markup:
        types = {t.id: t for t in self.view.activity_types}
        return self._render("opportunities.html", page, events=self.upcoming(), types=types,
                            facets=dict(self.facets["type"]))

    # -- facets: the directory's filters as plain pages ----------------------------
    @cached_property
    def facets(self) -> dict[str, list[tuple[str, str]]]:
        """Facet → (value, label) for every value at least one listed person has (computed once: the view
        is immutable). Facet names are reserved person ids (check.RESERVED_PERSON_IDS)."""
        people = self.view.people
        stages = {p.current_role.stage for p in people if p.current_role}
        pathways = {p.pathway.id for p in people if p.pathway}
        types = {a.type for p in people for a in p.activities}
        return {
            "stage": [(s.id, s.name) for s in self.view.stages if s.id in stages],
            "pathway": [(w.id, w.name) for w in self.view.pathways if w.id in pathways],
            "type": [(t.id, t.name) for t in self.view.activity_types if t.id in types],
        }

    @staticmethod
    def in_facet(person: PersonView, facet: str, value: str) -> bool:
        if facet == "stage":
            return person.current_role is not None and person.current_role.stage == value
        if facet == "pathway":
            return person.pathway is not None and person.pathway.id == value
        return any(a.type == value for a in person.activities)
