"""Retention: due growth cycles are listed, and --apply deletes exactly them, leaving every other byte alone.

Dates are worked out by hand. With year_starts 09-01 and retention_years 6 (the tiny trust), the 2019-20
cycle ends on 2020-08-31 and is due on 2026-08-31: kept on that day, deleted from 2026-09-01.
Tests run on 2026-11-24 (conftest) unless they set GROWTHSITE_TODAY and GROWTHSITE_REAL_TODAY (on_the_day).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY, build, run
from growthsite import retention
from growthsite.dates import add_years
from growthsite.terminal import plain

DAN = """\
# Dan's portfolio, kept by the CPD lead
id: dan-east
name: Dan East
school: north-primary   # since 2018
roles:
  - {title: Teacher, stage: teacher, school: north-primary, from: 2018-09-01}
growth:   # one cycle a year, oldest first
  # cycles before 2019 were deleted in 2025
  - year: 2019-20
    focus: Questioning in Year 5
    drivers: [reading]
    check_ins:
      - {date: 2019-11-20, notes: Going well.}
      # - {date: 2020-03-20}  cancelled

  - year: '2020-21'
    focus: >
      Reading aloud every day, with a focus that is far too long to show in full on one line
    drivers: [reading]

  - year: 2025-26
    focus: "Feedback that \\"moves\\" learning on"
    drivers: [reading]
    check_ins:
      - {date: 2025-10-01}

# No leaving date yet.
"""

DAN_AFTER = """\
# Dan's portfolio, kept by the CPD lead
id: dan-east
name: Dan East
school: north-primary   # since 2018
roles:
  - {title: Teacher, stage: teacher, school: north-primary, from: 2018-09-01}
growth:   # one cycle a year, oldest first
  # cycles before 2019 were deleted in 2025
  - year: '2020-21'
    focus: >
      Reading aloud every day, with a focus that is far too long to show in full on one line
    drivers: [reading]

  - year: 2025-26
    focus: "Feedback that \\"moves\\" learning on"
    drivers: [reading]
    check_ins:
      - {date: 2025-10-01}

# No leaving date yet.
"""

# Saved on Windows: a byte order mark and CRLF line ends; its only cycle is due, so growth: goes too.
EVE = (
    "\ufeffid: eve-west\r\n"
    "name: Eve West\r\n"
    "school: south-academy\r\n"
    "growth:\r\n"
    "- year: 2018-19\r\n"
    "  focus: Behaviour routines\r\n"
    "  drivers: [reading]\r\n"
    "\r\n"
    "# Agreed with HR:\r\n"
    "left: 2027-08-31\r\n"
).encode()

EVE_AFTER = (
    "\ufeffid: eve-west\r\n"
    "name: Eve West\r\n"
    "school: south-academy\r\n"
    "\r\n"
    "# Agreed with HR:\r\n"
    "left: 2027-08-31\r\n"
).encode()

DRY_RUN = [
    "portfolios/dan-east.yml:9: Dan East, 2019-20 growth cycle (\"Questioning in Year 5\"), "
    "due for deletion since 2026-08-31",
    "portfolios/eve-west.yml:5: Eve West, 2018-19 growth cycle (\"Behaviour routines\"), "
    "due for deletion since 2025-08-31",
    "2 growth cycles are due for deletion; run growthsite retention --apply to delete them",
    "",
    "1 growth cycle falls due for deletion in the next 365 days (by 2027-11-24):",
    "portfolios/dan-east.yml:16: Dan East, 2020-21 growth cycle "
    "(\"Reading aloud every day, with a focus that is far too long…\"), due on 2027-08-31",
]


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / "portfolios" / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time: a run that changes nothing leaves this equal."""
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))
            if p.is_file()}


def cycles(root: Path, name: str, *years: str) -> Path:
    """A portfolio with one growth cycle per year, in the order given."""
    items = "".join(f"  - year: {y}\n    focus: Focus {y}\n    drivers: [reading]\n" for y in years)
    return write(root, name, f"id: {name[:-4]}\nname: Fay Hill\nschool: hub\ngrowth:\n{items}")


@pytest.fixture
def dated(tiny: Path) -> Path:
    write(tiny, "dan-east.yml", DAN)
    write(tiny, "eve-west.yml", EVE)
    return tiny


# The rule, with hand-computed dates.

@pytest.mark.parametrize(("year", "starts", "keep", "due"), [
    ("2019-20", (9, 1), 6, dt.date(2026, 8, 31)),   # ends 2020-08-31
    ("2018-19", (9, 1), 6, dt.date(2025, 8, 31)),
    ("2019-20", (3, 1), 6, dt.date(2026, 2, 28)),   # ends 2020-02-29; 2026 has no 29 February
    ("2019-20", (3, 1), 4, dt.date(2024, 2, 29)),   # ... but 2024 has
    ("2019-20", (2, 29), 6, dt.date(2026, 2, 28)),  # a year starting on 29 February starts on 1 March
    ("2019-20", (1, 1), 6, dt.date(2025, 12, 31)),  # ends 2019-12-31
])
def test_due_date(year: str, starts: tuple[int, int], keep: int, due: dt.date) -> None:
    assert retention.due_date(year, starts, keep) == due


