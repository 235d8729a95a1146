"""Keyboard only: a skip link first, a visible focus on every stop, and every control reachable by Tab."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .conftest import Served, Visit

CONTROLS = ("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), "
            "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1']), .md-typeset__scrollwrap")

MARK_CONTROLS = """(selector) => {
  const found = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    const box = el.getBoundingClientRect();
    const shown = box.width > 0 && box.height > 0 &&
      el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && !el.closest('[inert]');
    if (el.tabIndex < 0 || !shown) return;
    el.dataset.kb = String(i);
    found.push(String(i));
  });
  return found;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Material's palette switch is a hidden radio button whose label shows the focus.
  const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== 'none';
  const underline = style.textDecorationLine.includes('underline');
  return {kb: el.dataset.kb ?? null, tag: el.tagName, text: (el.textContent || el.getAttribute('aria-label') || '')
          .trim().slice(0, 40), visible: outline || ring, underline: underline};
}"""


def tab_through(page: Page, limit: int) -> list[dict[str, Any]]:
    """Press Tab until focus comes round to the first stop again; what had focus at each stop.

    Focus on no element (past the last control, or for a moment while Material hides its "Back to top"
    button on scrolling) is not a stop: the next Tab carries on from where the focus was.
    """
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        if stops and focused["kb"] is not None and focused["kb"] == stops[0]["kb"]:
            break
        stops.append(focused)
    return stops


@pytest.mark.parametrize(("audience", "path", "width"), [
    ("staff", "people/", 1280),
    ("staff", "people/hannah-lockwood/", 1280),
    ("staff", "toolkit/growth-plan/", 1280),
    ("staff", "dashboard/", 1280),
    ("staff", "dashboard/", 390),  # on a phone its wide tables scroll sideways: each must take focus
    ("staff", "people/hannah-lockwood/", 390),
    ("public", "", 1280),
    ("public", "pathways/support-to-teaching/", 1280),
])
def test_every_control_is_reachable_by_tab_with_a_visible_focus(
        audience: str, path: str, width: int, sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(sites[audience].page_url(path), wait_until="load")
    controls = page.evaluate(MARK_CONTROLS, CONTROLS)
    stops = tab_through(page, limit=len(controls) * 2 + 20)
    assert stops[0]["text"] == "Skip to content"
    reached = {stop["kb"] for stop in stops}
    missing = [c for c in controls if c not in reached]
    assert missing == [], [page.evaluate(f"() => document.querySelector('[data-kb=\"{c}\"]').outerHTML.slice(0, 120)")
                           for c in missing]
    unseen = [stop for stop in stops if not stop["visible"]]
    assert unseen == []


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_the_skip_link_comes_first_shows_and_jumps_to_the_content(audience: str, sites: dict[str, Served],
                                                                  visit: Visit) -> None:
    page = visit.page
    page.goto(sites[audience].page_url("people/hannah-lockwood/"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text().strip() == "Skip to content"
    box = skip.bounding_box()
    assert box is not None and box["width"] > 0 and box["y"] >= 0  # shown on screen while it has focus
    expect(skip).to_have_css("opacity", "1")  # it fades in
    page.keyboard.press("Enter")
    assert page.url.endswith("#gs-main")
    assert page.locator("#gs-main").inner_text().startswith("Hannah Lockwood")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.md-content') !== null")


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_on_a_phone_the_menu_opens_from_the_keyboard_and_its_links_are_on_screen(
        audience: str, sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sites[audience].page_url("people/hannah-lockwood/"), wait_until="load")
    stops = tab_through(page, limit=60)
    assert not any(stop["text"] == "Home" for stop in stops)  # the closed menu takes no focus
    page.keyboard.press("Shift+Tab")
    for _ in range(60):  # back to the menu button, as a keyboard user would
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu":
            break
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_focused()
    assert menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    in_menu = "() => document.activeElement.closest('.md-sidebar--primary') !== null"
    page.wait_for_function(in_menu)  # the menu takes the focus once it has slid in: its first link
    expect(page.locator(":focus")).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Home")
    expect(page.locator(":focus")).to_be_in_viewport()
    page.keyboard.press("Escape")  # closes it, and the focus goes back to the button
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu"
