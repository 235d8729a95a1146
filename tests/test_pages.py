"""The progression pages, directory and trust-wide views of the tiny site, read as a user sees them.

Hand-counted values are explained in tests/test_trust_facts.py.
"""

from __future__ import annotations

from pathlib import Path

from conftest import soup_of


def test_person_figures_beyond_the_headlines(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("people/ada-north/index.html")
    figures = {el["data-metric"]: el.get_text() for el in page.select(".gs-headline [data-metric]")}
    assert figures == {"trust-training": "2", "peer-review": "1", "think-tank": "1", "coaching": "1",
                       "schools-reached": "1", "colleagues-reached": "30"}
    assert [li.select_one(".gs-headline__label").get_text() for li in page.select(".gs-headline")][:3] == [
        "Training delivered", "Peer reviews", "Think Tanks led"]
    assert page.select_one(".gs-person__reached a")["href"] == "../../schools/south-academy/"
    assert page.select_one("[data-field=since]").get_text() == "1 September 2020 (6 years)"


def test_framework_map_has_visibly_empty_cells_and_links_to_evidence(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("people/ada-north/index.html")
    cells = page.select(".gs-map__grid td")
    assert len(cells) == 3 * 4
    filled = {(c.find_parent("tr")["data-strand"], c["data-level"]): [a.get_text() for a in c.select("a")]
              for c in cells if "gs-map__cell--filled" in c["class"]}
    assert filled == {
        ("teaching-others", "3"): ["Phonics for new colleagues", "Reading aloud well"],
        ("curiosity", "3"): ["Reading for pleasure"],
        ("curiosity", "2"): ["Oracy"],
    }  # her peer review is confidential (issue 16): in no cell, so its strands say nothing of what it looked at
    empty = [c for c in cells if "gs-map__cell--empty" in c["class"]]
    assert len(empty) == 9
    assert all(c.get_text(strip=True) == "·Not yet evidenced" for c in empty)
    teaching = next(c for c in cells
                    if c["data-level"] == "3" and c.find_parent("tr")["data-strand"] == "teaching-others")
    assert teaching.select_one("summary").get_text(" ", strip=True) == (
        "✓ 2 activities evidencing Teaching others at level 3")
    for link in page.select(".gs-map__evidence a"):
        target = page.find(id=link["href"].removeprefix("#"))
        assert target is not None and link.get_text() in target.get_text()
    strands = {a.get_text(): a["href"] for a in page.select(".gs-map__grid th[scope=row] a")}
    assert strands == {"Teaching others": "../../framework/teaching-others/", "Review": "../../framework/review/",
                       "Curiosity": "../../framework/curiosity/"}


def test_timeline_and_career_path(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("people/ada-north/index.html")
    assert [h.get_text() for h in page.select(".gs-timeline h3")] == ["2025-26", "2024-25"]
    assert len(page.select(".gs-timeline__item")) == 6
    first = page.select_one(".gs-timeline__item")
    assert "Reviewer at South Academy" in first.get_text()
    assert "South Academy" in first.get_text() and "as reviewer" in first.get_text()
    training = page.select_one('.gs-timeline__item[data-role="lead"][data-type="trust-training"]')
    assert training.select_one("a")["href"] == "../../events/inset-2025-10/"
    svg = page.select_one(".gs-career svg[role=img]")
    assert svg is not None and svg.find("title").get_text() == "Career path of Ada North"
    rows = page.select(".gs-career__table tbody tr")
    assert [[td.get_text() for td in r.select("td")] for r in rows] == [
        ["Class teacher", "Teacher", "North Primary", "1 September 2020", "now"]]


def test_print_stylesheet(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("people/ada-north/index.html")
    assert any(link["href"].endswith("assets/growthsite.css") for link in page.select("link[rel=stylesheet]"))
    css = (tiny_site / "assets" / "growthsite.css").read_text("utf-8")
    assert css.count("@media print") == 1
    printed = css[css.index("@media print"):]
    hidden_rule = printed[: printed.index("{ display: none !important; }")]
    for hidden in (".md-header", ".md-sidebar", ".md-search", ".md-tabs", ".gs-filters"):
        assert hidden in hidden_rule
    assert "@page { size: A4" in printed
    assert 'content: " (" attr(href) ")"' in printed
    assert page.select_one(".gs-generated").get_text().startswith("Evidence of growth generated on 24 November 2026")


def test_directory_without_javascript(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("people/index.html")
    rows = {r["data-person"]: (r["data-school"], r["data-stage"], r["data-pathway"], r["data-types"])
            for r in page.select("tr[data-person]")}
    assert rows == {
        "ada-north": ("north-primary", "teacher", "", "trust-training peer-review think-tank coaching"),
        "ben-south": ("south-academy", "teacher", "classroom", "peer-review"),
    }
    assert page.select_one("[data-gs-filters]").has_attr("hidden")  # shown by JavaScript only
    browse = {a.get_text(): a["href"] for a in page.select(".gs-browse a")}
    assert browse["South Academy"] == "../schools/south-academy/"
    assert browse["Teacher"] == "stage/teacher/"
    assert browse["Coaching colleagues"] == "type/coaching/"
    assert (tiny_site / "assets" / "growthsite.js").is_file()


def test_facet_pages(tiny_site: Path) -> None:
    def listed(path: str) -> list[str]:
        return [r["data-person"] for r in soup_of(tiny_site)(path).select("tr[data-person]")]

    assert listed("people/stage/teacher/index.html") == ["ada-north", "ben-south"]
    assert listed("people/pathway/classroom/index.html") == ["ben-south"]
    assert listed("people/type/coaching/index.html") == ["ada-north"]
    assert soup_of(tiny_site)("people/type/coaching/index.html").title.get_text().startswith("Coaching colleagues")


def test_school_page(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("schools/south-academy/index.html")
    assert page.select_one("h1").get_text() == "South Academy"
    assert page.select_one("[data-metric=given]").get_text() == "0"
    assert page.select_one("[data-metric=received]").get_text() == "2"
    assert [r["data-person"] for r in page.select("tr[data-person]")] == ["ben-south"]
    tables = {t.caption.get_text(): [[c.get_text() for c in r.select("th, td")] for r in t.select("tbody tr")]
              for t in page.select("table") if t.caption}
    assert tables["Received, by type of activity"] == [["Training delivered", "1"], ["Peer reviews", "1"]]
    assert tables["Received, by the school the colleagues came from"] == [["North Primary", "2"]]
    north = soup_of(tiny_site)("schools/north-primary/index.html")
    assert north.select_one("[data-metric=given]").get_text() == "4"
    assert soup_of(tiny_site)("schools/hub/index.html").select_one("[data-metric=given]").get_text() == "1"


def test_event_page_names_only_people_with_a_page(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("events/inset-2025-10/index.html")
    assert page.select_one("h1").get_text() == "Partnership training day"
    assert [a.get_text() for a in page.select(".gs-event__leads a")] == ["Ada North"]
    assert page.select_one("[data-metric=unnamed]").get_text() == (
        "1 more colleague took part without a page on this site.")
    assert "Cara" not in page.get_text()


def test_dashboard_charts_have_tables(tiny_site: Path) -> None:
    page = soup_of(tiny_site)("dashboard/index.html")
    charts = page.select("figure.gs-chart")
    assert len(charts) == 3
    for figure in charts:
        svg = figure.select_one("svg[role=img]")
        assert svg is not None and svg.find("title") and svg.find("desc")
        table = figure.find_next_sibling("div").select_one("table")  # the data table alternative
        assert table is not None and table.caption is not None
    per_year = page.select_one(".gs-table-per-year")
    cells = {(r["data-type"], td["data-year"]): td.get_text() for r in per_year.select("tbody tr")
             for td in r.select("td[data-year]")}
    assert cells[("trust-training", "2025-26")] == "3"
    assert cells[("peer-review", "2024-25")] == "1"
    assert per_year.select_one('tr[data-type="trust-training"] [data-total]').get_text() == "3"
    support = page.select_one('.gs-table-support tr[data-from="north-primary"] td[data-to="south-academy"]')
    assert support.get_text() == "2"
    coverage = page.select_one('.gs-table-coverage tr[data-strand="teaching-others"] td[data-level="3"]')
    assert coverage.get_text() == "2"


def test_event_dates_follow_how_they_were_written(tiny_site: Path) -> None:
    rows = {r["data-event"]: r.select("td")[2].get_text() for r in soup_of(tiny_site)("events/index.html").select("tr")
            if r.has_attr("data-event")}
    assert rows == {"inset-2025-10": "17 October 2025", "review-round-2026": "1 March 2026 – now"}
    page = soup_of(tiny_site)("events/review-round-2026/index.html")
    assert page.select_one("h1 + p").get_text() == "Peer-review round, 1 March 2026 – now."
