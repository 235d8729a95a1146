"""What a site build needs from the engine, independent of the site generator.

The MkDocs adapter (and any future one) asks this module for the pages to
generate and gets plain paths and sources back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .audience import Audience, SiteView, view
from .dates import deciding, today
from .project import Loaded, load
from .read import MAX_BYTES
from .regular_file import NotRegular, TooLarge, read_regular
from .render import Links, Renderer
from .toolkit import BY_ID, RESOURCES, STANDARDS, forms

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
    description: str | None = None
    """One sentence for search engines and link previews (social cards), from the data like the title."""
    body: tuple[str, tuple[str, ...]] | None = None
    """(renderer method, validated ids): the page's HTML, which the adapter puts in place of ``BODY`` after
    Markdown has run (it needs no Markdown, and parsing it as such is most of the cost of a large build)."""


DATA_EXTENSIONS = (".yml", ".yaml", ".md")
"""The files of ``WATCHED`` folders that loading reads (or reports): the rest cannot change what it finds."""

Fingerprint = tuple[tuple[str, str], ...]


def _digest(fs_path: str) -> str:
    """A hash of the file's bytes; for a file loading refuses, why (all that its report says about it)."""
    try:
        return hashlib.sha256(read_regular(fs_path, MAX_BYTES)).hexdigest()
    except TooLarge as large:
        return f"too large: {large.size} bytes"
    except NotRegular as refused:
        return refused.kind
    except OSError as error:
        return f"unreadable: {error.strerror}"


def fingerprint(root: str) -> Fingerprint:
    """Name and content hash of every data file. Size and modification time are not enough: an edit that keeps
    both (``true `` → ``false``, the time put back) would keep showing what a colleague withdrew."""
    found = []
    for folder in WATCHED:
        path = os.path.join(root, folder)
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(DATA_EXTENSIONS):
                    found.append((f"{folder}/{name}", _digest(os.path.join(path, name))))
    return tuple(found)


_cache: dict[str, tuple[tuple[dt.date, dt.date, Fingerprint], Loaded]] = {}


def load_cached(root: str) -> Loaded:
    """Load a data folder, reusing the last result while no file's content and no date has changed (``serve``
    rebuilds): a preview left running past midnight drops a colleague who left that day."""
    key = os.path.abspath(root)
    day = today()
    stamp = (day, deciding(day), fingerprint(root))
    hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    loaded = load(root, day)
    _cache[key] = (stamp, loaded)
    return loaded


WIDE = "---\nhide:\n  - navigation\n  - toc\n---\n"
"""Front matter for data pages: Material hides its sidebars so grids and tables get the width."""


BODY = "GROWTHSITE-GENERATED-BODY"
"""The Markdown of a page the engine renders whole: the adapter replaces its paragraph with the HTML."""


def _direct(method: str, *ids: str, wide: bool = True) -> dict[str, Any]:
    """A page whose HTML the renderer's ``method`` makes from ``ids`` (validated slugs): no macros run on it,
    and its Markdown is one placeholder paragraph."""
    hide = "hide:\n  - navigation\n  - toc\n" if wide else ""
    return {"source": f"---\n{hide}render_macros: false\n---\n\n{BODY}\n", "body": (method, ids)}


INDEXES = (
    (Links.FRAMEWORK, "Leadership framework", "framework_overview", False),
    (Links.PEOPLE, "People", "people_index", False),
    (Links.PATHWAYS, "Career pathways", "pathways_list", False),
    # the working tools of staff: the careers site describes them instead
    (Links.TOOLKIT, "Toolkit", "toolkit_index", True),
    (Links.OPPORTUNITIES, "Opportunities", "opportunities", True),
    # trust-wide pages show exact small counts and school-by-school detail
    (Links.SCHOOLS, "Schools", "schools_index", True),
    ("events/index.md", "Events", "events_index", True),
    ("dashboard.md", "Trust dashboard", "dashboard", True),
)
"""(path, heading, macro, staff only) of every index page growthsite can generate."""

STATEMENT_SOURCE = "# Accessibility statement\n\n{{ accessibility_statement() }}\n"
"""The generated accessibility statement (``Links.ACCESSIBILITY``): a fixed heading and one macro call."""
ACCESSIBILITY_PAGE = "accessibility.md"
"""A hand-written statement may sit here instead of at ``Links.ACCESSIBILITY``; either replaces the generated one."""


