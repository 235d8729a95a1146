"""`growthsite import`: spreadsheet rows in, portfolios edited as text, all or nothing, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, TINY, run
from growthsite import importer
from growthsite.problems import Problems
from growthsite.read import parse_yaml
from growthsite.yaml_text import Refused, append_to_list

HEADER = ["person", "type", "role", "title", "date", "from", "to", "reach", "schools", "audience", "event",
          "evidences", "link", "visibility"]

# Every column used at least once; a title that YAML would misread unquoted; a private row.
GOOD = [
    ["ada-north", "trust-training", "lead", "Phonics: the next steps", "2026-10-16", "", "", "trust", "",
     "42", "inset-2025-10", "curiosity", "https://example.org/phonics", "staff"],
    ["ada-north", "think-tank", "member", "Writing", "", "2026-09-07", "2027-07-16", "", "north-primary; south-academy",
     "", "", "", "", "private"],
    ["ben-south", "peer-review", "reviewer", "no", "2026-11-02", "", "", "other-schools", "north-primary", "", "",
     "", "", "public"],
]

ADA_ADDED = """\
  - type: trust-training
    role: lead
    title: "Phonics: the next steps"
    event: inset-2025-10
    date: 2026-10-16
    reach: trust
    audience: 42
    evidences: [curiosity]
    link: https://example.org/phonics
    visibility: staff
  - type: think-tank
    role: member
    title: Writing
    from: 2026-09-07
    to: 2027-07-16
    schools: [north-primary, south-academy]
    visibility: private
"""


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def write_xlsx(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """As a spreadsheet program saves it: real date cells, numbers as numbers, title-case headers."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([name.title() for name in header])
    for row in rows:
        cells: list[object] = []
        for name, text in zip(header, row, strict=True):
            if name in ("date", "from", "to") and _is_date(text):
                cells.append(dt.datetime.fromisoformat(text))
            elif name == "audience" and text.isdigit():
                cells.append(float(text))
            else:
                cells.append(text or None)
        sheet.append(cells)
    book.save(path)
    return path


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False  # typed as text, as a spreadsheet keeps what it cannot read as a date
    return True


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_clean_import_adds_the_rows_and_a_second_import_changes_nothing(tiny: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "rows.csv", GOOD)
    ada_before = (tiny / "portfolios" / "ada-north.yml").read_text("utf-8")
    result = run("import", str(sheet), str(tiny))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "portfolios/ada-north.yml: added 2 activities (rows 2-3)",
        "portfolios/ben-south.yml: added 1 activity (row 4)",
        "added 3 activities to 2 portfolios",
    ]
    ada = (tiny / "portfolios" / "ada-north.yml").read_text("utf-8")
    cut = ada_before.index("growth:")  # the new items go at the end of activities:, before growth:
    assert ada == ada_before[:cut] + ADA_ADDED + ada_before[cut:]
    assert '    title: "no"\n' in (tiny / "portfolios" / "ben-south.yml").read_text("utf-8")
    assert run("validate", str(tiny)).returncode == 0

    before = snapshot(tiny)
    again = run("import", str(sheet), str(tiny))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "portfolios/ada-north.yml: already has rows 2-3",
        "portfolios/ben-south.yml: already has row 4",
        f"nothing to add from {sheet}; 3 rows were already there",
    ]
    assert snapshot(tiny) == before


def test_an_xlsx_import_writes_exactly_what_the_same_csv_writes(tiny: Path, tmp_path: Path) -> None:
    other = shutil.copytree(tiny, tmp_path / "other")
    assert run("import", str(write_csv(tmp_path / "rows.csv", GOOD)), str(tiny)).returncode == 0
    result = run("import", str(write_xlsx(tmp_path / "rows.xlsx", GOOD)), str(other))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "added 3 activities to 2 portfolios"
    assert snapshot(other) == snapshot(tiny)


BAD = [
    ["ada-nort", "trust-training", "lead", "Unknown person", "2026-10-16", *[""] * 9],
    ["ada-north", "trust-training", "lead", "Bad date", "2026-02-30", *[""] * 9],
    ["ada-north", "think-tnak", "lead", "Unknown type", "2026-10-16", *[""] * 9],
    ["ada-north", "trust-training", "lead", "Twice", "2026-10-16", *[""] * 9],
    ["ada-north", "trust-training", "lead", "Twice", "2026-10-16", *[""] * 9],
    ["ada-north", "trust-training", "lead", "Phonics for new colleagues", "2025-10-17", "", "", "trust", "", "35",
     "inset-2025-10", "", "", ""],
    ["Ben South", "trust-training", "lead", "A name, not an id", "17/10/2026", *[""] * 9],
]

