"""Start a portfolio or add an event from the command line, so nobody has to write YAML from nothing.

``person`` writes ``portfolios/<id>.yml``: a valid file whose comments teach the format, with commented-out
examples of a role, an activity and a growth cycle that are valid once the ``# `` is taken out.
``event`` adds an event at the end of ``framework/events.yml`` and changes no byte already there.

Everything is checked before anything is written, and every problem is reported in one run. The new text is
parsed again and checked with the rest of the folder before it is written; a portfolio is created in one step
and never over an existing file; events.yml is replaced in one step, and only if it has not changed meanwhile.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import shlex
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml

from . import bidi, schemas
from .check import RESERVED_IDS, RESERVED_PERSON_IDS, Known, check
from .dates import academic_year, parse_date
from .dates import today as default_today
from .files import Changed, write_atomic
from .problems import Problems
from .read import parse_yaml
from .sources import Sources, read_sources
from .suggest import did_you_mean
from .terminal import plain
from .transaction import locked
from .yaml_text import BOM, Refused, read_text_file

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")
EVENTS = "framework/events.yml"
EVENTS_HEADER = """\
# Trust events: training days, Think Tanks, peer-review rounds, conferences and courses.
# An activity in a portfolio names its event with event: and the event's id.
# Each event has an id, a kind, a title, and either a date (one day) or from: and to: (a period;
# leave out to: while it is still going on). Add one with: growthsite new event
"""
_COMMENT_COLUMN_LIMIT = 40
"""Comments line up after the longest line of their block, unless that line is longer than this."""


@dataclass(frozen=True)
class Result:
    """What a command did: lines for standard output when it worked, error lines for standard error otherwise."""

    ok: bool
    out: tuple[str, ...] = ()
    err: tuple[str, ...] = ()


class _Errors:
    """Errors about the command's arguments (``error: ...``) and about files (``path:line:col: error: ...``)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, message: str, hint: str | None = None) -> None:
        self.lines.append(f"error: {message}" + (f"; {hint}" if hint else ""))

    def at(self, path: str, line: int, col: int, message: str, hint: str) -> None:
        self.lines.append(f"{path}:{line}:{col}: error: {message}; {hint}")

    def problems(self, problems: Problems) -> None:
        self.lines.extend(p.format() for p in problems if p.severity == "error")

    def __bool__(self) -> bool:
        return bool(self.lines)


# -- checking arguments -----------------------------------------------------------------------------------------


def _slug_like(text: str) -> str:
    """A slug made from ``text``, to suggest in place of an id that is not one: ``Dan East`` → ``dan-east``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _check_id(errors: _Errors, value: str, what: str, example: str, fallback: str) -> bool:
    if SLUG.fullmatch(value):
        return True
    suggestion = _slug_like(value) or fallback
    errors.add(f"{plain(value)!r} is not a valid {what} id",
               f"use lowercase letters, digits and single hyphens, such as {suggestion or example}")
    return False


def _check_text(errors: _Errors, value: str, what: str) -> str:
    """``value`` without surrounding spaces; an error if that leaves nothing or it holds control characters."""
    text = value.strip()
    if not text:
        errors.add(f"the {what} is empty", f"give the {what} in quotes, such as --{what} \"...\"")
    elif any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in bidi.CONTROLS for c in text):
        errors.add(f"the {what} {plain(text)!r} holds an invisible control character or a line break",
                   "type it again on one line")
    return text


def _check_date(errors: _Errors, value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    if not ISO_DATE.fullmatch(value):
        errors.add(f"{option} {plain(value)!r} is not a date", "write it as YYYY-MM-DD, such as 2025-10-17")
        return None
    day = parse_date(value)
    if day is None:
        errors.add(f"{option} {value} is not a real date", "check the month and the day")
    return day


def _check_ref(errors: _Errors, value: str | None, known: list[str], what: str, plural: str) -> None:
    if value is not None and value not in known:
        errors.add(f"unknown {what} {plain(value)!r}", did_you_mean(value, known, plural))


# -- the folder -------------------------------------------------------------------------------------------------


@dataclass
class _Folder:
    sources: Sources
    known: Known
    problems: Problems

    @property
    def framework_ok(self) -> bool:
        """True when the framework loaded cleanly, so its ids can be trusted for did-you-mean."""
        return not any(p.path.startswith("framework") for p in self.problems.errors)


def _read_folder(root: str, today: dt.date) -> _Folder:
    problems = Problems()
    sources = read_sources(root, problems)
    known = check(sources, problems, today)
    return _Folder(sources, known, problems)


def _folder_errors(errors: _Errors, folder: _Folder) -> None:
    if folder.problems.errors:
        errors.problems(folder.problems)
        n = len(folder.problems.errors)
        errors.add(f"the data folder has {n} error{'s' if n != 1 else ''}, so nothing can be added to it",
                   "fix them first (growthsite validate lists them)")


def _in_memory(problems: Problems) -> Result:
    """The new text did not check out before writing: a bug here, never the user's data."""
    errors = _Errors()
    errors.problems(problems)
    errors.add("growthsite could not produce a valid file", "please report this as a bug, with the command you ran")
    return Result(False, err=(*errors.lines, "nothing was written"))


