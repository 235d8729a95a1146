"""The live preview's alert (``growthsite serve`` while the data has problems) in a real browser: shown
first in the content, announced as an alert, and passing axe-core (contrast included) in both schemes."""

from __future__ import annotations

from pathlib import Path

from serving import serving

from .axe import describe, violations
from .conftest import Visit

DARK = "label[title='Switch to dark mode']"
THEME = "theme:\n  name: material\n  font: false\n"
SCHEMES = THEME + """  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""


def test_the_preview_alert_passes_axe_in_the_light_and_the_dark_scheme(tiny: Path, visit: Visit) -> None:
    config, portfolio = tiny / "mkdocs.yml", tiny / "portfolios" / "ada-north.yml"
    config.write_text(config.read_text("utf-8").replace(THEME, SCHEMES), "utf-8")
    with serving(tiny) as server:
        portfolio.write_text(portfolio.read_text("utf-8").replace("date: 2025-10-17", "date: 2025-13-45"), "utf-8")
        server.until("/people/ada-north/", lambda p: p.select_one(".gs-preview") is not None, "the alert")
        page = visit.page
        response = page.goto(f"{server.url}/people/ada-north/", wait_until="load")  # live reload keeps a request open
        assert response is not None and response.ok
        alert = page.locator("article.md-content__inner > .gs-preview[role=alert]")
        assert alert.count() == 1 and alert.is_visible()
        assert alert.locator("li code").inner_text() == "portfolios/ada-north.yml:16:11"
        light = violations(page)
        assert light == [], f"light scheme:\n{describe(light)}"
        page.click(DARK)
        page.wait_for_selector("body[data-md-color-scheme='slate']")
        dark = violations(page)
        assert dark == [], f"dark scheme:\n{describe(dark)}"
        assert visit.external == [] and visit.console_errors == []
