"""User text is data, never code: hostile strings in every free-text field, tried against real builds.

tests/fixtures/hostile/ (laid over the tiny data set) puts script tags, event handlers, javascript: links,
template syntax that mkdocs-macros would run, Markdown that breaks tables and bidirectional controls into
every free-text field of framework/*.yml and of a showcase colleague (hal-hostile, with public records and
a public growth cycle) and their reflections; content/policy.md calls the policy macros so trust-level
fields are shown too. Both audiences are built once for the module and every page is checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, TINY, build, overlay, run
from scan import AUDIENCES, html_pages, output_files, page_title, search_entries, visible_text

HOSTILE_DIR = ROOT / "tests" / "fixtures" / "hostile"
SCHEMAS = Path(str(resources.files("growthsite").joinpath("schemas")))

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    '<a href="javascript:alert(4)">x</a>',
    "{{ config }}",
    "{{ 7*7 }}",
    "{% include 'mkdocs.yml' %}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "a | b\n|---|---|\n| c | d",  # a Markdown table, from a YAML block scalar
)
TEMPLATES_SHOWN = ("{{ config }}", "{{ 7*7 }}", "{% include 'mkdocs.yml' %}")
EVALUATED = ("site_name:", "uid=")
"""What evaluated templates would print: the content of mkdocs.yml, the output of ``id``."""
BIDI_CODES = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# Each data schema and the fixture files it describes. A new schema fails the coverage test until it is
# listed here with a hostile file of its own.
DATA_FILES: dict[str, tuple[str, ...]] = {
    "trust.schema.json": ("framework/trust.yml",),
    "leadership.schema.json": ("framework/leadership.yml",),
    "activities.schema.json": ("framework/activities.yml",),
    "pathways.schema.json": ("framework/pathways.yml",),
    "events.schema.json": ("framework/events.yml",),
    "portfolio.schema.json": ("portfolios/hal-hostile.yml",),
    "growth-cycle.schema.json": (),  # walked through portfolio.schema.json (growth: items)
}
# Free-text fields that need no hostile value, with the reason. Empty: even check-in notes, which are
# never rendered, hold one (so the leak of a note would show as an injection too).
EXCLUDED: dict[tuple[str, tuple[str, ...]], str] = {}

# Markdown fields: the URL of their https link (the mailto is <field>@example.org) → raw HTML written in the
# same paragraph, which must show as text, and the builds that show the field.
MARKDOWN_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "person-summary": ("<script>alert(1)</script>", ("staff",)),
    "person-story": ("<img src=x onerror=alert(2)>", AUDIENCES),
    "person-reflections": ("<b onmouseover=alert(6)>bold</b>", ("staff",)),
    "driver-summary": ("<script>alert(1)</script>", AUDIENCES),
    "step-summary": ('<a href="javascript:alert(4)">x</a>', AUDIENCES),
    "event-summary": ("<script>alert(1)</script>", ("staff",)),  # on the opportunities page: staff only
    "type-summary": ("<img src=x onerror=alert(2)>", ("staff",)),
    "accessibility-tested": ("<img src=x onerror=alert(2)>", AUDIENCES),  # the accessibility statement
    "accessibility-plan": ("<script>alert(1)</script>", AUDIENCES),
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return overlay(TINY, HOSTILE_DIR, tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def sites(data: Path) -> dict[str, Path]:
    return {audience: build(data, data.parent / audience, audience) for audience in AUDIENCES}


@pytest.fixture(scope="module")
def pages(sites: dict[str, Path]) -> dict[str, dict[str, BeautifulSoup]]:
    return {audience: html_pages(site) for audience, site in sites.items()}


# -- the fixture covers every field -------------------------------------------------------------------
def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text("utf-8"))
    return loaded


def free_text_paths(node: dict[str, Any], root: dict[str, Any],
                    path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths (``*`` for any item or key) of strings a user writes freely: no enum, pattern, format or const,
    so ids, dates, links and choices are left out."""
    ref = node.get("$ref")
    rest = {k: v for k, v in node.items() if k != "$ref"}
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        node = {**root["$defs"][ref.removeprefix("#/$defs/")], **rest}
    elif isinstance(ref, str):
        root = _schema(ref)
        node = {**root, **rest}
    types = node.get("type")
    if (types == "string" or (isinstance(types, list) and "string" in types)) and not (
            {"enum", "pattern", "format", "const"} & node.keys()):
        yield path
    for key, child in node.get("properties", {}).items():
        yield from free_text_paths(child, root, (*path, key))
    for key in ("additionalProperties", "items"):
        if isinstance(node.get(key), dict):
            yield from free_text_paths(node[key], root, (*path, "*"))
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key, []):
            yield from free_text_paths(sub, root, path)


