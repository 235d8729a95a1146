"""`growthsite report`: trust-wide figures per year, type and school, hand-counted from the tiny fixture.

The tiny fixture's records that are not private, by academic year (today is 24 November 2026, so 2026-27):

2024-25  Ada (North Primary)  think-tank member, no schools
         Ben (South Academy)  peer-review reviewer, schools [south-academy]: his own school, so none reached
2025-26  Ada (North Primary)  trust-training lead, audience 30, no schools
                              trust-training co-lead, schools [south-academy]
                              (trust-training 2026-02-02 is private: never counted)
                              peer-review reviewer, schools [south-academy]
                              think-tank lead, no schools
                              coaching, no schools
         Cara (Partnership Hub, consent.intranet: false: counted, never named)
                              trust-training lead, no schools

So in 2025-26: Training delivered 3 activities by 2 people (Ada, Cara), reaching 1 school (South Academy),
audience 30; by school North Primary 5 activities, Partnership Hub 1, South Academy 0; 6 in all by 2 people.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import ROOT, TINY, run, soup_of
from growthsite.report import WIDTH, safe_cell

INTRO = """\
Trust-wide figures for Larkfield Partnership, 24 November 2026

Staff view: every record that is not private, including colleagues without a page (counted, never
named). By school means the school the colleague worked at when the activity started.
People are distinct colleagues; schools reached are distinct schools other than the colleague's own
at the time; audience is the sum of the colleagues the activities reached. A total counts each
person and school once.
"""

YEAR_2025_26 = """
2025-26
=======

Activity type        Activities  People  Schools reached  Audience
Training delivered            3       2                1        30
Peer reviews                  1       1                1         0
Think Tanks                   1       1                0         0
Coaching colleagues           1       1                0         0
Total                         6       2                1        30

School at the time   Activities  People  Schools reached  Audience
North Primary                 5       1                1        30
South Academy                 0       0                0         0
Partnership Hub               1       1                0         0
Total                         6       2                1        30
"""

PUBLIC_2025_26 = """\
Trust-wide figures for Larkfield Partnership, 24 November 2026

Careers site view: only the records the careers site counts (the public records of colleagues with a
careers page, and the records of colleagues who agreed to be counted: consent.statistics). A row
about fewer than 3 colleagues shows only that, the rest of it reads "not shown"; any other figure
below 3 reads "fewer than 3"; a total with a hidden part reads "at least" what is shown. The careers
site shows no figures by school, so neither does this view.
People are distinct colleagues; schools reached are distinct schools other than the colleague's own
at the time; audience is the sum of the colleagues the activities reached. A total counts each
person and school once.

2025-26
=======

