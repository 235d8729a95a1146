"""Material's search, offline in the browser: people by name, toolkit resources by title, nobody who said no."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import Served, Visit


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type ``query`` as a person would and return (title, href) of each result."""
    box = page.get_by_role("textbox", name="Search")
    box.click()
    # As a person would, wait until the index has loaded (typing earlier can be lost in Material's start-up).
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for()
    box.press_sequentially(query, delay=20)
    # The index has loaded and the query has run once there are results, or the word that there are none.
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__item') !== null || "
        "(document.querySelector('.md-search-result__meta')?.textContent ?? '').startsWith('No matching')")
    return page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "links => links.map(a => [a.querySelector('h1, h2')?.textContent.trim() ?? '', a.getAttribute('href')])")


@pytest.mark.parametrize(("audience", "query", "title", "target"), [
    ("staff", "Hannah Lockwood", "Hannah Lockwood", "people/hannah-lockwood/"),
    ("staff", "Kerry Lewis", "Kerry Lewis", "people/kerry-lewis/"),
    ("staff", "growth log", "6. Growth log", "toolkit/growth-log/"),
    ("staff", "coaching agreement", "3. Coaching agreement", "toolkit/coaching-agreement/"),
    ("public", "Hannah Lockwood", "Hannah Lockwood", "people/hannah-lockwood/"),
])
def test_search_finds_it_first(audience: str, query: str, title: str, target: str,
                               sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.goto(sites[audience].page_url(""))
    results = search(page, query)
    assert results, f"no result for {query!r}"
    assert results[0][0] == title
    assert results[0][1].split("?")[0] == sites[audience].page_url(target)
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    assert page.url.split("?")[0] == sites[audience].page_url(target)
    assert visit.external == [] and visit.console_errors == []


def test_the_careers_search_knows_nothing_of_people_who_did_not_say_yes(
        sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.goto(sites["public"].page_url(""))
    assert search(page, "Kerry Lewis") == []  # on the staff site only: no consent to the careers site
    assert page.locator(".md-search-result__meta").inner_text() == "No matching documents"
