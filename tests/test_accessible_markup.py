"""Accessible markup in the built demo sites, read with BeautifulSoup so it is checked without a browser:
the framework table's group headings, and the plugin's repairs to Material's markup (growthsite.material_html)
on every page of both builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build, soup_of
from growthsite.material_html import repaired


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("markup-public") / "site", "public")


@pytest.fixture(scope="module")
def sites(demo_site: Path, public_site: Path) -> dict[str, Path]:
    return {"staff": demo_site, "public": public_site}


def pages(site: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield str(path.relative_to(site)), BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_the_framework_tables_group_headings_head_their_rows(audience: str, sites: dict[str, Path]) -> None:
    """Reported: the group headings (Attitudes, Behaviours, Skills) had scope="colgroup", but they head rows."""
    table = soup_of(sites[audience])("framework/index.html").select_one(".gs-framework table")
    assert table.select("[scope=colgroup]") == []
    groups = table.select("tbody > tr.gs-framework__group > th")
    assert [(th.get_text(), th["scope"]) for th in groups] == [
        ("Attitudes", "rowgroup"), ("Behaviours", "rowgroup"), ("Skills", "rowgroup")]
    for th in groups:  # first in its tbody, so it heads that group's rows and no other
        assert th.find_parent("tr") is th.find_parent("tbody").find("tr")
        assert th.find_previous_sibling() is None
    assert [th["scope"] for th in table.select("tbody tr:not(.gs-framework__group) > th")] == ["row"] * 10  # strands


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_every_label_on_every_page_is_for_a_control_that_exists(audience: str, sites: dict[str, Path]) -> None:
    """Reported: on /policy/ and /toolkit/ the sidebar's "Table of contents" label was for no control."""
    missing = []
    for name, page in pages(sites[audience]):
        ids = {tag["id"] for tag in page.select("[id]")}
        missing += [f"{name}: label for {label['for']}" for label in page.select("label[for]")
                    if label["for"] not in ids]
    assert missing == []


@pytest.mark.parametrize("path", ["policy/index.html", "toolkit/index.html"])
def test_a_sections_own_page_has_its_contents_in_the_menu(path: str, demo_site: Path) -> None:
    page = soup_of(demo_site)(path)
    entry = page.select_one("nav.md-nav--primary li.gs-index-toc")
    assert entry is not None
    assert entry.find_parent("ul")["class"] == ["md-nav__list"]
    assert entry.find_parent("li")["class"][:2] == ["md-nav__item", "md-nav__item--active"]  # in its section
    assert entry.select_one("input#__toc")["type"] == "checkbox"
    assert entry.select_one("label[for=__toc]").get_text(strip=True) == page.select_one(
        ".md-nav__container > a.md-nav__link--active").get_text(strip=True)
    sidebar = page.select_one(".md-sidebar--secondary nav.md-nav--secondary")
    assert [a["href"] for a in entry.select("nav.md-nav--secondary a")] == [a["href"] for a in sidebar.select("a")]
    assert len(page.select("#__toc")) == 1


def test_a_page_with_no_contents_keeps_no_unnamed_contents_checkbox(demo_site: Path) -> None:
    """HTML_CodeSniffer found Material's contents checkbox, unlabelled, on pages with nothing to list."""
    page = soup_of(demo_site)("dashboard/index.html")
    assert page.select("label[for=__toc]") == []
    assert page.select("#__toc") == []


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_the_search_dialog_has_a_name_on_every_page(audience: str, sites: dict[str, Path]) -> None:
    """Reported: the search dialog had no accessible name."""
    unnamed = []
    for name, page in pages(sites[audience]):
        dialogs = page.select("[role=dialog]")
        if [d.get("aria-label") for d in dialogs] != ["Search"] or dialogs[0]["class"] != ["md-search"]:
            unnamed.append(name)
    assert unnamed == []


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_the_header_buttons_are_buttons_on_every_page(audience: str, sites: dict[str, Path]) -> None:
    """Reported: the header's menu button was a label with role="button", which ARIA does not allow."""
    wrong = []
    for name, page in pages(sites[audience]):
        header = page.select_one("header.md-header")
        buttons = [(b["type"], b["data-gs-toggle"], b["aria-label"], b["aria-expanded"], b.has_attr("hidden"))
                   for b in header.select("button.md-header__button")]
        if buttons != [("button", "__drawer", "Menu", "false", True), ("button", "__search", "Search", "false", True)]:
            wrong.append(f"{name}: {buttons}")
        if page.select("[role=button]") or page.select("label[role]"):
            wrong.append(f"{name}: a role on a label")
        if len(header.select("label.md-header__button[for=__drawer]")) != 1:  # the menu without JavaScript
            wrong.append(f"{name}: no label for the menu")
    assert wrong == []


def test_growthsite_js_gives_no_label_a_role() -> None:
    script = (ROOT / "src" / "growthsite" / "render" / "templates" / "growthsite.js").read_text("utf-8")
    assert 'setAttribute("role", "button")' not in script


def test_material_sections_labels_lose_their_empty_tabindex(demo_site: Path) -> None:
    """The Nu HTML checker: Material writes tabindex="" on a section's label, not a valid value."""
    assert 'tabindex=""' not in (demo_site / "toolkit" / "index.html").read_text("utf-8")


def test_the_repairs_leave_a_page_without_materials_markup_unchanged() -> None:
    page = ('<html><body><label for="x">X</label><input id="x"><div role="dialog">d</div>'
            '<label class="md-header__button" for="__drawer">m</label></body></html>')
    assert repaired(page) == page


@pytest.mark.parametrize("path", ["index.html", "policy/index.html", "toolkit/growth-plan/index.html", "404.html",
                                  "dashboard/index.html"])
def test_a_repaired_page_is_left_as_it_is_by_a_second_repair(path: str, demo_site: Path) -> None:
    text = (demo_site / path).read_text("utf-8")
    assert repaired(text) == text
