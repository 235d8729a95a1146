"""Every link on every page leads somewhere that exists in that build: the careers site has no school,
event, toolkit or dashboard pages, so nothing may link to them there."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, TINY, build
from scan import html_pages, resolve


def broken_links(site: Path) -> list[tuple[str, str]]:
    broken = []
    for path, page in html_pages(site).items():
        if path == "404.html":  # its links are absolute by design (it is served at any depth)
            continue
        for element in page.select("[href], [src]"):
            url = str(element.get("href") or element.get("src") or "")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:")) or not parts.path:
                continue
            target = site / resolve(path, url)
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append((path, url))
    return broken


@pytest.mark.parametrize("audience", ["staff", "public"])
@pytest.mark.parametrize("source", [ROOT, TINY], ids=["demo", "tiny"])
def test_no_link_is_broken(source: Path, audience: str, tmp_path: Path) -> None:
    site = build(source, tmp_path / "site", audience)
    broken = broken_links(site)
    assert broken == [], f"{len(broken)} broken links, e.g. {sorted(set(u for _, u in broken))[:10]}"


def test_the_checker_finds_a_broken_link(tiny_site: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(tiny_site, copy)
    shutil.rmtree(copy / "framework")
    assert any(url.endswith("framework/") for _, url in broken_links(copy))
