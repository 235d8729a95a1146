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

WATCHED = ("framework", "portfolios")


@dataclass(frozen=True)
class GeneratedPage:
    path: str
    """Source path inside the docs folder, e.g. ``people/amira-hussain.md``."""
    source: str
    """Markdown whose body is only macro calls with validated ids: no user text."""
    person: str | None = None


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


class Site:
    """One build's view, renderer and generated pages."""

    def __init__(self, loaded: Loaded, audience: Audience, directory_urls: bool = True,
                 overrides: tuple[str, ...] = ()) -> None:
        assert loaded.model is not None, "only clean data is built"
        self.view: SiteView = view(loaded.model, audience)
        self.renderer = Renderer(self.view, Links(directory_urls), overrides)

    def pages(self, existing: set[str]) -> list[GeneratedPage]:
        pages = [
            GeneratedPage(f"people/{p.id}.md", f'{{{{ person_page("{p.id}") }}}}\n', p.id)
            for p in self.view.people
        ]
        if "people/index.md" not in existing:
            pages.append(GeneratedPage("people/index.md", "# People\n\n{{ people_index() }}\n"))
        return pages

    def person_name(self, person_id: str) -> str:
        person = self.view.person(person_id)
        return person.name if person else person_id

    @staticmethod
    def stylesheet() -> str:
        return resources.files("growthsite").joinpath("render/templates/growthsite.css").read_text("utf-8")
