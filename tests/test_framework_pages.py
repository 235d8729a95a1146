"""The leadership framework pages: an overview grid and one page per strand, for any framework."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build, soup_of


def _strands(root: Path) -> list[dict[str, object]]:
    data = yaml.safe_load((root / "framework" / "leadership.yml").read_text("utf-8"))
    return list(data["strands"])


def test_every_demo_strand_has_a_page_with_four_descriptors(demo_site: Path) -> None:
    strands = _strands(ROOT)
    assert len(strands) == 10
    for strand in strands:
        page = soup_of(demo_site)(f"framework/{strand['id']}/index.html")
        assert page.h1.get_text() == strand["name"]
        levels = page.select("section.gs-strand__level")
        assert [s["data-level"] for s in levels] == ["1", "2", "3", "4"]
        descriptors = strand["descriptors"]
        assert isinstance(descriptors, dict)
        assert [s.select_one(".gs-strand__descriptor").get_text() for s in levels] == [
            descriptors[n] for n in (1, 2, 3, 4)]


def test_overview_groups_strands_by_kind(demo_site: Path) -> None:
    page = soup_of(demo_site)("framework/index.html")
    assert page.h1.get_text().rstrip("¶") == "Leadership framework"
    table = page.select_one(".gs-framework table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Strand", "1. Leading self", "2. Leading others", "3. Leading across the trust", "4. Leading the system"]
    groups = {tb["data-kind"]: [tr["data-strand"] for tr in tb.select("tr[data-strand]")]
              for tb in table.select("tbody")}
    assert groups == {
        "attitude": ["moral-purpose", "inclusion", "resilience"],
        "behaviour": ["accountability", "collaboration", "developing-others"],
        "skill": ["communication", "school-improvement", "evidence-informed-practice", "digital-fluency"],
    }
    assert [th.get_text() for th in table.select(".gs-framework__group th")] == ["Attitudes", "Behaviours", "Skills"]
    for row in table.select("tr[data-strand]"):
        assert row.th.a["href"] == f"{row['data-strand']}/"


def test_strand_pages_name_who_evidences_each_level_on_the_staff_site(tiny_site: Path) -> None:
    """Hand count (tiny fixture, staff view): Ada's two training sessions reach another school or the
    trust (level 3, teaching-others), her peer review is at South Academy (3, review), she led a
    trust-wide Think Tank (3, curiosity) and was a member of one in her school (2, curiosity); Ben's
    review was in his own school (2, review). Ada's private session and Cara (no consent) count for nobody."""
    soup = soup_of(tiny_site)

    def named(strand: str) -> dict[str, list[str]]:
        page = soup(f"framework/{strand}/index.html")
        return {s["data-level"]: [li.a.get_text() for li in s.select(".gs-strand__people li")]
                for s in page.select("section.gs-strand__level")}

    assert named("teaching-others") == {"1": [], "2": [], "3": ["Ada North"], "4": []}
    # Peer reviews are confidential (issue 16): counted in the figure, but nobody is named for their strands.
    assert named("review") == {"1": [], "2": [], "3": [], "4": []}
    review = soup("framework/review/index.html")
    assert [(s.summary.get_text(" ", strip=True), s.select_one(".gs-strand__unnamed").get_text(" ", strip=True))
            for s in review.select("details.gs-strand__people")] == [
        ("1 colleague evidences this level", "One colleague is not named here, because only confidential records, "
                                             "such as peer reviews, evidence this level for them."),
    ] * 2  # level 2: Ben's review, level 3: Ada's
    assert named("curiosity") == {"1": [], "2": ["Ada North"], "3": ["Ada North"], "4": []}
    link = soup("framework/curiosity/index.html").select_one("#level-2 li a")
    assert link["href"] == "../../people/ada-north/#framework"
    overview = soup("framework/index.html")
    counts = {(td.find_parent("tr")["data-strand"], td["data-level"]):
              int(td.select_one(".gs-framework__people")["data-count"]) for td in overview.select("td[data-level]")}
    assert counts == {("curiosity", "1"): 0, ("curiosity", "2"): 1, ("curiosity", "3"): 1, ("curiosity", "4"): 0,
                      ("teaching-others", "1"): 0, ("teaching-others", "2"): 0, ("teaching-others", "3"): 1,
                      ("teaching-others", "4"): 0, ("review", "1"): 0, ("review", "2"): 1, ("review", "3"): 1,
                      ("review", "4"): 0}
    types = soup("framework/review/index.html").select(".gs-strand__types li")
    assert [(li["data-type"], li.a["href"]) for li in types] == [("peer-review", "../../people/type/peer-review/")]


def _cell(soup: BeautifulSoup, strand: str, level: int) -> str:
    found = soup.select_one(f'tr[data-strand="{strand}"] td[data-level="{level}"] .gs-framework__people')
    assert found is not None
    return str(found.get_text(" ", strip=True))


