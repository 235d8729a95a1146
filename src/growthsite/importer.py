"""Import activities from a spreadsheet into the portfolios, one activity per row.

All or nothing: every row is checked with the same schema and reference checks as a portfolio,
every touched portfolio is edited in memory and the whole folder checked again, and only then is
anything written. Importing never changes a record that is already there: a row that repeats one
is skipped (so importing the same file twice changes nothing), and a row that contradicts one is
reported. Portfolios are edited as text, so their comments and layout stay as written.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .check import check, check_activity
from .files import Changed
from .problems import Problems
from .project import Loaded, load
from .read import Source, parse_yaml
from .schema_check import report_error, subschema_validator
from .sources import Sources
from .suggest import did_you_mean
from .table import Row, Table, read_table
from .transaction import Unfinished, Write, write_all
from .yaml_text import Refused, TextFile, append_to_list, read_text_file

COLUMNS = ("person", "type", "role", "title", "date", "from", "to", "reach", "schools", "audience", "event",
           "evidences", "link", "visibility")
REQUIRED = ("person", "type", "title")
FIELDS = ("type", "role", "title", "event", "date", "from", "to", "reach", "schools", "audience", "evidences",
          "link", "visibility")
"""An activity's keys in the order portfolios write them."""
LISTS = frozenset({"schools", "evidences"})
DATES = frozenset({"date", "from", "to"})
DAY_FIRST = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")
"""17/10/2026: how UK spreadsheets show a date; never guessed at, but the fix is spelled out."""
LIST_SEPARATOR = ";"

Step = Callable[[int], None]
Progress = Callable[[str, int], Step]
"""Starts a stage of ``total`` steps (rows or files) and returns what to call as steps finish."""


@dataclass(frozen=True)
class Entry:
    """One row, as the activity it becomes."""

    row: int
    person: str
    activity: dict[str, Any]


@dataclass(frozen=True)
class Present:
    """A row already in its portfolio: nothing to do."""

    row: int
    path: str
    line: int


@dataclass
class Plan:
    """What an import would do. With any error, nothing may be written."""

    table: str
    rows: int = 0
    added: dict[str, list[Entry]] = field(default_factory=dict)
    """Portfolio path (``portfolios/<id>.yml``) → the rows it gains, in row order."""
    present: list[Present] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    data_errors: bool = False
    """The data folder itself has errors: fix those before importing anything."""
    edits: dict[str, tuple[TextFile, str]] = field(default_factory=dict)
    """Portfolio path → (the file as read, its new text)."""

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def plan(table_file: str, root: str, progress: Progress | None = None) -> Plan:
    """Check every row of ``table_file`` and work out the new text of each portfolio it adds to."""
    display = table_file
    result = Plan(display)
    loaded = load(root)
    if loaded.model is None or loaded.sources is None or loaded.known is None:
        result.problems = Problems(list(loaded.problems.errors))
        result.data_errors = True
        return result
    table = read_table(table_file, display, COLUMNS, REQUIRED, result.problems)
    if table is None:
        return result
    result.rows = len(table.rows)
    entries = _entries(table, loaded, result.problems, progress)
    _sort_out(entries, loaded.sources, result)
    if result.problems.errors or not result.added:
        return result
    _edit(root, loaded, result)
    return result


def _entries(table: Table, loaded: Loaded, problems: Problems, progress: Progress | None) -> list[Entry]:
    """Every row as an activity; each problem reported at its cell. Rows of unknown people are dropped."""
    assert loaded.sources is not None and loaded.known is not None and loaded.model is not None
    people = {p.id: p.name for p in loaded.model.people}
    entries: list[Entry] = []
    step = progress("checking rows", len(table.rows)) if progress else None
    for row in table.rows:
        person = row.cells.get("person")
        if person is None:
            problems.error(table.path, row.number, table.columns.get("person", 1), "this row has no person",
                           "write the person's id (their portfolio's file name without .yml)")
        elif person.text not in people:
            by_name = [pid for pid, name in people.items() if name.casefold() == person.text.casefold()]
            hint = (f"the person column holds ids: {people[by_name[0]]}'s is {by_name[0]}" if by_name
                    else did_you_mean(person.text, list(people), "people")
                    or "the id is the portfolio's file name without .yml")
            problems.error(table.path, person.row, person.col, f"unknown person {person.text!r}", hint)
        source = _source(table.path, row, problems)
        _check_row(source, loaded, problems)
        if person is not None and person.text in people:
            entries.append(Entry(row.number, person.text, source.value))
        if step:
            step(1)
    return entries


