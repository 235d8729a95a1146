"""Ids match the whole text, and no id may take the name of a folder's index page (issue 16, item 5).

An id ending in a line break (``id: "ann-lee\\n"``) used to pass the schema, whose ``$`` Python's ``re.search``
lets match before a final line break, and then crashed the build or made a folder ``people/ann-lee\\n/``. A
pathway (or stage, activity type, set of standards) with the id ``index`` silently replaced a folder's page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import run
from growthsite.cli import main
from growthsite.fast_schema import whole_string
from growthsite.schema_check import passes, validator

HINT = "  hint: write just {bare}: a \\n inside quotes, or a | or > block, adds the line break"


def _validate(data: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["validate", str(data)])
    return result.exit_code, [line for line in result.stderr.splitlines() if not line.startswith("ok: ")]


def test_a_pathway_id_ending_in_a_line_break_is_refused_where_it_is(tiny: Path) -> None:
    pathways = tiny / "framework" / "pathways.yml"
    pathways.write_text(pathways.read_text("utf-8").replace("{id: classroom,", '{id: "classroom\\n",'), "utf-8")
    code, lines = _validate(tiny)
    assert code == 1
    assert lines == [
        "framework/pathways.yml:6:10: error: the id ends with a line break: 'classroom\\n' (in pathways[1].id)",
        HINT.format(bare="classroom"),
        "1 error, 0 warnings",
    ]


def test_a_person_id_from_a_block_and_a_reference_with_a_line_break(tiny: Path) -> None:
    (tiny / "portfolios" / "ann-lee.yml").write_text("id: |\n  ann-lee\nname: Ann Lee\nschool: hub\n", "utf-8")
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8").replace("pathway: classroom", 'pathway: "classroom\\n"'), "utf-8")
    code, lines = _validate(tiny)
    assert code == 1
    assert lines == [
        "portfolios/ann-lee.yml:1:5: error: the id ends with a line break: 'ann-lee\\n'",
        HINT.format(bare="ann-lee"),
        "portfolios/ben-south.yml:4:10: error: pathway ends with a line break: 'classroom\\n'",
        HINT.format(bare="classroom"),
        "2 errors, 0 warnings",
    ]


def test_the_build_refuses_it_without_a_traceback_or_a_folder(tiny: Path, tmp_path: Path) -> None:
    (tiny / "portfolios" / "ann-lee.yml").write_text('id: "ann-lee\\n"\nname: Ann Lee\nschool: hub\n', "utf-8")
    result = run("build", str(tiny), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "portfolios/ann-lee.yml:1:5: error: the id ends with a line break: 'ann-lee\\n'" in result.stderr
    assert "nothing was built" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_both_schema_checks_refuse_a_final_line_break() -> None:
    """The fast check and jsonschema agree: ``$`` is the end of the text, as in JSON Schema's ECMA-262."""
    person = {"id": "ann-lee\n", "name": "Ann Lee", "school": "hub"}
    assert not passes(person, "portfolio")
    assert [e.validator for e in validator("portfolio").iter_errors(person)] == ["pattern"]
    fine = {**person, "id": "ann-lee"}
    assert passes(fine, "portfolio") and list(validator("portfolio").iter_errors(fine)) == []


@pytest.mark.parametrize(("pattern", "python"), [
    ("^[a-z0-9]+(-[a-z0-9]+)*$", "^[a-z0-9]+(-[a-z0-9]+)*\\Z"),
    ("^[$]x$", "^[$]x\\Z"),  # a $ in a class is a dollar sign
    ("^\\$[0-9]+$", "^\\$[0-9]+\\Z"),  # so is an escaped one
    ("^[^\\]$]+$", "^[^\\]$]+\\Z"),  # an escaped ] does not end the class
])
def test_whole_string(pattern: str, python: str) -> None:
    assert whole_string(pattern) == python


# -- reserved ids: one case per kind of page ------------------------------------------------------------------
def _insert(path: Path, before: str | None, text: str) -> None:
    """``text`` put in front of the line ``before`` (None: at the end of the file)."""
    old = path.read_text("utf-8")
    path.write_text(old + text if before is None else old.replace(before, text + before, 1), "utf-8")


FOLDER_PAGE = "every {what} has a page in {folder} named by its id, and the page named index is that folder's own " \
              "page: choose another id"
LIST_PAGE = "its page would replace the page that lists every {what}: choose another id"

KINDS = {
    # kind: (file, insert before, text, line:col, hint)
    "school": ("framework/trust.yml", "drivers:\n", "  - {id: index, name: Index School, phase: primary}\n", "10:10",
               LIST_PAGE.format(what="school")),
    "standards set": ("framework/trust.yml", "accessibility:\n",
                      "  - id: index\n    name: Index standards\n    items:\n      - {id: s1, name: Something}\n",
                      "18:9", FOLDER_PAGE.format(what="standards set", folder="toolkit/standards/")),
    "strand": ("framework/leadership.yml", None,
               "  - id: index\n    name: Index\n    kind: skill\n    descriptors: {1: a, 2: b, 3: c, 4: d}\n", "32:9",
               LIST_PAGE.format(what="strand")),
    "activity type": ("framework/activities.yml", None, "- {id: index, name: Index}\n", "15:8",
                      FOLDER_PAGE.format(what="activity type", folder="people/type/")),
    "stage": ("framework/pathways.yml", "pathways:\n", "  - {id: index, name: Index}\n", "5:10",
              FOLDER_PAGE.format(what="stage", folder="people/stage/")),
    "pathway": ("framework/pathways.yml", None, "  - {id: index, name: Into the index, stages: [ta, teacher]}\n",
                "7:10", LIST_PAGE.format(what="pathway")),
    "event": ("framework/events.yml", None, "- {id: index, kind: course, title: A course, date: 2025-01-18}\n",
              "9:8", LIST_PAGE.format(what="event")),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_index_cannot_be_the_id_of_a_page(tiny: Path, kind: str) -> None:
    name, before, text, where, hint = KINDS[kind]
    _insert(tiny / name, before, text)
    code, lines = _validate(tiny)
    article = "an" if kind[0] in "aeiou" else "a"
    assert (code, lines) == (1, [f"{name}:{where}: error: 'index' cannot be {article} {kind} id", f"  hint: {hint}",
                                 "1 error, 0 warnings"])


def test_index_cannot_be_a_person_id(tiny: Path) -> None:
    (tiny / "portfolios" / "index.yml").write_text("id: index\nname: In Dex\nschool: hub\n", "utf-8")
    assert _validate(tiny) == (1, [
        "portfolios/index.yml:1:5: error: 'index' cannot be a person id",
        "  hint: it names a page of the people directory: add a surname, such as index-smith",
        "1 error, 0 warnings",
    ])


def test_a_pathway_called_index_no_longer_replaces_the_pathways_index(tiny: Path, tmp_path: Path) -> None:
    """The finding as reported: the build is refused instead of publishing a pathway as the list of pathways."""
    _insert(tiny / "framework" / "pathways.yml", None, "  - {id: index, name: Into the index, stages: [ta, teacher]}\n")
    result = run("build", str(tiny), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "framework/pathways.yml:7:10: error: 'index' cannot be a pathway id" in result.stderr
    assert not (tmp_path / "site").exists()
