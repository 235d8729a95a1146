"""The careers site: its own pages and nav, pathways with disclosure-controlled moves, headline numbers,
stories and link previews. Figures are hand-counted from the tiny data plus the people added below."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build, run, soup_of
from growthsite.project import load
from growthsite.site import Site
from scan import html_pages

CAREERS_CONFIG = "INHERIT: mkdocs.yml\nsite_name: Careers at Larkfield\ndocs_dir: careers\nsite_url: https://jobs.example.org/\n"
CAREERS_HOME = """---
description: Grow with the Larkfield Partnership.
---
# Careers

{{ headline_numbers() }}

{{ pathways_list() }}

{{ stories() }}
"""
# Dan: teaching assistant for 24 months, then a teacher who trained the trust. Eve: the same after 36 months,
# with no careers page but consent.statistics, as Ada has below: counted, never named. Ben (tiny): 72 months as
# a teaching assistant. Cara (tiny) opted out of the intranet: counted on the staff site only.
DAN = """id: dan-east
name: Dan East
school: north-primary
pathway: classroom
consent: {showcase: true}
story: I was a teaching assistant for two years before I trained.
roles:
  - {title: Teaching assistant, stage: ta, school: north-primary, from: 2018-09-01, to: 2020-08-31}
  - {title: Class teacher, stage: teacher, school: north-primary, from: 2020-09-01}
activities:
  - {type: trust-training, role: lead, title: Phonics catch-up, date: 2025-11-01, reach: trust, visibility: public}
"""
EVE = """id: eve-west
name: Eve West
school: south-academy
consent: {showcase: false, statistics: true}
roles:
  - {title: Teaching assistant, stage: ta, school: south-academy, from: 2019-09-01, to: 2022-08-31}
  - {title: Teacher, stage: teacher, school: south-academy, from: 2022-09-01}
activities:
  - {type: trust-training, role: lead, title: Questioning, date: 2025-10-17, reach: trust}