Activity type        Activities        People  Schools reached   Audience
Training delivered    not shown  fewer than 3        not shown  not shown
Peer reviews          not shown  fewer than 3        not shown  not shown
Think Tanks           not shown  fewer than 3        not shown  not shown
Coaching colleagues   not shown  fewer than 3        not shown  not shown
Total                 not shown  fewer than 3        not shown  not shown
"""

CSV_ALL = (
    "year,by,id,name,activities,people,schools_reached,audience\r\n"
    "2024-25,type,trust-training,Training delivered,0,0,0,0\r\n"
    "2024-25,type,peer-review,Peer reviews,1,1,0,0\r\n"
    "2024-25,type,think-tank,Think Tanks,1,1,0,0\r\n"
    "2024-25,type,coaching,Coaching colleagues,0,0,0,0\r\n"
    "2024-25,school,north-primary,North Primary,1,1,0,0\r\n"
    "2024-25,school,south-academy,South Academy,1,1,0,0\r\n"
    "2024-25,school,hub,Partnership Hub,0,0,0,0\r\n"
    "2025-26,type,trust-training,Training delivered,3,2,1,30\r\n"
    "2025-26,type,peer-review,Peer reviews,1,1,1,0\r\n"
    "2025-26,type,think-tank,Think Tanks,1,1,0,0\r\n"
    "2025-26,type,coaching,Coaching colleagues,1,1,0,0\r\n"
    "2025-26,school,north-primary,North Primary,5,1,1,30\r\n"
    "2025-26,school,south-academy,South Academy,0,0,0,0\r\n"
    "2025-26,school,hub,Partnership Hub,1,1,0,0\r\n"
    "2026-27,type,trust-training,Training delivered,0,0,0,0\r\n"
    "2026-27,type,peer-review,Peer reviews,0,0,0,0\r\n"
    "2026-27,type,think-tank,Think Tanks,0,0,0,0\r\n"
    "2026-27,type,coaching,Coaching colleagues,0,0,0,0\r\n"
    "2026-27,school,north-primary,North Primary,0,0,0,0\r\n"
    "2026-27,school,south-academy,South Academy,0,0,0,0\r\n"
    "2026-27,school,hub,Partnership Hub,0,0,0,0\r\n"
)

NAMES = ("Ada", "Ben", "Cara", "Hidden", "ada-north", "ben-south", "cara-hub")


def _csv_rows(text: str) -> dict[tuple[str, str, str], list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["year", "by", "id", "name", "activities", "people", "schools_reached", "audience"]
    return {(year, by, key): rest for year, by, key, *rest in rows[1:]}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def test_one_year_as_a_table_exactly() -> None:
    result = run("report", str(TINY), "--year", "2025-26")
    assert result.returncode == 0, result.stderr
    assert result.stdout == INTRO + YEAR_2025_26
    assert result.stderr == ""


def test_every_year_from_the_oldest_record_through_this_one() -> None:
    result = run("report", str(TINY))
    assert result.returncode == 0, result.stderr
    assert re.findall(r"^(\d{4}-\d{2})\n=======$", result.stdout, re.M) == ["2024-25", "2025-26", "2026-27"]
    assert YEAR_2025_26 in result.stdout
    assert result.stdout.startswith(INTRO)
    assert "Peer reviews                  1       1                0         0" in result.stdout  # 2024-25: Ben's own


def test_csv_to_a_file_is_exact_utf8_with_crlf(tmp_path: Path) -> None:
    out = tmp_path / "figures.csv"
    result = run("report", str(TINY), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"to {out}" in result.stderr
    assert out.read_bytes() == CSV_ALL.encode("utf-8")


def test_csv_on_stdout_for_one_year() -> None:
    result = run("report", str(TINY), "--format", "csv", "--year", "2025-26")
    assert result.returncode == 0, result.stderr
    expected = [line for line in CSV_ALL.split("\r\n") if line.startswith(("year,", "2025-26,"))]
    assert result.stdout.splitlines() == expected


def test_private_records_are_never_counted(tiny: Path) -> None:
    """Ada's private training (2026-02-02) is left out: made staff, it is counted."""
    before = _csv_rows(run("report", str(tiny), "--format", "csv").stdout)
    assert before["2025-26", "type", "trust-training"] == ["Training delivered", "3", "2", "1", "30"]
    assert before["2025-26", "school", "north-primary"] == ["North Primary", "5", "1", "1", "30"]
    _edit(tiny / "portfolios" / "ada-north.yml", "    visibility: private\n", "    visibility: staff\n")
    after = _csv_rows(run("report", str(tiny), "--format", "csv").stdout)
    assert after["2025-26", "type", "trust-training"] == ["Training delivered", "4", "2", "1", "30"]
    assert after["2025-26", "school", "north-primary"] == ["North Primary", "6", "1", "1", "30"]


def test_colleagues_without_a_page_are_counted_never_named(tiny: Path) -> None:
    rows = _csv_rows(run("report", str(tiny), "--format", "csv", "--year", "2025-26").stdout)
    assert rows["2025-26", "school", "hub"] == ["Partnership Hub", "1", "1", "0", "0"]  # Cara's training
    for audience in ("staff", "public"):
        for fmt in ("table", "csv"):
            result = run("report", str(tiny), "--audience", audience, "--format", fmt)
            assert result.returncode == 0, result.stderr
            assert not [name for name in NAMES if name in result.stdout + result.stderr]
            assert "PRIVATE-MARKER" not in result.stdout
    # Consent to a page changes what pages show, never what is counted.
    _edit(tiny / "portfolios" / "cara-hub.yml", "consent: {intranet: false}", "consent: {intranet: true}")
    assert _csv_rows(run("report", str(tiny), "--format", "csv", "--year", "2025-26").stdout) == rows


def test_public_figures_go_through_disclosure_control() -> None:
    result = run("report", str(TINY), "--audience", "public", "--year", "2025-26")
    assert result.returncode == 0, result.stderr
    assert result.stdout == PUBLIC_2025_26
    rows = _csv_rows(run("report", str(TINY), "--audience", "public", "--format", "csv", "--year", "2025-26").stdout)
    # Only Ben has a careers page, and his one public record is from 2024-25: no row of 2025-26 is about
    # 3 colleagues or more, so each shows only that (Ada's and Cara's records count only for staff).
    hidden = ["not shown", "fewer than 3", "not shown", "not shown"]
    assert rows == {
        ("2025-26", "type", "trust-training"): ["Training delivered", *hidden],
        ("2025-26", "type", "peer-review"): ["Peer reviews", *hidden],
        ("2025-26", "type", "think-tank"): ["Think Tanks", *hidden],
        ("2025-26", "type", "coaching"): ["Coaching colleagues", *hidden],
    }