# -- writing ----------------------------------------------------------------------------------------------------


def _create(fs_path: str, data: bytes) -> bool:
    """Create ``fs_path`` holding ``data`` in one step; False (and nothing written) if it already exists.

    The data goes to a temporary file that is then hard-linked into place: a link never replaces an
    existing file, and a reader never sees half a file. Where the file system has no hard links, the
    file is created with O_EXCL instead, which is just as safe against replacing.
    """
    folder = os.path.dirname(fs_path) or "."
    temp = os.path.join(folder, f".new-{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temp, fs_path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (some network and FAT file systems)
            try:
                fd = os.open(fs_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                return False
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _replace(fs_path: str, old: bytes, data: bytes) -> bool:
    """Replace ``fs_path`` by ``data`` in one step, if it still holds ``old``; False if it changed meanwhile."""
    try:
        write_atomic(fs_path, data, prefix=".new-", expected=old)
    except Changed:
        return False
    return True


# -- YAML text --------------------------------------------------------------------------------------------------


def _scalar(value: str) -> str:
    """``value`` as YAML that reads back as the same text: plain where it is safe, quoted where it is not."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    text = dumped.removesuffix("\n").removesuffix("\n...")
    if "\n" in text:  # pragma: no cover - control characters and line breaks were refused
        raise ValueError("a value that needs more than one line")
    return text


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


Line = str | tuple[str, str]
"""A line of a new file: text as it is, or ``(code, comment)``, whose comment lines up with the others'."""


def _commented(lines: list[tuple[str, str]]) -> list[Line]:
    """``lines`` commented out: each starts with ``# ``, which a person deletes to use them."""
    return [("# " + code, note) for code, note in lines]


def _lay_out(lines: list[Line]) -> str:
    """The text of ``lines``, with every comment in one column after the longest code (long lines excepted)."""
    widths = [len(line[0]) for line in lines if isinstance(line, tuple) and line[1]]
    column = max((w for w in widths if w <= _COMMENT_COLUMN_LIMIT), default=0)
    out = []
    for line in lines:
        if isinstance(line, str):
            out.append(line)
        else:
            code, note = line
            out.append(f"{code.ljust(column)}  # {note}" if note else code)
    return "\n".join(out) + "\n"


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


# -- new person -------------------------------------------------------------------------------------------------


def _schema_line(root: str) -> str:
    """The ``$schema=`` value of the folder's portfolios (the most used one), else the installed schema's path."""
    found: Counter[str] = Counter()
    folder = os.path.join(root, "portfolios")
    with contextlib.suppress(OSError):
        for entry in sorted(os.listdir(folder)):
            if not entry.endswith(".yml"):
                continue
            with contextlib.suppress(OSError), open(os.path.join(folder, entry), "rb") as handle:
                first = handle.readline(4096).removeprefix(BOM).decode("utf-8", "replace")
                match = MODELINE.match(first)
                if match:
                    found[match.group(1)] += 1
    if found:
        return max(sorted(found), key=lambda value: found[value])
    schema = schemas.path("portfolio")
    try:
        return os.path.relpath(schema, os.path.abspath(folder)).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return "file:///" + os.path.abspath(schema).replace(os.sep, "/").lstrip("/")


@dataclass(frozen=True)
class _Framework:
    """What the examples in a new portfolio are made of: real ids, so that they are valid once uncommented."""

    stage_names: dict[str, str]
    type_id: str
    type_roles: list[str]
    driver: str | None
    standard: str | None


def _framework(sources: Sources, known: Known) -> _Framework:
    fw = sources.framework
    stages = {s["id"]: s["name"] for s in fw["pathways"].value["stages"]}
    types = list(known.types)
    type_id = "trust-training" if "trust-training" in known.types else types[0]
    return _Framework(stages, type_id, list(known.types[type_id]),
                      known.drivers[0] if known.drivers else None,
                      known.standards[0] if known.standards else None)


def portfolio_text(*, schema: str, person_id: str, name: str, school: str, pathway: str | None,
                   role: dict[str, str] | None, framework: _Framework, today: dt.date,
                   year_starts: tuple[int, int]) -> str:
    """The text of a new portfolio: valid as it is, with comments that teach the format.

    The examples are commented out and use the trust's own ids, so each is valid once its ``# `` goes.
    """
    s = _scalar
    out: list[Line] = [
        f"# yaml-language-server: $schema={schema}",
        f"# {plain(name)}'s portfolio: their page on the staff intranet is built from this file.",
        "# Lines that start with # are notes: the site ignores them. After each change, run: growthsite validate",
        "",
        (f"id: {s(person_id)}", "the same as the file name, without .yml"),
        (f"name: {s(name)}", "their name as they want it shown"),
        (f"school: {s(school)}", "where they work now: a school id from framework/trust.yml"),
    ]
    if pathway is not None:
        out.append((f"pathway: {s(pathway)}", "their career pathway: an id from framework/pathways.yml"))
    out += [
        ("consent:", "change these only when they tell you to"),
        ("  intranet: true", "true: a page on the staff intranet; false: no page, and not listed anywhere"),
        ("  showcase: false", "false: not on the careers site; true only once they have said yes to it"),
        ("  statistics: false", "true only once they agree to be counted, unnamed, in the careers site's figures"),
        "",
    ]

    stage = role["stage"] if role else next(iter(framework.stage_names))
    roles: list[tuple[str, str]] = [
        ("roles:", "their jobs in the trust, oldest first" if role else ""),
        (f"  - title: {s(role['title'] if role else framework.stage_names[stage])}", ""),
        (f"    stage: {s(stage)}", "their career stage: an id from framework/pathways.yml"),
        (f"    school: {s(school)}", ""),
        (f"    from: {role['from'] if role else today.isoformat()}",
         "their first day in it; when it ends, add to: with their last day"),
    ]
    if role:
        out += roles
    else:
        out += [
            "# Roles: their jobs in the trust, oldest first. To add the first one, delete the \"# \" at the",
            "# start of each line below, then change the values.",
            *_commented(roles),
        ]
    out.append("")

    type_roles = framework.type_roles
    activity: list[tuple[str, str]] = [
        ("activities:", ""),
        (f"  - type: {s(framework.type_id)}", "the kind of activity: an id from framework/activities.yml"),
    ]
    if type_roles:
        activity.append((f"    role: {s(type_roles[0])}", f"their part in it: {_either(type_roles)}"))
    activity += [
        ("    title: What it was, in a few words", ""),
        (f"    date: {today.isoformat()}", "the day; for something longer, write from: and to: instead"),
        (f"    schools: {_flow([school])}", "optional: the schools where it happened"),
        ("    audience: 20", "optional: how many people it reached"),
        ("    visibility: staff", "staff (the intranet, the default), public (careers site too) or private"),
    ]
    out += [
        "# Activities: what they have done that shows their growth, such as training they led for other",
        "# schools. To add the first one, delete the \"# \" at the start of each line below, then change",
        "# the values. Add more below it, each starting with a -.",
        *_commented(activity),
        "",
    ]

    cycle: list[tuple[str, str]] = [
        ("growth:", ""),
        (f"  - year: {s(academic_year(today, year_starts))}", "the academic year"),
        ("    focus: The one thing they want to get better at this year", ""),
        (f"    drivers: {_flow([framework.driver or 'a-driver-id'])}",
         "the strategic drivers it serves: ids from framework/trust.yml"),
    ]
    if framework.standard:
        cycle.append((f"    standards: {_flow([framework.standard])}",
                      "optional: the standards it helps with, written set/standard"))
    cycle += [
        ("    success_criteria:", ""),
        ("      - What will be different when it has worked", ""),
        ("    check_ins:", "a conversation about every half term; the notes are never published"),
        (f"      - date: {today.isoformat()}", ""),
        ("        notes: What you talked about and agreed", ""),
        ("    visibility: private", "private (the default): them and their coach; staff or public shares it"),
    ]
    out += [
        "# Growth cycles: one for each academic year, private unless they choose to share it.",
        "# To start one, delete the \"# \" at the start of each line below, then change the values.",
        *_commented(cycle),
    ]
    return _lay_out(out)


def person(root: str, person_id: str, *, name: str, school: str, stage: str | None = None,
           title: str | None = None, start: str | None = None, pathway: str | None = None,
           today: dt.date | None = None) -> Result:
    """Create ``portfolios/<person_id>.yml`` in ``root``, after checking everything; never over an existing file."""
    today = today or default_today()
    display = f"portfolios/{person_id}.yml"
    fs_path = os.path.join(root, "portfolios", f"{person_id}.yml")
    errors = _Errors()
    if _check_id(errors, person_id, "person", "amira-hussain", _slug_like(name)):
        if person_id in RESERVED_PERSON_IDS:
            errors.add(f"{person_id!r} cannot be a person id",
                       f"it names a page of the people directory: add a surname, such as {person_id}-smith")
        elif os.path.lexists(fs_path):
            errors.add(f"{display} already exists", "choose another id, or open that file to change it")
    name = _check_text(errors, name, "name")
    if title is not None:
        title = _check_text(errors, title, "title")
    if stage is None and (title is not None or start is not None):
        errors.add("--title and --from describe their role", "give --stage too")
    start_day = _check_date(errors, start, "--from")
    folder = _read_folder(root, today)
    if folder.framework_ok:
        _check_ref(errors, school, folder.known.schools, "school", "schools")
        _check_ref(errors, stage, folder.known.stages, "stage", "stages")
        _check_ref(errors, pathway, folder.known.pathways, "pathway", "pathways")
    _folder_errors(errors, folder)
    if errors:
        return Result(False, err=(*errors.lines, "nothing was written"))

    framework = _framework(folder.sources, folder.known)
    role = None
    if stage is not None:
        role = {"title": title or framework.stage_names[stage], "stage": stage,
                "from": (start_day or today).isoformat()}
    text = portfolio_text(schema=_schema_line(root), person_id=person_id, name=name, school=school,
                          pathway=pathway, role=role, framework=framework, today=today,
                          year_starts=folder.known.year_starts)
    expected: dict[str, Any] = {"id": person_id, "name": name, "school": school}
    if pathway is not None:
        expected["pathway"] = pathway
    expected["consent"] = {"intranet": True, "showcase": False, "statistics": False}
    if role is not None:
        expected["roles"] = [{"title": role["title"], "stage": stage, "school": school, "from": role["from"]}]

    # Before writing: the text reads back as intended, and the folder with it still checks clean.
    problems = Problems()
    source = parse_yaml(text, display, problems)
    if source is None or source.value != expected:
        problems.error(display, 1, 1, "the new portfolio does not read back as intended")
        return _in_memory(problems)
    folder.sources.portfolios.append(source)
    check(folder.sources, problems, today)
    if problems.errors:
        return _in_memory(problems)

    try:
        os.makedirs(os.path.dirname(fs_path), exist_ok=True)
        with locked(root):  # so that another command's recovery never takes our temporary file for a leftover
            created = _create(fs_path, text.encode("utf-8"))
    except OSError as error:
        errors.add(f"{display} cannot be written: {error.strerror}", "check the folder's permissions and space")
        return Result(False, err=(*errors.lines, "nothing was written"))
    if not created:
        errors.add(f"{display} already exists", "choose another id, or open that file to change it")
        return Result(False, err=(*errors.lines, "nothing was written"))

    # After writing: the folder as it is now on disk, with the new file, loads.
    return _confirm(root, today, display, fs_path, person_id)


def _confirm(root: str, today: dt.date, display: str, fs_path: str, person_id: str) -> Result:
    from .project import load  # here: project imports the model builder, which the checks above do not need

    loaded = load(root, today)
    own = [p for p in loaded.problems.errors if p.path == display]
    errors = _Errors()
    if own:
        os.unlink(fs_path)  # ours: created above, never over anything
        errors.problems(Problems(own))
        errors.add(f"{display} did not validate once written, so it was removed",
                   "please report this as a bug, with the command you ran")
        return Result(False, err=tuple(errors.lines))
    where = "" if root == "." else f" {shlex.quote(root)}"
    out = (
        f"created {display}",
        f"next: open {display} in your editor to fill in the rest (its comments show how), "
        f"then run growthsite validate{where}",
        f"before they say yes to the careers site, see what each site shows: growthsite privacy {person_id}{where}",
    )
    if loaded.problems.errors or loaded.model is None or all(p.id != person_id for p in loaded.model.people):
        errors.problems(loaded.problems)
        errors.add("the data folder has errors now, outside the new file (was it changed meanwhile?)",
                   "run growthsite validate")
        return Result(False, out=out[:1], err=tuple(errors.lines))
    return Result(True, out=out)


# -- new event --------------------------------------------------------------------------------------------------


def event_kinds() -> list[str]:
    """The kinds an event may be, from the events schema."""
    kinds: list[str] = schemas.load("events")["items"]["properties"]["kind"]["enum"]
    return kinds


def _newline(text: str) -> str:
    """The file's line break: the one its first line ends with (LF for a file of one line or none)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _indents(text: str) -> tuple[int, int] | str:
    """Where the file's top-level ``-`` and its items' keys start, or why an event can't be added at the end."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # pragma: no cover - the folder was checked first
        return "it cannot be read as YAML"
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return 0, 2
    if not isinstance(root, yaml.SequenceNode):  # pragma: no cover - the schema requires a list
        return "it is not a list of events"
    if root.flow_style:
        return "its events are written in brackets ([...])"
    if not root.value:  # pragma: no cover - a block sequence has at least one item
        return 0, 2
    dash = root.start_mark.column
    first = root.value[0]
    key = first.start_mark.column if isinstance(first, yaml.MappingNode) else dash + 2
    return dash, max(key, dash + 2)


def event(root: str, event_id: str, *, kind: str, title: str, date: str | None = None,
          start: str | None = None, end: str | None = None, today: dt.date | None = None) -> Result:
    """Add an event at the end of ``framework/events.yml`` (created if absent), leaving every byte there as it was."""
    today = today or default_today()
    errors = _Errors()
    folder = _read_folder(root, today)
    events = folder.sources.framework.get("events")
    if _check_id(errors, event_id, "event", "inset-2025-10", _slug_like(title)):
        if event_id in RESERVED_IDS:
            errors.add(f"{event_id!r} cannot be an event id",
                       "its page would replace the page that lists every event: choose another id")
        elif events is not None and isinstance(events.value, list):
            for i, item in enumerate(events.value):
                if isinstance(item, dict) and item.get("id") == event_id:
                    line, col = events.at((i, "id"))
                    errors.at(EVENTS, line, col, f"the event id {event_id!r} is already used",
                              "choose another id for the new event")
    kinds = event_kinds()
    if kind not in kinds:
        errors.add(f"unknown kind {plain(kind)!r}", did_you_mean(kind, kinds, "kinds"))
    title = _check_text(errors, title, "title")
    if date is not None and start is not None:
        errors.add("give either --date (one day) or --from (a period), not both")
    elif date is None and start is None:
        errors.add("give the event's day with --date, or its period with --from (and --to once it has ended)")
    elif end is not None and start is None:
        errors.add("--to ends a period that starts with --from", "for one day, give only --date")
    day = _check_date(errors, date, "--date")
    first = _check_date(errors, start, "--from")
    last = _check_date(errors, end, "--to")
    if first and last and last < first:
        errors.add(f"--to ({last}) is before --from ({first})", "a period ends on or after the day it starts")
    _folder_errors(errors, folder)
    if errors:
        return Result(False, err=(*errors.lines, "nothing was written"))

    fs_path = os.path.join(root, EVENTS)
    new: dict[str, Any] = {"id": event_id, "kind": kind, "title": title}
    if day is not None:
        new["date"] = day.isoformat()
    else:
        assert first is not None  # for mypy: checked above
        new["from"] = first.isoformat()
        if last is not None:
            new["to"] = last.isoformat()

    if events is None:
        old_bytes, bom, old_text = b"", False, EVENTS_HEADER
        old_value: list[Any] = []
    else:
        try:
            file = read_text_file(fs_path)
        except Refused as refused:
            errors.at(EVENTS, 1, 1, f"the new event cannot be added: {refused}", "run the command again")
            return Result(False, err=(*errors.lines, "nothing was written"))
        old_bytes, bom, old_text = file.data, file.bom, file.text
        old_value = list(events.value or [])
    indents = _indents(old_text.replace("\r\n", "\n"))
    if isinstance(indents, str):
        errors.at(EVENTS, 1, 1, f"the new event cannot be added at the end of the file: {indents}",
                  "add it by hand")
        return Result(False, err=(*errors.lines, "nothing was written"))
    dash, key = indents
    nl = _newline(old_text)
    values = {k: v if k in ("date", "from", "to") else _scalar(v) for k, v in new.items()}  # dates as written
    lines = [(f"{' ' * dash}-{' ' * (key - dash - 1)}" if i == 0 else " " * key) + f"{k}: {v}"
             for i, (k, v) in enumerate(values.items())]
    added = ("" if not old_text or old_text.endswith(("\n", "\r")) else nl) + nl.join(lines) + nl
    new_text = old_text + added

    # Before writing: the file reads back as exactly what it held, plus the new event, and the folder checks clean.
    problems = Problems()
    source = parse_yaml(new_text.replace("\r\n", "\n"), EVENTS, problems)
    if source is None or source.value != [*old_value, new]:
        if events is not None:  # the text of a trust's file defeated us: say so, and leave it to a person
            errors.at(EVENTS, 1, 1, "the new event cannot be added at the end of the file "
                      "without changing what it already holds", "add it by hand")
            return Result(False, err=(*errors.lines, "nothing was written"))
        problems.error(EVENTS, 1, 1, "the new events.yml does not read back as intended")  # pragma: no cover
        return _in_memory(problems)  # pragma: no cover
    folder.sources.framework["events"] = source
    check(folder.sources, problems, today)
    if problems.errors:
        return _in_memory(problems)

    data = (BOM if bom else b"") + new_text.encode("utf-8")
    assert data.startswith(old_bytes)
    try:
        with locked(root):
            written = _create(fs_path, data) if events is None else _replace(fs_path, old_bytes, data)
    except OSError as error:
        errors.add(f"{EVENTS} cannot be written: {error.strerror}", "check the folder's permissions and space")
        return Result(False, err=(*errors.lines, "nothing was written"))
    if not written:
        errors.at(EVENTS, 1, 1, "the file changed while the event was being added", "run the command again")
        return Result(False, err=(*errors.lines, "nothing was written"))
    return Result(True, out=(
        f"added event {event_id} to {EVENTS}",
        f"next: in the portfolio of each person who took part, add event: {event_id} to their activity",
    ))