BAD_MESSAGES = [  # BAD comes after the three GOOD rows: rows 5 to 11
    "{f}:5:1: error: unknown person 'ada-nort'",
    "  hint: did you mean 'ada-north'?",
    "{f}:6:5: error: '2026-02-30' is not a real date",
    "  hint: check the month and the day",
    "{f}:7:2: error: unknown activity type 'think-tnak'",
    "  hint: did you mean 'think-tank'?",
    "{f}:9:1: error: row 9 repeats row 8 (same person, type, title and date)",
    "  hint: delete one of the two rows",
    "{f}:10:1: error: row 10 is the record at portfolios/ada-north.yml:12 (same person, type, title and date) "
    "but differs in audience (30 in the portfolio, 35 here)",
    "  hint: import never changes a record: correct portfolios/ada-north.yml by hand, or make the row match it",
    "{f}:11:1: error: unknown person 'Ben South'",
    "  hint: the person column holds ids: Ben South's is ben-south",
    "{f}:11:5: error: date '17/10/2026' is not written year-month-day",
    "  hint: if it means day 17 of month 10, write 2026-10-17; set the column's format to yyyy-mm-dd so the "
    "spreadsheet keeps dates that way",
    "7 errors, 0 warnings",
    "nothing was imported: fix the rows above, then import again",
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_bad_rows_are_each_reported_at_their_cell_and_nothing_is_written(
        kind: str, tiny: Path, tmp_path: Path) -> None:
    sheet = (write_csv if kind == "csv" else write_xlsx)(tmp_path / f"rows.{kind}", [*GOOD, *BAD])
    before = snapshot(tiny)
    result = run("import", str(sheet), str(tiny))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [line.format(f=sheet) for line in BAD_MESSAGES]
    assert snapshot(tiny) == before


def test_comments_crlf_and_a_bom_in_a_touched_portfolio_survive(tiny: Path, tmp_path: Path) -> None:
    path = tiny / "portfolios" / "ben-south.yml"
    text = path.read_text("utf-8")
    text = text.replace("activities:\n", "activities:   # newest last\n")
    text = text.replace("    visibility: public\n", "    visibility: public\n    # reviewed by the hub\n\n"
                        "# Growth cycles below are confidential\n")
    old = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(old)
    result = run("import", str(write_csv(tmp_path / "rows.csv", GOOD[2:])), str(tiny))
    assert result.returncode == 0, result.stderr
    new = path.read_bytes()
    added = (b'  - type: peer-review\r\n    role: reviewer\r\n    title: "no"\r\n    date: 2026-11-02\r\n'
             b"    reach: other-schools\r\n    schools: [north-primary]\r\n    visibility: public\r\n")
    at = old.index(b"\r\n\r\n# Growth cycles") + 2  # after the comment under the last item, before the blank line
    assert new == old[:at] + added + old[at:]
    assert run("validate", str(tiny)).returncode == 0


def test_a_dry_run_says_what_it_would_add_and_writes_nothing(tiny: Path, tmp_path: Path) -> None:
    before = snapshot(tiny)
    result = run("import", str(write_csv(tmp_path / "rows.csv", GOOD)), str(tiny), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "portfolios/ada-north.yml: would add 2 activities (rows 2-3)",
        "portfolios/ben-south.yml: would add 1 activity (row 4)",
        "would add 3 activities to 2 portfolios; nothing was written (--dry-run)",
    ]
    assert snapshot(tiny) == before


@pytest.mark.parametrize(("header", "rows", "expected"), [
    (["Person", " TYPE ", "Titel", "Date", "Person"], [["ada-north", "coaching", "x", "2026-01-01", "ada-north"]], [
        "{f}:1:1: error: there is no 'title' column",
        "  hint: row 1 names the columns; person, type, title are required",
        "{f}:1:3: error: unknown column 'Titel' (column C)",
        "  hint: did you mean 'title'?",
        "{f}:1:5: error: the column 'person' appears twice (columns A and E)",
        "  hint: delete one of them",
    ]),
    (["person", "type", "title", ""], [["ada-north", "coaching", "x", "stray"]], [
        "{f}:2:4: error: column D has no name in row 1",
        "  hint: name it in row 1 (one of: person, type, role, title, date, from, to, reach, schools, audience, event, "
        "evidences, link, visibility) or delete the column",
        "{f}:2:1: error: this row needs either date (one day) or from (a period, with an optional to), not both",
    ]),
    (["person;type;title;date"], [["ada-north;coaching;x;2026-01-01"]], [
        "{f}:1:1: error: the columns are separated by semicolons, not commas",
        "  hint: save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'",
    ]),
    (["person", "type", "title", "date", "schools"],
     [["ada-north", "coaching", "Coaching", "2026-01-01", "north-primary, south-academy"]], [
        "{f}:2:5: error: schools: separate the ids with semicolons (;), not commas",
        "  hint: write north-primary; south-academy",
    ]),
])
def test_header_and_cell_problems(header: list[str], rows: list[list[str]], expected: list[str],
                                  tiny: Path, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "rows.csv", rows, header)
    result = run("import", str(sheet), str(tiny))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "nothing was imported: fix the rows above, then import again"
    assert sorted(lines[:-2]) == sorted(line.format(f=sheet) for line in expected)


def test_files_that_cannot_be_read_get_one_clear_reason(tiny: Path, tmp_path: Path) -> None:
    cp1252 = tmp_path / "excel.csv"
    cp1252.write_bytes("person,type,title,date\nada-north,coaching,Caf\u00e9 talks,2026-01-01\n".encode("cp1252"))
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    expected = {
        cp1252: [f"{cp1252}:2:23: error: the file is not UTF-8 (byte 0xe9 here)",
                 "  hint: save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'"],
        damaged: [f"{damaged}:1:1: error: the file cannot be read as an Excel workbook (.xlsx): it is damaged or "
                  "a file of another kind", "  hint: open it in Excel or LibreOffice and save it again as .xlsx"],
        old: [f"{old}:1:1: error: import reads .csv and .xlsx files, not .xls",
              "  hint: save it from Excel as .xlsx (File › Save As › Excel Workbook)"],
    }
    for sheet, lines in expected.items():
        result = run("import", str(sheet), str(tiny))
        assert result.returncode == 1
        assert result.stderr.splitlines() == [*lines, "1 error, 0 warnings",
                                              "nothing was imported: fix the rows above, then import again"]


def test_a_formula_whose_value_was_never_worked_out_is_an_error(tiny: Path, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "rows.xlsx", GOOD)
    book = openpyxl.load_workbook(sheet)
    assert book.active is not None
    book.active["J2"] = "=40+2"  # openpyxl, unlike Excel, saves no value for it
    book.save(sheet)
    result = run("import", str(sheet), str(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"{sheet}:2:10: error: this cell holds a formula (=40+2) whose value was never worked out",
        "  hint: open the file in Excel or LibreOffice and save it, or type the value",
    ]


def test_a_data_folder_with_errors_is_not_imported_into(tiny: Path, tmp_path: Path) -> None:
    path = tiny / "portfolios" / "ben-south.yml"
    path.write_text(path.read_text("utf-8").replace("school: south-academy\n", "school: south-acadmy\n", 1), "utf-8")
    before = snapshot(tiny)
    result = run("import", str(write_csv(tmp_path / "rows.csv", GOOD)), str(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "portfolios/ben-south.yml:3:9: error: unknown school 'south-acadmy'",
        "  hint: did you mean 'south-academy'?",
        "1 error, 0 warnings",
        "the data folder has errors: fix them first (growthsite validate); nothing was imported",
    ]
    assert snapshot(tiny) == before


def test_a_portfolio_changed_during_the_import_is_not_overwritten(tiny: Path, tmp_path: Path) -> None:
    plan = importer.plan(str(write_csv(tmp_path / "rows.csv", GOOD)), str(tiny))
    assert plan.ok and sorted(plan.edits) == ["portfolios/ada-north.yml", "portfolios/ben-south.yml"]
    path = tiny / "portfolios" / "ben-south.yml"
    path.write_text(path.read_text("utf-8") + "# edited meanwhile\n", "utf-8")
    before = snapshot(tiny)
    written = importer.apply(str(tiny), plan)
    assert written.files == ()
    assert [p.format() for p in written.problems] == [
        "portfolios/ben-south.yml:1:1: error: the file changed while the import was being checked\n"
        "  hint: run the import again"]
    assert snapshot(tiny) == before


def test_long_imports_report_progress_by_row_and_by_file(tiny: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, int]] = []
    steps: list[int] = []

    def progress(label: str, total: int) -> importer.Step:
        calls.append((label, total))
        return steps.append

    plan = importer.plan(str(write_csv(tmp_path / "rows.csv", GOOD)), str(tiny), progress)
    importer.apply(str(tiny), plan, progress)
    assert calls == [("checking rows", 3), ("writing portfolios", 2)]
    assert steps == [1] * 5


def test_the_sample_in_examples_imports_cleanly_into_the_demo(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(ROOT / "framework", demo / "framework")
    shutil.copytree(ROOT / "portfolios", demo / "portfolios")
    sample = ROOT / "examples" / "activities.csv"
    assert sample.read_text("utf-8").splitlines()[0].split(",") == list(importer.COLUMNS)
    result = run("import", str(sample), str(demo))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "added 5 activities to 3 portfolios"
    assert run("validate", str(demo)).returncode == 0


ITEM = {"type": "coaching", "title": "Coaching: year two", "date": "2026-01-05", "schools": ["a", "b"],
        "audience": 3}
ITEM_LINES = ('  - type: coaching\n    title: "Coaching: year two"\n    date: 2026-01-05\n    schools: [a, b]\n'
              "    audience: 3\n")


@pytest.mark.parametrize(("before", "after"), [
    ("id: x\nactivities: []\ngrowth: []\n", "id: x\nactivities:\n" + ITEM_LINES + "growth: []\n"),
    ("id: x\nactivities:\ngrowth: []\n", "id: x\nactivities:\n" + ITEM_LINES + "growth: []\n"),
    ("id: x\nactivities: ~  # none yet\n", "id: x\nactivities:  # none yet\n" + ITEM_LINES),
    ("id: x\nroles:\n- {title: T}\n", "id: x\nroles:\n- {title: T}\nactivities:\n" +
     ITEM_LINES.replace("  - ", "- ").replace("    ", "  ")),
    ("id: x\nsummary: no newline at the end", "id: x\nsummary: no newline at the end\nactivities:\n" + ITEM_LINES),
    ("activities:\n    -   type: a\n        schools:\n            - a\n            - b\n  # trailing\n\nnext: 1\n",
     "activities:\n    -   type: a\n        schools:\n            - a\n            - b\n" +
     ITEM_LINES.replace("  - ", "    -   ").replace("    t", "        t").replace("    d", "        d")
     .replace("    s", "        s").replace("    a", "        a") + "  # trailing\n\nnext: 1\n"),
    ("activities:\n  - type: a\n    summary: >\n      folded\n      text\n\n\n# next\nnext: 1",
     "activities:\n  - type: a\n    summary: >\n      folded\n      text\n" + ITEM_LINES + "\n\n# next\nnext: 1"),
])
def test_appending_keeps_every_other_character(before: str, after: str) -> None:
    assert append_to_list(before, "activities", [ITEM]) == after


def test_a_list_in_brackets_is_refused_with_the_fix() -> None:
    with pytest.raises(Refused, match=r"activities: is written in brackets \(\[\.\.\.\]\); write its items one per "
                                      r"line, each starting with '- ', then try again"):
        append_to_list("activities: [{type: a}]\n", "activities", [ITEM])


@pytest.mark.parametrize("folder", [ROOT, TINY, ROOT / "tests" / "fixtures" / "hostile",
                                    ROOT / "tests" / "fixtures" / "leaky"], ids=lambda p: p.name)
def test_appending_to_every_real_portfolio_adds_exactly_the_item(folder: Path) -> None:
    """Every layout our portfolios use: the value gains the item and nothing else changes."""
    for path in sorted((folder / "portfolios").glob("*.yml")):
        text = path.read_text("utf-8")
        old = parse_yaml(text, path.name, Problems())
        assert old is not None and isinstance(old.value, dict)
        new = parse_yaml(append_to_list(text, "activities", [ITEM]), path.name, Problems())
        assert new is not None
        expected = dict(old.value, activities=[*old.value.get("activities", []), ITEM])
        assert new.value == expected, path


def test_every_column_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for column in importer.COLUMNS:
        assert f"| `{column}` |" in readme, column


def test_row_lists_stay_short() -> None:
    assert importer.rows_text([4]) == "row 4"
    assert importer.rows_text([9, 2, 3, 4]) == "rows 2-4, 9"
    assert importer.rows_text(list(range(2, 40, 2))) == "rows 2, 4, 6, 8, 10, 12, 14, 16, and 11 more"
