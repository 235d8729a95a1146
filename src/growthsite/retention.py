"""Growth records past the retention period: find them, and delete them from their YAML files.

The site already leaves a cycle out once it is past retention, but the record stays in its file
until someone deletes it. This module does that deletion the way a careful person would: it edits
the text, removing only the lines of each due cycle, so comments, quoting, key order and blank lines
elsewhere stay exactly as written. Every edit is checked by parsing the result again; a file whose
edit cannot be proved right is left alone and reported, never half-written.
"""

from __future__ import annotations

import copy
import datetime as dt
import operator
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml
from yaml.error import Mark
from yaml.tokens import BlockEntryToken

from . import dates
from .files import Changed
from .problems import Problems
from .read import parse_yaml, read_yaml
from .terminal import plain
from .transaction import Unfinished, Write, write_all
from .yaml_text import (
    Refused,
    after_line,
    blank,
    compose_mapping,
    end_of_last,
    line_before,
    line_of,
    read_text_file,
    value_of,
)

UPCOMING_DAYS = 365
"""How far ahead the upcoming list looks: a year, so each September's check can plan the next one."""
FOCUS_CHARS = 60
"""A focus is shortened to this in listings: enough to recognise a cycle, short enough for one line."""
WRITE = "retention-deletion"
"""The kind of write, as recovery names it: "finished an interrupted retention deletion of 3 files"."""



def due_date(year: str, year_starts: tuple[int, int], retention_years: int) -> dt.date:
    """The day a growth cycle of academic ``year`` may be kept until: its last day plus the retention years."""
    _, end = dates.year_bounds(year, year_starts)
    return dates.add_years(end, retention_years)


def is_expired(year: str, year_starts: tuple[int, int], retention_years: int, today: dt.date) -> bool:
    """Past retention: strictly after the due date (on the due date itself the cycle is still kept)."""
    return due_date(year, year_starts, retention_years) < today


@dataclass(frozen=True)
class Record:
    """One growth cycle, where it is written and when it is due for deletion."""

    path: str
    """As the user sees it: ``portfolios/<id>.yml``."""
    line: int
    index: int
    """Its position in the file's ``growth:`` list."""
    person: str
    year: str
    focus: str
    due: dt.date


@dataclass(frozen=True)
class Scan:
    """What a data folder holds that is, or soon will be, due for deletion."""

    today: dt.date
    horizon: dt.date
    """The last day the upcoming list covers."""
    due: tuple[Record, ...]
    upcoming: tuple[Record, ...]
    problems: Problems
    """The folder's errors (and warnings): with any error, nothing is listed and nothing may be deleted."""

    @property
    def ok(self) -> bool:
        return not self.problems.errors


@dataclass(frozen=True)
class Applied:
    """The outcome of deleting: what went, and an error for each cycle that had to stay."""

    removed: tuple[Record, ...]
    problems: Problems


def scan(root: str, today: dt.date) -> Scan:
    """Every growth cycle of ``root``'s portfolios that is due (``due < today``) or due within a year.

    The data is loaded and checked as a build would: deleting from data with errors could hide them.
    """
    from .project import load  # here, not at the top: check and build_model may import this module

    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    loaded = load(root, today)
    if loaded.model is None:
        return Scan(today, horizon, (), (), loaded.problems)
    trust = loaded.model.trust
    due: list[Record] = []
    upcoming: list[Record] = []
    for person in loaded.model.people:
        display = f"portfolios/{person.id}.yml"
        found = [
            (i, cycle, due_date(cycle.year, trust.year_starts, trust.retention_years))
            for i, cycle in enumerate(person.growth)
        ]
        found = [(i, cycle, day) for i, cycle, day in found if day <= horizon]
        if not found:
            continue
        # The model has no positions: read the file again for the line of each cycle.
        source = read_yaml(os.path.join(root, display), display, Problems())
        for i, cycle, day in found:
            line = source.at(("growth", i))[0] if source is not None else 1
            record = Record(display, line, i, person.name, cycle.year, cycle.focus, day)
            (due if day < today else upcoming).append(record)
    order = operator.attrgetter("path", "line")  # file order, as validate reports
    return Scan(today, horizon, tuple(sorted(due, key=order)), tuple(sorted(upcoming, key=order)), loaded.problems)


