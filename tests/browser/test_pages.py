"""Every page type of both builds in a real browser: a clean console, nothing fetched from outside, and
zero axe-core violations in the light and the dark scheme."""

from __future__ import annotations

import pytest

from .axe import describe, violations
from .conftest import Served, Visit
from .pages import CASES, IDS

DARK = "label[title='Switch to dark mode']"


@pytest.mark.parametrize(("audience", "kind", "path"), CASES, ids=IDS)
def test_every_page_type_loads_cleanly_offline_and_passes_axe_in_both_schemes(
        audience: str, kind: str, path: str, sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    response = page.goto(sites[audience].page_url(path), wait_until="networkidle")
    assert response is not None and response.ok
    assert page.locator("h1").count() == 1, "one main heading per page"
    light = violations(page)
    assert light == [], f"light scheme:\n{describe(light)}"
    page.click(DARK)
    page.wait_for_selector("body[data-md-color-scheme='slate']")
    dark = violations(page)
    assert dark == [], f"dark scheme:\n{describe(dark)}"
    assert visit.external == [], "requests left the machine"
    assert visit.console_errors == []


@pytest.mark.parametrize(("audience", "path"), [
    ("staff", ""), ("staff", "people/"), ("staff", "people/hannah-lockwood/"), ("staff", "dashboard/"),
    ("public", ""), ("public", "pathways/support-to-teaching/"),
])
def test_on_a_phone_the_page_and_its_menu_pass_axe(audience: str, path: str, sites: dict[str, Served],
                                                   visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sites[audience].page_url(path), wait_until="networkidle")
    closed = violations(page)
    assert closed == [], describe(closed)
    page.get_by_role("button", name="Menu").click()
    page.wait_for_function(  # the menu has slid in and its section has settled: check what the reader sees
        "() => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')"
        ".getBoundingClientRect().left >= 0")
    page.wait_for_timeout(400)
    opened = violations(page)
    assert opened == [], f"menu open:\n{describe(opened)}"
    assert visit.external == [] and visit.console_errors == []
