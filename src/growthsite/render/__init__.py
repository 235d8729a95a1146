"""Render pages from an audience view with autoescaping, overridable Jinja templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..audience import SiteView
from .markdown import render_markdown

PHASES = {
    "primary": "Primary", "secondary": "Secondary", "all-through": "All-through",
    "special": "Special", "alternative": "Alternative provision", "central": "Central team",
}


def _date(day: dt.date | None) -> str:
    return "" if day is None else f"{day.day} {day:%B %Y}"


def _period(start: dt.date, end: dt.date | None, one_day: bool = False) -> str:
    if one_day:
        return _date(start)
    return f"{_date(start)} – {_date(end) if end else 'now'}"


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
    env.filters["day"] = _date
    env.globals["period"] = _period
    env.globals["phases"] = PHASES
    return env


class Links:
    """URLs between generated pages, relative so the site works from any folder or file://."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

    def person_from_person(self, person_id: str) -> str:
        return f"../{person_id}/" if self.directory_urls else f"{person_id}.html"

    def person_from_index(self, person_id: str) -> str:
        return f"{person_id}/" if self.directory_urls else f"{person_id}.html"


class Renderer:
    """Turns a ``SiteView`` into HTML fragments; it never sees the model."""

    def __init__(self, view: SiteView, links: Links | None = None, overrides: Sequence[str] = ()) -> None:
        self.view = view
        self.links = links or Links()
        self.env = environment(overrides)

    def _render(self, template: str, **context: object) -> Markup:
        html = self.env.get_template(template).render(view=self.view, links=self.links, **context)
        # One line per block keeps Python-Markdown from treating indented HTML as code.
        return Markup("\n".join(line.strip() for line in html.splitlines() if line.strip()))

    def person_page(self, person_id: str) -> Markup:
        person = self.view.person(person_id)
        if person is None:
            raise KeyError(f"no page for {person_id!r} in the {self.view.audience} view")
        return self._render("person.html", person=person)

    def people_index(self) -> Markup:
        people = sorted(self.view.people, key=lambda p: (p.name.casefold(), p.id))
        return self._render("people.html", people=people)
