"""The plugin's repairs to Material's markup (growthsite.material_html), as a reader meets them in a browser:
the header's menu and search open from real buttons, the search dialog has a name, and a section's own page
has its table of contents in the phone menu."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from .axe import describe, violations
from .conftest import Served, Visit

PHONE = {"width": 390, "height": 844}
HEADER_RULES = ["aria-allowed-role", "aria-dialog-name", "button-name", "label"]
"""aria-allowed-role is best practice in axe, so the WCAG run in test_pages.py does not include it."""


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_the_header_opens_the_menu_and_the_search_with_real_buttons(audience: str, sites: dict[str, Served],
                                                                    visit: Visit) -> None:
    """Reported: the menu button was a label given role="button", which ARIA does not allow on a label."""
    page = visit.page
    page.set_viewport_size(PHONE)
    page.goto(sites[audience].page_url(""), wait_until="networkidle")
    assert page.locator("[role=button]").count() == 0
    assert page.locator(".md-header label.md-header__button[for='__drawer']").is_hidden()
    menu = page.get_by_role("button", name="Menu")
    assert menu.evaluate("el => el.tagName") == "BUTTON"
    found = violations(page, HEADER_RULES)
    assert found == [], describe(found)
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')"
                           ".getBoundingClientRect().left >= 0")
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    search = page.get_by_role("button", name="Search")
    search.click()
    assert search.get_attribute("aria-expanded") == "true"
    dialog = page.get_by_role("dialog", name="Search")
    expect(dialog.get_by_role("textbox", name="Search")).to_be_visible()
    found = violations(page, HEADER_RULES)
    assert found == [], f"search open:\n{describe(found)}"
    assert visit.external == [] and visit.console_errors == []


def test_without_javascript_the_menu_still_opens_from_its_label(sites: dict[str, Served], browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(sites["staff"].page_url("policy/"))
    assert page.locator("button[data-gs-toggle]").count() == 2
    assert page.locator("button[data-gs-toggle]:visible").count() == 0  # a button would do nothing here
    page.locator(".md-header label.md-header__button[for='__drawer']").click()
    assert page.locator("#__drawer").is_checked()
    context.close()


@pytest.mark.parametrize("path", ["policy/", "toolkit/"])
def test_a_sections_own_page_has_its_table_of_contents_in_the_phone_menu(path: str, sites: dict[str, Served],
                                                                        visit: Visit) -> None:
    """Reported: on /policy/ and /toolkit/ the phone menu had no table of contents, and the sidebar's
    "Table of contents" label was for a control that did not exist."""
    page = visit.page
    page.set_viewport_size(PHONE)
    page.goto(sites["staff"].page_url(path), wait_until="networkidle")
    sidebar = page.locator(".md-sidebar--secondary nav.md-nav--secondary > ul > li > a")
    headings = [text.strip() for text in sidebar.all_inner_texts()]
    assert headings  # the page has contents to list
    page.get_by_role("button", name="Menu").click()
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')"
                           ".getBoundingClientRect().left >= 0")
    entry = page.locator(".md-nav--primary li.gs-index-toc > label[for='__toc']")
    expect(entry).to_be_visible()
    entry.click()
    contents = page.locator(".md-nav--primary li.gs-index-toc nav.md-nav--secondary > ul > li > a")
    expect(contents.first).to_be_visible()
    expect(contents.first).to_be_in_viewport()
    assert [text.strip() for text in contents.all_inner_texts()] == headings
    assert visit.console_errors == []


def test_on_a_wide_screen_a_sections_page_lists_its_contents_once(sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.goto(sites["staff"].page_url("policy/"), wait_until="networkidle")
    assert page.locator(".md-nav--primary li.gs-index-toc").is_hidden()
    assert page.locator(".md-sidebar--secondary nav.md-nav--secondary").first.is_visible()
