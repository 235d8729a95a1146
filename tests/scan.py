"""Helpers for the acceptance scans: read every file a build wrote, as text, and the parts of pages users see.

Used by test_leaks.py, test_hostile_input.py and test_deterministic.py. Nothing here knows the policy:
the tests state it, these functions only read what a build produced.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

AUDIENCES = ("staff", "public")
FACETS = frozenset({"stage", "pathway", "type"})
"""Folders under people/ that are directory pages, not people."""


@dataclass(frozen=True)
class OutputFile:
    path: str
    """Relative to the site folder, with forward slashes."""
    text: str
    """The content decoded as UTF-8 (invalid bytes replaced); gzip files decompressed first."""


def read_output(path: Path) -> str:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def output_files(site: Path) -> list[OutputFile]:
    """Every file of a built site, whatever its kind: pages, search index, sitemaps, assets, downloads."""
    files = [OutputFile(p.relative_to(site).as_posix(), read_output(p)) for p in sorted(site.rglob("*")) if p.is_file()]
    assert files, f"the build wrote no files into {site}"
    return files


def where_found(needles: Iterable[str], files: Iterable[OutputFile]) -> dict[str, list[str]]:
    """needle → the files whose path or content holds it, compared case-insensitively."""
    haystacks = [(f.path, f.path.lower() + "\n" + f.text.lower()) for f in files]
    return {n: [path for path, text in haystacks if n.lower() in text] for n in needles}


def html_pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of a site, parsed, by relative path."""
    pages = {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text("utf-8"), "html.parser")
             for p in sorted(site.rglob("*.html"))}
    assert pages, f"no HTML pages in {site}"
    return pages


def visible_text(node: Tag) -> str:
    """The text a reader sees: script and style contents left out."""
    return " ".join(s for s in node.find_all(string=True) if s.parent is not None
                    and s.parent.name not in ("script", "style"))


def page_title(page: BeautifulSoup) -> str:
    title = page.select_one("head > title")
    return title.get_text() if title is not None else ""


def search_entries(site: Path) -> list[dict[str, Any]]:
    """The documents of Material's search index (title, text, location)."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    docs: list[dict[str, Any]] = index["docs"]
    assert docs, "the search index is empty"
    return docs


def sitemap_locs(site: Path) -> list[str]:
    """The URLs sitemap.xml lists."""
    root = ET.fromstring((site / "sitemap.xml").read_text("utf-8"))
    return [el.text or "" for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def person_ids(site: Path) -> set[str]:
    """The people who have a page in this build."""
    folder = site / "people"
    return {p.name for p in folder.iterdir() if p.is_dir() and p.name not in FACETS} if folder.is_dir() else set()


def urls_in(page: BeautifulSoup) -> Iterator[str]:
    """Every URL a page points at: href, src and action attributes."""
    for el in page.find_all(True):
        for attr in ("href", "src", "action"):
            value = el.get(attr)
            if isinstance(value, str):
                yield value


def resolve(page_path: str, href: str) -> str:
    """A relative link of a directory-URL page as a path in the site: ``people/a/index.html`` + ``../b/``
    → ``people/b/index.html``."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href.split("#")[0]))
    return target + "/index.html" if href.split("#")[0].endswith("/") else target


def first_difference(a: bytes, b: bytes) -> str:
    """The first differing line of two files, for a readable failure."""
    lines_a = a.decode("utf-8", errors="replace").splitlines()
    lines_b = b.decode("utf-8", errors="replace").splitlines()
    for number, (x, y) in enumerate(zip(lines_a, lines_b, strict=False), 1):
        if x != y:
            return f"line {number}:\n    - {x[:300]!r}\n    + {y[:300]!r}"
    return f"one is a prefix of the other ({len(lines_a)} against {len(lines_b)} lines, {len(a)} and {len(b)} bytes)"
