"""Check the data: schema first, then every reference and date, then the warnings.

Every problem in every file is collected; nothing stops at the first one.
A file that fails its schema is not reference-checked (its shape is unknown),
and portfolios are not reference-checked against a framework that failed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import bidi, dates, intranet, retention
from .problems import Problems
from .read import Path, Source, position, read_text
from .schema_check import check_schema, field_name
from .sources import Sources
from .suggest import did_you_mean

RESERVED_PERSON_IDS = frozenset({"index", "stage", "pathway", "type"})
"""Names of pages under people/: the index and the directory's filter pages."""
RESERVED_IDS = frozenset({"index"})
"""Every id that names a page (schools, events, strands, pathways, stages, activity types, sets of standards)
names it inside a folder whose own page, the folder's index, has this name."""
FOLDERS = {"stage": "people/stage/", "activity type": "people/type/", "standards set": "toolkit/standards/"}
"""Where the pages of the kinds with no list page of their own live, for the message about a reserved id."""


@dataclass
class Known:
    """The ids every reference must resolve to."""

    schools: list[str] = field(default_factory=list)
    drivers: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    strands: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    types: dict[str, list[str]] = field(default_factory=dict)
    stages: list[str] = field(default_factory=list)
    pathways: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    year_starts: tuple[int, int] = (9, 1)
    retention_years: int = 6
    intranet_hosts: tuple[str, ...] = ()


