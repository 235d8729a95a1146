"""Peer reviews show role, school and date, never findings: a review belongs to the host school."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, build, soup_of

REVIEW = """  - type: peer-review
    role: lead-reviewer
    title: Behaviour in Year 9 is weak CONFIDENTIALFINDING
    date: 2026-02-10
    schools: [north-primary, south-academy]
    link: https://reports.example.org/CONFIDENTIALLINK
    visibility: public
"""


def _setup(tiny: Path) -> None:
    types = tiny / "framework" / "activities.yml"
    types.write_text(types.read_text("utf-8").replace("roles: [reviewer]", "roles: [reviewer, lead-reviewer]"),
                     "utf-8")
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8").replace("activities:\n", "activities:\n" + REVIEW), "utf-8")


def _all_text(site: Path) -> str:
    return "\n".join(p.read_text("utf-8", errors="replace") for p in site.rglob("*") if p.is_file()
                     and p.suffix in (".html", ".json", ".xml"))


def test_a_review_shows_role_schools_and_date_in_both_builds(tiny: Path, tmp_path: Path) -> None:
    _setup(tiny)
    for audience in ("staff", "public"):
        site = build(tiny, tmp_path / audience, audience)
        page = soup_of(site)("people/ben-south/index.html")
        item = page.select_one('.gs-timeline__item[data-type="peer-review"][data-role="lead-reviewer"]')
        assert item is not None, audience
        assert item.select_one(".gs-timeline__title").get_text(strip=True) == (
            "Lead reviewer at North Primary and South Academy")
        assert item.select_one(".gs-timeline__when").get_text(strip=True) == "10 February 2026"
        assert item.select(".gs-timeline__title a") == []  # no link to the report
        assert "CONFIDENTIAL" not in _all_text(site), audience  # not in any page, search index or sitemap


def test_a_trust_can_mark_its_own_types_confidential_or_show_review_titles(tiny: Path, tmp_path: Path) -> None:
    _setup(tiny)
    types = tiny / "framework" / "activities.yml"
    text = types.read_text("utf-8")
    text = text.replace("  name: Peer reviews\n", "  name: Peer reviews\n  confidential: false\n")
    text = text.replace("  name: Think Tanks\n", "  name: Think Tanks\n  confidential: true\n")
    types.write_text(text, "utf-8")
    site = build(tiny, tmp_path / "site")
    ben = soup_of(site)("people/ben-south/index.html")
    assert "Behaviour in Year 9 is weak CONFIDENTIALFINDING" in ben.select_one(".gs-timeline").get_text()
    ada = soup_of(site)("people/ada-north/index.html")
    titles = [t.get_text(strip=True) for t in ada.select('.gs-timeline__item[data-type="think-tank"] '
                                                         ".gs-timeline__title")]
    assert titles == ["Lead", "Member"]  # role only: neither Think Tank named a school
    assert "Reading for pleasure" not in ada.select_one(".gs-timeline").get_text()


# -- issue 16: a public peer review shows its role, schools and date only, everywhere ------------------------
TELLING = """  - type: peer-review
    role: reviewer
    title: Review of homework at North Primary
    event: review-round-2026
    date: 2026-03-04
    schools: [north-primary]
    audience: 23
    evidences: [curiosity]
    visibility: public
