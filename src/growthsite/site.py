"""What a site build needs from the engine, independent of the site generator.

The MkDocs adapter (and any future one) asks this module for the pages to
generate and gets plain paths and sources back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources

from .audience import Audience, SiteView, view
from .project import Loaded, load
from .render import Links, Renderer
from .toolkit import BY_ID, STANDARDS

WATCHED = ("framework", "portfolios")


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Source path inside the docs folder, e.g. ``people/amira-hussain.md``."""
    source: str
    """Markdown whose body is only macro calls with validated ids: no user text."""
    title: str | None = None
    """A title from the data: set by the adapter only after macros ran, never rendered as a template."""
    in_nav: bool = False


def fingerprint(root: str) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every data file: cheap to take, changes on any edit."""
    found = []
    for folder in WATCHED:
        path = os.path.join(root, folder)
        if os.path.isdir(path):
            for entry in sorted(os.scandir(path), key=lambda e: e.name):
                if entry.is_file():
                    stat = entry.stat()
                    found.append((f"{folder}/{entry.name}", stat.st_size, stat.st_mtime_ns))
    return tuple(found)


_cache: dict[str, tuple[tuple[tuple[str, int, int], ...], Loaded]] = {}


def load_cached(root: str) -> Loaded:
    """Load a data folder, reusing the last result while no file has changed (``serve`` rebuilds)."""
    key = os.path.abspath(root)
    stamp = fingerprint(root)
    hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    loaded = load(root)
    _cache[key] = (stamp, loaded)
    return loaded


WIDE = "---\nhide:\n  - navigation\n  - toc\n---\n"
"""Front matter for data pages: Material hides its sidebars so grids and tables get the width."""


def _call(macro: str, *ids: str, wide: bool = True) -> str:
    """A page body that is one macro call; ids are validated slugs, so quoting them is safe."""
    return (WIDE if wide else "") + "{{ " + macro + "(" + ", ".join(f'"{i}"' for i in ids) + ") }}\n"


INDEXES = (
    (Links.TOOLKIT, "Toolkit", "toolkit_index", False),
    (Links.FRAMEWORK, "Leadership framework", "framework_overview", False),
    (Links.PEOPLE, "People", "people_index", False),
    (Links.OPPORTUNITIES, "Opportunities", "opportunities", False),
    # trust-wide pages need disclosure control before they go public
    ("schools/index.md", "Schools", "schools_index", True),
    ("events/index.md", "Events", "events_index", True),
    ("dashboard.md", "Trust dashboard", "dashboard", True),
)
"""(path, heading, macro, staff only) of every index page growthsite can generate."""


class Site:
    """One build's view, renderer and generated pages."""

    def __init__(self, loaded: Loaded, audience: Audience, directory_urls: bool = True,
                 overrides: tuple[str, ...] = ()) -> None:
        assert loaded.model is not None, "only clean data is built"
        self.view: SiteView = view(loaded.model, audience)
        self.renderer = Renderer(self.view, Links(directory_urls), overrides)

    def indexes(self) -> list[tuple[str, str, str]]:
        """(path, heading, macro) of the index pages this audience has."""
        return [(path, heading, macro) for path, heading, macro, staff_only in INDEXES
                if not staff_only or self.view.audience == "staff"]

    def pages(self, existing: set[str]) -> list[GeneratedPage]:
        """Every generated page; an index the site already has in its docs is left alone."""
        view = self.view
        pages = [GeneratedPage(Links.person(p.id), _call("person_page", p.id), p.name) for p in view.people]
        for facet, values in self.renderer.facets.items():
            pages += [
                GeneratedPage(Links.facet(facet, value), _call("people_facet", facet, value), label)
                for value, label in values
            ]
        pages += [GeneratedPage(Links.strand(s.id), _call("strand_page", s.id, wide=False), s.name)
                  for s in view.framework.strands]
        pages += self._toolkit_pages(existing)
        if view.audience == "staff":
            pages += [GeneratedPage(Links.school(s.id), _call("school_page", s.id), s.name) for s in view.trust.schools]
            pages += [GeneratedPage(Links.event(e.id), _call("event_page", e.id), e.title) for e in view.events]
        pages += [
            GeneratedPage(path, f"{WIDE}# {heading}\n\n{{{{ {macro}() }}}}\n", in_nav=True)
            for path, heading, macro in self.indexes()
            if path not in existing
        ]
        return pages

    def _toolkit_pages(self, existing: set[str]) -> list[GeneratedPage]:
        """A printable page per set of standards, and a plain page for any resource the docs do not have."""
        renderer = self.renderer
        pages = [GeneratedPage(f.page, _call("toolkit_form", f.key, wide=False), f.title)
                 for f in renderer.standard_forms]
        for form in renderer.forms:
            if form.resource.id != STANDARDS and form.page not in existing:
                pages.append(GeneratedPage(form.page, _call("toolkit_form", form.key, wide=False),
                                           f"{form.resource.number}. {form.title}", in_nav=True))
        standards = BY_ID[STANDARDS].page
        if standards not in existing:
            pages.append(GeneratedPage(standards, _call("standards_reflection_index", wide=False),
                                       "2. Standards reflection", in_nav=True))
        return pages

    def files(self) -> list[tuple[str, str]]:
        """(path, text) of generated files that are not pages: the toolkit's downloads."""
        return self.renderer.toolkit_files()

    @staticmethod
    def all_index_paths() -> tuple[str, ...]:
        """Index pages growthsite may generate: a nav may name them whether or not this audience has them."""
        return tuple(path for path, _, _, _ in INDEXES)

    @staticmethod
    def stylesheet() -> str:
        from .render.svg import SVG_CSS

        css = resources.files("growthsite").joinpath("render/templates/growthsite.css").read_text("utf-8")
        return css + "\n" + SVG_CSS

    @staticmethod
    def script() -> str:
        return resources.files("growthsite").joinpath("render/templates/growthsite.js").read_text("utf-8")