def values_at(value: Any, path: tuple[str, ...]) -> Iterator[Any]:
    if not path:
        yield value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        children = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else []
    else:
        children = [value[head]] if isinstance(value, dict) and head in value else []
    for child in children:
        yield from values_at(child, rest)


def is_hostile(text: object) -> bool:
    return isinstance(text, str) and (any(h in text for h in HOSTILE) or BIDI.search(text) is not None)


def _all_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _all_strings(v)


def fixture_strings() -> list[str]:
    """Every string value of the fixture's data files, and its reflections."""
    strings = [HOSTILE_DIR.joinpath("portfolios", "hal-hostile.md").read_text("utf-8")]
    for path in sorted((HOSTILE_DIR / "framework").glob("*.yml")) + sorted((HOSTILE_DIR / "portfolios").glob("*.yml")):
        strings += list(_all_strings(yaml.safe_load(path.read_text("utf-8"))))
    return strings


def uncovered_fields(folder: Path, files: dict[str, tuple[str, ...]]) -> tuple[list[str], list[str]]:
    """(every free-text field of the data schemas, those with no hostile value in ``folder``'s files)."""
    walked, uncovered = [], []
    for name, paths in files.items():
        if not paths:
            continue
        schema = _schema(name)
        values = [yaml.safe_load((folder / f).read_text("utf-8")) for f in paths]
        for path in free_text_paths(schema, schema):
            field = f"{name}: {'.'.join(path)}"
            walked.append(field)
            if (name, path) not in EXCLUDED and not any(
                    is_hostile(v) for value in values for v in values_at(value, path)):
                uncovered.append(field)
    return walked, uncovered


def test_every_free_text_field_holds_a_hostile_value() -> None:
    schemas = {p.name for p in SCHEMAS.glob("*.schema.json")}
    assert schemas == set(DATA_FILES), f"map each data schema to its hostile fixture files: {schemas ^ set(DATA_FILES)}"
    walked, uncovered = uncovered_fields(HOSTILE_DIR, DATA_FILES)
    # the walk reaches nested, referenced and keyed fields
    assert {"portfolio.schema.json: growth.*.success_criteria.*", "leadership.schema.json: strands.*.descriptors.*",
            "trust.schema.json: standards.*.items.*.name", "events.schema.json: *.summary"} <= set(walked), walked
    assert not uncovered, "free-text fields without a hostile value in tests/fixtures/hostile:\n" + "\n".join(uncovered)
    # and the check can fail: the tiny data set's own (harmless) text is not hostile
    _, harmless = uncovered_fields(TINY, {**DATA_FILES, "portfolio.schema.json": ("portfolios/ada-north.yml",)})
    assert "portfolio.schema.json: name" in harmless and "trust.schema.json: name" in harmless


def test_every_hostile_string_is_written_somewhere() -> None:
    strings = fixture_strings()
    assert [h for h in HOSTILE if not any(h in s for s in strings)] == []
    assert [f"U+{c:04X}" for c in BIDI_CODES if not any(chr(c) in s for s in strings)] == []
    assert any(" | " in s and "\n" not in s for s in strings)  # a lone pipe in a one-line title
    raw = "".join(p.read_text("utf-8") for p in (HOSTILE_DIR / "portfolios").iterdir())
    assert BIDI.search(raw), "some bidirectional controls are written raw, not as YAML escapes"


# -- nothing runs ---------------------------------------------------------------------------------------
def _script_problems(page: BeautifulSoup) -> Iterator[str]:
    for el in page.find_all(True):
        if el.name == "script" and ("alert" in el.get_text() or "alert" in str(el.get("src", ""))):
            yield f"script element: {str(el)[:120]}"
        for attr in el.attrs:
            if attr.lower().startswith("on"):
                yield f"{attr} attribute on <{el.name}>: {str(el)[:120]}"
        for attr in ("href", "src", "action"):
            value = el.get(attr)
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                yield f"{attr}={value!r} on <{el.name}>"
        if el.name == "img" and str(el.get("src", "")).strip() == "x":
            yield f"image: {str(el)[:120]}"


