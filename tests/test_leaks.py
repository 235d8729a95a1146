"""The privacy promise, tried against real builds: nothing reaches a site it is not allowed into.

tests/fixtures/leaky/ (laid over the tiny data set) writes a unique marker into every private and every
staff-only field of five people:

- lkqid1-hidden   consent.intranet: false (with showcase: true, which must not override it)
- lkqid2-leaver   left before today (2026-11-24), had said yes to everything
- lkqid3-staff    on the intranet, no showcase consent; their coach is lkqid1-hidden
- lkqid4-showcase showcase consent; their coach is lkqid3-staff
- lkqid5-mentee   showcase consent; their coach is the leaver

Both audiences are built once for the module; every file each build wrote (pages, search index, sitemaps,
gzip decompressed, scripts, styles, downloads) is read as text, with its path, and scanned for every marker.
A marker must appear only in the builds the policy below allows, and must appear in each of them (the
positive control that proves the scan reads the files it claims to).
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TINY, build, overlay
from scan import (
    AUDIENCES,
    OutputFile,
    html_pages,
    output_files,
    page_title,
    person_ids,
    resolve,
    search_entries,
    sitemap_locs,
    urls_in,
    visible_text,
    where_found,
)

LEAKY = ROOT / "tests" / "fixtures" / "leaky"

BOTH = frozenset({"staff", "public"})
STAFF = frozenset({"staff"})
NOWHERE: frozenset[str] = frozenset()

# The policy, in one place: marker → the builds it may (and must) appear in.
# Codes: ID person id, NAME name, PRON pronouns, SUM summary, STORY story, ROLE/ROLEB role titles, QUAL
# qualification, REFL portfolios/<id>.md; ACT activity title and LNK its link, by visibility: D default
# (staff), S staff, P public, X private; PRT/PRL a peer review's title/link (PRD default, PRX private
# visibility); G growth cycle by visibility (P public, S staff, D default = private, X private, E expired
# public or staff, F expired staff) then field: FOC focus, WHY why, SUC success criterion, LRN learning,
# OUT outcome, NOTE check-in notes.
POLICY: dict[str, frozenset[str]] = {
    # lkqid1-hidden: consent.intranet false, nothing anywhere (only anonymous counts)
    "LKQID1": NOWHERE, "LKQNAME1": NOWHERE, "LKQPRON1": NOWHERE, "LKQSUM1": NOWHERE, "LKQSTORY1": NOWHERE,
    "LKQROLE1": NOWHERE, "LKQQUAL1": NOWHERE, "LKQREFL1": NOWHERE,
    "LKQACTS1": NOWHERE, "LKQLNKS1": NOWHERE, "LKQACTP1": NOWHERE, "LKQLNKP1": NOWHERE,
    "LKQGPFOC1": NOWHERE, "LKQGPWHY1": NOWHERE, "LKQGPSUC1": NOWHERE, "LKQGPLRN1": NOWHERE,
    "LKQGPOUT1": NOWHERE, "LKQGPNOTE1": NOWHERE,
    # lkqid2-leaver: left before today, nothing anywhere
    "LKQID2": NOWHERE, "LKQNAME2": NOWHERE, "LKQPRON2": NOWHERE, "LKQSUM2": NOWHERE, "LKQSTORY2": NOWHERE,
    "LKQROLE2": NOWHERE, "LKQQUAL2": NOWHERE, "LKQREFL2": NOWHERE,
    "LKQACTS2": NOWHERE, "LKQLNKS2": NOWHERE, "LKQACTP2": NOWHERE, "LKQLNKP2": NOWHERE,
    "LKQGPFOC2": NOWHERE, "LKQGPWHY2": NOWHERE, "LKQGPSUC2": NOWHERE, "LKQGPLRN2": NOWHERE,
    "LKQGPOUT2": NOWHERE, "LKQGPNOTE2": NOWHERE,
    # lkqid3-staff: no showcase consent, so the staff build only, and never their story
    "LKQID3": STAFF, "LKQNAME3": STAFF, "LKQPRON3": STAFF, "LKQSUM3": STAFF, "LKQSTORY3": NOWHERE,
    "LKQROLE3": STAFF, "LKQROLEB3": STAFF, "LKQQUAL3": STAFF, "LKQREFL3": STAFF,
    "LKQACTD3": STAFF, "LKQLNKD3": STAFF, "LKQACTS3": STAFF, "LKQLNKS3": STAFF,
    "LKQACTP3": STAFF, "LKQLNKP3": STAFF,  # public records of a person without showcase consent
    "LKQACTX3": NOWHERE, "LKQLNKX3": NOWHERE,
    "LKQPRT3": NOWHERE, "LKQPRL3": NOWHERE,  # a review's findings belong to the host school
    "LKQGPFOC3": STAFF, "LKQGPWHY3": STAFF, "LKQGPSUC3": STAFF, "LKQGPLRN3": STAFF, "LKQGPOUT3": STAFF,
    "LKQGPNOTE3": NOWHERE,
    "LKQGSFOC3": STAFF, "LKQGSWHY3": STAFF, "LKQGSSUC3": STAFF, "LKQGSLRN3": STAFF, "LKQGSOUT3": STAFF,
    "LKQGSNOTE3": NOWHERE,
    "LKQGDFOC3": NOWHERE, "LKQGDWHY3": NOWHERE, "LKQGDSUC3": NOWHERE, "LKQGDLRN3": NOWHERE,
    "LKQGDOUT3": NOWHERE, "LKQGDNOTE3": NOWHERE,
    "LKQGEFOC3": NOWHERE, "LKQGEWHY3": NOWHERE, "LKQGESUC3": NOWHERE, "LKQGELRN3": NOWHERE,
    "LKQGEOUT3": NOWHERE, "LKQGENOTE3": NOWHERE,
    # lkqid4-showcase: identity, roles, story and public records everywhere; the rest staff or nowhere
    "LKQID4": BOTH, "LKQNAME4": BOTH, "LKQPRON4": BOTH, "LKQSTORY4": BOTH, "LKQROLE4": BOTH, "LKQROLEB4": BOTH,
    "LKQSUM4": STAFF, "LKQQUAL4": STAFF, "LKQREFL4": STAFF,
    "LKQACTD4": STAFF, "LKQLNKD4": STAFF, "LKQACTS4": STAFF, "LKQLNKS4": STAFF,
    "LKQACTP4": BOTH, "LKQLNKP4": BOTH,
    "LKQACTX4": NOWHERE, "LKQLNKX4": NOWHERE,
    "LKQPRT4": NOWHERE, "LKQPRL4": NOWHERE, "LKQPRDT4": NOWHERE, "LKQPRDL4": NOWHERE,
    "LKQPRXT4": NOWHERE, "LKQPRXL4": NOWHERE,
    "LKQGPFOC4": BOTH, "LKQGPWHY4": BOTH, "LKQGPSUC4": BOTH, "LKQGPLRN4": BOTH, "LKQGPOUT4": BOTH,
    "LKQGPNOTE4": NOWHERE,  # check-in notes of a public cycle: still never
    "LKQGSFOC4": STAFF, "LKQGSWHY4": STAFF, "LKQGSSUC4": STAFF, "LKQGSLRN4": STAFF, "LKQGSOUT4": STAFF,
    "LKQGSNOTE4": NOWHERE,
    "LKQGDFOC4": NOWHERE, "LKQGDWHY4": NOWHERE, "LKQGDSUC4": NOWHERE, "LKQGDLRN4": NOWHERE,
    "LKQGDOUT4": NOWHERE, "LKQGDNOTE4": NOWHERE,
    "LKQGXFOC4": NOWHERE, "LKQGXWHY4": NOWHERE, "LKQGXSUC4": NOWHERE, "LKQGXLRN4": NOWHERE,
    "LKQGXOUT4": NOWHERE, "LKQGXNOTE4": NOWHERE,
    "LKQGEFOC4": NOWHERE, "LKQGEWHY4": NOWHERE, "LKQGESUC4": NOWHERE, "LKQGELRN4": NOWHERE,
    "LKQGEOUT4": NOWHERE, "LKQGENOTE4": NOWHERE,
    "LKQGFFOC4": NOWHERE, "LKQGFWHY4": NOWHERE, "LKQGFSUC4": NOWHERE, "LKQGFLRN4": NOWHERE,
    "LKQGFOUT4": NOWHERE, "LKQGFNOTE4": NOWHERE,
    # lkqid5-mentee: showcase consent, a public activity
    "LKQID5": BOTH, "LKQNAME5": BOTH, "LKQACTP5": BOTH,
}

# People by name and id: the tiny data set's own three, and the five above.
NAMES: dict[str, frozenset[str]] = {
    "Ada North": STAFF, "Ben South": BOTH, "Cara Hidden": NOWHERE,
    "Ivy LKQNAME1": NOWHERE, "Lee LKQNAME2": NOWHERE, "Sam LKQNAME3": STAFF, "Una LKQNAME4": BOTH,
    "Mo LKQNAME5": BOTH,
}
IDS: dict[str, frozenset[str]] = {
    "ada-north": STAFF, "ben-south": BOTH, "cara-hub": NOWHERE,
    "lkqid1-hidden": NOWHERE, "lkqid2-leaver": NOWHERE, "lkqid3-staff": STAFF, "lkqid4-showcase": BOTH,
    "lkqid5-mentee": BOTH,
}
# The tiny data set's own private records and peer reviews.
TINY_TEXT: dict[str, frozenset[str]] = {
    "PRIVATE-MARKER-ACTIVITY": NOWHERE, "PRIVATE-MARKER-FOCUS": NOWHERE, "PRIVATE-MARKER-NOTE": NOWHERE,
    "STAFF-CYCLE-NOTE": NOWHERE,
    "Review of homework": NOWHERE, "Review of Key Stage 3 reading": NOWHERE,  # peer-review titles
    "Sharper questioning in Year 9": STAFF,  # ben-south's staff cycle
    "trained on the job": BOTH,  # ben-south's story
}
EVERYTHING = {**POLICY, **NAMES, **IDS, **TINY_TEXT}
MARKER = re.compile(r"LKQ[A-Z]+[0-9]", re.IGNORECASE)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("leaky")
    data = overlay(TINY, LEAKY, base / "data")
    return {audience: build(data, base / audience, audience) for audience in AUDIENCES}


@pytest.fixture(scope="module")
def files(sites: dict[str, Path]) -> dict[str, list[OutputFile]]:
    return {audience: output_files(site) for audience, site in sites.items()}


def _listing(found: dict[str, list[str]]) -> str:
    return "\n".join(f"  {needle!r} in {path}" for needle, paths in sorted(found.items()) for path in paths)


def test_the_policy_covers_every_marker_of_the_fixture() -> None:
    """Every marker written in the fixture has a rule, every rule's marker is in the fixture, and no marker
    hides inside one with another rule (LKQID1 inside LKQID10 would make a scan fail or pass for the wrong
    reason; LKQID1 inside lkqid1-hidden, both nowhere, is harmless)."""
    written = {m.upper() for path in LEAKY.rglob("*") if path.is_file()
               for m in MARKER.findall(path.read_text("utf-8"))}
    assert written == set(POLICY), (sorted(written - set(POLICY)), sorted(set(POLICY) - written))
    nested = [(a, b) for a in EVERYTHING for b in EVERYTHING
              if a != b and a.lower() in b.lower() and EVERYTHING[a] != EVERYTHING[b]]
    assert nested == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_nothing_appears_where_it_must_not(audience: str, files: dict[str, list[OutputFile]]) -> None:
    forbidden = [needle for needle, allowed in EVERYTHING.items() if audience not in allowed]
    found = {needle: paths for needle, paths in where_found(forbidden, files[audience]).items() if paths}
    assert not found, f"the {audience} build shows what it must not:\n{_listing(found)}"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_everything_allowed_appears(audience: str, files: dict[str, list[OutputFile]]) -> None:
    """The positive control: each marker allowed in this build is found in at least one of its files."""
    allowed = [needle for needle, audiences in EVERYTHING.items() if audience in audiences]
    missing = sorted(needle for needle, paths in where_found(allowed, files[audience]).items() if not paths)
    assert not missing, f"the {audience} build lacks what it should show: {missing}"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_scan_reads_every_kind_of_file(audience: str, files: dict[str, list[OutputFile]]) -> None:
    """Pages, the search index and both sitemaps hold a marker of this build; scripts, styles and (staff)
    toolkit downloads are read too (they hold no personal data to find). The careers site has no toolkit."""
    paths = {f.path for f in files[audience]}
    staff = audience == "staff"
    for suffix in (".html", ".js", ".css", *((".yml", ".schema.json") if staff else ())):
        assert any(p.endswith(suffix) for p in paths), suffix
    assert any(p.startswith("toolkit/downloads/") for p in paths) is staff
    by_path = {f.path: f for f in files[audience]}
    for path in ("search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "people/lkqid4-showcase/index.html"):
        assert "lkqid4" in by_path[path].text.lower(), path
    assert "LKQNAME4" in by_path["search/search_index.json"].text
    if not staff:  # the careers home (mkdocs.public.yml) with its headline numbers, pathways and stories
        assert "gs-headlines" in by_path["index.html"].text and "lkqid4" in by_path["index.html"].text
        assert "pathways/classroom/index.html" in by_path


def test_the_scan_finds_a_planted_leak(sites: dict[str, Path], tmp_path: Path) -> None:
    """The scan can fail: leaks planted in a copy of the public build are each found, in their file only."""
    site = Path(shutil.copytree(sites["public"], tmp_path / "site"))
    script = site / "assets" / "growthsite.js"
    script.write_text(script.read_text("utf-8") + "// lkqsum1\n", "utf-8")
    sitemap = gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.replace("lkqid5-mentee", "lkqid2-leaver").encode()))
    index = site / "search" / "search_index.json"
    index.write_text(index.read_text("utf-8").replace("Una LKQNAME4", "Ivy LKQNAME1"), "utf-8")
    (site / "people" / "lkqid3-staff").mkdir()
    (site / "people" / "lkqid3-staff" / "index.html").write_text("", "utf-8")  # found by its path alone
    found = where_found(["LKQSUM1", "LKQID2", "Ivy LKQNAME1", "LKQID3"], output_files(site))
    assert found == {"LKQSUM1": ["assets/growthsite.js"], "LKQID2": ["sitemap.xml.gz"],
                     "Ivy LKQNAME1": ["search/search_index.json"], "LKQID3": ["people/lkqid3-staff/index.html"]}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_only_consenting_people_have_pages(audience: str, sites: dict[str, Path]) -> None:
    expected = {pid for pid, allowed in IDS.items() if audience in allowed}
    assert person_ids(sites[audience]) == expected


@pytest.mark.parametrize("audience", AUDIENCES)
def test_names_and_ids_in_titles_nav_search_and_urls(audience: str, sites: dict[str, Path]) -> None:
    """The places a name or an id hides in besides page text: <title>, the nav, the search index's titles
    and locations, sitemap URLs and every href/src of every page."""
    site = sites[audience]
    pages = html_pages(site)
    titles = [page_title(p) for p in pages.values()]
    nav = " ".join(visible_text(nav) for p in pages.values() for nav in p.select("nav"))
    entries = search_entries(site)
    search_titles = " ".join(e["title"] for e in entries)
    locations = [e["location"] for e in entries]
    urls = sitemap_locs(site) + locations + [u for p in pages.values() for u in urls_in(p)] + list(pages)
    assert titles and nav and urls  # something to look in

    for name, allowed in NAMES.items():
        places = {"page titles": " ".join(titles), "nav": nav, "search titles": search_titles}
        if audience in allowed:
            assert any(t.startswith(f"{name} - ") for t in titles), (name, "has no page titled with it")
            assert name in search_titles, (name, "missing from the search index")
        else:
            leaked = [where for where, text in places.items() if name.lower() in text.lower()]
            assert not leaked, f"{name!r} in the {audience} build's {leaked}"
    sitemap = sitemap_locs(site)
    assert sitemap, "the sitemap lists no URLs"
    for pid, allowed in IDS.items():
        if audience in allowed:
            assert any(f"/people/{pid}/" in loc for loc in sitemap), (pid, "missing from the sitemap")
            assert any(loc.startswith(f"people/{pid}/") for loc in locations), (pid, "not in the search index")
        else:
            leaked_urls = [u for u in urls if pid in u.lower()]
            assert not leaked_urls, f"{pid!r} in URLs of the {audience} build: {leaked_urls[:10]}"


# person → their coach's id as each build shows it (None: no coach shown)
COACHES: dict[str, dict[str, str | None]] = {
    "staff": {"ada-north": None, "ben-south": "ada-north", "lkqid3-staff": None,  # coach has no page
              "lkqid4-showcase": "lkqid3-staff", "lkqid5-mentee": None},  # coach left
    "public": {"ben-south": None, "lkqid4-showcase": None, "lkqid5-mentee": None},  # coaches lack showcase consent
}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_coach_is_shown_only_with_a_page_of_their_own(audience: str, sites: dict[str, Path]) -> None:
    site = sites[audience]
    pages = html_pages(site)
    shown: dict[str, str | None] = {}
    for pid in person_ids(site):
        path = f"people/{pid}/index.html"
        coach = pages[path].select("[data-field=coach]")
        if not coach:
            shown[pid] = None
            continue
        links = coach[0].select("a[href]")
        assert len(links) == 1, (path, str(coach[0]))
        target = resolve(path, str(links[0]["href"]))
        assert target in pages, f"{path}: the coach link {links[0]['href']} leads to no page of this build"
        coach_name = pages[target].select_one("h1.gs-person__name")
        assert coach_name is not None and coach_name.get_text(" ", strip=True).startswith(links[0].get_text()), path
        shown[pid] = target.split("/")[1]
    assert shown == COACHES[audience]


def test_people_without_a_page_are_counted_unnamed(sites: dict[str, Path]) -> None:
    """lkqid1-hidden took part in the review round: counted on the event page, never named."""
    page = html_pages(sites["staff"])["events/review-round-2026/index.html"]
    unnamed = page.select_one("[data-metric=unnamed]")
    assert unnamed is not None and unnamed.get_text().split()[0].isdigit(), str(page.select_one("article"))
    named = [a.get_text() for a in page.select("article a")]
    assert "Una LKQNAME4" in named  # lkqid4-showcase's review, in the same round, is named: a positive control


def test_a_showcase_page_on_the_public_build(sites: dict[str, Path]) -> None:
    """lkqid4-showcase on the careers site: who they are, their story and what they shared publicly."""
    page = html_pages(sites["public"])["people/lkqid4-showcase/index.html"]
    school = page.select_one("[data-field=school]")
    assert school is not None and school.get_text() == "North Primary"
    assert [bool(page.select(s)) for s in (".gs-career", ".gs-story", ".gs-growth", ".gs-timeline")] == [True] * 4
    assert [bool(page.select(s)) for s in (".gs-summary", ".gs-qualifications", ".gs-reflections")] == [False] * 3
