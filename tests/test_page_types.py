"""The browser suite's page types cover every kind of page both builds make (a new kind must be added there)."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from browser.pages import PAGE_TYPES
from conftest import ROOT, build


def kind(path: str) -> str:
    """``people/ada-north/`` → ``people/*``: a page's kind is its folder; top-level pages are each their own."""
    folder = posixpath.dirname(path.rstrip("/"))
    return f"{folder}/*" if folder else path


def built_pages(site: Path) -> set[str]:
    """Every page as the suite names them: ``people/ada-north/``, ``404.html``, ``""`` for the home page."""
    pages = set()
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        pages.add(relative.removesuffix("index.html") if page.name == "index.html" else relative)
    return pages


def exists(site: Path, path: str) -> bool:
    return (site / path if path.endswith(".html") else site / path / "index.html").exists()


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_every_kind_of_page_is_a_page_type_of_the_browser_suite(audience: str, tmp_path: Path) -> None:
    site = build(ROOT, tmp_path / "site", audience)
    paths = PAGE_TYPES[audience].values()
    assert [p for p in paths if not exists(site, p)] == []
    assert sorted({kind(p) for p in built_pages(site)} - {kind(p) for p in paths}) == []
