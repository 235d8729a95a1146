"""A person page printed (or saved as PDF) for an interview panel: the page, without the site around it."""

from __future__ import annotations

import pytest

from .conftest import Served, Visit

SITE_CHROME = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "print button": "[data-gs-print]",
}


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_a_printed_person_page_has_no_navigation_or_search(audience: str, sites: dict[str, Served],
                                                           visit: Visit) -> None:
    page = visit.page
    page.goto(sites[audience].page_url("people/hannah-lockwood/"))
    assert page.locator(".md-header").is_visible() and page.locator(".md-search").is_visible()  # on screen
    page.emulate_media(media="print")
    hidden = {name: not page.locator(selector).first.is_visible() for name, selector in SITE_CHROME.items()
              if page.locator(selector).count()}
    assert hidden and all(hidden.values()), hidden
    assert page.locator("h1").inner_text().startswith("Hannah Lockwood")
    assert page.locator("article").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