def test_the_checks_catch_live_markup_and_broken_tables() -> None:
    """The checks can fail: live markup and a row with a cell too many are reported."""
    page = BeautifulSoup('<p onclick="x"><script>alert(1)</script><a href=" JavaScript:alert(4)">x</a>'
                         '<img src="x"></p><table><tr><th>a</th><th>b</th></tr><tr><td colspan="2">ab</td></tr>'
                         "<tr><td>a</td><td>b</td><td>c</td></tr></table>", "html.parser")
    assert len(list(_script_problems(page))) == 4
    assert [_width(row) for row in page.find_all("tr")] == [2, 2, 3]
    assert len(BIDI.findall("".join(chr(c) for c in BIDI_CODES))) == len(BIDI_CODES) == 9


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_hostile_markup_becomes_markup(audience: str, pages: dict[str, dict[str, BeautifulSoup]]) -> None:
    found = [f"{path}: {problem}" for path, page in pages[audience].items() for problem in _script_problems(page)]
    assert not found, "\n".join(found)
    # positive control: the hostile text is on the page, as text
    person = pages[audience]["people/hal-hostile/index.html"]
    text = visible_text(person)
    for hostile in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '<a href="javascript:alert(4)">x</a>',
                    "[click](javascript:alert(3))"):
        assert hostile in text, hostile


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_link_holding_markup_stays_one_attribute(audience: str, pages: dict[str, dict[str, BeautifulSoup]]) -> None:
    person = pages[audience]["people/hal-hostile/index.html"]
    hrefs = [a["href"] for a in person.select(".gs-timeline__title a")]
    assert hrefs == ["https://example.org/activity?q=<script>alert(1)</script>"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_template_syntax_is_shown_not_run(audience: str, sites: dict[str, Path],
                                          pages: dict[str, dict[str, BeautifulSoup]]) -> None:
    site = pages[audience]
    person = site["people/hal-hostile/index.html"]
    name = person.select_one("h1.gs-person__name")
    assert name is not None and name.get_text().startswith("Hal {{ 7*7 }} <script>alert(1)</script>"), name
    assert page_title(person).startswith("Hal {{ 7*7 }} <script>alert(1)</script>")
    intro = site["people/index.html"].select_one(".gs-directory__intro")
    assert intro is not None and "Larkfield {{ config }} <script>alert(1)</script> Trust" in intro.get_text()
    schools = site["policy/index.html"].select_one(".gs-schools-list")  # a content page that macros renders
    assert schools is not None and "North {% include 'mkdocs.yml' %} Primary" in schools.get_text(), schools
    everything = " ".join(visible_text(page) for page in site.values())
    assert [t for t in TEMPLATES_SHOWN if t not in everything] == []
    evaluated = [(s, f.path) for f in output_files(sites[audience]) for s in EVALUATED if s in f.text]
    assert not evaluated, f"template output in the {audience} build: {evaluated}"


def _width(row: Tag) -> int:
    """Cells in a row, a cell spanning n columns counting n."""
    spans = [cell.get("colspan") for cell in row.find_all(["td", "th"], recursive=False)]
    return sum(int(span) if isinstance(span, str) and span.isdigit() else 1 for span in spans)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_tables_keep_their_shape(audience: str, pages: dict[str, dict[str, BeautifulSoup]]) -> None:
    """A "|" in user text never adds a cell, a row or a table."""
    broken, tables = [], 0
    for path, page in pages[audience].items():
        for table in page.find_all("table"):
            tables += 1
            rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
            if rows and any(_width(row) != _width(rows[0]) for row in rows):
                broken.append(f"{path}: cells per row {[_width(r) for r in rows]} in {str(table)[:200]}")
    assert tables > 10
    assert not broken, "\n".join(broken)
    roles = pages[audience]["people/hal-hostile/index.html"].select_one(".gs-career table")
    assert roles is not None and "a | b |---|---| | c | d" in " ".join(roles.get_text().split())  # shown as text


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("field", MARKDOWN_FIELDS)
def test_markdown_fields_show_html_as_text_and_keep_safe_links(
        field: str, audience: str, pages: dict[str, dict[str, BeautifulSoup]]) -> None:
    raw_html, shown_in = MARKDOWN_FIELDS[field]
    url = f"https://example.org/md/{field}"
    found = [(path, link) for path, page in pages[audience].items() for link in page.select(f'a[href="{url}"]')]
    if audience not in shown_in:
        assert found == [], f"{field} is shown on the {audience} build: {[p for p, _ in found]}"
        return
    assert found, f"{field}: no page of the {audience} build has its https link as a link"
    for path, link in found:
        paragraph = link.find_parent("p")
        assert paragraph is not None, path
        assert paragraph.select(f'a[href="mailto:{field}@example.org"]'), f"{path}: {field} lost its mailto link"
        assert raw_html in paragraph.get_text(), f"{path}: {field} shows {paragraph}"


# -- the toolkit's downloads ---------------------------------------------------------------------------
@pytest.mark.parametrize("audience", ["staff"])  # the careers site has no toolkit
def test_downloads_keep_their_shape(audience: str, sites: dict[str, Path], tiny_site: Path) -> None:
    """Names from trust.yml are notes (comments) in the forms to download: a line break in one must not
    turn the rest of it into YAML the form then holds, or break the file. Each form must read exactly as
    the tiny data set's (the same ids, only harmless names)."""
    downloads = sorted((sites[audience] / "toolkit" / "downloads").glob("*.yml"))
    assert len(downloads) >= 7
    problems = []
    for path in downloads:
        clean = yaml.safe_load((tiny_site / "toolkit" / "downloads" / path.name).read_text("utf-8"))
        try:
            form = yaml.safe_load(path.read_text("utf-8"))
        except yaml.YAMLError as error:
            problems.append(f"{path.name} is no longer YAML: {' '.join(str(error).split())}")
            continue
        if form != clean:
            problems.append(f"{path.name} holds {form!r}, not {clean!r}")
    assert not problems, "\n".join(problems)
    plan = (sites[audience] / "toolkit" / "downloads" / "5-growth-plan.yml").read_text("utf-8")
    assert "Reading {{ 7*7 }} <img src=x onerror=alert(2)>" in plan  # the hostile names did reach the downloads


# -- bidirectional controls ----------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_bidi_controls_are_shown_not_applied(audience: str, sites: dict[str, Path],
                                             pages: dict[str, dict[str, BeautifulSoup]]) -> None:
    raw = [(f.path, sorted({f"U+{ord(c):04X}" for c in BIDI.findall(f.text)}))
           for f in output_files(sites[audience]) if BIDI.search(f.text)]
    assert not raw, f"raw bidirectional controls in the {audience} build: {raw}"
    name = pages[audience]["people/hal-hostile/index.html"].select_one("h1.gs-person__name")
    assert name is not None and "raw[U+202E]text" in name.get_text(), name
    everything = " ".join(visible_text(page) for page in pages[audience].values())
    assert [f"U+{c:04X}" for c in BIDI_CODES if f"[U+{c:04X}]" not in everything] == []


