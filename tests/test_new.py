"""`growthsite new person` and `new event`, and the editor and pre-commit files that help people edit the data.

Tests run on 2026-11-24 (conftest), the default `--from` of a new role.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, run
from growthsite import schemas
from growthsite.project import load

MODELINE = "# yaml-language-server: $schema=../schemas/portfolio.schema.json\n"

DAN = """\
# yaml-language-server: $schema=../schemas/portfolio.schema.json
# Dan East's portfolio: their page on the staff intranet is built from this file.
# Lines that start with # are notes: the site ignores them. After each change, run: growthsite validate

id: dan-east                     # the same as the file name, without .yml
name: Dan East                   # their name as they want it shown
school: north-primary            # where they work now: a school id from framework/trust.yml
pathway: classroom               # their career pathway: an id from framework/pathways.yml
consent:                         # change these only when they tell you to
  intranet: true                 # true: a page on the staff intranet; false: no page, and not listed anywhere
  showcase: false                # false: not on the careers site; true only once they have said yes to it
  statistics: false              # true only once they agree to be counted, unnamed, in the careers site's figures

roles:                           # their jobs in the trust, oldest first
  - title: Class teacher
    stage: teacher               # their career stage: an id from framework/pathways.yml
    school: north-primary
    from: 2024-09-02             # their first day in it; when it ends, add to: with their last day

# Activities: what they have done that shows their growth, such as training they led for other
# schools. To add the first one, delete the "# " at the start of each line below, then change
# the values. Add more below it, each starting with a -.
# activities:
#   - type: trust-training       # the kind of activity: an id from framework/activities.yml
#     role: lead                 # their part in it: lead or co-lead
#     title: What it was, in a few words
#     date: 2026-11-24           # the day; for something longer, write from: and to: instead
#     schools: [north-primary]   # optional: the schools where it happened
#     audience: 20               # optional: how many people it reached
#     visibility: staff          # staff (the intranet, the default), public (careers site too) or private

# Growth cycles: one for each academic year, private unless they choose to share it.
# To start one, delete the "# " at the start of each line below, then change the values.
# growth:
#   - year: 2026-27              # the academic year
#     focus: The one thing they want to get better at this year
#     drivers: [reading]         # the strategic drivers it serves: ids from framework/trust.yml
#     standards: [teachers/ts1]  # optional: the standards it helps with, written set/standard
#     success_criteria:
#       - What will be different when it has worked
#     check_ins:                 # a conversation about every half term; the notes are never published
#       - date: 2026-11-24
#         notes: What you talked about and agreed
#     visibility: private        # private (the default): them and their coach; staff or public shares it
"""

NEW_EVENT = """\
- id: tt-maths-2026
  kind: think-tank
  title: 'Maths: talk for reasoning'
  from: 2026-09-14
  to: 2027-07-16