def test_public_framework_names_nobody_and_suppresses_small_counts(tmp_path: Path, tiny: Path) -> None:
    """Tiny's threshold is 3. Teaching others at level 3: Ada's two trainings and Dan's (no careers page, but
    counted by their statistics consent; Cara opted out and is not) are 2 people; a third colleague's trust-wide
    training makes it 3, shown exactly."""
    ada = tiny / "portfolios" / "ada-north.yml"
    ada.write_text(ada.read_text("utf-8").replace("showcase: false}", "showcase: false, statistics: true}"), "utf-8")
    (tiny / "portfolios" / "dan-east.yml").write_text(
        "id: dan-east\nname: Dan East\nschool: hub\nconsent: {statistics: true}\n"
        "activities:\n  - {type: trust-training, role: lead, title: Budgets, date: 2026-01-06, reach: trust}\n",
        "utf-8")
    site = build(tiny, tmp_path / "before", audience="public")
    before = soup_of(site)("framework/index.html")
    assert _cell(before, "teaching-others", 3).startswith("Fewer than 3 colleagues")
    assert before.select('td[data-level="3"] [data-count]') == []  # a suppressed figure has no number
    (tiny / "portfolios" / "eve-west.yml").write_text(
        "id: eve-west\nname: Eve West\nschool: hub\nconsent: {statistics: true}\n"
        "activities:\n  - {type: trust-training, role: lead, title: Payroll, date: 2026-01-07, reach: trust}\n",
        "utf-8")
    site = build(tiny, tmp_path / "after", audience="public")
    after = soup_of(site)("framework/index.html")
    assert _cell(after, "teaching-others", 3).startswith("3 colleagues")
    assert after.select_one('tr[data-strand="teaching-others"] td[data-level="3"] [data-count]')["data-count"] == "3"
    assert _cell(after, "review", 3).startswith("Fewer than 3")  # Ada's review alone: 1
    review = soup_of(site)("framework/review/index.html")
    assert "Ben South" not in review.get_text() and "Ada North" not in review.get_text()
    assert review.select("section.gs-strand__level a") == []
    assert [p.get_text(" ", strip=True) for p in review.select(".gs-strand__people")] == [
        "Fewer than 3 colleagues' records evidence this level.",  # level 1: nobody (0)
        "Fewer than 3 colleagues' records evidence this level.",  # level 2: Ben's own-school review (1)
        "Fewer than 3 colleagues' records evidence this level.",  # level 3: Ada's review (1)
        "Fewer than 3 colleagues' records evidence this level.",  # level 4: nobody (0)
    ]
    teaching = soup_of(site)("framework/teaching-others/index.html")
    assert teaching.select_one("#level-3 .gs-strand__people").get_text(" ", strip=True) == (
        "3 colleagues' records evidence this level.")


LEVELS = {
    3: [("In my classroom", "my own practice"), ("In my school", "my school"), ("Across schools", "beyond it")],
    5: [("Self", "own practice"), ("Team", "own team"), ("School", "other schools"), ("Region", "beyond"),
        ("Nation", "national work")],
}


@pytest.mark.parametrize("count", [3, 5])
def test_a_framework_with_other_strands_and_levels_builds(tiny: Path, tmp_path: Path, count: int) -> None:
    levels = LEVELS[count]
    strands = [("curiosity", "Curiosity", "attitude"), ("teaching-others", "Teaching others", "skill"),
               ("review", "Review", "behaviour"), ("listening", "Listening", "skill"),
               ("courage", "Courage", "attitude")]
    framework = {
        "name": "Larkfield ways of leading",
        "levels": [{"id": i, "name": name, "reach": reach} for i, (name, reach) in enumerate(levels, 1)],
        "strands": [{"id": sid, "name": name, "kind": kind,
                     "descriptors": {i: f"{name} at level {i}." for i in range(1, count + 1)}}
                    for sid, name, kind in strands],
    }
    (tiny / "framework" / "leadership.yml").write_text(yaml.safe_dump(framework, sort_keys=False), "utf-8")
    site = build(tiny, tmp_path / "site")
    soup = soup_of(site)
    overview = soup("framework/index.html").select_one(".gs-framework table")
    assert [th.get_text() for th in overview.select("thead th")][1:] == [
        f"{i}. {name}" for i, (name, _) in enumerate(levels, 1)]
    assert {tb["data-kind"]: [tr["data-strand"] for tr in tb.select("tr[data-strand]")]
            for tb in overview.select("tbody")} == {
        "attitude": ["curiosity", "courage"], "behaviour": ["review"], "skill": ["teaching-others", "listening"]}
    for sid, name, _ in strands:
        page = soup(f"framework/{sid}/index.html")
        assert [p.get_text() for p in page.select(".gs-strand__descriptor")] == [
            f"{name} at level {i}." for i in range(1, count + 1)]
    # Evidence is capped at the top level: Ada's trust-wide work is level 3 whichever framework it is.
    assert [li.a.get_text() for li in soup("framework/teaching-others/index.html").select(
        "#level-3 .gs-strand__people li")] == ["Ada North"]
    person = soup("people/ada-north/index.html")
    assert len(person.select(".gs-map__grid thead th")) == count + 1
    assert not (site / "framework" / "moral-purpose").exists()