def test_validate_warns_of_bidi_controls(data: Path) -> None:
    result = run("validate", str(data))
    assert result.returncode == 0, result.stderr
    warnings = re.findall(r"^(\S+?):(\d+):(\d+): warning: (.*U\+(20[26][0-9A-F]).*)$", result.stderr, re.MULTILINE)
    named: set[str] = set()
    for path in sorted(p for p in HOSTILE_DIR.rglob("*") if p.suffix in (".yml", ".md") and p.name != "mkdocs.yml"):
        rel = path.relative_to(HOSTILE_DIR).as_posix()
        text = path.read_text("utf-8")
        used = {f"{ord(c):04X}" for s in ([text] if path.suffix == ".md" else list(_all_strings(yaml.safe_load(text))))
                for c in BIDI.findall(s)}
        mine = [(int(line), code) for file, line, _, _, code in warnings if file == rel]
        if used:
            assert mine, f"no warning about the bidirectional controls in {rel}:\n{result.stderr}"
            assert {code for _, code in mine} <= used, (rel, mine, used)
            assert all(1 <= line <= len(text.splitlines()) for line, _ in mine), (rel, mine)
            named |= {code for _, code in mine}
        else:
            assert not mine, (rel, mine)
    name_line = next(i for i, line in enumerate(
        (HOSTILE_DIR / "portfolios/hal-hostile.yml").read_text("utf-8").splitlines(), 1) if line.startswith("name:"))
    assert (name_line, "202E") in [(int(line), code) for file, line, _, _, code in warnings
                                   if file == "portfolios/hal-hostile.yml"], result.stderr
    openers = {"202A", "202B", "202D", "202E", "2066", "2067", "2068"}
    assert openers <= named, f"never named: {sorted(openers - named)}"


# -- the search index ----------------------------------------------------------------------------------
@pytest.mark.parametrize("audience", AUDIENCES)
def test_search_index_holds_no_markup(audience: str, sites: dict[str, Path]) -> None:
    """Material inserts a result's title and text as HTML: both must be inert."""
    found, shown = [], []
    for entry in search_entries(sites[audience]):
        for key in ("title", "text"):
            fragment = BeautifulSoup(entry[key], "html.parser")
            found += [f"{entry['location']} {key}: {p}" for p in _script_problems(fragment)]
            shown.append(fragment.get_text())
    assert not found, "\n".join(found)
    assert any("<script>alert(1)</script>" in text for text in shown)  # indexed, as text
    assert any("{{ 7*7 }}" in text for text in shown)