def test_add_years_from_29_february() -> None:
    assert add_years(dt.date(2020, 2, 29), 6) == dt.date(2026, 2, 28)
    assert add_years(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)


def test_kept_on_the_due_date_expired_the_day_after() -> None:
    assert not retention.is_expired("2019-20", (9, 1), 6, dt.date(2026, 8, 30))
    assert not retention.is_expired("2019-20", (9, 1), 6, dt.date(2026, 8, 31))
    assert retention.is_expired("2019-20", (9, 1), 6, dt.date(2026, 9, 1))


# Finding cycles in a data folder.

def years(records: tuple[retention.Record, ...]) -> list[tuple[str, str]]:
    return [(r.path, r.year) for r in records]


def test_scan_on_and_after_the_due_date(dated: Path) -> None:
    on = retention.scan(str(dated), dt.date(2026, 8, 31))
    assert on.ok
    assert years(on.due) == [("portfolios/eve-west.yml", "2018-19")]
    assert years(on.upcoming) == [("portfolios/dan-east.yml", "2019-20"), ("portfolios/dan-east.yml", "2020-21")]
    after = retention.scan(str(dated), dt.date(2026, 9, 1))
    assert years(after.due) == [("portfolios/dan-east.yml", "2019-20"), ("portfolios/eve-west.yml", "2018-19")]
    assert years(after.upcoming) == [("portfolios/dan-east.yml", "2020-21")]  # due 2027-08-31: 364 days on


def test_scan_records_where_and_whose(dated: Path) -> None:
    found = retention.scan(str(dated), dt.date(2026, 11, 24))
    assert found.due[0] == retention.Record(
        path="portfolios/dan-east.yml", line=9, index=0, person="Dan East", year="2019-20",
        focus="Questioning in Year 5", due=dt.date(2026, 8, 31),
    )
    assert found.horizon == dt.date(2027, 11, 24)


def test_upcoming_looks_365_days_ahead(dated: Path) -> None:
    # 2026-08-31 is 365 days after 2025-08-31 (no 29 February between) and 366 after 2025-08-30.
    assert ("portfolios/dan-east.yml", "2019-20") in years(retention.scan(str(dated), dt.date(2025, 8, 31)).upcoming)
    assert ("portfolios/dan-east.yml", "2019-20") not in years(
        retention.scan(str(dated), dt.date(2025, 8, 30)).upcoming)


def test_29_february_is_reachable_when_the_year_starts_on_1_march(tiny: Path) -> None:
    trust = tiny / "framework" / "trust.yml"
    trust.write_text(trust.read_text().replace("year_starts: 09-01", "year_starts: 03-01"))
    cycles(tiny, "fay-hill.yml", "2019-20")  # 2019-03-01 to 2020-02-29, due 2026-02-28
    on = retention.scan(str(tiny), dt.date(2026, 2, 28))
    assert on.ok, [p.format() for p in on.problems.errors]
    assert years(on.due) == []
    assert [(r.year, r.due) for r in on.upcoming] == [("2019-20", dt.date(2026, 2, 28))]
    assert [(r.year, r.due) for r in retention.scan(str(tiny), dt.date(2026, 3, 1)).due] == [
        ("2019-20", dt.date(2026, 2, 28))]


# The command, as a CPD lead runs it.

def test_dry_run_lists_and_changes_nothing(dated: Path) -> None:
    before = snapshot(dated)
    result = run("retention", cwd=dated)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == DRY_RUN
    assert snapshot(dated) == before


def test_dry_run_names_the_folder_in_its_advice(dated: Path) -> None:
    result = run("retention", str(dated))
    assert f"run growthsite retention {dated} --apply to delete them" in result.stdout


def test_apply_deletes_exactly_the_due_cycles(dated: Path) -> None:
    before = snapshot(dated)
    result = run("retention", "--apply", cwd=dated)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "removed " + DRY_RUN[0],
        "removed " + DRY_RUN[1],
        "removed 2 growth cycles",
        "checked the folder again: no errors",
        "",
        "1 growth cycle falls due for deletion in the next 365 days (by 2027-11-24):",
        DRY_RUN[-1].replace("dan-east.yml:16:", "dan-east.yml:9:"),  # the line it is on now
    ]
    assert (dated / "portfolios" / "dan-east.yml").read_text() == DAN_AFTER
    assert (dated / "portfolios" / "eve-west.yml").read_bytes() == EVE_AFTER
    after = snapshot(dated)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed == {"portfolios/dan-east.yml", "portfolios/eve-west.yml"}
    assert set(after) == set(before)  # no temporary file left behind
    assert run("validate", str(dated)).returncode == 0
    again = run("retention", cwd=dated)
    assert again.stdout.splitlines()[0] == "nothing is due for deletion"


