"""Deny by default: a public build of the staff pages folder publishes only the pages marked public (issue 16,
item 4). Before, ``growthsite build --audience public`` without mkdocs.public.yml published every hand-written
staff page and file (the policy, its downloads) with their text in the search index.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import TINY, build, run, soup_of
from growthsite.public_pages import left_out_message, linked, marked_public, pages_need_marking

STAFF_TEXT = "PAYSCALE-STAFF-ONLY-7731"
PUBLIC_TEXT = "WORKING-HERE-PUBLIC-4410"
MARKED = "---\naudience: public\n---\n"
NAV = """site_url: https://careers.example/
nav:
  - Home: index.md
  - Policy:
      - policy/index.md
      - Pay: policy/pay.md
  - Working here: about/index.md
  - People: people/index.md
"""


def _staff_and_public_pages(data: Path) -> Path:
    """The tiny data set (its home page is marked public) with two staff pages, a page whose front matter says
    staff, a public page with an image, and files nobody public links to."""
    content = data / "content"
    (content / "policy").mkdir()
    (content / "policy" / "index.md").write_text(f"# Policy\n\n{STAFF_TEXT}\n\n![Scale](scale.png)\n", "utf-8")
    (content / "policy" / "scale.png").write_bytes(b"staff image")
    (content / "policy" / "pay.md").write_text(f"---\ntitle: Pay\naudience: staff\n---\n# Pay\n\n{STAFF_TEXT}\n")
    (content / "about").mkdir()
    (content / "about" / "index.md").write_text(
        f"{MARKED}# Working here\n\n{PUBLIC_TEXT}\n\n![Our team](../img/team.png)\n", "utf-8")
    (content / "img").mkdir()
    (content / "img" / "team.png").write_bytes(b"public image")
    (content / "img" / "minutes.pdf").write_bytes(b"staff file")
    config = data / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + NAV, "utf-8")
    return data


@pytest.fixture(scope="module")
def careers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    base = tmp_path_factory.mktemp("deny")
    data = _staff_and_public_pages(Path(shutil.copytree(TINY, base / "data")))
    result = run("build", str(data), "--audience", "public", "--site-dir", str(base / "site"))
    assert result.returncode == 0, result.stderr
    yield base / "site", result.stderr


def test_the_build_says_in_one_line_what_it_left_out(careers: tuple[Path, str]) -> None:
    _, stderr = careers
    assert stderr.splitlines()[0] == (
        "left out of the careers site 2 pages without audience: public in their front matter: policy/index.md, "
        "policy/pay.md; and 2 files no published page links to")


def test_only_marked_pages_and_their_files_are_written(careers: tuple[Path, str]) -> None:
    site, _ = careers
    assert (site / "about" / "index.html").is_file() and (site / "index.html").is_file()
    assert (site / "img" / "team.png").read_bytes() == b"public image"
    assert not (site / "policy").exists()
    assert not (site / "img" / "minutes.pdf").exists()
    assert (site / "people" / "ben-south" / "index.html").is_file()  # the generated public pages are all there
    leaked = [str(p.relative_to(site)) for p in site.rglob("*")
              if p.is_file() and STAFF_TEXT.encode() in p.read_bytes()]
    assert leaked == []


def test_left_out_pages_are_not_searched_mapped_or_in_the_nav(careers: tuple[Path, str]) -> None:
    site, _ = careers
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert "about/" in locations and not [loc for loc in locations if loc.startswith("policy")]
    assert PUBLIC_TEXT in json.dumps(index) and STAFF_TEXT not in json.dumps(index)
    urls = [loc.text or "" for loc in ET.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://careers.example/about/" in urls and not any("policy" in u for u in urls)
    home = soup_of(site)("index.html")
    tabs = [a.get_text(strip=True) for a in home.select(".md-nav--primary > .md-nav__list > li > a, "
                                                          ".md-nav--primary > .md-nav__list > li > label")]
    assert "Working here" in tabs and "People" in tabs and "Policy" not in tabs and "Pay" not in tabs


def test_the_staff_build_is_unchanged(tmp_path: Path) -> None:
    data = _staff_and_public_pages(Path(shutil.copytree(TINY, tmp_path / "data")))
    result = run("build", str(data), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "left out" not in result.stderr
    site = tmp_path / "site"
    assert STAFF_TEXT in (site / "policy" / "index.html").read_text("utf-8")
    assert (site / "policy" / "pay" / "index.html").is_file() and (site / "img" / "minutes.pdf").is_file()


def test_a_public_page_linking_to_a_left_out_page_fails_the_build(tiny: Path, tmp_path: Path) -> None:
    """A careers page must not lead to a page that is not there: the link is reported, as any broken one is."""
    (tiny / "content" / "policy.md").write_text(f"# Policy\n\n{STAFF_TEXT}\n", "utf-8")
    home = tiny / "content" / "index.md"
    home.write_text(home.read_text("utf-8") + "\nRead [our policy](policy.md).\n", "utf-8")
    result = run("build", str(tiny), "--audience", "public", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert ("WARNING: Doc file 'index.md' contains a link 'policy.md', but the target is not found among "
            "documentation files.") in result.stderr
    assert ("left out of the careers site 1 page without audience: public in their front matter: policy.md"
            in result.stderr)
    assert not (tmp_path / "site").exists()


CAREERS = "INHERIT: mkdocs.yml\nsite_name: Careers\ndocs_dir: careers\nsite_dir: site-public\n"


def test_a_careers_config_with_its_own_pages_is_built_whole(tiny: Path, tmp_path: Path) -> None:
    (tiny / "mkdocs.public.yml").write_text(CAREERS, "utf-8")
    (tiny / "careers").mkdir()
    (tiny / "careers" / "index.md").write_text(f"# Careers\n\n{PUBLIC_TEXT}\n", "utf-8")  # not marked
    (tiny / "careers" / "brochure.pdf").write_bytes(b"careers file")  # linked from nowhere
    result = run("build", str(tiny), "--audience", "public", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "left out" not in result.stderr
    assert PUBLIC_TEXT in (tmp_path / "site" / "index.html").read_text("utf-8")
    assert (tmp_path / "site" / "brochure.pdf").read_bytes() == b"careers file"


def test_a_careers_config_sharing_the_staff_pages_builds_only_marked_ones(tiny: Path, tmp_path: Path) -> None:
    (tiny / "mkdocs.public.yml").write_text("INHERIT: mkdocs.yml\nsite_name: Careers\n", "utf-8")
    (tiny / "content" / "policy.md").write_text(f"# Policy\n\n{STAFF_TEXT}\n", "utf-8")
    site = build(tiny, tmp_path / "site", "public")
    assert not (site / "policy").exists() and (site / "index.html").is_file()


# -- the parts, on their own ------------------------------------------------------------------------------------
def test_which_configurations_need_marked_pages(tiny: Path) -> None:
    assert pages_need_marking(str(tiny / "mkdocs.yml"), str(tiny / "content"))
    (tiny / "mkdocs.public.yml").write_text(CAREERS, "utf-8")
    assert not pages_need_marking(str(tiny / "mkdocs.public.yml"), str(tiny / "careers"))
    assert pages_need_marking(str(tiny / "mkdocs.public.yml"), str(tiny / "content"))  # the staff pages
    assert pages_need_marking(str(tiny / "careers.yml"), str(tiny / "careers"))  # not a careers config


@pytest.mark.parametrize(("text", "public"), [
    (MARKED + "# Page\n", True),
    ("\ufeff---\r\naudience: public\r\n---\r\n# Page\r\n", True),  # a byte order mark, Windows line ends
    ("---\ntitle: Jobs\naudience: public\n...\n# Page\n", True),
    ("---\naudience: staff\n---\n# Page\n", False),
    ("---\naudience: [public]\n---\n# Page\n", False),
    ("# Page\n\naudience: public\n", False),  # not front matter
    ("---\naudience: public\n# Page, with no end to the block\n", False),
    ("---\naudience: [public\n---\n# Page\n", False),  # broken YAML
    ("---\n!!python/object/apply:os.system [echo]\n---\n", False),  # read safely
])
def test_marked_public(tmp_path: Path, text: str, public: bool) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(text.encode("utf-8"))
    assert marked_public(str(page)) is public


def test_marked_public_on_a_missing_or_undecodable_page(tmp_path: Path) -> None:
    assert not marked_public(str(tmp_path / "none.md"))
    (tmp_path / "latin.md").write_bytes("---\naudience: public\n---\n# Caf\xe9\n".encode("latin-1"))
    assert marked_public(str(tmp_path / "latin.md"))  # the front matter is plain: the page says so


def test_linked_resolves_against_the_page() -> None:
    html = ('<p><img src="../img/a%20b.png" srcset="../img/s.png 1x, ../img/l.png 2x"><a href="#top">x</a>'
            '<a href="https://example.org/c.pdf">y</a><a href="files/d.pdf?v=1#p2">z</a><a href="/root.pdf">r</a>'
            '<video poster="p.jpg"></video></p>')
    assert linked(html, "about/") == {"img/a b.png", "img/s.png", "img/l.png", "about/files/d.pdf", "root.pdf",
                                      "about/p.jpg"}
    assert linked('<img src="img/a.png">', "") == {"img/a.png"}
    assert linked('<img src="a.png">', "about.html") == {"a.png"}


def test_left_out_message_shortens_a_long_list() -> None:
    pages = [f"policy/{n}.md" for n in "gfedcba"]
    assert left_out_message(pages, 1) == (
        "left out of the careers site 7 pages without audience: public in their front matter: policy/a.md, "
        "policy/b.md, policy/c.md, policy/d.md, policy/e.md and 2 more; and 1 file no published page links to")
    assert left_out_message([], 3) == "left out of the careers site 3 files no published page links to"
    assert left_out_message([], 0) is None


def test_a_published_page_keeps_its_image(careers: tuple[Path, str]) -> None:
    site, _ = careers
    page = BeautifulSoup((site / "about" / "index.html").read_text("utf-8"), "html.parser")
    img = page.select_one("article img")
    assert img is not None and img["src"] == "../img/team.png"