"""


def portfolios(tiny: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((tiny / "portfolios").iterdir())}


def add_modeline(tiny: Path) -> None:
    ada = tiny / "portfolios" / "ada-north.yml"
    ada.write_text(MODELINE + ada.read_text("utf-8"), "utf-8")


def new_dan(tiny: Path, *extra: str) -> list[str]:
    return ["new", "person", "dan-east", "--name", "Dan East", "--school", "north-primary", *extra, str(tiny)]


# -- new person --------------------------------------------------------------------------------------------------


def test_new_person_writes_a_valid_commented_portfolio(tiny: Path, tmp_path: Path) -> None:
    add_modeline(tiny)
    result = run(*new_dan(tiny, "--stage", "teacher", "--title", "Class teacher", "--from", "2024-09-02",
                          "--pathway", "classroom"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "created portfolios/dan-east.yml",
        "next: open portfolios/dan-east.yml in your editor to fill in the rest (its comments show how), "
        f"then run growthsite validate {tiny}",
        f"before they say yes to the careers site, see what each site shows: growthsite privacy dan-east {tiny}",
    ]
    assert (tiny / "portfolios" / "dan-east.yml").read_text("utf-8") == DAN
    assert run("validate", str(tiny)).returncode == 0

    model = load(str(tiny)).model
    assert model is not None
    dan = next(p for p in model.people if p.id == "dan-east")
    assert (dan.name, dan.school, dan.pathway, dan.intranet, dan.showcase) == (
        "Dan East", "north-primary", "classroom", True, False)
    assert [(r.title, r.stage, r.school, str(r.start)) for r in dan.roles] == [
        ("Class teacher", "teacher", "north-primary", "2024-09-02")]
    assert not dan.activities and not dan.growth

    built = run("build", str(tiny), "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "people" / "dan-east" / "index.html").read_text("utf-8")
    assert "Dan East" in page and "Class teacher" in page


def test_the_title_defaults_to_the_stage_and_from_to_today(tiny: Path) -> None:
    assert run(*new_dan(tiny, "--stage", "ta")).returncode == 0
    text = (tiny / "portfolios" / "dan-east.yml").read_text("utf-8")
    assert "  - title: Teaching assistant\n" in text
    assert f"    from: {TODAY}  " in text


def test_without_a_modeline_to_copy_the_schema_line_points_at_the_installed_schema(tiny: Path) -> None:
    assert run(*new_dan(tiny)).returncode == 0
    first = (tiny / "portfolios" / "dan-east.yml").read_text("utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema = tiny / "portfolios" / first.removeprefix(prefix)
    assert os.path.samefile(schema, schemas.path("portfolio"))


def test_the_commented_examples_are_valid_once_uncommented(tiny: Path) -> None:
    """Without --stage the role is an example too: taking out every example's "# " leaves valid data."""
    assert run(*new_dan(tiny)).returncode == 0
    path = tiny / "portfolios" / "dan-east.yml"
    text = path.read_text("utf-8")
    assert "\nroles:" not in text and "\n# roles:" in text
    code = re.compile(r"^# (roles:|activities:|growth:|  )")
    path.write_text("".join(line[2:] if code.match(line) else line for line in text.splitlines(True)), "utf-8")
    result = run("validate", str(tiny), "--strict")
    assert result.returncode == 0, result.stderr
    model = load(str(tiny)).model
    assert model is not None
    dan = next(p for p in model.people if p.id == "dan-east")
    assert [r.stage for r in dan.roles] == ["ta"]
    assert [(a.type, a.role) for a in dan.activities] == [("trust-training", "lead")]
    assert [(g.year, g.drivers) for g in dan.growth] == [("2026-27", ("reading",))]


def test_new_person_never_overwrites(tiny: Path) -> None:
    before = portfolios(tiny)
    result = run("new", "person", "ada-north", "--name", "Ada", "--school", "north-primary", str(tiny))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: portfolios/ada-north.yml already exists; choose another id, or open that file to change it",
        "nothing was written",
    ]
    assert portfolios(tiny) == before


