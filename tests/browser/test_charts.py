"""Charts: named for screen readers, backed by a table, and every label readable in both colour schemes.

axe-core does not measure text drawn in SVG, so the contrast of each chart label against what is
behind it (a bar, a cell or the page) is measured here, with WCAG's formula.
"""

from __future__ import annotations

import pytest

from .conftest import Served, Visit

DARK = "label[title='Switch to dark mode']"

LABEL_CONTRAST = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => [r, g, b].map(channel)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const page = rgb(getComputedStyle(document.body).backgroundColor);
  const out = [];
  document.querySelectorAll('figure.gs-chart svg text').forEach(text => {
    text.scrollIntoView({block: 'center', inline: 'center'});  // elementsFromPoint sees only the viewport
    const box = text.getBoundingClientRect();
    if (!box.width) return;
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    let behind = page;
    for (const el of document.elementsFromPoint(x, y)) {
      if (el instanceof SVGRectElement) {
        const fill = rgb(getComputedStyle(el).fill);
        const opacity = parseFloat(getComputedStyle(el).fillOpacity || '1') * (fill.length > 3 ? fill[3] : 1);
        behind = [0, 1, 2].map(i => fill[i] * opacity + page[i] * (1 - opacity));
        break;
      }
    }
    const fg = rgb(getComputedStyle(text).fill);
    const [a, b] = [lum(fg), lum(behind)].sort((p, q) => q - p);
    out.push({text: text.textContent, ratio: (a + 0.05) / (b + 0.05)});
  });
  return out;
}"""


@pytest.mark.parametrize(("path", "charts"), [("dashboard/", 3), ("people/hannah-lockwood/", 1)])
def test_charts_have_names_tables_and_readable_labels(path: str, charts: int, sites: dict[str, Served],
                                                     visit: Visit) -> None:
    page = visit.page
    page.goto(sites["staff"].page_url(path))
    images = page.locator("figure.gs-chart svg")
    assert images.count() == charts
    for i in range(charts):
        svg = images.nth(i)
        assert svg.get_attribute("role") == "img"
        name = svg.evaluate("s => s.getAttribute('aria-labelledby').split(' ')"
                            ".map(id => document.getElementById(id).textContent.trim()).join(' ')")
        assert len(name) > 20, name  # a title and a description that says what the chart shows
    if path == "dashboard/":  # each chart is followed by the same figures as a table
        assert page.locator("figure.gs-chart + div.gs-scroll table caption").count() == charts
    for scheme in ("light", "dark"):
        if scheme == "dark":
            page.click(DARK)
            page.wait_for_selector("body[data-md-color-scheme='slate']")
        labels = page.evaluate(LABEL_CONTRAST)
        assert labels, "no chart labels measured"
        faint = [(label["text"], round(label["ratio"], 2)) for label in labels if label["ratio"] < 4.5]
        assert faint == [], f"{scheme} scheme"