class Site:
    """One build's view, renderer and generated pages."""

    def __init__(self, loaded: Loaded, audience: Audience, directory_urls: bool = True,
                 overrides: tuple[str, ...] = ()) -> None:
        assert loaded.model is not None, "only clean data is built"
        self.view: SiteView = view(loaded.model, audience)
        self.renderer = Renderer(self.view, Links(directory_urls), overrides, self._missing(self.view))

    @staticmethod
    def _missing(view: SiteView) -> frozenset[str]:
        """Pages the staff site has and this audience's does not: the careers site has no toolkit,
        opportunities, schools, events or dashboard pages, so nothing there may link to them."""
        if view.audience == "staff":
            return frozenset()
        toolkit_pages = {f.page for f in forms(view.trust, view.generated)} | {r.page for r in RESOURCES}
        return frozenset({path for path, _, _, staff_only in INDEXES if staff_only} | toolkit_pages
                         | {Links.school(s.id) for s in view.trust.schools} | {Links.event(e.id) for e in view.events})

    def indexes(self) -> list[tuple[str, str, str]]:
        """(path, heading, macro) of the index pages this audience has."""
        return [(path, heading, macro) for path, heading, macro, _ in INDEXES if path not in self.missing()]

    def pages(self, existing: set[str]) -> list[GeneratedPage]:
        """Every generated page this audience has; an index the site already has in its docs is left alone."""
        view = self.view
        short = view.trust.short_name
        pages = [GeneratedPage(Links.person(p.id), title=p.name, **_direct("person_page", p.id),
                               description=self.renderer.person_description(p)) for p in view.people]
        for facet, values in self.renderer.facets.items():
            pages += [
                GeneratedPage(Links.facet(facet, value), title=label, **_direct("people_facet", facet, value),
                              description=f"{label}: colleagues at {view.trust.name}.")
                for value, label in values
            ]
        pages += [GeneratedPage(Links.strand(s.id), title=s.name, **_direct("strand_page", s.id, wide=False),
                                description=s.summary or f"{s.name}, a strand of the {view.framework.name}.")
                  for s in view.framework.strands]
        pages += [GeneratedPage(Links.pathway(w.id), title=w.name, **_direct("pathway_page", w.id, wide=False),
                                description=f"{w.name} at {short}: "
                                + " → ".join(view.stage_name(s) for s in w.stages)
                                + ", with what colleagues do at each stage and how long the moves take.")
                  for w in view.pathways]
        pages += self._toolkit_pages(existing)
        pages += [GeneratedPage(Links.school(s.id), title=s.name, **_direct("school_page", s.id))
                  for s in view.trust.schools]
        pages += [GeneratedPage(Links.event(e.id), title=e.title, **_direct("event_page", e.id)) for e in view.events]
        pages = [p for p in pages if p.path not in self.missing()]
        pages += [
            GeneratedPage(path, f"{WIDE}# {heading}\n\n{{{{ {macro}() }}}}\n", in_nav=True,
                          description=f"{heading} at {view.trust.name}.")
            for path, heading, macro in self.indexes()
            if path not in existing
        ]
        if not {Links.ACCESSIBILITY, ACCESSIBILITY_PAGE} & existing:
            pages.append(GeneratedPage(Links.ACCESSIBILITY, STATEMENT_SOURCE, "Accessibility statement",
                                       description=f"How accessible this site of {view.trust.name} is, what to do if "
                                       "something does not work for you, and how to report a problem."))
        return pages

    def _toolkit_pages(self, existing: set[str]) -> list[GeneratedPage]:
        """A printable page per set of standards, and a plain page for any resource the docs do not have."""
        renderer = self.renderer
        pages = [GeneratedPage(f.page, title=f.title, **_direct("toolkit_form", f.key, wide=False))
                 for f in renderer.standard_forms]
        for form in renderer.forms:
            if form.resource.id != STANDARDS and form.page not in existing:
                pages.append(GeneratedPage(form.page, title=f"{form.resource.number}. {form.title}", in_nav=True,
                                           **_direct("toolkit_form", form.key, wide=False)))
        standards = BY_ID[STANDARDS].page
        if standards not in existing:
            pages.append(GeneratedPage(standards, title="2. Standards reflection", in_nav=True,
                                       **_direct("standards_reflection_index", wide=False)))
        return pages

    def files(self) -> list[tuple[str, str]]:
        """(path, text) of generated files that are not pages: the toolkit's downloads (staff site only)."""
        return [] if Links.TOOLKIT in self.missing() else self.renderer.toolkit_files()

    def missing(self) -> frozenset[str]:
        """Pages the staff site has that this audience's site does not: a shared nav may name them."""
        return self.renderer.missing

    @staticmethod
    def stylesheet() -> str:
        from .render.svg import SVG_CSS

        css = resources.files("growthsite").joinpath("render/templates/growthsite.css").read_text("utf-8")
        return css + "\n" + SVG_CSS

    @staticmethod
    def script() -> str:
        return resources.files("growthsite").joinpath("render/templates/growthsite.js").read_text("utf-8")
