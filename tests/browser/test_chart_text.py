"""Chart text as people see it: about the size of the table text on a desktop, readable on a phone, never
overlapping, and a chart wider than a phone scrolls inside its own named, focusable figure.

Finding from outside testing: chart text was about 20px beside 13px tables on a desktop and about 6px on a
phone, because the SVGs scaled with the column. Sizes are measured as drawn: the computed font size times the
scale from the SVG's user units to the screen.
"""

from __future__ import annotations

import pytest

from .conftest import Served, Visit

MEASURE = """() => [...document.querySelectorAll('figure.gs-chart')].map(figure => {
  const svg = figure.querySelector('svg');
  const frame = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const m = t.getScreenCTM();
    const box = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
            rotated: t.hasAttribute('transform'),
            box: [box.left - frame.left, box.top - frame.top, box.right - frame.left, box.bottom - frame.top]};
  });
  const table = document.querySelector('.md-typeset table td');
  return {title: svg.querySelector('title').textContent, texts, width: frame.width, height: frame.height,
          tablePx: table ? parseFloat(getComputedStyle(table).fontSize) : null,
          right: figure.getBoundingClientRect().right, scrolls: figure.scrollWidth > figure.clientWidth + 1,
          tabindex: figure.getAttribute('tabindex'), role: figure.getAttribute('role'),
          label: figure.getAttribute('aria-label')};
})"""

PAGES = ["dashboard/", "people/hannah-lockwood/", "people/natalie-price/"]


def overlapping(texts: list[dict[str, object]]) -> list[tuple[object, object]]:
    boxes = [(t["text"], t["box"]) for t in texts if not t["rotated"]]
    found = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):  # type: ignore[misc]
        for b, (bx0, by0, bx1, by1) in boxes[i + 1:]:  # type: ignore[misc]
            if ax0 < bx1 - 0.5 and bx0 < ax1 - 0.5 and ay0 < by1 - 0.5 and by0 < ay1 - 0.5:
                found.append((a, b))
    return found


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("width", "smallest", "largest"), [(1280, 13, 16), (320, 11, 16)])
def test_chart_text_is_table_sized_and_readable_on_a_phone(path: str, width: int, smallest: float, largest: float,
                                                          sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(sites["staff"].page_url(path))
    figures = page.evaluate(MEASURE)
    assert figures
    for figure in figures:
        sizes = [t["px"] for t in figure["texts"]]
        assert sizes and smallest - 0.01 <= min(sizes) and max(sizes) <= largest + 0.01, (figure["title"], sizes)
        if figure["tablePx"]:
            assert abs(min(sizes) - figure["tablePx"]) <= 1  # beside a 12.8px table
        assert figure["right"] <= width  # the page itself does not scroll sideways for a chart
        inside = [t["text"] for t in figure["texts"] if not t["rotated"] and (
            t["box"][0] < -0.5 or t["box"][2] > figure["width"] + 0.5)]
        assert inside == [], figure["title"]
        assert overlapping(figure["texts"]) == [], figure["title"]
    assert visit.console_errors == [] and visit.external == []


@pytest.mark.parametrize("path", PAGES)
def test_a_chart_wider_than_a_phone_scrolls_in_a_named_focusable_region(path: str, sites: dict[str, Served],
                                                                       visit: Visit) -> None:
    page = visit.page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(sites["staff"].page_url(path))
    page.wait_for_function("document.querySelector('figure.gs-chart[tabindex]') !== null")
    for figure in page.evaluate(MEASURE):
        assert figure["scrolls"]
        assert (figure["tabindex"], figure["role"], figure["label"]) == (
            "0", "region", f"Chart: {figure['title']} (scrolls sideways)")
    chart = page.locator("figure.gs-chart").first
    chart.focus()
    assert chart.evaluate("f => f === document.activeElement && f.scrollLeft === 0")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.activeElement.scrollLeft > 0")
    # On a desktop nothing scrolls, so the figure is neither a tab stop nor a landmark.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("document.querySelector('figure.gs-chart[tabindex]') === null")
    assert page.locator("figure.gs-chart[role]").count() == 0