def test_every_problem_with_the_arguments_in_one_run(tiny: Path) -> None:
    before = portfolios(tiny)
    result = run("new", "person", "Dan East", "--name", "Dan East", "--school", "nort-primary",
                 "--stage", "boss", "--pathway", "clasroom", str(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: 'Dan East' is not a valid person id; use lowercase letters, digits and single hyphens, "
        "such as dan-east",
        "error: unknown school 'nort-primary'; did you mean 'north-primary'?",
        "error: unknown stage 'boss'; known stages: 'leader', 'ta', 'teacher'",
        "error: unknown pathway 'clasroom'; did you mean 'classroom'?",
        "nothing was written",
    ]
    assert "Traceback" not in result.stderr
    assert portfolios(tiny) == before


def test_reserved_ids_empty_names_and_bad_dates(tiny: Path) -> None:
    result = run("new", "person", "index", "--name", "  ", "--school", "hub", "--from", "2026-02-30", str(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: 'index' cannot be a person id; it names a page of the people directory: add a surname, "
        "such as index-smith",
        "error: the name is empty; give the name in quotes, such as --name \"...\"",
        "error: --title and --from describe their role; give --stage too",
        "error: --from 2026-02-30 is not a real date; check the month and the day",
        "nothing was written",
    ]
    assert not (tiny / "portfolios" / "index.yml").exists()


def test_nothing_is_added_to_a_folder_with_errors(tiny: Path) -> None:
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8").replace("school: south-academy\n", "school: nowhere\n", 1), "utf-8")
    before = portfolios(tiny)
    result = run(*new_dan(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "portfolios/ben-south.yml:3:9: error: unknown school 'nowhere'",
        "  hint: known schools: 'hub', 'north-primary', 'south-academy'",
        "error: the data folder has 1 error, so nothing can be added to it; "
        "fix them first (growthsite validate lists them)",
        "nothing was written",
    ]
    assert portfolios(tiny) == before


def test_a_name_that_yaml_would_retype_is_quoted(tiny: Path) -> None:
    assert run("new", "person", "no", "--name", "No: 1", "--school", "hub", str(tiny)).returncode == 0
    text = (tiny / "portfolios" / "no.yml").read_text("utf-8")
    assert "id: 'no'  " in text and "name: 'No: 1'  " in text
    assert run("validate", str(tiny)).returncode == 0


# -- new event ---------------------------------------------------------------------------------------------------


def new_event(tiny: Path, event_id: str = "tt-maths-2026", *dates: str) -> list[str]:
    return ["new", "event", event_id, "--kind", "think-tank", "--title", "Maths: talk for reasoning",
            *(dates or ("--from", "2026-09-14", "--to", "2027-07-16")), str(tiny)]


def test_new_event_appends_and_changes_nothing_else(tiny: Path) -> None:
    events = tiny / "framework" / "events.yml"
    old = events.read_bytes()
    result = run(*new_event(tiny))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "added event tt-maths-2026 to framework/events.yml",
        "next: in the portfolio of each person who took part, add event: tt-maths-2026 to their activity",
    ]
    assert events.read_bytes() == old + NEW_EVENT.encode()
    assert run("validate", str(tiny)).returncode == 0
    model = load(str(tiny)).model
    assert model is not None
    assert [(e.id, e.kind, e.title) for e in model.events][-1] == ("tt-maths-2026", "think-tank",
                                                                    "Maths: talk for reasoning")


def test_new_event_keeps_a_bom_and_crlf_and_adds_the_missing_line_break(tiny: Path) -> None:
    events = tiny / "framework" / "events.yml"
    old = b"\xef\xbb\xbf" + events.read_bytes().rstrip(b"\n").replace(b"\n", b"\r\n")  # no break at the end
    events.write_bytes(old)
    result = run(*new_event(tiny, "inset-2027-01", "--date", "2027-01-04"))
    assert result.returncode == 0, result.stderr
    assert events.read_bytes() == old + (
        b"\r\n- id: inset-2027-01\r\n  kind: think-tank\r\n  title: 'Maths: talk for reasoning'\r\n"
        b"  date: 2027-01-04\r\n")
    assert run("validate", str(tiny)).returncode == 0


def test_new_event_follows_the_files_indentation(tiny: Path) -> None:
    events = tiny / "framework" / "events.yml"
    old = b"  -   id: old-one\n      kind: course\n      title: Old\n      date: 2025-01-06\n"
    events.write_bytes(old)
    for name in ("ada-north.yml", "cara-hub.yml"):
        path = tiny / "portfolios" / name
        path.write_text(re.sub(r"\n *event: inset-2025-10", "", path.read_text("utf-8")), "utf-8")
    assert run(*new_event(tiny, "new-one", "--date", "2027-01-04")).returncode == 0
    assert events.read_bytes() == old + (
        b"  -   id: new-one\n      kind: think-tank\n      title: 'Maths: talk for reasoning'\n"
        b"      date: 2027-01-04\n")
    assert run("validate", str(tiny)).returncode == 0


def test_new_event_creates_events_yml(tiny: Path) -> None:
    (tiny / "framework" / "events.yml").unlink()
    for name in ("ada-north.yml", "cara-hub.yml"):
        path = tiny / "portfolios" / name
        path.write_text(re.sub(r"\n *event: inset-2025-10", "", path.read_text("utf-8")), "utf-8")
    assert run("validate", str(tiny)).returncode == 0
    result = run(*new_event(tiny))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "added event tt-maths-2026 to framework/events.yml"
    assert (tiny / "framework" / "events.yml").read_text("utf-8") == (
        "# Trust events: training days, Think Tanks, peer-review rounds, conferences and courses.\n"
        "# An activity in a portfolio names its event with event: and the event's id.\n"
        "# Each event has an id, a kind, a title, and either a date (one day) or from: and to: (a period;\n"
        "# leave out to: while it is still going on). Add one with: growthsite new event\n"
        + NEW_EVENT
    )
    assert run("validate", str(tiny)).returncode == 0


def test_an_existing_event_id_is_refused(tiny: Path) -> None:
    events = tiny / "framework" / "events.yml"
    old = events.read_bytes()
    result = run(*new_event(tiny, "review-round-2026", "--date", "2026-03-01"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "framework/events.yml:5:7: error: the event id 'review-round-2026' is already used; "
        "choose another id for the new event",
        "nothing was written",
    ]
    assert events.read_bytes() == old


def test_event_dates_kinds_and_ids_are_checked_together(tiny: Path) -> None:
    events = tiny / "framework" / "events.yml"
    old = events.read_bytes()
    result = run("new", "event", "Maths", "--kind", "thinktank", "--title", "Maths",
                 "--from", "2027-07-16", "--to", "2026-09-14", str(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: 'Maths' is not a valid event id; use lowercase letters, digits and single hyphens, such as maths",
        "error: unknown kind 'thinktank'; did you mean 'think-tank'?",
        "error: --to (2026-09-14) is before --from (2027-07-16); a period ends on or after the day it starts",
        "nothing was written",
    ]
    result = run("new", "event", "maths", "--kind", "course", "--title", "Maths",
                 "--date", "2026-09-14", "--from", "2026-09-14", str(tiny))
    assert result.stderr.splitlines() == [
        "error: give either --date (one day) or --from (a period), not both",
        "nothing was written",
    ]
    result = run("new", "event", "maths", "--kind", "course", "--title", "Maths", "--date", "14/09/2026",
                 str(tiny))
    assert result.stderr.splitlines() == [
        "error: --date '14/09/2026' is not a date; write it as YYYY-MM-DD, such as 2025-10-17",
        "nothing was written",
    ]
    assert events.read_bytes() == old


def test_an_events_file_in_brackets_is_left_to_a_person(tiny: Path) -> None:
    events = tiny / "framework" / "events.yml"
    old = b"[{id: inset-2025-10, kind: training-day, title: Day, date: 2025-10-17}]\n"
    events.write_bytes(old)
    result = run(*new_event(tiny))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "framework/events.yml:1:1: error: the new event cannot be added at the end of the file: its events are "
        "written in brackets ([...]); add it by hand",
        "nothing was written",
    ]
    assert events.read_bytes() == old


# -- editors and pre-commit --------------------------------------------------------------------------------------


def test_vscode_maps_every_schema_to_files_that_exist() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    mapped = {Path(schema).name for schema in mapping}
    shipped = {p.name for p in (ROOT / "src" / "growthsite" / "schemas").glob("*.schema.json")}
    assert mapped == shipped
    by_name = {Path(schema).name: globs for schema, globs in mapping.items()}
    for name in ("trust", "leadership", "activities", "pathways", "events"):
        assert by_name[f"{name}.schema.json"] == [f"framework/{name}.yml"]
        assert (ROOT / "framework" / f"{name}.yml").is_file()
    [portfolio_glob] = by_name["portfolio.schema.json"]
    matched = sorted(ROOT.glob(portfolio_glob))
    assert matched == sorted((ROOT / "portfolios").glob("*.yml"))
    assert len(matched) > 1
    assert settings["yaml.validate"] is True


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_gitignore_keeps_the_editor_settings() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    assert not any(pattern.strip("/").startswith(".vscode") for pattern in ignored)


@pytest.mark.parametrize(("path", "matches"), [
    ("portfolios/x.yml", True),
    ("framework/trust.yml", True),
    ("portfolios/x.md", True),
    ("framework/events.yml", True),
    ("portfolios/x.yaml", True),
    ("content/index.md", False),
    ("mkdocs.yml", False),
    ("src/growthsite/schemas/portfolio.schema.json", False),
])
def test_pre_commit_hook_runs_validate_on_data_files(path: str, matches: bool) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    [hook] = hooks
    assert hook["id"] == "growthsite-validate"
    assert hook["entry"] == "growthsite validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert bool(re.search(hook["files"], path)) is matches
