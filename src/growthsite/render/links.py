"""URLs between pages, relative to the page they appear on, as MkDocs would write them.

Relative links keep the site working from any folder, a sub-path or ``file://``.
"""

from __future__ import annotations

import posixpath


class Links:
    PEOPLE = "people/index.md"

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """``people/ada.md`` → ``people/ada/`` (or ``people/ada.html``); ``people/index.md`` → ``people/``."""
        stem = src.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/" if self.directory_urls else stem + ".html"

    def _folder(self, page: str) -> str:
        """The folder a page's URL is in, which relative links start from."""
        here = self.url(page)
        return (here if here.endswith("/") or not here else posixpath.dirname(here) + "/") or "."

    def href(self, target: str, page: str) -> str:
        """The link from page ``page`` to page ``target`` (both source paths)."""
        there = self.url(target)
        rel = posixpath.relpath(there or ".", self._folder(page))
        if there.endswith("/") or not there:
            rel = "./" if rel == "." else rel + "/"
        return rel

    def file_href(self, target: str, page: str) -> str:
        """The link from page ``page`` to a file that is not a page (``toolkit/downloads/x.yml``)."""
        return posixpath.relpath(target, self._folder(page))

    @staticmethod
    def person(person_id: str) -> str:
        return f"people/{person_id}.md"

    @staticmethod
    def school(school_id: str) -> str:
        return f"schools/{school_id}.md"

    @staticmethod
    def event(event_id: str) -> str:
        return f"events/{event_id}.md"

    @staticmethod
    def pathway(pathway_id: str) -> str:
        return f"pathways/{pathway_id}.md"

    PATHWAYS = "pathways/index.md"
    SCHOOLS = "schools/index.md"
    FRAMEWORK = "framework/index.md"
    OPPORTUNITIES = "opportunities.md"
    TOOLKIT = "toolkit/index.md"
    ACCESSIBILITY = "accessibility/index.md"
    """The accessibility statement: on both sites, linked from every page's footer."""

    @staticmethod
    def strand(strand_id: str) -> str:
        return f"framework/{strand_id}.md"

    @staticmethod
    def facet(facet: str, value: str) -> str:
        return f"people/{facet}/{value}.md"
