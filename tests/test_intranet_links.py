"""Links to the trust's intranet stay off the careers site (issue 16: a public record's link to the intranet was
published there). ``trust.yml``'s ``intranet_hosts`` names the intranet; validate warns where a public record
links to it, and the careers build shows the record without the link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import ROOT, build
from growthsite.cli import main
from growthsite.intranet import on_hosts
from growthsite.project import load
from growthsite.render.markdown import render_markdown
from growthsite.site import Site

STORY = (
    "story: |\n"
    "  I started as a teaching assistant and trained on the job.\n"
    "  My [questioning slides](https://intranet.larkfield.example/english/questioning) are on the staff site,\n"
    "  and the notes at https://INTRANET.larkfield.example/english/notes. The exam board's are at\n"
    "  <https://www.exams.example/english>.\n"
)
ACTIVITIES = (
    "  - type: trust-training\n    role: lead\n    title: Oracy toolkit\n    date: 2025-06-10\n"
    "    link: https://docs.intranet.larkfield.example/oracy\n    visibility: public\n"
    "  - type: trust-training\n    role: lead\n    title: Reading for pleasure\n    date: 2025-03-10\n"
    "    link: https://www.larkfield.example/reading\n    visibility: public\n"
    "  - type: trust-training\n    role: lead\n    title: Staff-only slides\n    date: 2025-02-10\n"
    "    link: https://intranet.larkfield.example/slides\n"
)
"""Ben's new records: a public one linking to a subdomain of the intranet (line 27), a public one linking to
the trust's public website, and a staff one linking to the intranet."""


@pytest.fixture
def linked(tiny: Path) -> Path:
    """The tiny trust with an intranet, and Ben (showcase consent) linking to it from public records."""
    trust = tiny / "framework" / "trust.yml"
    trust.write_text(trust.read_text("utf-8").replace(
        "public_min_count: 3\n", "public_min_count: 3\nintranet_hosts: [intranet.larkfield.example]\n"), "utf-8")
    ben = tiny / "portfolios" / "ben-south.yml"
    text = ben.read_text("utf-8").replace("story: I started as a teaching assistant and trained on the job.\n", STORY)
    ben.write_text(text.replace("growth:\n", ACTIVITIES + "growth:\n"), "utf-8")
    return tiny


def test_validate_warns_at_each_public_link_to_the_intranet(linked: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(linked)])
    assert result.exit_code == 0
    assert result.output.splitlines()[:7] == [
        "portfolios/ben-south.yml:10:27: warning: the career story gives an address on the staff intranet "
        "(https://intranet.larkfield.example/english/questioning): the careers site shows the story without it",
        "  hint: give a page anyone can open instead, or leave the address out",
        "portfolios/ben-south.yml:11:20: warning: the career story gives an address on the staff intranet "
        "(https://INTRANET.larkfield.example/english/notes): the careers site shows the story without it",
        "  hint: give a page anyone can open instead, or leave the address out",
        "portfolios/ben-south.yml:27:11: warning: this public activity links to the staff intranet "
        "(docs.intranet.larkfield.example): the careers site shows the activity without the link",
        "  hint: link to a page anyone can open, such as one on the trust's public website, or make the activity "
        "visibility: staff to keep it on the intranet",
        "0 errors, 3 warnings",
    ]


def test_the_careers_site_shows_the_records_without_the_links(linked: Path) -> None:
    site = build(linked, linked / "careers", "public")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            assert "intranet.larkfield" not in path.read_text("utf-8").lower(), path
    page = BeautifulSoup((site / "people" / "ben-south" / "index.html").read_text("utf-8"), "html.parser")
    titles = {t.get_text(strip=True): t.select_one("a") for t in page.select(".gs-timeline__title")}
    assert titles["Oracy toolkit"] is None  # shown, not linked
    reading = titles["Reading for pleasure"]
    assert reading is not None and reading["href"] == "https://www.larkfield.example/reading"
    assert "Staff-only slides" not in titles
    story = page.select_one(".gs-story")
    assert story is not None
    assert " ".join(story.get_text(" ").split()) == (
        "Career story I started as a teaching assistant and trained on the job. My questioning slides are on the "
        "staff site, and the notes at the staff intranet. The exam board's are at https://www.exams.example/english .")
    assert [a["href"] for a in story.select("a")] == ["https://www.exams.example/english"]


