"""Reflow at 320 CSS pixels (WCAG 1.4.10) on every page type of both builds: nothing scrolls sideways or is
cut off but the wide tables and charts made to scroll, which the keyboard can reach."""

from __future__ import annotations

import pytest

from .conftest import Served, Visit
from .pages import CASES, IDS
from .reflow import WIDTH, offenders


def settled_offenders(visit: Visit) -> list[str]:
    """The offenders once the layout has settled (growthsite.js marks scrollers as they are measured)."""
    found = offenders(visit.page)
    for _ in range(5):
        if not found:
            break
        visit.page.wait_for_timeout(200)
        found = offenders(visit.page)
    return found


@pytest.mark.parametrize(("audience", "kind", "path"), CASES, ids=IDS)
def test_every_page_type_reflows_at_320_css_pixels(audience: str, kind: str, path: str,
                                                   sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": WIDTH, "height": 640})
    response = page.goto(sites[audience].page_url(path), wait_until="networkidle")
    assert response is not None and response.ok
    assert page.evaluate("() => document.documentElement.clientWidth") == WIDTH
    found = settled_offenders(visit)
    assert found == [], "at 320px:\n" + "\n".join(found)


@pytest.mark.parametrize(("audience", "path", "selector"), [
    ("staff", "opportunities/", "article.gs-opportunity"),  # cards were 360px in a 288px column, text cut off
    ("staff", "people/", "[data-gs-filters] select"),  # the longest option made a select 324px wide
    ("public", "people/", "[data-gs-filters] select"),
    ("public", "", "ul.gs-stories > li"),  # story cards were 320px, 16px past each side of the column
    ("public", "pathways/support-to-teaching/", "ul.gs-stories > li"),
    ("staff", "pathways/support-to-teaching/", "ul.gs-stories > li"),
], ids=["opportunity cards", "staff filters", "public filters", "stories on the careers home",
        "stories on a careers pathway", "stories on a staff pathway"])
def test_the_elements_found_too_wide_at_320_pixels_fit_their_column(
        audience: str, path: str, selector: str, sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": WIDTH, "height": 640})
    page.goto(sites[audience].page_url(path), wait_until="networkidle")
    column = page.evaluate("() => { const r = document.querySelector('.md-content__inner')"
                           ".getBoundingClientRect(); return [r.left, r.right]; }")
    boxes = page.locator(selector).evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect();"
                                                " return [r.left, r.right]; })")
    assert boxes, f"no {selector} on {path or 'the home page'}"
    assert column == [16, 304]  # Material's 0.8rem margins either side of a 320px window
    assert [(left, right) for left, right in boxes if left < column[0] or right > column[1]] == []


@pytest.mark.parametrize(("audience", "path"), [("staff", "framework/"), ("staff", "people/hannah-lockwood/"),
                                                ("public", "framework/")])
def test_hidden_text_in_a_wide_table_does_not_make_the_page_scroll_sideways(
        audience: str, path: str, sites: dict[str, Served], visit: Visit) -> None:
    """Visually hidden words in a table cell are positioned absolutely: they escaped the table's scroller and
    made the framework page 991px wide and a person's page 644px."""
    page = visit.page
    page.set_viewport_size({"width": WIDTH, "height": 640})
    page.goto(sites[audience].page_url(path), wait_until="networkidle")
    assert page.locator(".md-typeset__scrollwrap .gs-visually-hidden").count() > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") == WIDTH