def _check_row(source: Source, loaded: Loaded, problems: Problems) -> None:
    """The portfolio's own checks on one row: its schema, then every id it names.

    Unlike a file, a row with a bad value still has its other ids checked (leaving out the bad
    values), so a spreadsheet's every problem shows in one run.
    """
    assert loaded.known is not None and loaded.model is not None
    explained = {path[0] for path in source.raw}
    bad = set(explained)
    for error in subschema_validator("portfolio", "/properties/activities/items").iter_errors(source.value):
        key = error.absolute_path[0] if error.absolute_path else None
        if key in explained:
            continue  # already explained when the cell was read
        if key is not None:
            bad.add(key)
        report_error(source, error, problems)
    if "type" in source.value and "type" not in bad:
        good = {k: v for k, v in source.value.items() if k not in bad}
        check_activity(replace(source, value=good), loaded.known, problems, loaded.model.today)


def _source(display: str, row: Row, problems: Problems) -> Source:
    """The row as an activity, with each value placed at its cell (so checks point at the cell).

    A value already reported as wrong here is noted in ``raw``, so the schema's more general
    message about it is not given too.
    """
    source = Source(display, {}, whole="this row", key_word="column")
    source.marks[()] = (row.number, 1)
    for name in FIELDS:
        cell = row.cells.get(name)
        if cell is None:
            continue
        mark = (cell.row, cell.col)
        source.marks[(name,)] = source.key_marks[(name,)] = mark
        value: Any = cell.text
        if name in LISTS:
            if "," in cell.text and LIST_SEPARATOR not in cell.text:
                problems.error(display, *mark, f"{name}: separate the ids with semicolons (;), not commas",
                               f"write {'; '.join(p.strip() for p in cell.text.split(','))}")
                source.raw[(name,)] = cell.text
            value = [part.strip() for part in cell.text.split(LIST_SEPARATOR) if part.strip()]
            for j in range(len(value)):
                source.marks[(name, j)] = mark
        elif name == "audience" and cell.text.isdigit():
            value = int(cell.text)
        elif name in DATES and (day_first := DAY_FIRST.fullmatch(cell.text)):
            d, m, y = (int(part) for part in day_first.groups())
            example = f"{y:04d}-{m:02d}-{d:02d}"
            problems.error(display, *mark, f"{name} {cell.text!r} is not written year-month-day",
                           f"if it means day {d} of month {m}, write {example}; set the column's format to "
                           "yyyy-mm-dd so the spreadsheet keeps dates that way")
            source.raw[(name,)] = cell.text
        source.value[name] = value
    return source


def _identity(person: str, activity: dict[str, Any]) -> tuple[str, str, str, str] | None:
    """Two records are the same record when person, type, title and start date agree."""
    start = activity.get("date") or activity.get("from")
    title = activity.get("title")
    if not isinstance(start, str) or not isinstance(title, str):
        return None
    return person, str(activity.get("type")), " ".join(title.split()).casefold(), start


def _differences(existing: dict[str, Any], row: dict[str, Any]) -> list[str]:
    """The fields a row sets to something else than the record holds (fields it leaves empty don't count)."""
    found = []
    for key, value in row.items():
        old = existing.get(key)
        same = sorted(old) == sorted(value) if key in LISTS and isinstance(old, list) else old == value
        if not same:
            there = "nothing" if old is None else _shown(old)
            found.append(f"{key} ({there} in the portfolio, {_shown(value)} here)")
    return found


