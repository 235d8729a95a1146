"""Peer reviews show role, school and date, never findings: a review belongs to the host school."""

from __future__ import annotations

from pathlib import Path

from conftest import build, soup_of

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