def test_spreadsheet_formulas_in_names_are_neutralised(tiny: Path) -> None:
    _edit(tiny / "framework" / "trust.yml", "name: North Primary,", 'name: "=HYPERLINK(\\"http://x\\",\\"y\\")",')
    _edit(tiny / "framework" / "trust.yml", "name: South Academy,", 'name: "@SUM(1+1)",')
    _edit(tiny / "framework" / "activities.yml", "name: Training delivered", 'name: "+Training delivered"')
    _edit(tiny / "framework" / "activities.yml", "name: Peer reviews", 'name: "-Peer reviews"')
    result = run("report", str(tiny), "--format", "csv", "--year", "2025-26")
    assert result.returncode == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert rows["2025-26", "school", "north-primary"] == ["'=HYPERLINK(\"http://x\",\"y\")", "5", "1", "1", "30"]
    assert rows["2025-26", "school", "south-academy"][0] == "'@SUM(1+1)"
    assert rows["2025-26", "type", "trust-training"] == ["'+Training delivered", "3", "2", "1", "30"]
    assert rows["2025-26", "type", "peer-review"][0] == "'-Peer reviews"
    assert rows["2025-26", "type", "think-tank"][0] == "Think Tanks"
    table = run("report", str(tiny), "--year", "2025-26").stdout  # a terminal shows the name as written
    assert re.search(r"^\+Training delivered +3 +2 +1 +30$", table, re.M)


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Think Tanks", "Think Tanks"), ("fewer than 5", "fewer than 5"), ("2025-26", "2025-26"), ("", ""),
])
def test_safe_cell(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


@pytest.mark.parametrize("year", ["2025-27", "2025/26", "25-26", "next", "2025-26x"])
def test_an_ill_formed_year_is_a_usage_error(year: str) -> None:
    result = run("report", str(TINY), "--year", year)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Invalid value for '--year'" in result.stderr and "is not an academic year" in result.stderr


@pytest.mark.parametrize("year", ["2023-24", "2027-28"])
def test_a_year_without_figures_is_a_usage_error(year: str) -> None:
    result = run("report", str(TINY), "--year", year)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"there are no figures for {year}: the records cover 2024-25 to 2026-27" in result.stderr


def test_data_with_errors_is_reported_and_nothing_printed(tiny: Path) -> None:
    _edit(tiny / "portfolios" / "ben-south.yml", "school: south-academy\n", "school: south-acadmy\n")
    for args in ((), ("--format", "csv"), ("--audience", "public", "--year", "2025-26")):
        result = run("report", str(tiny), *args)
        assert result.returncode == 1
        assert result.stdout == ""
        assert "portfolios/ben-south.yml:3:" in result.stderr and "south-acadmy" in result.stderr
        assert "no figures can be worked out" in result.stderr


def test_an_unwritable_output_is_an_error(tmp_path: Path) -> None:
    result = run("report", str(TINY), "-o", str(tmp_path / "missing" / "figures.csv"))
    assert result.returncode == 1
    assert "could not write" in result.stderr


def test_the_demo_fits_a_100_column_terminal() -> None:
    for audience in ("staff", "public"):
        result = run("report", str(ROOT), "--audience", audience)
        assert result.returncode == 0, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= WIDTH


def test_figures_by_type_are_the_dashboards(demo_site: Path) -> None:
    """One source of truth: the report's activities per year and type are the staff dashboard's, every year."""
    table = soup_of(demo_site)("dashboard/index.html").select_one(".gs-table-per-year")
    dashboard = {(td["data-year"], row["data-type"]): int(td.get_text())
                 for row in table.select("tbody tr") for td in row.select("td[data-year]")}
    report = _csv_rows(run("report", str(ROOT), "--format", "csv").stdout)
    by_type = {(year, key): int(rest[1]) for (year, by, key), rest in report.items() if by == "type"}
    assert {key: n for key, n in by_type.items() if n} == {key: n for key, n in dashboard.items() if n}
    one = {key: n for (year, key), n in by_type.items() if year == "2025-26"}
    assert sum(one.values()) == sum(n for (year, _), n in dashboard.items() if year == "2025-26") > 0
    assert one["trust-training"] == dashboard["2025-26", "trust-training"] > 0
    by_school = [int(rest[1]) for (year, by, _), rest in report.items() if year == "2025-26" and by == "school"]
    assert sum(by_school) == sum(one.values())  # every activity counted once by school too


def test_names_cannot_drive_the_terminal(tiny: Path) -> None:
    _edit(tiny / "framework" / "trust.yml", "name: Partnership Hub,", 'name: "Hub \\e[31mred\\u202E",')
    for fmt in ("table", "csv"):
        result = run("report", str(tiny), "--format", fmt, "--year", "2025-26")
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
        assert "Hub [31mred[U+202E]" in result.stdout
