"""The people directory: filters by school and stage with JavaScript, and browse-by pages without it."""

from __future__ import annotations

from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from .conftest import Served, Visit


def shown(page: Page) -> list[str]:
    """The people the table shows now, in order."""
    return page.eval_on_selector_all(
        "table[data-gs-sortable] tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.person)")


def static_rows(site: Served, path: str, **wanted: str) -> list[str]:
    """The people a built page lists, read from its HTML (the same rows the script filters)."""
    soup = BeautifulSoup((site.root / path / "index.html").read_text("utf-8"), "html.parser")
    return [tr["data-person"] for tr in soup.select("tbody tr[data-person]")
            if all(tr.get(f"data-{key}") == value for key, value in wanted.items())]


def test_filters_by_school_and_stage_with_javascript(sites: dict[str, Served], visit: Visit) -> None:
    staff = sites["staff"]
    page = visit.page
    page.goto(staff.page_url("people/"))
    assert page.locator("[data-gs-filters]").is_visible()
    assert len(shown(page)) == 33
    assert page.locator("[data-gs-count]").inner_text() == "33 of 33 people shown"

    page.select_option("select[name=school]", "hartbury-academy")
    assert shown(page) == static_rows(staff, "people", school="hartbury-academy")
    assert len(shown(page)) == 5
    assert page.locator("[data-gs-count]").inner_text() == "5 of 33 people shown"

    page.select_option("select[name=school]", "")
    page.select_option("select[name=stage]", "teacher")
    assert shown(page) == static_rows(staff, "people/stage/teacher")  # the no-script page lists the same people
    assert len(shown(page)) == 4

    page.select_option("select[name=school]", "kingsmead-primary")
    both = static_rows(staff, "people", school="kingsmead-primary", stage="teacher")
    assert shown(page) == both
    assert page.locator("[data-gs-count]").inner_text() == f"{len(both)} of 33 people shown"
    assert visit.console_errors == [] and visit.external == []


def test_the_careers_directory_filters_only_people_who_said_yes(sites: dict[str, Served], visit: Visit) -> None:
    public = sites["public"]
    page = visit.page
    page.goto(public.page_url("people/"))
    assert len(shown(page)) == 8
    page.select_option("select[name=school]", "orchard-field-primary")
    assert shown(page) == static_rows(public, "people", school="orchard-field-primary")
    assert len(shown(page)) == 2


def test_without_javascript_the_directory_is_a_table_with_browse_by_pages(
        sites: dict[str, Served], no_script_page: Page) -> None:
    staff = sites["staff"]
    page = no_script_page
    page.goto(staff.page_url("people/"))
    assert not page.locator("[data-gs-filters]").is_visible()  # no controls that would do nothing
    assert page.locator("table[data-gs-sortable] tbody tr").count() == 33

    page.get_by_role("navigation", name="Browse people").get_by_role("link", name="Teacher", exact=True).click()
    page.wait_for_url(staff.page_url("people/stage/teacher/"))
    expect(page.locator("tbody tr[data-person]")).to_have_count(4)

    page.goto(staff.page_url("people/"))
    page.get_by_role("navigation", name="Browse people").get_by_role("link", name="Hartbury Academy").click()
    page.wait_for_url(staff.page_url("schools/hartbury-academy/"))
    listed = page.locator("tbody tr[data-person]").evaluate_all("rows => rows.map(r => r.dataset.person)")
    assert sorted(listed) == sorted(static_rows(staff, "people", school="hartbury-academy"))