class Checker:
    def __init__(self, sources: Sources, problems: Problems, today: dt.date) -> None:
        self.sources = sources
        self.problems = problems
        self.today = today
        self.deciding = dates.deciding(today)
        """Leaving and retention are decided on this day: ``today``, never before the real date."""
        self.known = Known()

    # -- helpers -------------------------------------------------------------
    def error(self, source: Source, path: Path, message: str, hint: str | None = None) -> None:
        line, col = source.at(path)
        self.problems.error(source.path, line, col, message, hint)

    def warning(self, source: Source, path: Path, message: str, hint: str | None = None) -> None:
        line, col = source.at(path)
        self.problems.warning(source.path, line, col, message, hint)

    def ref(self, source: Source, path: Path, value: Any, known: Iterable[str], what: str) -> None:
        known = list(known)
        if value not in known:
            self.error(source, path, f"unknown {what} {value!r}", did_you_mean(str(value), known, what + "s"))

    def unique(self, source: Source, path: Path, items: list[dict[str, Any]], what: str,
               reserved: frozenset[str] = frozenset()) -> list[Any]:
        first: dict[Any, int] = {}
        for i, item in enumerate(items):
            key = item["id"]
            if key in reserved:
                article = "an" if what[0] in "aeiou" else "a"
                folder = FOLDERS.get(what)
                self.error(source, (*path, i, "id"), f"{key!r} cannot be {article} {what} id",
                           f"its page would replace the page that lists every {what}: choose another id"
                           if folder is None else f"every {what} has a page in {folder} named by its id, and the "
                           f"page named {key} is that folder's own page: choose another id")
            if key in first:
                line = source.at((*path, first[key], "id"))[0]
                self.error(source, (*path, i, "id"), f"the {what} id {key!r} is used twice (first at line {line})",
                           "ids must be unique: rename one of them")
            else:
                first[key] = i
        return list(first)

    def date(self, source: Source, path: Path, value: Any) -> dt.date | None:
        if value is None:
            return None
        day = dates.parse_date(value)
        if day is None:
            self.error(source, path, f"{value!r} is not a real date", "check the month and the day")
        return day

    def period(self, source: Source, path: Path, item: dict[str, Any]) -> None:
        self.date(source, (*path, "date"), item.get("date"))
        start = self.date(source, (*path, "from"), item.get("from"))
        end = self.date(source, (*path, "to"), item.get("to"))
        if start and end and end < start:
            self.error(source, (*path, "to"), f"{field_name((*path, 'to'))} ({end}) is before from ({start})",
                       "a period ends on or after the day it starts")

    # -- the run ---------------------------------------------------------------
    def run(self) -> None:
        fw = self.sources.framework
        framework_ok = True
        for name, source in fw.items():
            if not check_schema(source, name, self.problems):
                framework_ok = False
        framework_ok = framework_ok and all(
            n in fw for n in ("trust", "leadership", "activities", "pathways")
        )
        if framework_ok:
            self.check_framework()
        self.known.people = [os.path.splitext(os.path.basename(s.path))[0] for s in self.sources.portfolios]
        for source in self.sources.portfolios:
            if check_schema(source, "portfolio", self.problems) and framework_ok:
                self.check_portfolio(source)
        for source in [*fw.values(), *self.sources.portfolios]:
            if source.controls:
                self.check_controls(source, (), source.value)
        for person, text in self.sources.reflections.items():
            found = bidi.first(text)
            if found:
                line, col = position(text, found[0])
                self.problems.warning(f"portfolios/{person}.md", line, col, *_control_message(found[1]))

    def check_controls(self, source: Source, path: Path, value: Any) -> None:
        """Warn where a text holds a bidirectional control: pages show it, but the author should know."""
        if isinstance(value, str):
            found = bidi.first(value)
            if found:
                self.warning(source, path, *_control_message(found[1]))
        elif isinstance(value, dict):
            for key, item in value.items():
                self.check_controls(source, (*path, key), item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.check_controls(source, (*path, index), item)

    def check_framework(self) -> None:
        fw, k = self.sources.framework, self.known
        trust = fw["trust"]
        t = trust.value
        k.schools = self.unique(trust, ("schools",), t["schools"], "school", RESERVED_IDS)
        k.drivers = self.unique(trust, ("drivers",), t.get("drivers", []), "driver")
        self.unique(trust, ("standards",), t.get("standards", []), "standards set", RESERVED_IDS)
        self.unique(trust, ("cycle",), t.get("cycle", []), "cycle step")
        for i, step in enumerate(t.get("cycle", [])):
            for key in ("from", "to"):
                if dates.month_day(step[key]) is None:
                    self.error(trust, ("cycle", i, key), f"{step[key]!r} is not a day of the year",
                               "check the month and the day")
        self.check_accessibility(trust)
        for i, standard in enumerate(t.get("standards", [])):
            items = self.unique(trust, ("standards", i, "items"), standard["items"], "standard")
            k.standards += [f"{standard['id']}/{item}" for item in items]
        k.retention_years = t.get("retention_years", 6)
        k.intranet_hosts = tuple(host.lower() for host in t.get("intranet_hosts", []))
        starts = dates.month_day(t.get("year_starts", "09-01"))
        if starts is None:
            self.error(trust, ("year_starts",), f"{t['year_starts']!r} is not a day of the year")
        else:
            k.year_starts = starts

        leadership = fw["leadership"]
        lv = leadership.value
        level_ids: list[int] = []
        for i, level in enumerate(lv["levels"]):
            if level["id"] in level_ids:
                self.error(leadership, ("levels", i, "id"), f"level {level['id']} is listed twice")
            level_ids.append(level["id"])
        if sorted(level_ids) != list(range(1, len(level_ids) + 1)):
            self.error(leadership, ("levels",), "levels must be numbered 1, 2, 3 ... with no gaps")
        k.levels = level_ids
        k.strands = self.unique(leadership, ("strands",), lv["strands"], "strand", RESERVED_IDS)
        for i, strand in enumerate(lv["strands"]):
            given = strand["descriptors"]
            for level in level_ids:
                if str(level) not in given:
                    self.error(leadership, ("strands", i, "descriptors"),
                               f"strand {strand['id']!r} has no descriptor for level {level}",
                               "every strand describes every level")
            for key in given:
                if int(key) not in level_ids:
                    self.error(leadership, ("strands", i, "descriptors", key),
                               f"strand {strand['id']!r} describes level {key}, which is not a level")

        activities = fw["activities"]
        types = self.unique(activities, (), activities.value, "activity type", RESERVED_IDS)
        k.types = {t["id"]: t.get("roles", []) for t in activities.value if t["id"] in types}
        for i, atype in enumerate(activities.value):
            for j, strand in enumerate(atype.get("evidences", [])):
                self.ref(activities, (i, "evidences", j), strand, k.strands, "strand")

        pathways = fw["pathways"]
        pv = pathways.value
        k.stages = self.unique(pathways, ("stages",), pv["stages"], "stage", RESERVED_IDS)
        k.pathways = self.unique(pathways, ("pathways",), pv.get("pathways", []), "pathway", RESERVED_IDS)
        for i, pathway in enumerate(pv.get("pathways", [])):
            for j, stage in enumerate(pathway["stages"]):
                self.ref(pathways, ("pathways", i, "stages", j), stage, k.stages, "stage")

        events = fw.get("events")
        if events is not None and events.value:
            k.events = self.unique(events, (), events.value, "event", RESERVED_IDS)
            for i, event in enumerate(events.value):
                self.period(events, (i,), event)
                if "type" in event:
                    self.ref(events, (i, "type"), event["type"], k.types, "activity type")

    def check_accessibility(self, trust: Source) -> None:
        """The accessibility statement's settings: a contact, real dates in order, a review within the year,
        fix-by dates not yet passed, and no claim of full compliance next to known problems."""
        a = trust.value.get("accessibility")
        here: Path = ("accessibility",)
        if "contact" not in (a or {}):
            line, col = trust.key_at(here)
            self.problems.warning(
                trust.path, line, col, "the accessibility statement gives no contact, so nobody can tell the "
                "trust about a problem with the site",
                ("add contact: with an email address someone reads, such as accessibility@your-trust.org.uk"
                 if a is not None else "add accessibility: with contact: and an email address someone reads, "
                 "such as accessibility@your-trust.org.uk (see the README's Accessibility section)"))
        if a is None:
            return
        prepared = self.date(trust, (*here, "prepared"), a.get("prepared"))
        reviewed = self.date(trust, (*here, "reviewed"), a.get("reviewed"))
        in_order = not (prepared and reviewed and reviewed < prepared)
        if not in_order:
            self.error(trust, (*here, "reviewed"), f"accessibility.reviewed ({reviewed}) is before "
                       f"accessibility.prepared ({prepared})", "a statement is reviewed on or after the day it "
                       "was first prepared")
        for key, day in (("prepared", prepared), ("reviewed", reviewed)):
            if day and day > self.today:
                self.warning(trust, (*here, key), f"accessibility.{key} ({day}) is after today ({self.today})",
                             f"write the day the statement was {key}")
        key, latest = ("reviewed", reviewed) if reviewed else ("prepared", prepared)
        if in_order and latest and latest < dates.add_years(self.today, -1):
            when = (f"was last reviewed on {latest}" if key == "reviewed"
                    else f"was prepared on {latest} and has not been reviewed since")
            self.warning(trust, (*here, key), f"the accessibility statement {when}, more than a year ago",
                         "review it against the site, then set accessibility.reviewed to the day you did")
        issues = a.get("known_issues", [])
        for i, issue in enumerate(issues):
            fix_by = self.date(trust, (*here, "known_issues", i, "fix_by"), issue.get("fix_by"))
            if fix_by and fix_by < self.today:
                self.warning(trust, (*here, "known_issues", i, "fix_by"),
                             f"the fix-by date of this known issue ({fix_by}) has passed",
                             "fix it and remove it from known_issues, or set a later fix_by")
        if a.get("compliance") == "full" and issues:
            count = f"{len(issues)} problem" + ("s" if len(issues) != 1 else "")
            self.error(trust, (*here, "compliance"), f"accessibility.compliance is full, but known_issues "
                       f"lists {count}", "a site with known problems is partially compliant: set compliance: "
                       "partial, or remove the issues you have fixed")

    def check_portfolio(self, source: Source) -> None:
        k, p = self.known, source.value
        stem = os.path.splitext(os.path.basename(source.path))[0]
        if p["id"] != stem:
            self.error(source, ("id",), f"the id {p['id']!r} does not match the file name {stem}.yml",
                       "the id and the file name must be the same: rename one of them")
        if p["id"] in RESERVED_PERSON_IDS:
            self.error(source, ("id",), f"{p['id']!r} cannot be a person id",
                       f"it names a page of the people directory: add a surname, such as {p['id']}-smith")
        self.ref(source, ("school",), p["school"], k.schools, "school")
        if "pathway" in p:
            self.ref(source, ("pathway",), p["pathway"], k.pathways, "pathway")
        if "coach" in p:
            if p["coach"] == p["id"]:
                self.error(source, ("coach",), "a person cannot be their own coach")
            else:
                self.ref(source, ("coach",), p["coach"], k.people, "person")
        previous: dt.date | None = None
        for i, role in enumerate(p.get("roles", [])):
            self.ref(source, ("roles", i, "stage"), role["stage"], k.stages, "stage")
            self.ref(source, ("roles", i, "school"), role["school"], k.schools, "school")
            self.period(source, ("roles", i), role)
            start = dates.parse_date(role["from"])
            if start and previous and start < previous:
                self.error(source, ("roles", i, "from"), "roles must be listed oldest first",
                           "move this role above the ones that started after it")
            previous = start or previous
        for i, qualification in enumerate(p.get("qualifications", [])):
            self.date(source, ("qualifications", i, "awarded"), qualification["awarded"])
        for i, activity in enumerate(p.get("activities", [])):
            self.check_activity(source, ("activities", i), activity)
        for i, cycle in enumerate(p.get("growth", [])):
            self.check_cycle(source, i, cycle)
        if p.get("story"):
            self.check_story(source, p["story"])
        left = self.date(source, ("left",), p.get("left"))
        if left and left < self.deciding:
            self.warning(source, ("left",), f"{p['name']} left on {left} and gets no page",
                         f"delete the portfolio once the {k.retention_years}-year retention period ends")
        consent = p.get("consent") or {}
        if consent.get("statistics") is True and consent.get("intranet") is False:
            self.warning(source, ("consent", "statistics"),
                         f"{p['name']} opted out of the intranet, so their records are not counted in the careers "
                         "site's figures either, whatever statistics says",
                         "ask them which they want: remove statistics: true, or set intranet: true")

    def check_activity(self, source: Source, path: Path, activity: dict[str, Any]) -> None:
        k = self.known
        kind = activity["type"]
        if kind not in k.types:
            self.ref(source, (*path, "type"), kind, k.types, "activity type")
        else:
            roles = k.types[kind]
            role = activity.get("role")
            if roles and role is None:
                self.error(source, path, f"this {kind} activity needs a role",
                           f"fill in the role column: {', '.join(roles)}" if source.key_word == "column"
                           else f"add role: with one of {', '.join(roles)}")
            elif role is not None and not roles:
                self.error(source, (*path, "role"), f"{kind} activities have no roles",
                           "remove role, or add roles to the type in framework/activities.yml")
            elif role is not None:
                self.ref(source, (*path, "role"), role, roles, f"{kind} role")
        if "event" in activity:
            self.ref(source, (*path, "event"), activity["event"], k.events, "event")
        for j, school in enumerate(activity.get("schools", [])):
            self.ref(source, (*path, "schools", j), school, k.schools, "school")
        for j, strand in enumerate(activity.get("evidences", [])):
            self.ref(source, (*path, "evidences", j), strand, k.strands, "strand")
        self.period(source, path, activity)
        link = activity.get("link")
        if activity.get("visibility") == "public" and link and intranet.on_hosts(link, k.intranet_hosts):
            self.warning(source, (*path, "link"), f"this public activity links to the staff intranet "
                         f"({intranet.host_of(link)}): the careers site shows the activity without the link",
                         "link to a page anyone can open, such as one on the trust's public website, or make the "
                         "activity visibility: staff to keep it on the intranet")

    def check_story(self, source: Source, story: str) -> None:
        """Warn at each address on the intranet that the career story, written for the careers site, gives."""
        found = list(intranet.addresses(story, self.known.intranet_hosts))
        if not found:
            return
        start = source.at(("story",))
        text = read_text(os.path.join(self.sources.root, source.path), source.path, Problems())
        offset = sum(len(line) for line in (text or "").splitlines(keepends=True)[:start[0] - 1])
        for _, address in found:
            at = text.find(address, offset) if text else -1
            line, col = position(text, at) if text and at >= 0 else start
            offset = at + len(address) if at >= 0 else offset
            self.problems.warning(source.path, line, col, f"the career story gives an address on the staff "
                                  f"intranet ({address}): the careers site shows the story without it",
                                  "give a page anyone can open instead, or leave the address out")

    def check_cycle(self, source: Source, i: int, cycle: dict[str, Any]) -> None:
        k = self.known
        path: Path = ("growth", i)
        for j, driver in enumerate(cycle["drivers"]):
            self.ref(source, (*path, "drivers", j), driver, k.drivers, "driver")
        for j, standard in enumerate(cycle.get("standards", [])):
            self.ref(source, (*path, "standards", j), standard, k.standards, "standard")
        check_ins = cycle.get("check_ins", [])
        for j, check_in in enumerate(check_ins):
            self.date(source, (*path, "check_ins", j, "date"), check_in["date"])
        year = cycle["year"]
        if not dates.year_is_consistent(year):
            first = dates.year_first(year)
            self.error(source, (*path, "year"), f"{year!r} is not an academic year",
                       f"the second part is the year after the first: {first}-{(first + 1) % 100:02d}")
            return
        due = retention.due_date(year, k.year_starts, k.retention_years)
        if retention.is_expired(year, k.year_starts, k.retention_years, self.deciding):
            self.warning(source, (*path, "year"),
                         f"the {year} growth cycle is past the {k.retention_years}-year retention period "
                         f"(due for deletion since {due}); it is left out of the site",
                         "delete this cycle: growth records are kept for "
                         f"{k.retention_years} years after their cycle ends")
            return
        half_term = dates.first_half_term_end(year, k.year_starts)
        if half_term < self.today and not check_ins:
            self.warning(source, (*path, "year"),
                         f"the {year} growth cycle has no check-ins, and its first half term ended on {half_term}",
                         "record the half-termly check-ins under check_ins:")


def _control_message(char: str) -> tuple[str, str]:
    return (
        f"this text holds {bidi.describe(char)}, an invisible character that reorders the text "
        f"after it; pages show it as {bidi.visible(char)}",
        "delete it (an editor that shows invisible characters helps): right-to-left names and "
        "text need no such character",
    )


def check_activity(source: Source, known: Known, problems: Problems, today: dt.date) -> None:
    """Check one activity that is not yet in a portfolio (an imported row) against the framework's ids."""
    checker = Checker(Sources(""), problems, today)
    checker.known = known
    checker.check_activity(source, (), source.value)


def check(sources: Sources, problems: Problems, today: dt.date) -> Known:
    """Check everything read; return the ids found, for the model."""
    checker = Checker(sources, problems, today)
    checker.run()
    return checker.known
