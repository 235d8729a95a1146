"""The demo's dashboard and career charts: whole labels, the same figures as their tables and as `growthsite report`.

Findings from outside testing, each reproduced on the demo trust's real data: labels cut with "…" although
there was room; the support heatmap's diagonal showing 0 where its table shows –; the dashboard skipping
2020-21, a year `growthsite report` lists.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from conftest import ROOT, soup_of
from growthsite.cli import main

CHARTED = ["dashboard/index.html", "people/hannah-lockwood/index.html", "people/natalie-price/index.html"]
YEARS = ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26", "2026-27"]
"""From the first record (2018-19) to the build day's year (24 November 2026: 2026-27), every year between."""


def shown(text: Tag) -> str:
    """What a chart's <text> displays: its lines (<tspan>s) joined by a space, never its <title>."""
    spans = text.find_all("tspan")
    parts = [s.get_text() for s in spans] if spans else [
        "".join(str(c) for c in text.children if isinstance(c, str))]
    return " ".join(parts)


def charts(page: BeautifulSoup) -> list[Tag]:
    return page.select("figure.gs-chart svg")


@pytest.mark.parametrize("page", CHARTED)
def test_no_label_is_cut(demo_site: Path, page: str) -> None:
    found = charts(soup_of(demo_site)(page))
    assert found
    cut = [shown(t) for svg in found for t in svg.select("text") if t.find("title") or "…" in shown(t)]
    assert cut == []


@pytest.mark.parametrize(("page", "labels"), [
    ("dashboard/index.html", ["Trust-wide training delivered", "Staff meetings and workshops led",
                              "Specialist support across schools", "St Kenelm's Church of England Primary School",
                              "Lode House Learning Centre", "3: Leading across the trust",
                              "Evidence-informed practice"]),
    ("people/hannah-lockwood/index.html", ["Assistant headteacher (teaching and learning)", "Senior leader"]),
    ("people/natalie-price/index.html", ["School business leader", "Office assistant"]),
])
def test_the_labels_once_cut_are_shown_whole(demo_site: Path, page: str, labels: list[str]) -> None:
    drawn = {shown(t) for svg in charts(soup_of(demo_site)(page)) for t in svg.select("text")}
    assert set(labels) <= drawn


def test_charts_are_drawn_at_their_own_size(demo_site: Path) -> None:
    """One user unit to one CSS pixel: the SVG's width and height are its viewBox's, so 13px text is 13px."""
    for page in CHARTED:
        for svg in charts(soup_of(demo_site)(page)):
            assert svg["viewbox"].split() == ["0", "0", svg["width"], svg["height"]]
            assert 640 <= int(svg["width"]) <= 960


def test_the_support_heatmap_shows_the_same_figures_as_its_table(demo_site: Path) -> None:
    page = soup_of(demo_site)("dashboard/index.html")
    table = [[td.get_text() for td in row.select("td")] for row in page.select(".gs-table-support tbody tr")]
    entries = page.select("#chart-support-title")[0].parent.select("g.gs-svg__entry")
    drawn = [shown(e.select_one("text")) for e in entries]
    size = len(table)
    assert size == 8 and [drawn[i * size:(i + 1) * size] for i in range(size)] == table
    assert [table[i][i] for i in range(size)] == ["–"] * size
    diagonal = [entries[i * size + i] for i in range(size)]
    assert diagonal[0].title.get_text() == (
        "Kingsmead Primary School / Kingsmead Primary School: not counted, the same school")
    assert all("gs-svg__cell--none" in e.rect["class"] for e in diagonal)
    assert "A school's own cell shows a dash" in page.select_one("#chart-support-desc").get_text()


def report_csv(*args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["report", str(ROOT), "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_the_dashboard_lists_the_years_report_lists(demo_site: Path) -> None:
    """Finding: the dashboard skipped 2020-21, a year with no activities between the first and the last."""
    page = soup_of(demo_site)("dashboard/index.html")
    table = page.select_one(".gs-table-per-year")
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads == ["Type", *YEARS, "Total"]
    rows = report_csv()
    assert list(dict.fromkeys(r["year"] for r in rows)) == YEARS
    dashboard = {(td["data-year"], tr["data-type"]): int(td.get_text())
                 for tr in table.select("tbody tr") for td in tr.select("td[data-year]")}
    report = {(r["year"], r["id"]): int(r["activities"]) for r in rows if r["by"] == "type"}
    assert dashboard == {key: n for key, n in report.items() if key[1] in {t for _, t in dashboard}}
    # The chart shows the two most recent of the same years.
    assert page.select_one("#chart-per-year-title").get_text() == "Activities by type: 2025-26 and 2026-27"


def test_2020_21_is_a_row_of_zeros_as_report_counts_it(demo_site: Path) -> None:
    """Hand-counted: the only record that started between 1 September 2020 and 31 August 2021 is Aisha
    Rahman's MA, which is private, so staff figures count no activity in 2020-21."""
    assert "from: 2020-09-14" in (ROOT / "portfolios" / "aisha-rahman.yml").read_text("utf-8")
    page = soup_of(demo_site)("dashboard/index.html")
    cells = page.select('.gs-table-per-year td[data-year="2020-21"]')
    assert len(cells) == len(page.select(".gs-table-per-year tbody tr")) > 0
    assert [c.get_text() for c in cells] == ["0"] * len(cells)
    year = report_csv("--year", "2020-21")
    assert {r["year"] for r in year} == {"2020-21"} and len(year) == 8 + 8  # every type and every school
    assert {r["activities"] for r in year} == {"0"}
    # The neighbouring years are not empty: 2019-20 has Jade Morrison's teaching assistant network.
    assert [c.get_text() for c in page.select('.gs-table-per-year td[data-year="2019-20"]') if c.get_text() != "0"] \
        == ["1"]