def describe(record: Record, today: dt.date) -> str:
    """One line for a CPD lead: where the cycle is, whose it is and when it is (or was) due."""
    when = f"due for deletion since {record.due}" if record.due < today else f"due on {record.due}"
    focus = plain(record.focus, FOCUS_CHARS)
    return f'{record.path}:{record.line}: {plain(record.person)}, {record.year} growth cycle ("{focus}"), {when}'


def apply(root: str, records: Iterable[Record]) -> Applied:
    """Delete ``records`` from their files in one write, all or nothing even if killed.

    A file that cannot be edited safely is left out (and its cycles reported); the others are written.
    """
    by_file: dict[str, list[Record]] = {}
    for record in records:
        by_file.setdefault(record.path, []).append(record)
    problems = Problems()
    edits: list[tuple[list[Record], Write, dict[int, tuple[int, int]]]] = []
    for display, group in sorted(by_file.items()):
        group.sort(key=lambda r: r.index)
        try:
            write, spans = _edit(os.path.join(root, display), display, group)
        except _Refused as refused:
            _not_deleted(problems, group, refused)
        else:
            edits.append((group, write, spans))
    try:
        done = write_all(root, [write for _, write, _ in edits], WRITE)
    except Changed as changed:
        for group, write, _ in edits:
            _not_deleted(problems, group, _Refused(
                "the file changed since it was checked; run growthsite retention again" if write.path in changed.args
                else "another file changed while the deletions were being written, so none was made; "
                "run growthsite retention again", retry=True))
        return Applied((), problems)
    except OSError as error:
        unfinished = isinstance(error, Unfinished)
        for group, _, spans in edits:
            _not_deleted(problems, group, _Refused(f"the files cannot be written ({error.strerror})", spans,
                                                   retry=unfinished))
        return Applied((), problems)
    removed: list[Record] = []
    for group, write, spans in edits:
        if write.path in done.kept:
            _not_deleted(problems, group, _Refused("the file changed while the deletions were being written; "
                                                   "run growthsite retention again", spans, retry=True))
        else:
            removed.extend(group)
    return Applied(tuple(removed), problems)


def _not_deleted(problems: Problems, group: Sequence[Record], refused: _Refused) -> None:
    for record in group:
        first, last = refused.spans.get(record.index, (record.line, record.line))
        lines = f"line {first}" if first == last else f"lines {first}-{last}"
        todo = f"take this cycle's {{...}} out of {lines}" if refused.flow else f"delete {lines}"
        problems.error(
            record.path, record.line, 1,
            f"{plain(record.person)}'s {record.year} growth cycle was not deleted: {refused}",
            "nothing in this file was changed" + (
                "" if refused.retry else f": {todo} by hand, then run growthsite validate"),
        )


class _Refused(Exception):
    """This file cannot be edited safely; ``spans`` are 1-based line ranges to tell the user to delete.

    ``flow``: the lines hold more than the cycle (``[...]``), so the user takes out part of them.
    ``retry``: the file changed under us; running retention again is the fix, not editing by hand.
    """

    def __init__(self, reason: str, spans: dict[int, tuple[int, int]] | None = None,
                 flow: bool = False, retry: bool = False) -> None:
        super().__init__(reason)
        self.spans, self.flow, self.retry = spans or {}, flow, retry