def _shown(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def _sort_out(entries: list[Entry], sources: Sources, result: Plan) -> None:
    """Split the rows into new records, records already there, repeats and conflicts."""
    existing: dict[tuple[str, str, str, str], tuple[str, int, dict[str, Any]]] = {}
    for source in sources.portfolios:
        person = os.path.splitext(os.path.basename(source.path))[0]
        for i, activity in enumerate(source.value.get("activities", [])):
            key = _identity(person, activity)
            if key is not None and key not in existing:
                existing[key] = (source.path, source.at(("activities", i))[0], activity)
    first_row: dict[tuple[str, str, str, str], int] = {}
    for entry in entries:
        key = _identity(entry.person, entry.activity)
        if key is None:
            continue
        if key in first_row:
            result.problems.error(result.table, entry.row, 1,
                                  f"row {entry.row} repeats row {first_row[key]} "
                                  "(same person, type, title and date)", "delete one of the two rows")
            continue
        first_row[key] = entry.row
        if key in existing:
            path, line, record = existing[key]
            changed = _differences(record, entry.activity)
            if changed:
                result.problems.error(
                    result.table, entry.row, 1,
                    f"row {entry.row} is the record at {path}:{line} (same person, type, title and date) "
                    f"but differs in {', '.join(changed)}",
                    f"import never changes a record: correct {path} by hand, or make the row match it",
                )
            else:
                result.present.append(Present(entry.row, path, line))
            continue
        result.added.setdefault(f"portfolios/{entry.person}.yml", []).append(entry)


def _edit(root: str, loaded: Loaded, result: Plan) -> None:
    """Each touched portfolio's new text, proved by parsing it, then the whole folder checked with them."""
    assert loaded.sources is not None and loaded.model is not None
    replaced: dict[str, Source] = {}
    for path, entries in sorted(result.added.items()):
        activities = [e.activity for e in entries]
        try:
            file = read_text_file(os.path.join(root, path))
            new_text = append_to_list(file.text, "activities", activities)
        except Refused as refused:
            result.problems.error(path, 1, 1, f"{_rows(entries)} cannot be added here: {refused}",
                                  "nothing was written")
            continue
        old = parse_yaml(file.text.replace("\r\n", "\n"), path, Problems())
        new = parse_yaml(new_text.replace("\r\n", "\n"), path, Problems())
        expected = copy.deepcopy(old.value) if old is not None else None
        if isinstance(expected, dict):
            expected["activities"] = [*expected.get("activities", []), *activities]
        if new is None or new.value != expected:
            result.problems.error(path, 1, 1, f"{_rows(entries)} cannot be added here: adding them as text "
                                  "would not leave the rest of the file exactly as it was", "nothing was written")
            continue
        result.edits[path] = (file, new_text)
        replaced[path] = new
    if result.problems.errors:
        return
    sources = loaded.sources
    after = Sources(sources.root, dict(sources.framework),
                    [replaced.get(s.path, s) for s in sources.portfolios], dict(sources.reflections))
    problems = Problems()
    check(after, problems, loaded.model.today)
    for problem in problems.errors:
        result.problems.error(problem.path, problem.line, problem.col,
                              f"after the import: {problem.message}", problem.hint)


def _rows(entries: list[Entry]) -> str:
    return rows_text([e.row for e in entries])


def rows_text(numbers: list[int], most: int = 8) -> str:
    """``[2, 3, 4, 9]`` → ``rows 2-4, 9``: short enough for one line, however long the import."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    if len(parts) > most:
        left = sum(len(r) for r in runs[most:])
        parts = [*parts[:most], f"and {left} more"]
    return ("row " if len(numbers) == 1 else "rows ") + ", ".join(parts)


@dataclass(frozen=True)
class Written:
    files: tuple[str, ...]
    problems: Problems


def apply(root: str, result: Plan, progress: Progress | None = None) -> Written:
    """Write every planned edit, all or nothing even if killed, after making sure no file changed since it was read."""
    problems = Problems()
    for path, (file, _) in sorted(result.edits.items()):
        try:
            now = read_text_file(os.path.join(root, path))
        except Refused as refused:
            problems.error(path, 1, 1, f"the file cannot be read again: {refused}")
            continue
        if now.data != file.data:
            problems.error(path, 1, 1, "the file changed while the import was being checked",
                           "run the import again")
    if problems.errors:
        return Written((), problems)
    step = progress("writing portfolios", len(result.edits)) if progress else None
    writes = [Write(path, file.encode(new_text), file.data) for path, (file, new_text) in sorted(result.edits.items())]
    try:
        done = write_all(root, writes, "import", step)
    except Changed as changed:
        for path in changed.args:
            problems.error(path, 1, 1, "the file changed while the import was being checked", "run the import again")
        return Written((), problems)
    except Unfinished as error:
        problems.error("portfolios", 1, 1, f"the import was interrupted while writing: {error.strerror}",
                       "run growthsite validate to finish it")
        return Written((), problems)
    except OSError as error:
        problems.error("portfolios", 1, 1, f"the portfolios cannot be written ({error.strerror}); "
                       "nothing was written", "free the disk or fix the folder's permissions, then import again")
        return Written((), problems)
    for path in done.kept:
        problems.error(path, 1, 1, "the file changed while the import was being written, so it was left as it "
                       "was; the other portfolios were written",
                       "run the import again: rows already written will be skipped")
    return Written(done.written, problems)
