"""The accessibility statement: generated on both sites from trust.yml's `accessibility:` settings, in the order
of the UK public sector accessibility regulations, linked from every page's footer, and checked by validate."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, build, run, soup_of
from growthsite.project import load
from growthsite.site import Site
from scan import html_pages, resolve, sitemap_locs, visible_text

STATEMENT = "accessibility/index.html"
TINY_BLOCK = "accessibility:\n  contact: accessibility@larkfield.example\n"
SECTIONS = [
    ("h1", "Accessibility statement"),
    ("h2", "What you should be able to do"),
    ("h2", "How accessible this site is"),
    ("h2", "Feedback and contact information"),
    ("h2", "Reporting accessibility problems with this site"),
    ("h2", "Enforcement procedure"),
    ("h2", "Technical information about this site's accessibility"),
    ("h3", "Compliance status"),
    ("h2", "Non-accessible content"),
    ("h3", "Content that does not meet the standard"),
    ("h3", "Disproportionate burden"),
    ("h3", "Content outside the scope of the regulations"),
    ("h2", "What we are doing to improve accessibility"),
    ("h2", "Preparation of this accessibility statement"),
]
NO_CONTACT = ("the accessibility statement gives no contact, so nobody can tell the trust about a problem "
              "with the site")


def _accessibility(tiny: Path, block: str) -> Path:
    """The tiny data set with its `accessibility:` block replaced by ``block`` (empty: no block at all)."""
    trust = tiny / "framework" / "trust.yml"
    text = trust.read_text("utf-8")
    trust.write_text(text.partition("accessibility:\n")[0] + block, "utf-8")
    return tiny


def _article(page: BeautifulSoup) -> Tag:
    article = page.select_one("article")
    assert article is not None
    return article


def _headings(page: BeautifulSoup) -> list[tuple[str, str]]:
    article = _article(page)
    for anchor in article.select(".headerlink"):
        anchor.decompose()
    return [(h.name, h.get_text(strip=True)) for h in article.find_all(["h1", "h2", "h3"])]


def _text(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text().split())


def _footer_link(page: BeautifulSoup) -> Tag:
    links = [a for a in page.select("footer a") if a.get_text(strip=True) == "Accessibility"]
    assert len(links) == 1, links
    return links[0]


def _statement(tiny: Path, audience: str = "staff", **offers: bool) -> BeautifulSoup:
    """The statement as the renderer writes it, for checks of wording that need no full build."""
    html = Site(load(str(tiny)), "staff" if audience == "staff" else "public").renderer.accessibility(
        "accessibility/index.md", "Larkfield Partnership", **offers)
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def careers_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build(ROOT, tmp_path_factory.mktemp("careers") / "site", "public")


# -- the page ------------------------------------------------------------------------------------------
def test_the_sections_follow_the_regulations_order(demo_site: Path, careers_site: Path) -> None:
    for site in (demo_site, careers_site):
        page = soup_of(site)(STATEMENT)
        assert _headings(page) == SECTIONS
        title = page.select_one("head > title")
        assert title is not None and title.get_text().startswith("Accessibility statement - ")


def test_the_statement_names_the_site_it_is_on(demo_site: Path, careers_site: Path) -> None:
    staff = _text(soup_of(demo_site)(STATEMENT).select_one(".gs-a11y__site"))
    assert staff == ("This statement is about Severn Vale Learning Trust – Growing Together, the staff intranet of "
                     "Severn Vale Learning Trust. Severn Vale Learning Trust runs the site and is responsible for "
                     "what this statement says.")
    page = soup_of(careers_site)(STATEMENT)
    careers = page.select_one(".gs-a11y__site")
    assert _text(careers) == (
        "This statement is about Careers at Severn Vale Learning Trust (https://careers.severnvale.example/), the "
        "careers site of Severn Vale Learning Trust. Severn Vale Learning Trust runs the site and is responsible "
        "for what this statement says.")
    assert careers is not None and careers["data-audience"] == "public"
    assert "https://careers.severnvale.example/accessibility/" in sitemap_locs(careers_site)


def test_the_contact_is_a_mailto_link_with_the_reply_time(demo_site: Path) -> None:
    page = soup_of(demo_site)(STATEMENT)
    contact = page.select_one(".gs-a11y__contact")
    assert contact is not None
    assert [(a["href"], a.get_text()) for a in contact.select("a")] == [
        ("mailto:accessibility@severnvale.example", "accessibility@severnvale.example"),
        ("tel:01214960123", "0121 496 0123")]
    assert "We will reply within 10 working days." in _text(_article(page))
    reporting = page.select_one("#reporting + p")
    assert reporting is not None and reporting.select_one('a[href="mailto:accessibility@severnvale.example"]')


def test_known_issues_are_listed_with_their_fix_by_dates(demo_site: Path) -> None:
    page = soup_of(demo_site)(STATEMENT)
    issues = page.select(".gs-a11y__issue")
    assert [_text(i.select_one(".gs-a11y__what"))[:40] for i in issues] == [
        "Some links in text that colleagues write", "Names and titles in languages other than"]
    assert [_text(i.select_one(".gs-a11y__criteria")) for i in issues] == [
        "This fails WCAG 2.2 success criterion 2.4.4.", "This fails WCAG 2.2 success criterion 3.1.2."]
    assert [_text(i.select_one(".gs-a11y__fix")) for i in issues] == [
        "We plan to fix this by 31 March 2027.", "We plan to fix this by 31 July 2027."]
    assert [t["datetime"] for i in issues for t in i.select("time")] == ["2027-03-31", "2027-07-31"]
    assert [_text(li)[:20] for li in page.select(".gs-a11y__issues-short li")] == [
        "Some links in text t", "Names and titles in "]  # in plain words under "How accessible"
    assert _text(page.select_one(".gs-a11y__plan-dates")) == (
        "We plan to fix each problem listed under Non-accessible content by the date given with it, and all of "
        "them by 31 July 2027.")
    assert _text(page.select_one(".gs-a11y__dates")) == (
        "This statement was prepared on 1 September 2025. It was last reviewed on 14 September 2026.")


@pytest.mark.parametrize(("compliance", "issues", "wording"), [
    ("full", False, "This site is fully compliant with WCAG 2.2 level AA."),
    ("partial", True, "This site is partially compliant with WCAG 2.2 level AA: some of its content does not "
                      "meet the standard, as set out below."),
    ("partial", False, "This site is partially compliant with WCAG 2.2 level AA: it has not been checked in "
                       "full, so not every part of it can be said to meet the standard."),
    ("none", True, "This site is not compliant with WCAG 2.2 level AA: much of its content does not meet the "
                   "standard yet, as set out below."),
    ("none", False, "This site is not compliant with WCAG 2.2 level AA: much of its content does not meet the "
                    "standard yet."),
])
def test_the_compliance_status_is_worded_for_each_value(tiny: Path, compliance: str, issues: bool,
                                                        wording: str) -> None:
    listed = "  known_issues:\n    - {what: Some link text is unclear.}\n" if issues else ""
    _accessibility(tiny, f"{TINY_BLOCK}  compliance: {compliance}\n{listed}")
    page = _statement(tiny)
    status = page.select_one(".gs-a11y__status")
    assert status is not None and status["data-compliance"] == compliance
    assert _text(status) == wording
    assert len(page.select(".gs-a11y__issue")) == (1 if issues else 0)


def test_the_page_claims_only_what_the_configuration_offers(tiny: Path, tmp_path: Path, demo_site: Path) -> None:
    """The demo has a light/dark switch and fetches no fonts; a site without either is not told it has them."""
    claims = [_text(li) for li in soup_of(demo_site)(STATEMENT).select(".gs-a11y__can li")]
    assert any(c.startswith("switch between a light and a dark colour scheme") for c in claims)
    assert any(c.startswith("use the site without it contacting any other website") for c in claims)
    assert any(c.startswith("zoom in to 400%") for c in claims)
    assert any(c.startswith("read every page without JavaScript") for c in claims)
    config = tiny / "mkdocs.yml"  # no palette, and Material's web fonts (font: false removed)
    config.write_text(config.read_text("utf-8").replace("  font: false\n", ""), "utf-8")
    page = soup_of(build(tiny, tmp_path / "site"))(STATEMENT)
    assert page.select_one('link[href*="fonts.googleapis.com"]') is not None
    plain = [_text(li) for li in page.select(".gs-a11y__can li")]
    assert len(plain) == len(claims) - 2
    assert not any("dark colour scheme" in c or "other website" in c for c in plain)


# -- when the trust wrote nothing ----------------------------------------------------------------------
def test_without_settings_the_page_is_built_and_invents_no_contact(tiny: Path, tmp_path: Path) -> None:
    _accessibility(tiny, "")
    for audience in ("staff", "public"):
        page = soup_of(build(tiny, tmp_path / audience, audience))(STATEMENT)
        assert _headings(page) == SECTIONS
        article = _article(page)
        assert article.select('a[href^="mailto:"], a[href^="tel:"]') == []
        assert "@" not in visible_text(article)
        assert _text(article.select_one(".gs-a11y__contact")).startswith(
            "Larkfield Partnership has not yet given a contact for accessibility on this site. Until it does, ")
        assert _text(article.select_one(".gs-a11y__status")).startswith("This site is partially compliant")
        assert _text(article.select_one(".gs-a11y__dates")) == (
            "Larkfield Partnership has not recorded when this statement was first prepared.")
        tested = _text(article.select_one(".gs-a11y__tested"))
        assert "checked with axe-core against the WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA" in tested
        assert "with the keyboard alone" in tested


def test_validate_warns_when_there_is_no_contact(tiny: Path) -> None:
    _accessibility(tiny, "")
    result = run("validate", str(tiny))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[:3] == [
        f"framework/trust.yml:1:1: warning: {NO_CONTACT}",
        "  hint: add accessibility: with contact: and an email address someone reads, such as "
        "accessibility@your-trust.org.uk (see the README's Accessibility section)",
        "0 errors, 1 warning",
    ]
    assert run("validate", str(tiny), "--strict").returncode == 1
    line = len((tiny / "framework" / "trust.yml").read_text("utf-8").splitlines()) + 1
    _accessibility(tiny, "accessibility:\n  response_days: 5\n")
    result = run("validate", str(tiny))
    assert result.stderr.splitlines()[:2] == [
        f"framework/trust.yml:{line}:1: warning: {NO_CONTACT}",
        "  hint: add contact: with an email address someone reads, such as accessibility@your-trust.org.uk",
    ]


# -- user text stays text ------------------------------------------------------------------------------
def test_hostile_text_in_the_settings_is_shown_as_text(tiny: Path, tmp_path: Path) -> None:
    _accessibility(tiny, TINY_BLOCK + (
        "  known_issues:\n"
        "    - what: \"<script>alert(1)</script> {{ 7*7 }}\"\n"
        "      why: '<img src=x onerror=alert(2)> & more'\n"
        "  plan: \"Plan <b onmouseover=alert(3)>bold</b> [x](javascript:alert(4))\"\n"))
    page = soup_of(build(tiny, tmp_path / "site"))(STATEMENT)
    article = _article(page)
    assert article.select("script, img, b") == []
    assert not [a for a in article.select("a") if a.get("href", "").startswith("javascript:")]
    issue = article.select_one(".gs-a11y__issue")
    assert _text(issue.select_one(".gs-a11y__what") if issue else None) == "<script>alert(1)</script> {{ 7*7 }}"
    assert _text(issue.select_one(".gs-a11y__why") if issue else None) == "<img src=x onerror=alert(2)> & more"
    assert "Plan <b onmouseover=alert(3)>bold</b>" in _text(article.select_one(".gs-a11y__plan"))
    assert "49" not in visible_text(article)


# -- the footer link ------------------------------------------------------------------------------------
def test_every_page_of_both_builds_links_to_the_statement(demo_site: Path, careers_site: Path) -> None:
    for site in (demo_site, careers_site):
        pages = html_pages(site)
        assert STATEMENT in pages
        for path, page in pages.items():
            href = str(_footer_link(page)["href"])
            if path == "404.html":  # served at any depth: its links start from the site's root
                assert href == "/accessibility/"
            else:
                assert resolve(path, href) == STATEMENT, (path, href)
        home, person = pages["index.html"], pages["people/hannah-lockwood/index.html"]
        assert _footer_link(home)["href"] == "accessibility/"
        assert _footer_link(person)["href"] == "../../accessibility/"
        assert _footer_link(pages[STATEMENT])["aria-current"] == "page"
        assert _footer_link(home).get("aria-current") is None
        # in the footer only: not in the navigation or the tabs
        assert [a for a in home.select("nav a") if "accessibility" in str(a.get("href", ""))] == []


def test_the_footer_link_works_without_directory_urls(tiny: Path, tmp_path: Path) -> None:
    config = tiny / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "use_directory_urls: false\n", "utf-8")
    site = build(tiny, tmp_path / "site")
    pages = html_pages(site)
    assert _footer_link(pages["index.html"])["href"] == "accessibility/index.html"
    assert _footer_link(pages["people/ada-north.html"])["href"] == "../accessibility/index.html"
    assert _footer_link(pages["accessibility/index.html"])["href"] == "index.html"


def test_a_statement_written_by_hand_replaces_the_generated_one(tiny: Path, tmp_path: Path) -> None:
    (tiny / "content" / "accessibility.md").write_text(
        "# Our accessibility statement\n\nWe add our own words.\n\n{{ accessibility_statement() }}\n", "utf-8")
    pages = html_pages(build(tiny, tmp_path / "site"))
    page = pages[STATEMENT]
    assert "We add our own words." in _text(_article(page))
    assert page.select_one(".gs-a11y__status") is not None
    assert _footer_link(pages["people/ada-north/index.html"])["href"] == "../../accessibility/"


# -- validation ------------------------------------------------------------------------------------------
def _report(tiny: Path, block: str) -> list[str]:
    _accessibility(tiny, block)
    result = run("validate", str(tiny))
    return [line for line in result.stderr.splitlines() if not line.startswith("ok: ")]


def test_bad_values_are_errors_with_their_position(tiny: Path) -> None:
    assert _report(tiny, (
        "accessibility:\n"                                   # line 18
        "  contact: accessibility at larkfield.example\n"
        "  phone: call us\n"
        "  response_days: 0\n"
        "  compliance: mostly\n"
        "  known_issues:\n"
        "    - what: Unclear link text\n"
        "      criteria: ['2.4']\n"
        "    - why: nothing said\n"
        "  prepared: 2026/09/01\n")) == [
        "framework/trust.yml:19:12: error: 'accessibility at larkfield.example' is not an email address: write it as "
        "name@example.org (in accessibility.contact)",
        "framework/trust.yml:20:10: error: 'call us' is not a phone number: write digits, spaces and brackets only, "
        "such as 01905 000000 (in accessibility.phone)",
        "framework/trust.yml:21:18: error: accessibility.response_days must be at least 1, not 0",
        "framework/trust.yml:22:15: error: accessibility.compliance is the text 'mostly', which is not one of: full, "
        "partial, none",
        "  hint: known values: 'full', 'none', 'partial'",
        "framework/trust.yml:25:18: error: '2.4' is not a WCAG success criterion number: write it as 2.4.4 "
        "(in accessibility.known_issues[1].criteria[1])",
        "framework/trust.yml:26:7: error: accessibility.known_issues[2] is missing the required key 'what'",
        "  hint: what: The problem, in a sentence a visitor understands, such as: Some links in staff-written text "
        "do not say where they go.",
        "framework/trust.yml:27:13: error: '2026/09/01' is not a date: write it as YYYY-MM-DD, such as 2025-10-17 "
        "(in accessibility.prepared)",
        "7 errors, 0 warnings",
    ]


def test_dates_are_real_in_order_and_current(tiny: Path) -> None:
    assert _report(tiny, (
        "accessibility:\n"                                   # line 18
        "  contact: accessibility@larkfield.example\n"
        "  compliance: full\n"
        "  known_issues:\n"
        "    - what: Unclear link text\n"
        "      fix_by: 2027-02-30\n"
        "    - what: Names not marked with their language\n"
        "      fix_by: 2026-10-31\n"
        "  prepared: 2025-09-31\n")) == [
        "framework/trust.yml:20:15: error: accessibility.compliance is full, but known_issues lists 2 problems",
        "  hint: a site with known problems is partially compliant: set compliance: partial, or remove the issues "
        "you have fixed",
        "framework/trust.yml:23:15: error: '2027-02-30' is not a real date",
        "  hint: check the month and the day",
        "framework/trust.yml:25:15: warning: the fix-by date of this known issue (2026-10-31) has passed",
        "  hint: fix it and remove it from known_issues, or set a later fix_by",
        "framework/trust.yml:26:13: error: '2025-09-31' is not a real date",
        "  hint: check the month and the day",
        "3 errors, 1 warning",
    ]
    assert _report(tiny, TINY_BLOCK + "  prepared: 2025-09-01\n  reviewed: 2025-06-30\n") == [
        "framework/trust.yml:21:13: error: accessibility.reviewed (2025-06-30) is before accessibility.prepared "
        "(2025-09-01)",
        "  hint: a statement is reviewed on or after the day it was first prepared",
        "1 error, 0 warnings",
    ]
    assert _report(tiny, TINY_BLOCK + "  prepared: 2025-09-01\n  reviewed: 2025-11-23\n") == [
        "framework/trust.yml:21:13: warning: the accessibility statement was last reviewed on 2025-11-23, more than "
        "a year ago",
        "  hint: review it against the site, then set accessibility.reviewed to the day you did",
        "0 errors, 1 warning",
    ]
    assert _report(tiny, TINY_BLOCK + "  prepared: 2025-11-23\n") == [
        "framework/trust.yml:20:13: warning: the accessibility statement was prepared on 2025-11-23 and has not been "
        "reviewed since, more than a year ago",
        "  hint: review it against the site, then set accessibility.reviewed to the day you did",
        "0 errors, 1 warning",
    ]
    assert _report(tiny, TINY_BLOCK + "  prepared: 2025-11-24\n  reviewed: 2026-12-01\n") == [
        "framework/trust.yml:21:13: warning: accessibility.reviewed (2026-12-01) is after today (2026-11-24)",
        "  hint: write the day the statement was reviewed",
        "0 errors, 1 warning",
    ]
    assert _report(tiny, TINY_BLOCK + "  prepared: 2025-11-24\n  reviewed: 2026-11-24\n") == []


def test_the_demo_data_is_clean_of_accessibility_problems() -> None:
    result = run("validate", str(ROOT))
    assert result.returncode == 0, result.stderr
    assert not re.search(r"trust\.yml:\d+:\d+:", result.stderr), result.stderr
