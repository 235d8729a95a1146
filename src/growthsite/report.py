"""Trust-wide figures for the CPD lead: per academic year, by activity type and by school.

The figures are counted from an audience view's ``contributions``: for staff, the records the staff
dashboard counts (every record that is not private, including colleagues without a page, who are
never named); for the public, the records the careers site counts (``audience.counted``). They use
the same derived facts: ``facts.per_year_and_type`` for activities by type, ``facts.year_figures``
for schools reached and ``facts.colleagues_reached`` for the audience. For the public, every figure
goes through the careers site's disclosure control (``disclosure.py``), a row about too few people
showing nothing but that.

"By school" is the school the colleague worked at when the activity started (``home_school``, as
the school pages' "given" and the dashboard's support matrix count it), so each activity counts
once and the school rows add up to the type rows. The public report has no school breakdown: the
careers site publishes no figures by school, and a second breakdown of the same activities could
give away a hidden figure by subtraction.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import dates, facts
from .audience import Audience, SiteView, view
from .disclosure import NOT_SHOWN, Count, Disclosure
from .model import Model
from .terminal import plain

WIDTH = 100
"""The table fits a terminal this wide."""
COLUMNS = ("Activities", "People", "Schools reached", "Audience")
CSV_HEADER = ("year", "by", "id", "name", "activities", "people", "schools_reached", "audience")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula: such cells get a leading apostrophe."""
YEAR = re.compile(r"\d{4}-\d{2}")


class UnknownYear(ValueError):
    """The year asked for is not an academic year, or the report has no figures for it."""


def well_formed_year(text: str) -> bool:
    """``2025-26`` is; ``2025-27``, ``2025/26`` and ``25-26`` are not."""
    return bool(YEAR.fullmatch(text)) and dates.year_is_consistent(text)


@dataclass(frozen=True)
class Figures:
    """What one row counts, exactly."""

    activities: int
    people: int
    """Distinct people (never named)."""
    schools_reached: int
    """Distinct schools named by the activities, other than the school the colleague worked at then."""
    audience: int
    """The sum of ``audience`` (activities without one add nothing)."""


@dataclass(frozen=True)
class Row:
    """A row as the audience may see it."""

    id: str
    name: str
    activities: Count
    people: Count
    schools_reached: Count
    audience: Count

    def cells(self) -> tuple[Count, Count, Count, Count]:
        return self.activities, self.people, self.schools_reached, self.audience


@dataclass(frozen=True)
class Section:
    year: str
    by_type: tuple[Row, ...]
    """Every activity type, in catalogue order."""
    type_total: Row
    by_school: tuple[Row, ...]
    """Every school, in the trust's order; empty for the public."""
    school_total: Row | None


@dataclass(frozen=True)
class Report:
    trust: str
    audience: Audience
    generated: str
    threshold: int | None
    sections: tuple[Section, ...]
    """Oldest year first."""


Contributions = Sequence[facts.Contribution]


def years(site: SiteView) -> tuple[str, ...]:
    """Every academic year from the oldest with a record through the current one (or a later one with records)."""
    current = dates.academic_year(site.generated, site.trust.year_starts)
    found = {c.year for c in site.contributions} | {current}
    first, last = min(map(dates.year_first, found)), max(map(dates.year_first, found))
    return tuple(f"{y}-{(y + 1) % 100:02d}" for y in range(first, last + 1))


def _figures(year: str, contributions: Contributions, activities: int) -> Figures:
    return Figures(
        activities=activities,
        people=len({c.person_key for c in contributions}),
        schools_reached=facts.year_figures(year, contributions).schools_supported,
        audience=sum(c.audience or 0 for c in contributions),
    )


def _distinct_total(disclosure: Disclosure, parts: Sequence[Count], total: int) -> Count:
    """A total counting distinct people or schools (not the sum of its parts), hiding no part's value.

    With a part suppressed, an exact total would bound it from below by subtraction: the total then
    reads "at least" the largest part shown, as ``Disclosure.table`` does for sums.
    """
    if not any(p.suppressed for p in parts):
        return disclosure.count(total)
    shown = [p.value for p in parts if p.value is not None]
    if shown:
        return Count(None, f"at least {max(shown)}")
    assert disclosure.threshold is not None  # only a threshold suppresses
    word = "fewer than" if total < disclosure.threshold else "at least"
    return Count(None, f"{word} {disclosure.threshold}")


def _table(
    disclosure: Disclosure, keys: Sequence[tuple[str, str]], figures: Sequence[Figures], total: Figures
) -> tuple[tuple[Row, ...], Row]:
    """Rows for (id, name) ``keys`` and their total row, as the audience may see them.

    A row about fewer colleagues than the threshold shows only that ("fewer than N" people): its activities,
    schools reached and audience read "not shown", so no other cell says what those few did.
    """
    hidden = [disclosure.hides(f.people) for f in figures]
    total_hidden = disclosure.hides(total.people)
    activity_parts = [f.activities for f in figures]
    audience_parts = [f.audience for f in figures]
    activities, activities_total = disclosure.group_table(activity_parts, hidden, sum(activity_parts), total_hidden)
    audience, audience_total = disclosure.group_table(audience_parts, hidden, sum(audience_parts), total_hidden)
    people = [disclosure.count(f.people) for f in figures]
    schools = [NOT_SHOWN if gone else disclosure.count(f.schools_reached)
               for f, gone in zip(figures, hidden, strict=True)]
    rows = tuple(
        Row(key, name, *cells) for (key, name), *cells in zip(keys, activities, people, schools, audience, strict=True)
    )
    schools_total = NOT_SHOWN if total_hidden else _distinct_total(disclosure, schools, total.schools_reached)
    return rows, Row(
        "", "Total", activities_total, _distinct_total(disclosure, people, total.people), schools_total, audience_total,
    )


