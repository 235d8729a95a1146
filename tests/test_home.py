"""The home pages of the demo intranet and careers site, and the navigation that shows both sites.

Today is 2026-11-24 (conftest), so "this year" is 2026-27, from 1 September 2026. The figures, lists and links
below were counted by hand from the demo's YAML:

- trust-wide training delivered: Aisha Rahman and Helen Marsh, both at the October 2026 training day (2);
- peer reviews: none since 1 September 2026 (0);
- Think Tanks led: Aisha Rahman's reasoning Think Tank (1; George Whitaker and a colleague without a page
  are members);
- schools reached: George Whitaker (Longmead) names Kingsmead, St Kenelm's and Hartbury (3);
- colleagues reached: the audiences 95 + 335 + 22 (452).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import test_leaks as leaks
from conftest import ROOT, TINY, build, overlay, run, soup_of
from growthsite.project import load
from growthsite.render import Renderer
from growthsite.site import Site
from scan import visible_text

STAFF_FIGURES = [
    ("trust-training", "2", "Trust-wide training delivered"),
    ("peer-review", "0", "Peer reviews"),
    ("think-tank", "1", "Think Tanks led"),
    ("schools-reached", "3", "Schools reached"),
    ("colleagues-reached", "452", "Colleagues reached"),
]


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("public") / "site", "public")


def home_of(site: Path) -> BeautifulSoup:
    return soup_of(site)("index.html")


def figures(home: BeautifulSoup) -> list[tuple[str, str, str]]:
    return [(li["data-figure"], li.select_one(".gs-this-year__value").get_text(),
             li.select_one(".gs-this-year__label").get_text()) for li in home.select(".gs-this-year__figures li")]


def test_this_years_figures_on_the_intranet_are_exact(demo_site: Path) -> None:
    home = home_of(demo_site)
    assert figures(home) == STAFF_FIGURES
    note = home.select_one(".gs-this-year .gs-muted")
    assert note is not None
    assert note.get_text(" ", strip=True).startswith("Across the trust in 2026-27 so far, since 1 September 2026")
    assert note.select_one("a")["href"] == "dashboard/"


def test_this_years_figures_on_the_careers_site_hide_small_numbers() -> None:
    """The same macro on a public page: every count below 5 reads "fewer than 5", the large sum stays."""
    html = Site(load(str(ROOT)), "public").renderer.this_year("index.md")
    soup = BeautifulSoup(html, "html.parser")
    assert [(f, v) for f, v, _ in figures(soup)] == [
        ("trust-training", "fewer than 5"), ("peer-review", "fewer than 5"), ("think-tank", "fewer than 5"),
        ("schools-reached", "fewer than 5"), ("colleagues-reached", "452")]
    assert [li.get("data-count") for li in soup.select("li")] == [None, None, None, None, "452"]
    assert 'a figure below 5 is shown as "fewer than 5"' in soup.get_text()
    assert soup.select("a") == []  # the careers site has no dashboard to link to


def test_coming_up_lists_the_next_four_events_soonest_first(demo_site: Path) -> None:
    home = home_of(demo_site)
    items = home.select(".gs-coming-up li")
    assert [(li["data-event"], li.a.get_text(), li.a["href"]) for li in items] == [
        ("tt-reasoning-2026", "Reasoning in mathematics from Reception to Year 11", "events/tt-reasoning-2026/"),
        ("inset-2027-01", "Trust-wide training day, January 2027", "events/inset-2027-01/"),
        ("tt-wellbeing-2027", "Staff workload and wellbeing", "events/tt-wellbeing-2027/"),
        ("prt-2027-01", "Peer reviewer training", "events/prt-2027-01/"),
    ]
    assert [li.select_one(".gs-muted").get_text() for li in items] == [
        "Think Tank · 14 September 2026 – 9 July 2027 · under way",
        "Training day · 4 January 2027",
        "Think Tank · 11 January 2027 – 16 July 2027",
        "Course · 18 January 2027 – 19 January 2027",
    ]
    more = home.select_one(".gs-coming-up + p a")
    # seven events are not over on 24 November 2026: the four above, coaching, the spring round, the conference
    assert (more.get_text(), more["href"]) == ("All 7 upcoming events and what is open all year", "opportunities/")
    for li in items:
        assert (demo_site / li.a["href"] / "index.html").is_file()


STAFF_ACHIEVEMENTS = [
    ("aisha-rahman", "Aisha Rahman", "Reasoning routines from Reception to Year 11", "activity-6"),
    ("helen-marsh", "Helen Marsh", "Three years of Growing Great People and what we have learned", "activity-8"),
    ("aisha-rahman", "Aisha Rahman", "Reasoning in mathematics from Reception to Year 11", "activity-5"),
    ("george-whitaker", "George Whitaker", "Reasoning in mathematics from Reception to Year 11", "activity-2"),
    ("matthew-finch", "Matthew Finch", "Workshop at the regional SEND conference", "activity-8"),
    # a peer review: its role and school only, as on every page
    ("rajesh-nair", "Rajesh Nair", "Improvement champion at St Kenelm's Church of England Primary School",
     "activity-4"),
]
PUBLIC_ACHIEVEMENTS = [
    ("aisha-rahman", "Aisha Rahman", "Reasoning routines from Reception to Year 11", "activity-4"),
    ("aisha-rahman", "Aisha Rahman", "Reasoning in mathematics from Reception to Year 11", "activity-3"),
    ("matthew-finch", "Matthew Finch", "Workshop at the regional SEND conference", "activity-5"),
    ("fatima-begum", "Fatima Begum", "Reviewer at Kingsmead Primary School", "activity-3"),
]


def achievements(site: Path) -> list[tuple[str, str, str, str]]:
    found = []
    for li in home_of(site).select(".gs-achievements > li"):
        what, who = li.select_one(".gs-achievements__what a"), li.select_one(".gs-muted a")
        person, _, anchor = what["href"].partition("#")
        assert person == who["href"] == f"people/{li['data-person']}/"
        # the link lands on the timeline entry that holds the same title
        entry = soup_of(site)(f"{person}index.html").select_one(f"#{anchor}")
        assert entry is not None and what.get_text() in entry.get_text(), (person, anchor)
        found.append((li["data-person"], who.get_text(), what.get_text(), anchor))
    return found


def test_recent_achievements_on_the_intranet(demo_site: Path) -> None:
    assert achievements(demo_site) == STAFF_ACHIEVEMENTS
    first = home_of(demo_site).select_one(".gs-achievements > li .gs-muted").get_text()
    assert first == "Aisha Rahman, Longmead School · Trust-wide training delivered, as lead · 16 October 2026"


def test_recent_achievements_on_the_careers_site_are_public_records_of_people_who_said_yes(
        public_site: Path) -> None:
    """Helen Marsh's talk and George Whitaker's Think Tank are staff-only records: not on the careers site."""
    assert achievements(public_site) == PUBLIC_ACHIEVEMENTS


def without_showcase() -> list[str]:
    """Names and ids of demo people the careers site must not name: no showcase or intranet consent."""
    hidden = []
    for path in sorted((ROOT / "portfolios").glob("*.yml")):
        person = yaml.safe_load(path.read_text("utf-8"))
        consent = person.get("consent") or {}
        if not consent.get("showcase") or consent.get("intranet") is False:
            hidden += [person["name"], person["id"]]
    return hidden


def test_the_careers_home_names_nobody_without_showcase_consent(public_site: Path) -> None:
    hidden = without_showcase()
    assert "George Whitaker" in hidden and "Kwame Asante" in hidden and len(hidden) > 40  # the check has teeth
    html = (public_site / "index.html").read_text("utf-8")
    assert [name for name in hidden if name in html] == []
    text = visible_text(home_of(public_site))
    assert "Aisha Rahman" in text and "Matthew Finch" in text  # people who said yes are named


def test_the_ways_in_and_how_to_record_an_activity(demo_site: Path) -> None:
    home = home_of(demo_site)
    ways = [(a.get_text(), a["href"]) for a in home.select(".gs-ways a.gs-ways__title")]
    assert ways == [("Policy", "policy/"), ("Toolkit", "toolkit/"), ("Framework", "framework/"),
                    ("People", "people/"), ("Pathways", "pathways/"), ("Schools", "schools/"),
                    ("Events", "events/"), ("Dashboard", "dashboard/"), ("Opportunities", "opportunities/")]
    for _, href in ways:
        assert (demo_site / href / "index.html").is_file(), href
    record = home.select_one('.gs-ways [data-way="record"]')
    title, text = record.find_all("span", recursive=False)
    assert (title.get_text(), text.get_text()) == ("Record an activity", (
        "Email the CPD lead at growing.together@severnvale.example with what you did and "
        "when: it appears on your page at the next update."))
    assert record.a["href"] == "mailto:growing.together@severnvale.example"
    section = home.select_one(".gs-record")
    assert section.p.get_text() == (
        "Email the CPD lead at growing.together@severnvale.example and say:")
    assert len(section.select("li")) == 5


def test_home_sections_in_order(demo_site: Path) -> None:
    assert [h.get_text(strip=True).rstrip("¶") for h in home_of(demo_site).select("article h2")] == [
        "This year so far", "Coming up", "Recent achievements", "Find your way", "Record an activity"]


def test_the_intranet_tabs_show_every_section(demo_site: Path) -> None:
    assert [a.get_text(strip=True) for a in home_of(demo_site).select(".md-tabs a")] == [
        "Home", "Policy", "Toolkit", "Framework", "People", "Pathways", "Schools", "Events", "Dashboard",
        "Opportunities"]


def test_the_careers_sidebar_lists_every_section(public_site: Path) -> None:
    """Without tabs, every page's sidebar lists the six pages (with tabs, the home page's held only itself)."""
    for page in ("index.html", "pathways/index.html", "people/aisha-rahman/index.html"):
        soup = soup_of(public_site)(page)
        assert soup.select(".md-tabs") == []
        top = soup.select(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
        assert [a.get_text(strip=True) for a in top] == [
            "Home", "Growing here", "Pathways", "Our people", "Leadership framework", "Our policy"], page


# -- the macros on any trust's data: the tiny data set -----------------------------------------------------
def tiny_renderer(tmp_path: Path, trust_extra: str = "") -> Renderer:
    data = overlay(TINY, tmp_path / "none", tmp_path / "data")
    if trust_extra:
        trust = data / "framework" / "trust.yml"
        trust.write_text(trust.read_text("utf-8") + trust_extra, "utf-8")
    loaded = load(str(data))
    assert loaded.model is not None, loaded.problems
    return Site(loaded, "staff").renderer


def test_record_an_activity_without_a_contact_says_who_to_ask(tmp_path: Path) -> None:
    renderer = tiny_renderer(tmp_path)
    soup = BeautifulSoup(renderer.record_activity("index.md"), "html.parser")
    assert soup.p.get_text() == "Tell the colleague who looks after staff development in your school and say:"
    assert soup.select("a") == []


def test_a_named_contact_and_a_record_page(tmp_path: Path) -> None:
    renderer = tiny_renderer(tmp_path, "cpd_lead: {name: Jo Lark, role: Head of Learning, email: jo@lark.example}\n")
    soup = BeautifulSoup(renderer.record_activity("index.md"), "html.parser")
    assert soup.p.get_text() == "Email Jo Lark, the Head of Learning, at jo@lark.example and say:"
    ways = BeautifulSoup(renderer.ways_in("people/index.md", None, "record.md"), "html.parser")
    record = ways.select_one('[data-way="record"] a')
    assert (record.get_text(), record["href"]) == ("Record an activity", "../record/")
    # no policy page written: no policy card
    assert [a.get_text() for a in ways.select("a")][:2] == ["Toolkit", "Framework"]


def test_a_bad_contact_address_is_reported_with_its_place(tmp_path: Path) -> None:
    data = overlay(TINY, tmp_path / "none", tmp_path / "data")
    trust = data / "framework" / "trust.yml"
    lines = trust.read_text("utf-8").count("\n")
    trust.write_text(trust.read_text("utf-8") + "cpd_lead:\n  email: not an address\n", "utf-8")
    result = run("validate", str(data))
    assert result.returncode == 1
    assert f"framework/trust.yml:{lines + 2}:10: error:" in result.stdout + result.stderr
    assert "is not an email address: write it as name@example.org" in result.stdout + result.stderr


@pytest.mark.parametrize(("call", "message"), [
    ("coming_up(0)", "coming_up(0): give how many to show as a whole number from 1 to 50, such as coming_up(4)"),
    ('recent_achievements("six")', "recent_achievements('six'): give how many to show as a whole number from 1 "
                                   "to 50, such as recent_achievements(6)"),
    ('ways_in(record="javascript:alert(1)")', "ways_in(record='javascript:alert(1)'): give a page of this site "
     'such as "record.md", a web address starting https:// or an email link starting mailto:'),
    ('ways_in(record="record.md")', "ways_in(record='record.md'): there is no page record.md in "),
])
def test_a_wrong_macro_argument_is_one_clear_line(tmp_path: Path, call: str, message: str) -> None:
    data = overlay(TINY, tmp_path / "none", tmp_path / "data")
    (data / "content" / "index.md").write_text(f"# Home\n\n{{{{ {call} }}}}\n", "utf-8")
    result = run("build", str(data), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert f"ERROR: a macro on index.md failed: ValueError: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


# -- the leak fixture: every home macro with room for every record, on both builds ----------------------------
@pytest.fixture(scope="module")
def leaky_homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BeautifulSoup]:
    base = tmp_path_factory.mktemp("leaky-home")
    data = overlay(TINY, leaks.LEAKY, base / "data")
    return {audience: home_of(build(data, base / audience, audience)) for audience in ("staff", "public")}


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_home_macros_show_only_what_the_audience_may_see(leaky_homes: dict[str, BeautifulSoup],
                                                         audience: str) -> None:
    """Every marker of the leak tests that reaches a home page is one the privacy policy allows there."""
    html = str(leaky_homes[audience]).lower()
    wrong = sorted(m for m, allowed in leaks.EVERYTHING.items() if m.lower() in html and audience not in allowed)
    assert wrong == []


def test_home_macros_on_the_leak_fixture_name_the_right_people(leaky_homes: dict[str, BeautifulSoup]) -> None:
    """The positive control: the lists do reach the records they may show."""
    def named(audience: str) -> set[str]:
        return {li["data-person"] for li in leaky_homes[audience].select(".gs-achievements > li")}

    assert {"lkqid3-staff", "lkqid4-showcase", "lkqid5-mentee"} <= named("staff")
    # the three with showcase consent and a public record; never Ada North (staff only) or lkqid3-staff
    assert named("public") == {"ben-south", "lkqid4-showcase", "lkqid5-mentee"}
    text = leaky_homes["public"].get_text()
    assert "LKQACTP4" in text and "LKQACTP5" in text and "LKQACTP3" not in text