def on_the_day(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """Run as if the computer's date were ``day``: a pinned ``GROWTHSITE_TODAY`` alone cannot go back in time."""
    monkeypatch.setenv("GROWTHSITE_TODAY", day)
    monkeypatch.setenv("GROWTHSITE_REAL_TODAY", day)


def test_on_the_due_date_the_cycle_is_kept(dated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (dated / "portfolios" / "eve-west.yml").unlink()
    on_the_day(monkeypatch, "2026-08-31")
    before = snapshot(dated)
    result = run("retention", "--apply", cwd=dated)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "nothing is due for deletion",
        "",
        "2 growth cycles fall due for deletion in the next 365 days (by 2027-08-31):",
        "portfolios/dan-east.yml:9: Dan East, 2019-20 growth cycle (\"Questioning in Year 5\"), due on 2026-08-31",
        DRY_RUN[-1],
    ]
    assert snapshot(dated) == before
    on_the_day(monkeypatch, "2026-09-01")
    result = run("retention", cwd=dated)
    assert result.stdout.splitlines()[:2] == [
        DRY_RUN[0], "1 growth cycle is due for deletion; run growthsite retention --apply to delete it"]


def test_nothing_due_nothing_upcoming(tiny: Path) -> None:
    result = run("retention", str(tiny))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "nothing is due for deletion", "",
        f"no growth cycle falls due for deletion in the next 365 days (by {int(TODAY[:4]) + 1}{TODAY[4:]})",
    ]


def test_data_errors_stop_everything(dated: Path) -> None:
    ben = dated / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text().replace("school: south-academy", "school: nowhere", 1))
    before = snapshot(dated)
    result = run("retention", "--apply", cwd=dated)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "portfolios/ben-south.yml:3:9: error: unknown school 'nowhere'",
        "  hint: known schools: 'hub', 'north-primary', 'south-academy'",
        "1 error, 0 warnings",
        "fix these first, then run retention again; nothing was changed",
    ]
    assert snapshot(dated) == before


def test_the_last_and_the_only_items(tiny: Path) -> None:
    # Newest first: the two due cycles are the last two items; the blank lines between them go with them.
    newest_first = (
        "id: gus-low\nname: Gus Low\nschool: hub\ngrowth:\n"
        "  - year: 2025-26\n    focus: Now\n    drivers: [reading]\n\n"
        "  - year: 2019-20\n    focus: Then\n    drivers: [reading]\n    # outcome: to do\n\n"
        "  - year: 2017-18\n    focus: Long ago\n    drivers: [reading]\n\n"
        "  # older cycles: see the archive\n"
        "left: 2030-08-31\n"
    )
    write(tiny, "gus-low.yml", newest_first)
    only = cycles(tiny, "fay-hill.yml", "2019-20")
    only.write_text(only.read_text() + "# end\n")
    result = run("retention", "--apply", str(tiny))
    assert result.returncode == 0, result.stderr
    assert (tiny / "portfolios" / "gus-low.yml").read_text() == (
        "id: gus-low\nname: Gus Low\nschool: hub\ngrowth:\n"
        "  - year: 2025-26\n    focus: Now\n    drivers: [reading]\n\n"
        "  # older cycles: see the archive\n"
        "left: 2030-08-31\n"
    )
    assert only.read_text() == "id: fay-hill\nname: Fay Hill\nschool: hub\n# end\n"
    assert run("validate", str(tiny)).returncode == 0


def test_flow_style_is_refused_with_the_lines_to_delete(tiny: Path) -> None:
    flow = write(tiny, "fay-hill.yml", (
        "id: fay-hill\nname: Fay Hill\nschool: hub\n"
        "growth: [{year: 2019-20, focus: Old, drivers: [reading]},\n"
        "         {year: 2025-26, focus: New, drivers: [reading]}]\n"
    ))
    write(tiny, "dan-east.yml", DAN)
    before = flow.read_bytes()
    result = run("retention", "--apply", cwd=tiny)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "portfolios/fay-hill.yml:4:1: error: Fay Hill's 2019-20 growth cycle was not deleted: growth: is written "
        "in brackets ([...]), which cannot be edited line by line",
        "  hint: nothing in this file was changed: take this cycle's {...} out of line 4 by hand, "
        "then run growthsite validate",
        "1 error, 0 warnings",
    ]
    assert result.stdout.splitlines()[:3] == [
        "removed " + DRY_RUN[0],
        "removed 1 growth cycle; 1 could not be removed: see the errors above",
        "checked the folder again: no errors",
    ]
    assert flow.read_bytes() == before
    assert (tiny / "portfolios" / "dan-east.yml").read_text() == DAN_AFTER  # other files still done


