"""Charts for pages: adapts view data to the SVG drawing functions in ``svg``.

Every chart has a data table beside it in its template; the SVG's own title and
description say what it shows.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..audience import PersonView, SiteView
from . import svg


def career_stages(person: PersonView, view: SiteView) -> list[str]:
    """The pathway's stages in order, then any other stage the person held, in catalogue order."""
    stages = list(person.pathway.stages) if person.pathway else []
    held = {r.stage for r in person.roles}
    stages += [s.id for s in view.stages if s.id in held and s.id not in stages]
    return stages


def career(person: PersonView, view: SiteView) -> Markup:
    stages = career_stages(person, view)
    roles = [svg.CareerRole(r.title, stages.index(r.stage), r.start, r.end) for r in person.roles]
    # A role may be recorded ahead of time: the axis runs to whichever comes last.
    start = min([r.start for r in person.roles] + [view.generated])
    end = max([d for r in person.roles for d in (r.start, r.end) if d is not None] + [view.generated])
    if end <= start:
        end = start + dt.timedelta(days=1)
    moves = len({r.stage for r in person.roles})
    return svg.career_path(
        f"career-{person.id}",
        f"Career path of {person.name}",
        f"{len(roles)} roles at {moves} career stages from {start.year} to {end.year}; "
        "the table that follows lists the same roles.",
        [view.stage_name(s) for s in stages],
        roles,
        start,
        end,
    )


def per_year(view: SiteView, years: list[str], counts: dict[tuple[str, str], int]) -> Markup:
    """The two most recent academic years side by side; the table beside it holds every year."""
    recent = years[-2:]
    types = [t for t in view.activity_types if any((y, t.id) in counts for y in recent)]
    return svg.grouped_bar_chart(
        "chart-per-year",
        "Activities by type: " + " and ".join(recent) if recent else "Activities by type",
        "Counts of activities by type in the most recent academic years; the table that follows gives "
        "every year.",
        recent,
        [t.name for t in types],
        {(year, t.name): counts.get((year, t.id), 0) for year in recent for t in types},
    )


def support(view: SiteView, matrix: dict[tuple[str, str], int]) -> Markup:
    """Schools by schools; a school's own cell shows "–" as the table's does (support counts other schools)."""
    schools = view.trust.schools
    return svg.heatmap(
        "chart-support",
        "Support between schools",
        "Each row is a school whose staff gave support; each column a school that received it; "
        "each cell counts activities. A school's own cell shows a dash: support within a school is not counted. "
        "The table that follows gives the numbers.",
        [s.name for s in schools],
        [s.name for s in schools],
        {(a.name, b.name): None if a.id == b.id else matrix.get((a.id, b.id), 0) for a in schools for b in schools},
        "From",
        "To",
        blank="not counted, the same school",
    )


def coverage(view: SiteView, counts: dict[tuple[str, int], int]) -> Markup:
    strands = view.framework.strands
    levels = view.framework.levels
    return svg.heatmap(
        "chart-coverage",
        "Framework coverage",
        "Each row is a strand of the leadership framework and each column a level; each cell counts the "
        "people whose activities evidence it. The table that follows gives the numbers.",
        [s.name for s in strands],
        [f"{v.id}: {v.name}" for v in levels],
        {(s.name, f"{v.id}: {v.name}"): counts.get((s.id, v.id), 0) for s in strands for v in levels},
        "Strand",
        "Level",
    )


def growth_cycle(year: str, steps: list[tuple[str, str]]) -> Markup:
    """The annual cycle as a ring of numbered steps; the ordered list beside it is its text equivalent."""
    desc = f"The growth cycle for {year} in {len(steps)} steps, clockwise from the top: " + "; ".join(
        f"{i}. {name}, {when}" for i, (name, when) in enumerate(steps, 1)) + "."
    return svg.cycle("gs-cycle", f"The annual growth cycle, {year}", desc, steps, year)