"""
"""Ben's second review, as the finding describes it: public, with an event, an audience and a strand of its own
(Curiosity, which says what the review looked at)."""


def _telling(tiny: Path) -> None:
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8").replace("activities:\n", "activities:\n" + TELLING), "utf-8")


def _search_text(site: Path, location: str) -> str:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    found = [d["title"] + " " + d["text"] for d in docs if d["location"].startswith(location)]
    assert found, location
    return "\n".join(found)


def test_a_public_peer_review_shows_no_event_audience_or_strands(tiny: Path, tmp_path: Path) -> None:
    _telling(tiny)
    for audience in ("staff", "public"):
        site = build(tiny, tmp_path / audience, audience)
        page = soup_of(site)("people/ben-south/index.html")
        items = page.select('.gs-timeline__item[data-type="peer-review"]')
        assert [(i.select_one(".gs-timeline__when").get_text(strip=True),
                 i.select_one(".gs-timeline__title").get_text(strip=True),
                 i.select_one(".gs-timeline__meta").get_text(" ", strip=True)) for i in items] == [
            ("4 March 2026", "Reviewer at North Primary", "Peer reviews, as reviewer."),
            ("6 May 2025", "Reviewer at South Academy", "Peer reviews, as reviewer."),
        ], audience
        assert [i.select("a") for i in items] == [[], []]  # no link to the event (or anywhere)
        # The framework map: neither review is placed in a cell, so no strand or level is shown for them.
        cells = {(td.find_parent("tr")["data-strand"], td["data-level"]): int(td["data-count"])
                 for td in page.select(".gs-map__grid td")}
        assert set(cells.values()) == {0}, audience
        text = page.select_one("article").get_text(" ", strip=True)
        index = _search_text(site, "people/ben-south/")
        for words in ("Partnership review round", "23 colleagues", "Review of homework", "Evidences level"):
            assert words not in text and words not in index, (audience, words)
        # Figures: the staff site counts the review's 23 colleagues as it always did; the careers site shows
        # nothing of the review's audience, so its figure cannot give it away by subtraction.
        reached = page.select_one('[data-metric="colleagues-reached"]').get_text(strip=True)
        assert reached == ("23" if audience == "staff" else "0"), audience
    staff = soup_of(tmp_path / "staff")
    curiosity = staff("framework/curiosity/index.html").select_one("#level-3")
    assert curiosity.select_one("summary").get_text(" ", strip=True) == "2 colleagues evidence this level"
    assert [li.a.get_text() for li in curiosity.select("li")] == ["Ada North"]  # Ben only through his review
    assert curiosity.select_one(".gs-strand__unnamed")["data-count"] == "1"
    # The round's own page (staff only) still says who took part, and their own school: the role, not the review.
    event = staff("events/review-round-2026/index.html")
    took_part = [li.get_text(" ", strip=True) for li in event.select(".gs-event__others li")]
    assert took_part == ["Ben South , South Academy"]
    assert "North Primary" not in event.select_one("article").get_text()


def test_exports_of_a_public_peer_review_hold_no_event_audience_or_strands(tiny: Path) -> None:
    from growthsite.export import export
    from growthsite.project import load

    _telling(tiny)
    model = load(str(tiny)).model
    assert model is not None
    for audience in ("staff", "public"):
        data = json.loads(export(model, "ben-south", audience, "json"))
        assert data["activities"][0] == {
            "type": {"id": "peer-review", "name": "Peer reviews"}, "role": "reviewer",
            "title": "Reviewer at North Primary", "from": "2026-03-04", "to": "2026-03-04", "reach": None,
            "level": None, "schools": [{"id": "north-primary", "name": "North Primary"}], "audience": None,
            "event": None, "evidences": [], "link": None,
        }, audience
        assert data["colleagues_reached"] == (23 if audience == "staff" else 0)
        resume = export(model, "ben-south", audience, "json-resume")
        assert json.loads(resume)["projects"][0] == {
            "name": "Reviewer at North Primary", "description": "Peer reviews, as reviewer.",
            "startDate": "2026-03-04", "endDate": "2026-03-04", "roles": ["Reviewer"], "entity": "North Primary",
            "type": "Peer reviews",
        }, audience
        for words in ("Partnership review round", "review-round-2026", "Curiosity", "curiosity", "homework"):
            assert words not in resume, (audience, words)


def test_the_careers_framework_figures_never_count_a_confidential_records_strands(tiny: Path) -> None:
    """Every public framework figure is the same with and without the review: its strand is never counted."""
    from growthsite.audience import view
    from growthsite.project import load

    before = load(str(tiny)).model
    _telling(tiny)
    after = load(str(tiny)).model
    assert before is not None and after is not None
    public = view(after, "public").levels
    assert public == view(before, "public").levels
    assert all(cell.named is None for cell in public.values())
    staff = view(after, "staff").levels[("curiosity", 3)]
    assert (staff.count.value, [p.id for p in staff.named or ()], staff.unnamed) == (2, ["ada-north"], 1)


def test_the_careers_site_does_not_change_with_a_public_reviews_audience_or_strands(
        tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing two careers builds gives nothing away: a public review's audience (23 or 500) and strands
    (Curiosity or none) move no figure, such as colleagues reached, and no byte."""
    from growthsite.audience import view
    from growthsite.project import load
    from growthsite.report import format_csv, report

    def figures() -> tuple[int, str]:
        model = load(str(tiny)).model
        assert model is not None
        reached = sum(c.audience or 0 for c in view(model, "public").contributions)
        return reached, format_csv(report(model, "public"))

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    _telling(tiny)
    first, before = build(tiny, tmp_path / "first", "public"), figures()
    ben = tiny / "portfolios" / "ben-south.yml"
    text = ben.read_text("utf-8")
    assert "    audience: 23\n    evidences: [curiosity]\n" in text
    ben.write_text(text.replace("    audience: 23\n    evidences: [curiosity]\n", "    audience: 500\n"), "utf-8")
    second = build(tiny, tmp_path / "second", "public")
    assert figures() == before  # colleagues reached, and report --audience public
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_every_demo_peer_review_shows_role_schools_and_date_only(demo_site: Path, tmp_path: Path) -> None:
    """The demo's reviews (Fatima Begum's is public, with its round): on both sites, each timeline entry says the
    type and role only, links nowhere, and its person's search entry never names its round."""
    from growthsite.project import load

    model = load(str(ROOT)).model
    assert model is not None
    rounds = {e.id: e.title for e in model.events}
    sites = {"staff": demo_site, "public": build(ROOT, tmp_path / "public", "public")}
    checked = 0
    for audience, site in sites.items():
        for page_path in sorted((site / "people").glob("*/index.html")):
            page = soup_of(site)(str(page_path.relative_to(site)))
            person = next(p for p in model.people if p.id == page_path.parent.name)
            for item in page.select('.gs-timeline__item[data-type="peer-review"]'):
                role = item["data-role"].replace("-", " ")
                assert item.select_one(".gs-timeline__meta").get_text(" ", strip=True) == f"Peer reviews, as {role}."
                assert item.select("a") == []
                checked += 1
            reviewed = {rounds[a.event] for a in person.activities if a.type == "peer-review" and a.event}
            others = {rounds[a.event] for a in person.activities if a.type != "peer-review" and a.event}
            text = _search_text(site, f"people/{person.id}/")
            assert [t for t in reviewed - others if t in text] == [], (audience, person.id)
    assert checked >= 20