def _edit(fs_path: str, display: str, records: Sequence[Record]) -> tuple[Write, dict[int, tuple[int, int]]]:
    """The file's new bytes without ``records``, proved right by parsing them; and each record's lines."""
    try:
        file = read_text_file(fs_path)
    except Refused as refused:
        raise _Refused(str(refused)) from refused
    text = file.text
    old = parse_yaml(text.replace("\r\n", "\n"), display, Problems())
    growth = old.value.get("growth") if old is not None and isinstance(old.value, dict) else None
    if not isinstance(growth, list) or not all(
        r.index < len(growth) and isinstance(growth[r.index], dict)
        and (growth[r.index].get("year"), growth[r.index].get("focus")) == (r.year, r.focus)
        for r in records
    ):
        raise _Refused("the file changed since it was checked; run growthsite retention again", retry=True)
    assert old is not None  # for mypy: growth came from it
    new_text, spans = _cut(text, {r.index for r in records})
    expected = copy.deepcopy(old.value)
    kept = [g for i, g in enumerate(growth) if i not in {r.index for r in records}]
    if kept:
        expected["growth"] = kept
    else:
        del expected["growth"]
    problems = Problems()
    new = parse_yaml(new_text.replace("\r\n", "\n"), display, problems)
    if new is None or problems.errors or new.value != expected:
        raise _Refused("deleting its lines would not leave the rest of the data exactly as it was", spans)
    return Write(display, file.encode(new_text), file.data), spans


def _cut(text: str, indexes: set[int]) -> tuple[str, dict[int, tuple[int, int]]]:
    """``text`` without the ``growth:`` items at ``indexes`` (or without ``growth:`` once it would be empty).

    Returns the new text and, for messages,
    each removed item's 1-based line range.
    """
    try:
        root, tokens = compose_mapping(text)
    except Refused as refused:
        raise _Refused(str(refused)) from refused
    pair = value_of(root, "growth")
    seq = pair[1] if pair else None
    if pair is None or not isinstance(seq, yaml.SequenceNode):
        raise _Refused("its growth: list could not be found")
    key = pair[0]
    items: list[yaml.Node] = seq.value
    if seq.flow_style:
        spans = {i: (n.start_mark.line + 1, n.end_mark.line + 1) for i, n in enumerate(items) if i in indexes}
        raise _Refused("growth: is written in brackets ([...]), which cannot be edited line by line", spans,
                       flow=True)
    entries: list[Mark] = [t.start_mark for t in tokens if isinstance(t, BlockEntryToken)]
    starts: list[Mark] = []
    for item in items:
        before = [m for m in entries if seq.start_mark.index <= m.index < item.start_mark.index]
        if not before:
            raise _Refused("an item of growth: has no '-' before it")
        starts.append(before[-1])
    for mark in starts:
        if text[mark.index - mark.column: mark.index].strip(" \t"):
            raise _Refused("an item of growth: does not start its own line")
    cuts: list[tuple[int, int]] = []
    spans = {}
    for i, mark in enumerate(starts):
        if i not in indexes:
            continue
        begin = mark.index - mark.column
        if i + 1 < len(starts):
            end = starts[i + 1].index - starts[i + 1].column  # to the line before the next item's '-'
        else:
            end = end_of_last(text, mark, seq.end_mark.index, tokens)
        spans[i] = (mark.line + 1, line_of(text, begin, end, mark.line))
        cuts.append((begin, end))
    if len(indexes) == len(items):
        begin = key.start_mark.index - key.start_mark.column
        if text[begin: key.start_mark.index].strip(" \t"):
            raise _Refused("growth: does not start its own line", spans)
        first = min(indexes)
        spans[first] = (key.start_mark.line + 1, spans[first][1])  # deleting by hand: growth: goes too
        cuts = [(begin, cuts[-1][1])]
    merged: list[tuple[int, int]] = []
    for begin, end in cuts:  # neighbouring items go in one cut
        if merged and begin == merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    begin, end = merged[-1]
    if len(starts) - 1 in indexes and blank(text, end, after_line(text, end)):
        while begin > 0 and blank(text, line_before(text, begin), begin):
            begin = line_before(text, begin)  # the list's end: one blank line before what follows, not two
        merged[-1] = (begin, end)
    for begin, end in reversed(merged):
        text = text[:begin] + text[end:]
    return text, spans