def _section(year: str, site: SiteView) -> Section:
    those = [c for c in site.contributions if c.year == year]
    per_type = facts.per_year_and_type(those)
    kinds = site.activity_types
    total = _figures(year, those, sum(per_type.values()))
    by_type, type_total = _table(
        site.disclosure,
        [(k.id, k.name) for k in kinds],
        [_figures(year, [c for c in those if c.type == k.id], per_type.get((year, k.id), 0)) for k in kinds],
        total,
    )
    if site.audience == "public":
        return Section(year, by_type, type_total, (), None)
    schools = site.trust.schools
    grouped = [[c for c in those if c.home_school == s.id] for s in schools]
    by_school, school_total = _table(
        site.disclosure, [(s.id, s.name) for s in schools], [_figures(year, g, len(g)) for g in grouped], total
    )
    return Section(year, by_type, type_total, by_school, school_total)


def report(model: Model, audience: Audience = "staff", year: str | None = None) -> Report:
    """Every academic year's figures (or only ``year``'s) as ``audience`` may see them.

    Raises ``UnknownYear`` for a year that is ill-formed or outside the years the records cover.
    """
    site = view(model, audience)
    covered = years(site)
    if year is not None:
        if not well_formed_year(year):
            raise UnknownYear(f"{plain(year, 40)!r} is not an academic year: write it like {covered[-1]}")
        if year not in covered:
            raise UnknownYear(f"there are no figures for {year}: the records cover {covered[0]} to {covered[-1]}")
    day = site.generated
    return Report(
        trust=site.trust.name,
        audience=audience,
        generated=f"{day.day} {day:%B %Y}",
        threshold=site.disclosure.threshold,
        sections=tuple(_section(y, site) for y in covered if year in (None, y)),
    )


# -- the table, for a terminal ---------------------------------------------------------------

TYPE_HEADING = "Activity type"
SCHOOL_HEADING = "School at the time"


def _rows(found: Report) -> Iterable[Row]:
    for section in found.sections:
        yield from section.by_type
        yield section.type_total
        yield from section.by_school
        if section.school_total is not None:
            yield section.school_total


def _intro(found: Report) -> list[str]:
    if found.audience == "public":
        what = ("Careers site view: only the records the careers site counts (the public records of colleagues "
                "with a careers page, and the records of colleagues who agreed to be counted: consent.statistics). "
                f"A row about fewer than {found.threshold} colleagues shows only that, the rest of it reads \"not "
                f"shown\"; any other figure below {found.threshold} reads \"fewer than {found.threshold}\"; a total "
                "with a hidden part reads \"at least\" what is shown. The careers site shows no figures by school, "
                "so neither does this view.")
    else:
        what = ("Staff view: every record that is not private, including colleagues without a page (counted, "
                "never named). By school means the school the colleague worked at when the activity started.")
    notes = ("People are distinct colleagues; schools reached are distinct schools other than the colleague's own "
             "at the time; audience is the sum of the colleagues the activities reached. A total counts each "
             "person and school once.")
    return [
        plain(f"Trust-wide figures for {found.trust}, {found.generated}"), "",
        *textwrap.wrap(what, WIDTH), *textwrap.wrap(notes, WIDTH),
    ]


def format_table(found: Report) -> str:
    """The report as aligned plain text that fits a terminal ``WIDTH`` columns wide."""
    rows = list(_rows(found))
    numbers = [max([len(heading), *(len(str(r.cells()[i])) for r in rows)]) for i, heading in enumerate(COLUMNS)]
    room = WIDTH - sum(2 + n for n in numbers)
    names = [TYPE_HEADING, "Total", *([SCHOOL_HEADING] if found.audience == "staff" else [])]
    name_width = min(room, max(len(plain(n)) for n in [*names, *(r.name for r in rows)]))

    def line(name: str, cells: Sequence[object]) -> str:
        text = plain(name, name_width)
        return (f"{text:<{name_width}}" + "".join(f"  {c!s:>{n}}" for c, n in zip(cells, numbers, strict=True)))

    def table(heading: str, body: Sequence[Row], total: Row) -> list[str]:
        return [line(heading, COLUMNS), *(line(r.name, r.cells()) for r in body), line(total.name, total.cells())]

    out = _intro(found)
    for section in found.sections:
        out += ["", section.year, "=" * len(section.year), ""]
        out += table(TYPE_HEADING, section.by_type, section.type_total)
        if section.school_total is not None:
            out += ["", *table(SCHOOL_HEADING, section.by_school, section.school_total)]
    return "\n".join(out) + "\n"


# -- the CSV, for a spreadsheet ----------------------------------------------------------------

def safe_cell(text: str) -> str:
    """``text`` that a spreadsheet shows as text: a leading ``= + - @``, tab or CR gets an apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def format_csv(found: Report) -> str:
    """One row per (year, type) and (year, school), without totals, so it pivots.

    Names are on one line (``terminal.plain``) and guarded against formula injection
    (``safe_cell``); figures are numbers, or "fewer than N" / "at least N" for the public.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for section in found.sections:
        for by, rows in (("type", section.by_type), ("school", section.by_school)):
            for row in rows:
                cells = (section.year, by, row.id, plain(row.name), *(str(c) for c in row.cells()))
                writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()
