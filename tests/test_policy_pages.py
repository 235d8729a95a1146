"""The published policy, its data-driven parts, the opportunities page, navigation and search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import build, soup_of

# Hand-computed from framework/trust.yml's cycle for academic year 2026-27 (today is 2026-11-24).
DEMO_CYCLE = [
    ("reflect", "Self-reflection", "1 – 25 September 2026"),
    ("draft", "Draft growth plan", "14 September – 2 October 2026"),
    ("agree", "Agree the focus with your coach", "21 September – 16 October 2026"),
    ("final", "Final plan recorded", "16 – 23 October 2026"),
    ("practice", "Sustained practice", "19 October 2026 – 9 July 2027"),
    ("check-ins", "Half-termly check-ins", "2 November 2026 – 26 June 2027"),
    ("share", "End-of-cycle sharing", "1 – 16 July 2027"),
]


def test_the_cycle_has_a_diagram_and_a_dated_text_equivalent(demo_site: Path) -> None:
    page = soup_of(demo_site)("policy/cycle/index.html")
    steps = page.select("ol.gs-cycle__steps > li")
    assert [(li["data-step"], li.strong.get_text(), li.select_one(".gs-cycle__when").get_text())
            for li in steps] == DEMO_CYCLE
    svg = page.select_one("figure.gs-cycle svg")
    assert svg["role"] == "img"
    assert svg.title.get_text() == "The annual growth cycle, 2026-27"
    assert svg.desc.get_text().startswith(
        "The growth cycle for 2026-27 in 7 steps, clockwise from the top: 1. Self-reflection, 1 – 25 September 2026; "
        "2. Draft growth plan, 14 September – 2 October 2026;")
    assert [t.get_text() for t in svg.select(".gs-svg__node-number")] == [str(n) for n in range(1, 8)]
    resource = steps[4].select_one(".gs-cycle__resource a")
    assert (resource.get_text(), resource["href"]) == ("6. Growth log", "../../toolkit/growth-log/")


def test_retention_and_drivers_come_from_trust_yml(demo_site: Path) -> None:
    soup = soup_of(demo_site)
    records = soup("policy/confidentiality/index.html").select_one("article").get_text(" ")
    assert "for six years after the end of the cycle" in " ".join(records.split())
    drivers = soup("policy/growth-plan/index.html").select("dl.gs-drivers dt")
    assert [(dt["id"], dt.get_text()) for dt in drivers] == [
        ("driver-wellbeing-learning", "Wellbeing and learning"),
        ("driver-social-and-artificial-intelligence", "Social and artificial intelligence"),
        ("driver-equity-and-equality", "Equity and equality"), ("driver-systemness", "Systemness")]
    standards = soup("policy/growth-plan/index.html").select("ul.gs-standards li")
    assert [(li.a.get_text(), li.a["href"]) for li in standards][:2] == [
        ("Teachers' Standards", "../../toolkit/standards/teachers/"),
        ("Professional standards for teaching assistants", "../../toolkit/standards/teaching-assistants/")]
    schools = soup("policy/index.html").select("ul.gs-schools-list li")
    assert len(schools) == 8 and schools[0].get_text(" ", strip=True) == (
        "Kingsmead Primary School (Primary, Tewkesbury)")


POLICY = """# Our policy

Everyone at {{ trust_name() }} keeps records for {{ retention_period() }}.

{{ growth_cycle() }}

{{ drivers_list() }}

{{ standards_list() }}