def test_the_staff_site_keeps_the_links(linked: Path) -> None:
    site = build(linked, linked / "intranet")
    page = BeautifulSoup((site / "people" / "ben-south" / "index.html").read_text("utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.select("a[href]")}
    assert {"https://docs.intranet.larkfield.example/oracy", "https://intranet.larkfield.example/slides",
            "https://intranet.larkfield.example/english/questioning"} <= hrefs


@pytest.mark.parametrize("form", ["json", "json-resume"])
def test_a_public_export_leaves_the_intranet_out_too(linked: Path, form: str) -> None:
    public = CliRunner().invoke(main, ["export", "ben-south", str(linked), "--audience", "public", "--format", form])
    assert public.exit_code == 0, public.output
    assert "intranet.larkfield" not in public.output.lower()
    if form == "json":
        data = json.loads(public.output)
        assert {a["title"]: a["link"] for a in data["activities"]}["Oracy toolkit"] is None
        assert data["story"].splitlines()[1:3] == [
            "My questioning slides are on the staff site,",
            "and the notes at the staff intranet. The exam board's are at",
        ]
    staff = CliRunner().invoke(main, ["export", "ben-south", str(linked), "--format", form])
    assert "https://docs.intranet.larkfield.example/oracy" in staff.output


def test_a_host_in_trust_yml_is_a_host_name(linked: Path) -> None:
    trust = linked / "framework" / "trust.yml"
    trust.write_text(trust.read_text("utf-8").replace(
        "intranet_hosts: [intranet.larkfield.example]", "intranet_hosts: [https://intranet.larkfield.example/]"),
        "utf-8")
    result = CliRunner().invoke(main, ["validate", str(linked)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "framework/trust.yml:6:18: error: 'https://intranet.larkfield.example/' is not a host name: write the name "
        "alone, such as intranet.your-trust.org.uk, without https:// or a path (in intranet_hosts[1])")


def test_a_host_is_matched_whole_or_as_a_subdomain() -> None:
    hosts = ("intranet.trust.org",)
    assert on_hosts("https://intranet.trust.org/x", hosts)
    assert on_hosts("http://files.intranet.trust.org", hosts)
    assert on_hosts("https://Intranet.Trust.Org:8443/x?y=1", hosts)
    assert on_hosts("https://someone@intranet.trust.org./x", hosts)
    assert not on_hosts("https://myintranet.trust.org/x", hosts)
    assert not on_hosts("https://intranet.trust.org.evil.example/x", hosts)
    assert not on_hosts("https://trust.org/intranet.trust.org", hosts)
    assert not on_hosts("https://intranet.trust.org/x", ())


def test_markdown_on_the_careers_site_neither_links_to_nor_names_the_intranet() -> None:
    """The trust's own Markdown (a driver's summary, a cycle step) goes through the same filter as a story."""
    text = ("Read [the policy](https://intranet.trust.org/policy \"Policy\"), <https://files.intranet.trust.org/a>"
            " or https://intranet.trust.org/b, not [ours](https://www.trust.org/p).")
    html = str(render_markdown(text, ("intranet.trust.org",)))
    assert html == ('<p>Read <span>the policy</span>, <span>the staff intranet</span> or the staff intranet, not '
                    '<a href="https://www.trust.org/p" rel="nofollow noopener">ours</a>.</p>')
    assert "https://intranet.trust.org/policy" in str(render_markdown(text))  # the staff site's filter


def test_the_demo_names_its_intranet_and_publishes_no_link_to_it() -> None:
    """The demo's public Think Tank toolkits link to the trust's website; Samuel's staff one stays on the intranet."""
    loaded = load(str(ROOT))
    assert loaded.model is not None and loaded.model.trust.intranet_hosts == ("intranet.severnvale.example.org",)
    assert not [p.format() for p in loaded.problems.items if "intranet" in p.message]
    careers = Site(loaded, "public").view
    links = [a.link for p in careers.people for a in p.activities if a.link]
    assert links and not [link for link in links if "intranet" in link]
    staff = Site(loaded, "staff").view.person("samuel-adeyemi")
    assert staff is not None
    assert "https://intranet.severnvale.example.org/toolkits/belonging" in {a.link for a in staff.activities}