"""


@pytest.fixture
def careers(tiny: Path) -> Path:
    (tiny / "mkdocs.public.yml").write_text(CAREERS_CONFIG, "utf-8")
    (tiny / "careers").mkdir()
    (tiny / "careers" / "index.md").write_text(CAREERS_HOME, "utf-8")
    (tiny / "portfolios" / "dan-east.yml").write_text(DAN, "utf-8")
    (tiny / "portfolios" / "eve-west.yml").write_text(EVE, "utf-8")
    ada = tiny / "portfolios" / "ada-north.yml"
    ada.write_text(ada.read_text("utf-8").replace("showcase: false}", "showcase: false, statistics: true}"), "utf-8")
    return tiny


def _figures(page: BeautifulSoup) -> dict[str, list[str]]:
    return {row["data-figure"]: [td.get_text(strip=True) for td in row.select("td")]
            for row in page.select(".gs-headlines tbody tr")}


def test_the_careers_site_has_its_own_pages_and_only_consenting_people(careers: Path, tmp_path: Path) -> None:
    site = build(careers, tmp_path / "site", "public")
    pages = html_pages(site)
    people = sorted(path.split("/")[1] for path in pages
                    if path.startswith("people/") and path.count("/") == 2 and path != "people/index.html")
    assert people == ["ben-south", "dan-east"]  # Ada and Eve have no showcase consent, Cara no intranet one
    assert sorted(p for p in pages if p.startswith("pathways/")) == [
        "pathways/classroom/index.html", "pathways/index.html"]
    assert not [p for p in pages if p.startswith(("schools/", "events/", "toolkit/", "opportunities", "dashboard"))]
    assert not (site / "toolkit").exists()  # no downloads either
    home = pages["index.html"]
    assert home.title is not None and home.title.get_text() == "Careers at Larkfield"


def test_headline_numbers_are_hand_counted_and_small_ones_suppressed(careers: Path, tmp_path: Path) -> None:
    """2025-26: trust-wide training by Ada, Dan and Eve (3, two of them without a page but with statistics
    consent; Cara, who opted out, counts only for staff); the same three led beyond their school; one school
    (South Academy, by Ada) supported; one Think Tank (Ada's). 2026-27 has no records yet. The threshold is 3."""
    home = soup_of(build(careers, tmp_path / "site", "public"))("index.html")
    assert [th.get_text(strip=True) for th in home.select(".gs-headlines thead th")] == [
        "Across the trust", "2025-26", "2026-27 (so far)"]
    assert _figures(home) == {
        "trainers": ["3", "fewer than 3"],
        "leaders_beyond": ["3", "fewer than 3"],
        "schools_supported": ["fewer than 3", "fewer than 3"],
        "think_tanks": ["fewer than 3", "fewer than 3"],
    }
    assert [td.get("data-count") for td in home.select('tr[data-figure="think_tanks"] td')] == [None, None]
    staff = Site(load(str(careers)), "staff").renderer.headline_numbers("index.md")
    assert _figures(BeautifulSoup(staff, "html.parser")) == {
        "trainers": ["4", "0"], "leaders_beyond": ["4", "0"], "schools_supported": ["1", "0"],
        "think_tanks": ["1", "0"],
    }


def test_a_pathway_page_counts_moves_with_their_median(careers: Path, tmp_path: Path) -> None:
    """Teaching assistant → teacher: Ben after 72 months, Dan after 24, Eve after 36: 3 people, median 36."""
    page = soup_of(build(careers, tmp_path / "site", "public"))("pathways/classroom/index.html")
    assert [h.get_text() for h in page.select(".gs-pathway__stage h2")] == ["Teaching assistant", "Teacher"]
    step = page.select_one('.gs-pathway__step[data-to="teacher"]')
    assert step["data-count"] == "3"
    assert step.get_text(" ", strip=True) == (
        "On to Teacher: 3 colleagues have made this move, after 3 years as teaching assistant (median).")
    teacher = page.select_one('[data-stage="teacher"]')
    # At the teacher stage: training by Ada, Dan and Eve (3, shown); peer reviews by Ada and Ben, Ada's Think
    # Tanks and coaching (fewer than 3 each, named without a number).
    assert [li.get_text(strip=True) for li in teacher.select(".gs-pathway__types li")] == [
        "Training delivered: 3 colleagues"]
    assert teacher.select_one(".gs-pathway__few").get_text(" ", strip=True) == (
        "Also, by fewer than 3 colleagues each: Peer reviews, Think Tanks, Coaching colleagues.")
    stories = [a.get_text() for a in page.select(".gs-story-card__name a")]
    assert stories == ["Ben South", "Dan East"]
    assert "Eve West" not in page.get_text()


def test_a_move_made_by_fewer_than_the_threshold_has_no_count_and_no_median(careers: Path, tmp_path: Path) -> None:
    (careers / "portfolios" / "eve-west.yml").unlink()  # now Ben and Dan only: 2 moves
    page = soup_of(build(careers, tmp_path / "site", "public"))("pathways/classroom/index.html")
    step = page.select_one('.gs-pathway__step[data-to="teacher"]')
    assert step.get("data-count") is None
    assert step.get_text(" ", strip=True) == "On to Teacher: Fewer than 3 colleagues have made this move."
    staff = Site(load(str(careers)), "staff").renderer.pathway_page("classroom", "pathways/classroom.md")
    exact = BeautifulSoup(staff, "html.parser").select_one(".gs-pathway__step")
    assert exact.get_text(" ", strip=True) == (  # months 72 and 24: median 48
        "On to Teacher: 2 colleagues have made this move, after 4 years as teaching assistant (median).")


def test_every_public_page_has_a_link_preview(careers: Path, tmp_path: Path) -> None:
    site = build(careers, tmp_path / "site", "public")
    for path, page in html_pages(site).items():
        if path == "404.html":
            continue
        head = page.head
        assert head is not None, path
        tags = {m.get("property") or m.get("name"): m.get("content") for m in head.select("meta")}
        assert tags["og:title"] and tags["og:description"] and tags["twitter:card"] == "summary", path
        assert tags["og:url"] == "https://jobs.example.org/" + path.removesuffix("index.html"), path
    dan = html_pages(site)["people/dan-east/index.html"].head
    assert dan.select_one('meta[property="og:title"]')["content"] == "Dan East"
    assert dan.select_one('meta[name="description"]')["content"] == (
        "Dan East, Class teacher at North Primary: career path and growth beyond their own school at LP.")
    home = html_pages(site)["index.html"].head
    assert home.select_one('meta[property="og:description"]')["content"] == "Grow with the Larkfield Partnership."
    assert (site / "index.html").read_text("utf-8").count("</head>") == 1


def test_without_a_careers_config_the_public_build_drops_staff_pages(tiny: Path, tmp_path: Path) -> None:
    """A site with one mkdocs.yml still builds a careers site: the generated public pages and the hand-written
    ones marked public (test_public_pages_deny), never a staff-only one even when marked."""
    (tiny / "content" / "toolkit").mkdir()
    (tiny / "content" / "toolkit" / "index.md").write_text("---\naudience: public\n---\n# Our toolkit\n\n"
                                                        "{{ toolkit_index() }}\n", "utf-8")
    site = build(tiny, tmp_path / "site", "public")
    assert not (site / "toolkit").exists() and not (site / "opportunities").exists()
    assert (site / "pathways" / "classroom" / "index.html").is_file()


def test_the_demo_careers_site(tmp_path: Path) -> None:
    result = run("build", str(ROOT), "--audience", "public", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    home = soup_of(site)("index.html")
    # no tabs: the sidebar lists the six pages (test_home checks it on other pages too)
    assert home.select(".md-tabs") == []
    assert [a.get_text(strip=True) for a in home.select(".md-nav--primary > .md-nav__list > li > a")] == [
        "Home", "Growing here", "Pathways", "Our people", "Leadership framework", "Our policy"]
    assert home.title is not None and home.title.get_text() == "Careers at Severn Vale Learning Trust"
    assert len(home.select(".gs-headlines tbody tr")) == 4
    pages = html_pages(site)
    with_story = sorted(p.split("/")[1] for p, page in pages.items()
                        if p.startswith("people/") and page.select_one("section.gs-story"))
    assert sorted(card["data-person"] for card in home.select(".gs-story-card")) == with_story
    assert len(with_story) >= 5
    for folder in ("schools", "events", "toolkit", "opportunities", "dashboard", "policy/pay"):
        assert not (site / folder).exists(), folder


def test_a_wrong_macro_argument_is_one_clear_line(careers: Path, tmp_path: Path) -> None:
    (careers / "careers" / "index.md").write_text("# Careers\n\n{{ pathways_list(\"x\") }}\n", "utf-8")
    result = run("build", str(careers), "--audience", "public", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "ERROR: a macro on index.md failed: ValueError: pathways_list('x'): the heading level is a number "
        "from 2 to 6, such as pathways_list(3) under a section heading",
        "the build failed: a macro failed (see above); nothing was written",
    ]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