def test_an_edit_that_would_change_other_data_is_not_written(tiny: Path) -> None:
    # The kept cycle reuses the due one's drivers through a YAML alias: cutting the lines would break it.
    path = write(tiny, "fay-hill.yml", (
        "id: fay-hill\nname: Fay Hill\nschool: hub\ngrowth:\n"
        "  - year: 2019-20\n    focus: Old\n    drivers: &d [reading]\n"
        "  - year: 2025-26\n    focus: New\n    drivers: *d\n"
    ))
    before = path.read_bytes()
    result = run("retention", "--apply", str(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "portfolios/fay-hill.yml:5:1: error: Fay Hill's 2019-20 growth cycle was not deleted: deleting its lines "
        "would not leave the rest of the data exactly as it was",
        "  hint: nothing in this file was changed: delete lines 5-7 by hand, then run growthsite validate",
    ]
    assert path.read_bytes() == before


def test_a_file_changed_since_the_scan_is_left_alone(dated: Path) -> None:
    found = retention.scan(str(dated), dt.date.fromisoformat(TODAY))
    dan = dated / "portfolios" / "dan-east.yml"
    dan.write_text(DAN.replace("Questioning in Year 5", "Questioning in Year 6"))
    edited = dan.read_bytes()
    applied = retention.apply(str(dated), found.due)
    assert years(applied.removed) == [("portfolios/eve-west.yml", "2018-19")]
    assert [(p.message, p.hint) for p in applied.problems.errors] == [(
        "Dan East's 2019-20 growth cycle was not deleted: the file changed since it was checked; "
        "run growthsite retention again", "nothing in this file was changed")]
    assert dan.read_bytes() == edited


def test_file_permissions_are_kept(dated: Path) -> None:
    dan = dated / "portfolios" / "dan-east.yml"
    dan.chmod(0o640)
    applied = retention.apply(str(dated), retention.scan(str(dated), dt.date.fromisoformat(TODAY)).due)
    assert len(applied.removed) == 2
    assert dan.stat().st_mode & 0o777 == 0o640


def test_user_text_cannot_drive_the_terminal(tiny: Path) -> None:
    write(tiny, "fay-hill.yml", (
        'id: fay-hill\nname: "Fay \\e]0;pwned\\a Hill"\nschool: hub\ngrowth:\n'
        '  - year: 2019-20\n    focus: "\\e[2J\\e[31mRed\\u202e alert\\x9b\\nline two"\n    drivers: [reading]\n'
    ))
    result = run("retention", str(tiny))
    assert result.stdout.splitlines()[0] == (
        'portfolios/fay-hill.yml:5: Fay ]0;pwned Hill, 2019-20 growth cycle ("[2J [31mRed[U+202E] alert line two"), '
        "due for deletion since 2026-08-31"
    )
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b\u202e")


def test_plain_shortens_long_text() -> None:
    assert plain("a" * 60, 60) == "a" * 60
    assert plain("a" * 61, 60) == "a" * 59 + "…"
    assert plain("  two\n  lines\t", 60) == "two lines"


def test_engine_module_imports_neither_mkdocs_nor_the_loader() -> None:
    # Not the loader either, at import time: check.py and build_model.py are to share due_date and is_expired.
    code = (
        "import sys, growthsite.retention\n"
        "print(sorted(m for m in sys.modules if m in ('mkdocs', 'growthsite.project', 'growthsite.check')\n"
        "             or m.startswith(('mkdocs.', 'material'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("today", "shown"), [("2026-08-31", True), ("2026-09-01", False)])
def test_the_site_shows_a_shared_cycle_until_its_due_date(tiny: Path, monkeypatch: pytest.MonkeyPatch,
                                                           today: str, shown: bool) -> None:
    """Ben shares a 2019-20 cycle with staff: on its due date it is still on his page, the day after it is
    gone from the site and validate names its line."""
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8") + (
        "  - year: 2019-20\n    focus: Questioning in Year 5 RETAINED\n    drivers: [reading]\n"
        "    check_ins: [{date: 2019-10-10}]\n    visibility: staff\n"), "utf-8")
    on_the_day(monkeypatch, today)
    site = build(tiny, tiny / "out")
    html = "".join(p.read_text("utf-8") for p in site.rglob("*.html")) + (site / "search/search_index.json").read_text()
    assert ("RETAINED" in html) is shown
    warnings = run("validate", str(tiny)).stderr
    warning = ("portfolios/ben-south.yml:27:11: warning: the 2019-20 growth cycle is past the 6-year retention "
               "period (due for deletion since 2026-08-31); it is left out of the site")
    assert (warning in warnings) is not shown