{{ schools_list() }}
"""


@pytest.mark.parametrize(("years", "words"), [(1, "one year"), (7, "seven years"), (15, "15 years")])
def test_policy_macros_work_for_another_trust(tiny: Path, tmp_path: Path, years: int, words: str) -> None:
    trust_file = tiny / "framework" / "trust.yml"
    trust = yaml.safe_load(trust_file.read_text("utf-8"))
    trust["retention_years"] = years
    trust["name"] = "Larkfield <b>Partnership</b>"
    trust["drivers"][0]["summary"] = "Read <script>alert(1)</script> {{ config }} daily."
    trust_file.write_text(yaml.safe_dump(trust, sort_keys=False), "utf-8")
    (tiny / "content" / "policy.md").write_text(POLICY, "utf-8")
    site = build(tiny, tmp_path / "site")
    page = soup_of(site)("policy/index.html")
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert f"Everyone at Larkfield <b>Partnership</b> keeps records for {words}." in text
    assert page.select_one("article b") is None and page.select_one("article script") is None
    assert page.select_one("dl.gs-drivers dd").get_text(strip=True) == (
        "Read <script>alert(1)</script> {{ config }} daily.")
    # No cycle in this trust.yml: the standard seven steps, dated for 2026-27.
    steps = page.select("ol.gs-cycle__steps > li")
    assert [(li["data-step"], li.select_one(".gs-cycle__when").get_text()) for li in steps] == [
        ("reflect", "1 – 30 September 2026"), ("draft", "15 September – 6 October 2026"),
        ("agree", "22 September – 17 October 2026"), ("final", "17 – 24 October 2026"),
        ("practice", "1 October 2026 – 10 July 2027"), ("check-ins", "1 November 2026 – 30 June 2027"),
        ("share", "1 – 17 July 2027")]
    assert [li.get_text(strip=True) for li in page.select("ul.gs-standards li")] == ["Teachers' Standards(2 standards)"]


EVENTS = [
    {"id": "inset-2025-10", "kind": "training-day", "title": "Partnership training day", "date": "2025-10-17"},
    {"id": "review-round-2026", "kind": "peer-review-round", "title": "Partnership review round",
     "from": "2026-03-01"},
    {"id": "tt-past", "kind": "think-tank", "title": "A finished Think Tank", "from": "2025-09-01",
     "to": "2026-07-10"},
    {"id": "coach-course", "kind": "course", "title": "Coaching course", "from": "2027-01-18",
     "to": "2027-01-19", "type": "coaching", "summary": "Two days. Ask **the hub**."},
    {"id": "inset-2026-11", "kind": "training-day", "title": "Training day today", "date": "2026-11-24"},
]


def test_opportunities_lists_what_is_not_over_and_what_it_develops(tiny: Path, tmp_path: Path) -> None:
    (tiny / "framework" / "events.yml").write_text(yaml.safe_dump(EVENTS, sort_keys=False), "utf-8")
    site = build(tiny, tmp_path / "site")
    page = soup_of(site)("opportunities/index.html")
    events = page.select("#coming-up ~ .gs-opportunities")[0].select("article")
    assert [a["data-event"] for a in events] == ["review-round-2026", "inset-2026-11", "coach-course"]
    review, today, course = events
    assert "under way" in review.select_one(".gs-muted").get_text()
    assert review.select_one(".gs-opportunity__counts").get_text() == "Counts as: Peer reviews"
    assert [(a.get_text(), a["href"]) for a in review.select(".gs-opportunity__strands a")] == [
        ("Review", "../framework/review/")]
    assert today.select_one(".gs-opportunity__counts").get_text() == "Counts as: Training delivered"
    assert course.select_one(".gs-muted").get_text() == "Course · 18 January 2027 – 19 January 2027"
    assert course.select_one("strong").get_text() == "the hub"
    assert course.select_one(".gs-opportunity__counts").get_text() == "Counts as: Coaching colleagues"
    kinds = [a["data-type"] for a in page.select("#all-year ~ .gs-opportunities")[0].select("article")]
    assert kinds == ["trust-training", "peer-review", "think-tank", "coaching"]


def test_navigation_reads_as_a_teacher_would_expect(demo_site: Path) -> None:
    home = soup_of(demo_site)("index.html")
    assert [a.get_text(strip=True) for a in home.select(".md-tabs a")] == [
        "Home", "Policy", "Toolkit", "Framework", "People", "Pathways", "Schools", "Events", "Dashboard",
        "Opportunities"]
    toolkit = soup_of(demo_site)("toolkit/index.html")
    section = [a.get_text(" ", strip=True) for a in toolkit.select(".md-nav--primary .md-nav__item--active li a")
               if a.find_parent(class_="gs-index-toc") is None]  # the page's own contents, for phones only
    assert section[:7] == ["1. Self-reflection", "2. Standards reflection", "3. Coaching agreement",
                           "4. Check-in conversation", "5. Growth plan", "6. Growth log", "7. End-of-cycle review"]


def test_the_whole_content_is_searchable(demo_site: Path) -> None:
    docs = json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    for location in ["policy/", "policy/cycle/", "policy/confidentiality/", "toolkit/", "toolkit/growth-plan/",
                     "toolkit/standards/teachers/", "framework/", "framework/inclusion/", "opportunities/",
                     "people/helen-marsh/"]:
        assert location in pages, location
    plan = " ".join(d["text"] for d in docs if d["location"].startswith("toolkit/growth-plan/"))
    assert "What success will look like" in plan
    inclusion = " ".join(d["text"] for d in docs if d["location"].startswith("framework/inclusion/"))
    assert "Notices who is finding it hard to take part" in inclusion


def test_summaries_on_the_opportunities_page_stay_text(tiny: Path, tmp_path: Path) -> None:
    activities_file = tiny / "framework" / "activities.yml"
    activities = yaml.safe_load(activities_file.read_text("utf-8"))
    activities[0]["summary"] = "<img src=x onerror=alert(1)> {{ config }} [go](javascript:alert(1))"
    activities_file.write_text(yaml.safe_dump(activities, sort_keys=False), "utf-8")
    events = [*EVENTS[:3], dict(EVENTS[3], summary="<script>alert(1)</script> {% include 'mkdocs.yml' %}")]
    (tiny / "framework" / "events.yml").write_text(yaml.safe_dump(events, sort_keys=False), "utf-8")
    page = soup_of(build(tiny, tmp_path / "site"))("opportunities/index.html")
    training = page.select_one('article[data-type="trust-training"]')
    assert training.select("img") == [] and training.select('a[href^="javascript"]') == []
    assert "<img src=x onerror=alert(1)> {{ config }}" in training.get_text()
    course = page.select_one('article[data-event="coach-course"]')
    assert course.select("script") == []
    assert "<script>alert(1)</script> {% include 'mkdocs.yml' %}" in course.get_text()
