"""A real MkDocs build of the demo trust, read back as a user sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, soup_of

# Hand-counted from portfolios/*.yml (staff build: staff and public activities count, private ones not).
FIGURES = {
    # trust-training at lines 42 and 86; peer reviews at 80 and 100; think-tank as lead (30); coaching at
    # 68 and 94; staff meetings at 50 and 56; one community of practice; one qualification (staff).
    # Other schools: Kingsmead, Hartbury, The Willows, Lode House (Think Tank, meetings, 2nd review),
    # Longmead (1st review) = 5. Audiences: 64+180+14+26+3+12+85+1 = 385.
    "hannah-lockwood": {"trust-training": "2", "peer-review": "2", "think-tank": "1", "coaching": "2",
                        "staff-meeting": "2", "community-of-practice": "1", "qualification-study": "1",
                        "schools-reached": "5", "colleagues-reached": "385"},
    # trust-training at 51, 71, 79; think-tank lead at 33; staff meetings 59, 65; secondment; community of
    # practice; the qualification study is private. The secondment names six other schools.
    # Audiences: 48+14+75+17+12+110+45 = 321.
    "asha-patel": {"trust-training": "3", "peer-review": "0", "think-tank": "1", "staff-meeting": "2",
                   "secondment": "1", "community-of-practice": "1", "schools-reached": "6",
                   "colleagues-reached": "321"},
    # one staff meeting in her own school (audience 35) and nothing else
    "lorraine-pike": {"trust-training": "0", "peer-review": "0", "think-tank": "0", "staff-meeting": "1",
                      "schools-reached": "0", "colleagues-reached": "35"},
}
HEADLINES = {p: {k: v for k, v in f.items() if k in ("trust-training", "peer-review", "think-tank")}
             for p, f in FIGURES.items()}


@pytest.mark.parametrize("person", sorted(FIGURES))
def test_all_figures(demo_site: Path, person: str) -> None:
    page = soup_of(demo_site)(f"people/{person}/index.html")
    figures = {el["data-metric"]: el.get_text(strip=True) for el in page.select(".gs-headline [data-metric]")}
    assert figures == FIGURES[person]


@pytest.mark.parametrize("person", sorted(HEADLINES))
def test_directory_headline_figures(demo_site: Path, person: str) -> None:
    page = soup_of(demo_site)("people/index.html")
    row = page.select_one(f'tr[data-person="{person}"]')
    assert {el["data-metric"]: el.get_text(strip=True) for el in row.select("[data-metric]")} == HEADLINES[person]


def test_person_page_header(demo_site: Path) -> None:
    page = soup_of(demo_site)("people/hannah-lockwood/index.html")
    assert page.title is not None and page.title.get_text().startswith("Hannah Lockwood - ")
    assert page.select_one("h1.gs-person__name").get_text(" ", strip=True) == "Hannah Lockwood (she/her)"
    assert page.select_one("[data-field=school]").get_text(strip=True) == "Orchard Field Primary School"
    assert page.select_one("[data-field=coach] a")["href"] == "../claire-ashworth/"


def test_people_index_lists_exactly_the_consenting_current_staff(demo_site: Path) -> None:
    page = soup_of(demo_site)("people/index.html")
    listed = {row["data-person"] for row in page.select("tr[data-person]")}
    ids = {p.stem for p in (ROOT / "portfolios").glob("*.yml")}
    assert listed == ids - {"ian-fletcher", "megan-hughes"}  # no consent; left in 2025
    for person in listed:
        assert (demo_site / "people" / person / "index.html").is_file()
        assert page.select_one(f'tr[data-person="{person}"] a')["href"] == f"{person}/"


@pytest.mark.parametrize("hidden", ["Ian Fletcher", "Megan Hughes", "ian-fletcher", "megan-hughes"])
def test_hidden_people_appear_nowhere(demo_site: Path, hidden: str) -> None:
    for path in demo_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            assert hidden not in path.read_text("utf-8", errors="replace"), path


def test_generated_pages_stay_out_of_the_nav(demo_site: Path) -> None:
    home = soup_of(demo_site)("index.html")
    nav_links = [a.get("href", "") for a in home.select("nav.md-nav a")]
    assert not any("hannah-lockwood" in href for href in nav_links)
    assert any(href.rstrip("/").endswith("people") for href in nav_links)


def test_no_external_fonts_or_scripts(demo_site: Path) -> None:
    for page in ("index.html", "people/index.html", "people/asha-patel/index.html"):
        soup = soup_of(demo_site)(page)
        for el in soup.select("link[href], script[src]"):
            url = el.get("href") or el.get("src")
            assert not url.startswith(("http://", "https://", "//")), (page, url)


def test_search_index_finds_people(demo_site: Path) -> None:
    index = (demo_site / "search" / "search_index.json").read_text("utf-8")
    assert "Hannah Lockwood" in index
    assert "Leadership framework" in index


def _table(page: object, caption: str) -> list[list[str]]:
    table = next(t for t in page.select("table") if t.caption and t.caption.get_text() == caption)  # type: ignore[attr-defined]
    return [[c.get_text() for c in r.select("th, td")] for r in table.select("tbody tr")]


def test_school_page_lode_house(demo_site: Path) -> None:
    """Hand-counted from every portfolio naming lode-house (the staff at the time of each activity)."""
    page = soup_of(demo_site)("schools/lode-house/index.html")
    assert page.select_one("[data-metric=received]").get_text() == "11"
    assert _table(page, "Received, by type of activity") == [
        ["Peer reviews", "4"], ["Think Tanks", "1"], ["Coaching colleagues", "1"],
        ["Staff meetings and workshops led", "3"], ["Specialist support across schools", "2"],
    ]
    assert _table(page, "Received, by the school the colleagues came from") == [
        ["Orchard Field Primary School", "2"], ["St Kenelm's Church of England Primary School", "1"],
        ["Hartbury Academy", "3"], ["The Willows School", "1"], ["Central Team", "4"],
    ]


def test_event_pages(demo_site: Path) -> None:
    oracy = soup_of(demo_site)("events/tt-oracy-2023/index.html")
    assert [a.get_text() for a in oracy.select(".gs-event__leads a")] == ["Hannah Lockwood"]
    assert oracy.select(".gs-event__others a") == []
    # Megan Hughes left in 2025: counted, never named
    assert oracy.select_one("[data-metric=unnamed]").get_text().startswith("1 more colleague took part")
    assert "Megan" not in oracy.get_text()
    review = soup_of(demo_site)("events/pr-round-2025-spring/index.html")
    assert [a.get_text() for a in review.select(".gs-event__leads a")] == [
        "Joanne Elliott", "Rajesh Nair", "Rebecca Owen"]  # the lead reviewers
    assert [a.get_text() for a in review.select(".gs-event__others a")] == [
        "Daniel Osei", "Hannah Lockwood", "Owen Jenkins"]
    assert review.select_one("[data-metric=unnamed]") is None
