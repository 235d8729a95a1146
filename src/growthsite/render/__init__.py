"""Render pages from an audience view with autoescaping, overridable Jinja templates.

Every page is rendered for a page path (``people/ada.md``) so links are relative
to where they appear. The renderer sees a ``SiteView`` only, never the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import facts
from ..audience import PersonView, SiteView
from . import charts
from .links import Links
from .markdown import render_markdown

__all__ = ["Links", "Renderer"]

PHASES = {
    "primary": "Primary", "secondary": "Secondary", "all-through": "All-through",
    "special": "Special", "alternative": "Alternative provision", "central": "Central team",
}
EVENT_KINDS = {
    "training-day": "Training day", "think-tank": "Think Tank",
    "peer-review-round": "Peer-review round", "conference": "Conference",
}


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
    env.globals.update(period=_period, phases=PHASES, event_kinds=EVENT_KINDS, charts=charts)
    return env


def _rows(order: Sequence[tuple[str, str]], counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) for each id with a count, in the catalogue's order."""
    return [(label, counts[key]) for key, label in order if counts.get(key)]


class Renderer:
    """Turns a ``SiteView`` into HTML fragments, one method per page kind."""

    def __init__(self, view: SiteView, links: Links | None = None, overrides: Sequence[str] = ()) -> None:
        self.view = view
        self.links = links or Links()
        self.env = environment(overrides)

    def _render(self, template: str, page: str, **context: Any) -> Markup:
        def href(target: str) -> str:
            return self.links.href(target, page)

        html = self.env.get_template(template).render(
            view=self.view, links=self.links, href=href, page=page, **context
        )
        # One line per block keeps Python-Markdown from treating indented HTML as code.
        return Markup("\n".join(line.strip() for line in html.splitlines() if line.strip()))

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
        years = sorted({c.year for c in contributions})
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
