"""Inline SVG charts, drawn at build time: no JavaScript, no fonts or images to fetch, no chart library.

Every chart is an ``<svg role="img">`` named by its own ``<title>`` and ``<desc>``, and every bar and cell
also prints its number, so colour never carries meaning alone. Colours come only from ``gs-svg__*`` classes
styled by ``SVG_CSS`` with Material's variables, so the light and dark schemes both work.

A chart is sized in CSS px as its viewBox, so its text is FONT px on any screen (growthsite.css lets a wide
chart scroll in its figure). Text is measured with conservative per-character widths (``text_width``), and each
label column is as wide as its widest label, up to a limit: a longer label wraps onto two lines, and only one
that still does not fit is cut with "…", whole in a ``<title>``.

Labels are user data. They only ever become ElementTree text nodes, and the characters Jinja or Markdown
would act on (``{ } [ ] * _ ` \\``) are written as character references, so a chart stays inert even if it
is pasted into a template or into Markdown. Output is one line (no blank line can end an HTML block) and
byte-identical for the same input.
"""

from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640.0  # minimum viewBox width; a chart is drawn at its own size, one user unit to one CSS pixel
FONT = 13.0  # font size in user units (so in CSS px), the size of Material's table text; SVG_CSS sets the same
LINE = 16.0  # from one baseline to the next when a label wraps onto a second line
BASELINE = FONT * 0.35  # from the middle of a row down to a baseline that looks centred
PAD = 8.0
ROW, BAR = 26.0, 16.0  # bar charts; a row whose label wraps is LINE taller
HEADING = 24.0  # category heading in a grouped bar chart
CELL_H = 30.0  # heatmap
LANE, ROLE_BAR = 42.0, 14.0  # career path
# The widest a label column (or a label) may grow before its labels wrap, in user units.
LABEL_MAX, HEAT_MAX, HEAD_MAX, LANE_MAX, CYCLE_MAX = 260.0, 260.0, 380.0, 200.0, 260.0
OVERHANG = 160.0  # how far the last role in a lane may write its label past the end of the time axis
AXIS_STEPS = (0.0, 80.0, 160.0, 240.0, 320.0)  # the career chart's time axis grows by these before a label is cut
ELLIPSIS = "…"
SLANT = 0.7071  # cos 45°: rotated column headings
BOLD = 1.15  # bold text is this much wider

# Advance widths in em of DejaVu Sans, the widest of the fonts a browser falls back to for Material's system
# font stack, rounded up: text measured with them fits the room it is given in Arial, Helvetica or Segoe too.
_EM: dict[str, float] = {
    **dict.fromkeys("ijlIJ'", 0.30), **dict.fromkeys(" ,.:;/\\|·‘’f", 0.35), **dict.fromkeys("!()[]-rt", 0.42),
    **dict.fromkeys('"*_`–scz?“”', 0.56), **dict.fromkeys("kvxyFL", 0.60),
    **dict.fromkeys("0123456789abdeghnopquEPSTY${}éèáàöüçñ", 0.64), **dict.fromkeys("ABCKRVXZ", 0.70),
    **dict.fromkeys("DGHNOQUw", 0.80), **dict.fromkeys("M#+<=>^~&✓", 0.88), **dict.fromkeys("mW@%—…", 1.0),
}
_EM_OTHER = 0.8  # any other character; East Asian wide characters take a full em

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_NODE = re.compile(r">([^<]+)<")  # ElementTree escapes < and > in text and attributes alike
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "{}[]*_`\\"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

SVG_CSS = """\
/* growthsite inline charts (growthsite.render.svg). Inside an SVG, px are user units; a chart's width and
   height attributes are its viewBox's, so its text is 13px on screen, like the tables beside it. */
.gs-svg { display: block; font-family: inherit; font-size: 13px; }
.gs-svg text { fill: var(--md-default-fg-color); }
.gs-svg .gs-svg__heading { font-weight: 700; }
.gs-svg .gs-svg__value { font-variant-numeric: tabular-nums; }
.gs-svg .gs-svg__bar { fill: var(--md-primary-fg-color); }
/* Indigo on the dark background is under 3:1, so bars get an outline there. */
[data-md-color-scheme="slate"] .gs-svg .gs-svg__bar { stroke: var(--md-default-fg-color--light); stroke-width: 1px; }
.gs-svg .gs-svg__axis { fill: none; stroke: var(--md-default-fg-color--light); stroke-width: 1px; }
.gs-svg .gs-svg__grid { fill: none; stroke: var(--md-default-fg-color--lighter); stroke-width: 1px;
  stroke-dasharray: 2 3; }
.gs-svg .gs-svg__step { fill: none; stroke: var(--md-default-fg-color--light); stroke-width: 1.5px;
  stroke-dasharray: 4 3; }
.gs-svg .gs-svg__lane { fill: none; }
.gs-svg .gs-svg__lane--alt { fill: var(--md-default-fg-color--lightest); }
.gs-svg .gs-svg__cell { stroke: var(--md-default-fg-color--lighter); stroke-width: 1px; }
.gs-svg .gs-svg__cell--0 { fill: var(--md-default-bg-color); }
/* A cell that counts nothing (a school supporting itself) shows "–" on a faint grey. */
.gs-svg .gs-svg__cell--none { fill: var(--md-default-fg-color--lightest); }
/* Tints stay light enough (light scheme) and dark enough (dark scheme) for the normal text colour. */
.gs-svg .gs-svg__cell--1 { fill: var(--md-primary-fg-color); fill-opacity: 0.15; }
.gs-svg .gs-svg__cell--2 { fill: var(--md-primary-fg-color); fill-opacity: 0.35; }
.gs-svg .gs-svg__cell--3 { fill: var(--md-primary-fg-color); fill-opacity: 0.7; }
.gs-svg .gs-svg__cell--4 { fill: var(--md-primary-fg-color); fill-opacity: 1; }
/* The full primary needs Material's text-on-primary colour (the page background fails in the dark scheme). */
.gs-svg .gs-svg__value--4 { fill: var(--md-primary-bg-color, var(--md-default-bg-color)); font-weight: 700; }
.gs-svg .gs-svg__ring { fill: none; stroke: var(--md-default-fg-color--light); stroke-width: 2px; }
.gs-svg .gs-svg__arrow { fill: var(--md-default-fg-color--light); }
.gs-svg .gs-svg__node { fill: var(--md-primary-fg-color); }
.gs-svg .gs-svg__node-number { fill: var(--md-primary-bg-color, var(--md-default-bg-color)); font-weight: 700; }
@media (forced-colors: active) {
  .gs-svg .gs-svg__node { fill: Canvas; stroke: CanvasText; stroke-width: 2px; }
  .gs-svg .gs-svg__node-number { fill: CanvasText; }
  .gs-svg .gs-svg__ring { stroke: CanvasText; }
  .gs-svg .gs-svg__arrow { fill: CanvasText; }
  .gs-svg text, .gs-svg .gs-svg__value--4 { fill: CanvasText; }
  .gs-svg .gs-svg__bar { fill: Highlight; }
  .gs-svg .gs-svg__cell, .gs-svg .gs-svg__lane--alt { fill: Canvas; }
  .gs-svg .gs-svg__axis, .gs-svg .gs-svg__grid, .gs-svg .gs-svg__step, .gs-svg .gs-svg__cell { stroke: CanvasText; }
}
"""


@dataclass(frozen=True)
class CareerRole:
    """One post held; ``stage_index`` points into the chart's ``stages`` and ``end`` None means still held."""

    label: str
    stage_index: int
    start: date
    end: date | None


def heat_bucket(value: int, top: int) -> int:
    """Intensity 0–4: 0 only for 0, else the quarter of ``top`` the value is in: (0, ¼] → 1 … (¾, 1] → 4."""
    if value <= 0 or top <= 0:
        return 0
    return min(4, -(-4 * value // top))


def bar_chart(id: str, title: str, desc: str, bars: Sequence[tuple[str, int]]) -> Markup:
    """Horizontal bars scaled to the largest value, each labelled and printing its number ("0": no bar)."""
    svg = _root(id, title, desc)
    if not bars:
        return _message(svg, "No data")
    _counts(value for _, value in bars)
    top = max(value for _, value in bars)
    columns = _Columns.of([label for label, _ in bars], top)
    y = PAD
    for label, value in bars:
        y = _bar_row(svg, y, columns, label, value, top)
    _el(svg, "line", "gs-svg__axis", x1=columns.axis, y1=PAD, x2=columns.axis, y2=y)
    return _finish(svg, columns.width, y + PAD)


def _grid(
    rows: Sequence[str], columns: Sequence[str], values: Mapping[tuple[str, str], int | None]
) -> tuple[list[list[int | None]], int]:
    """Counts keyed (row, column) as a grid (missing keys are 0, None stays None), checked, with its largest."""
    grid = [[values.get((row, column), 0) for column in columns] for row in rows]
    counts = [value for line in grid for value in line if value is not None]
    _counts(counts)
    return grid, max(counts, default=0)


def grouped_bar_chart(
    id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[str],
    values: Mapping[tuple[str, str], int],
) -> Markup:
    """One headed group per category, one labelled bar per series, all on one scale so years compare.

    Every bar carries its series name as text, so nothing depends on telling colours apart. Missing
    (category, series) keys count as 0; keys outside categories × series are ignored.
    """
    svg = _root(id, title, desc)
    if not categories or not series:
        return _message(svg, "No data")
    table, top = _grid(categories, series, values)
    columns = _Columns.of(series, top)
    y = PAD
    for category, line in zip(categories, table, strict=True):
        group = _el(svg, "g", "gs-svg__group")
        _text(group, PAD, y + HEADING - PAD, category, "gs-svg__heading", columns.width - 2 * PAD)
        y += HEADING
        first = y
        for name, value in zip(series, line, strict=True):
            y = _bar_row(group, y, columns, name, value or 0, top)
        _el(group, "line", "gs-svg__axis", x1=columns.axis, y1=first, x2=columns.axis, y2=y)
        y += PAD
    return _finish(svg, columns.width, y)


def heatmap(
    id: str,
    title: str,
    desc: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Mapping[tuple[str, str], int | None],
    row_header: str,
    column_header: str,
    blank: str = "not counted",
) -> Markup:
    """A grid of counts keyed (row, column); each cell is shaded by ``heat_bucket`` and prints its number.

    Column headings are rotated -45° so long school names stay legible; missing keys count as 0. A cell
    whose value is None counts nothing (a school supporting itself): it shows "–", as a table does, and
    its ``<title>`` says ``blank``.
    """
    svg = _root(id, title, desc)
    if not rows or not columns:
        return _message(svg, "No data")
    grid, top = _grid(rows, columns, values)
    cell_w = max(44.0, text_width(f"{top:,}") + 2 * PAD)
    room = max(_room(rows, HEAT_MAX), min(text_width(_clean(row_header), bold=True), HEAT_MAX))
    labels = [_fit(row, room, 2) for row in rows]
    heights = [CELL_H + (len(label.lines) - 1) * LINE for label in labels]
    left = PAD + room + PAD  # where the cells start
    heads = [_fit(column, HEAD_MAX) for column in columns]
    grid_top = 2 * PAD + FONT + max(head.width for head in heads) * SLANT + PAD
    right = max(left + len(columns) * cell_w,
                *(left + (j + 0.5) * cell_w + head.width * SLANT + FONT for j, head in enumerate(heads)))
    width = max(WIDTH, right + PAD)

    _text(svg, left, PAD + FONT, column_header, "gs-svg__heading", width - left - PAD)
    _text(svg, left - PAD, grid_top - PAD, row_header, "gs-svg__heading", room, text_anchor="end")
    for j, head in enumerate(heads):
        x, y = left + (j + 0.5) * cell_w + BASELINE, grid_top - PAD / 2
        _write(svg, x, y, head, "gs-svg__label", transform=f"rotate(-45 {_n(x)} {_n(y)})")
    y = grid_top
    for row, label, height, line in zip(rows, labels, heights, grid, strict=True):
        group = _el(svg, "g", "gs-svg__row")
        _write(group, left - PAD, _middle(y + height / 2, label), label, "gs-svg__label", text_anchor="end")
        for j, (column, value) in enumerate(zip(columns, line, strict=True)):
            level = "none" if value is None else str(heat_bucket(value, top))
            cell = _el(group, "g", "gs-svg__entry")
            shown = "–" if value is None else f"{value:,}"
            ET.SubElement(cell, "title").text = f"{_clean(row)} / {_clean(column)}: " + (
                _clean(blank) if value is None else shown)
            x = left + j * cell_w
            _el(cell, "rect", f"gs-svg__cell gs-svg__cell--{level}", x=x + 1, y=y + 1, width=cell_w - 2,
                height=height - 2)
            _text(cell, x + cell_w / 2, y + height / 2 + BASELINE, shown, f"gs-svg__value gs-svg__value--{level}",
                  text_anchor="middle")
        y += height
    return _finish(svg, width, y + PAD)


def career_path(
    id: str,
    title: str,
    desc: str,
    stages: Sequence[str],
    roles: Sequence[CareerRole],
    start: date,
    end: date,
) -> Markup:
    """Roles as bars on a time line, one lane per stage (the first stage lowest), steps joined by dashed lines.

    Dates outside ``start``..``end`` are clamped to the axis; a role still held runs to ``end``. With no
    roles the dates are not checked, so a caller may pass ``start == end`` for someone with no history.
    Each role's label is written under its bar, up to the next label in its lane or a connector crossing
    it. Of the layouts tried (a longer time axis, labels on two lines) the chart takes the one that cuts
    fewest labels and shows most of them, the narrowest of those: a label is cut only when no layout has
    room for it.
    """
    svg = _root(id, title, desc)
    if not roles:
        return _message(svg, "No roles recorded")
    if end <= start:
        raise ValueError(f"career_path needs start before end, got {start} and {end}")
    for role in roles:
        if not 0 <= role.stage_index < len(stages):
            raise ValueError(f"role {role.label!r} has stage_index {role.stage_index}; there are {len(stages)} stages")
        if role.end is not None and role.end < role.start:
            raise ValueError(f"role {role.label!r} ends before it starts")
    ordered = sorted(roles, key=lambda r: (r.start, r.stage_index, r.end or date.max, r.label))
    room = _room(stages, LANE_MAX)
    layouts = [_Career(len(stages), ordered, start, end, PAD + room + PAD, WIDTH - 2 * PAD + extra, lines)
               for extra in AXIS_STEPS for lines in (1, 2)]
    layout = min(layouts, key=lambda each: (each.cuts, each.hidden, each.width, each.lane))

    for i, stage in enumerate(stages):
        group = _el(svg, "g", "gs-svg__stage")
        top = layout.lane_top(i)
        _el(group, "rect", "gs-svg__lane gs-svg__lane--alt" if i % 2 else "gs-svg__lane", x=layout.x0, y=top,
            width=layout.x1 - layout.x0, height=layout.lane)
        name = _fit(stage, room, 2)
        _write(group, layout.x0 - PAD, _middle(top + layout.lane / 2, name), name, "gs-svg__label", text_anchor="end")
    _time_axis(svg, start, end, layout.x_of, layout.x0, layout.x1, layout.axis_y)

    steps = _el(svg, "g", "gs-svg__steps")
    for from_x, from_y, to_x, to_y in layout.steps:
        _el(steps, "path", "gs-svg__step", d=f"M {_n(from_x)} {_n(from_y)} H {_n(to_x)} V {_n(to_y)}")
    for role, label in zip(ordered, layout.labels, strict=True):
        x, top = layout.x_of(role.start), layout.lane_top(role.stage_index)
        group = _el(svg, "g", "gs-svg__career-role")
        period = f"{_day(role.start)} – {_day(role.end) if role.end else 'now'}"
        ET.SubElement(group, "title").text = f"{_clean(role.label)}: {period}"
        _el(group, "rect", "gs-svg__bar gs-svg__role", x=x, y=top + _Career.BAR_MID - ROLE_BAR / 2,
            width=max(2.0, layout.x_of(role.end or end) - x), height=ROLE_BAR)
        if label is not None:  # None: no room even for "…"; the role's <title> and the table name it
            _write(group, x + PAD / 2, top + _Career.FIRST_BASELINE, label, "gs-svg__label")
    return _finish(svg, layout.width, layout.axis_y + 2 * FONT + PAD)


class _Career:
    """Where everything in a career chart goes for one length of time axis and one number of label lines."""

    BAR_MID = PAD / 2 + 2 + ROLE_BAR / 2  # bar near the top of its lane, label below it: promotions step up clear
    FIRST_BASELINE = PAD / 2 + 2 + ROLE_BAR + FONT + 2

    def __init__(self, stages: int, ordered: Sequence[CareerRole], start: date, end: date, x0: float, x1: float,
                 lines: int) -> None:
        self.stages, self.start, self.end, self.x0, self.x1 = stages, start, end, x0, x1
        self.lane = LANE + (lines - 1) * LINE
        self.axis_y = PAD + self.stages * self.lane
        self.steps: list[tuple[float, float, float, float]] = []
        for before, after in pairwise(ordered):
            to_x, to_y = self.x_of(after.start), self.lane_top(after.stage_index) + self.BAR_MID
            from_x, from_y = min(self.x_of(before.end or end), to_x), self.lane_top(before.stage_index) + self.BAR_MID
            if (from_x, from_y) != (to_x, to_y):
                self.steps.append((from_x, from_y, to_x, to_y))
        # A label stops before the next label in its lane or a connector's upright crossing its lines of text;
        # the last in its lane may run past the end of the axis, by OVERHANG at most.
        self.labels: list[_Fit | None] = []
        right = x1 + 2 * PAD
        for k, role in enumerate(ordered):
            label_x = self.x_of(role.start) + PAD / 2
            first = self.lane_top(role.stage_index) + self.FIRST_BASELINE
            band = (first - FONT, first + (lines - 1) * LINE + 4)
            stops = [self.x_of(o.start) for o in ordered[k + 1:]
                     if o.stage_index == role.stage_index and o.start > role.start]
            stops += [ux for _, fy, ux, ty in self.steps
                      if ux > label_x and min(fy, ty) < band[1] and max(fy, ty) > band[0]]
            stop = min(stops, default=x1 + 2 * PAD + OVERHANG)
            room = stop - label_x - PAD / 2
            label = _fit(role.label, room, lines) if room >= text_width(_clean(role.label)[:1] + ELLIPSIS) else None
            self.labels.append(label)
            right = max(right, label_x + (label.width if label else 0) + PAD)
        self.width = right
        self.cuts = sum(1 for label in self.labels if label is None or label.cut)
        # Characters of the labels that do not show (a "…" is not one of theirs).
        self.hidden = sum(len(_clean(role.label)) - (len(" ".join(label.lines)) - label.cut if label else 0)
                          for role, label in zip(ordered, self.labels, strict=True))

    def x_of(self, day: date) -> float:
        span = (self.end - self.start).days
        return self.x0 + (min(max(day, self.start), self.end) - self.start).days / span * (self.x1 - self.x0)

    def lane_top(self, stage_index: int) -> float:
        return PAD + (self.stages - 1 - stage_index) * self.lane


CYCLE_W, CYCLE_R, NODE_R = 840.0, 120.0, 16.0


def cycle(id: str, title: str, desc: str, steps: Sequence[tuple[str, str]], centre: str) -> Markup:
    """Steps round a ring, numbered, clockwise from the top, with arrows between them; ``steps`` are
    (name, when). The numbers carry the order, so the arrows' direction is never the only cue."""
    svg = _root(id, title, desc)
    if not steps:
        return _message(svg, "No steps")
    defs = ET.SubElement(svg, "defs")
    marker = ET.SubElement(defs, "marker", {"id": f"{id}-arrow", "viewBox": "0 0 10 10", "refX": "8", "refY": "5",
                                            "markerWidth": "7", "markerHeight": "7", "orient": "auto-start-reverse"})
    _el(marker, "path", "gs-svg__arrow", d="M 0 0 L 10 5 L 0 10 z")
    cx, cy = CYCLE_W / 2, CYCLE_R + 3 * FONT + 2 * PAD + NODE_R
    count = len(steps)

    def point(angle: float, radius: float) -> tuple[float, float]:
        return cx + radius * math.cos(angle), cy + radius * math.sin(angle)

    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]
    gap = (NODE_R + 4) / CYCLE_R  # the angle a node takes up on the ring, plus a little air
    ring = _el(svg, "g", "gs-svg__arrows")
    for i, start in enumerate(angles if count > 1 else []):
        end = angles[(i + 1) % count] + (2 * math.pi if i == count - 1 else 0)
        x1, y1 = point(start + gap, CYCLE_R)
        x2, y2 = point(end - gap, CYCLE_R)
        large = 1 if end - start - 2 * gap > math.pi else 0
        _el(ring, "path", "gs-svg__ring", d=f"M {_n(x1)} {_n(y1)} A {_n(CYCLE_R)} {_n(CYCLE_R)} 0 {large} 1 "
            f"{_n(x2)} {_n(y2)}", marker_end=f"url(#{id}-arrow)")
    for i, ((name, when), angle) in enumerate(zip(steps, angles, strict=True)):
        group = _el(svg, "g", "gs-svg__cycle-step")
        x, y = point(angle, CYCLE_R)
        _el(group, "circle", "gs-svg__node", cx=x, cy=y, r=NODE_R)
        _text(group, x, y + BASELINE, str(i + 1), "gs-svg__node-number", text_anchor="middle")
        lx, ly = point(angle, CYCLE_R + NODE_R + 2 * PAD)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        room = min(CYCLE_MAX, {"start": CYCLE_W - lx, "end": lx, "middle": 2 * min(lx, CYCLE_W - lx)}[anchor] - PAD)
        top = ly - FONT if math.sin(angle) < -0.7 else (ly + FONT if math.sin(angle) > 0.7 else ly)
        _text(group, lx, top - FONT * 0.2, name, "gs-svg__heading", room, text_anchor=anchor)
        _text(group, lx, top + FONT * 1.1, when, "gs-svg__label", room, text_anchor=anchor)
    _text(svg, cx, cy + BASELINE, centre, "gs-svg__heading", 2 * (CYCLE_R - NODE_R - PAD), text_anchor="middle")
    return _finish(svg, CYCLE_W, 2 * cy)


def _time_axis(
    svg: ET.Element, start: date, end: date, x_of: Callable[[date], float], x0: float, x1: float, axis_y: float
) -> None:
    """A tick on every 1 January, labelled every 1, 2, 5, … years so labels never crowd."""
    axis = _el(svg, "g", "gs-svg__time")
    _el(axis, "line", "gs-svg__axis", x1=x0, y1=axis_y, x2=x1, y2=axis_y)
    years = [year for year in range(start.year, end.year + 1) if start <= date(year, 1, 1) <= end]
    per_year = (x1 - x0) * 365.25 / (end - start).days
    step = next((k for k in (1, 2, 5, 10, 25, 50) if k * per_year >= text_width("0000") + PAD), 100)
    for year in years:
        x = x_of(date(year, 1, 1))
        _el(axis, "line", "gs-svg__grid", x1=x, y1=PAD, x2=x, y2=axis_y)
        _el(axis, "line", "gs-svg__axis", x1=x, y1=axis_y, x2=x, y2=axis_y + PAD / 2)
        if year % step == 0:
            _text(axis, x, axis_y + PAD / 2 + FONT, str(year), "gs-svg__tick", text_anchor="middle")
    if not years:
        _text(axis, x0, axis_y + PAD / 2 + FONT, str(start.year), "gs-svg__tick")


@dataclass(frozen=True)
class _Columns:
    """A bar chart's label column (right-aligned against the axis), its bars, and room for the largest value."""

    room: float
    """The label column's width: the widest label's, up to LABEL_MAX (a wider label wraps)."""
    axis: float
    plot: float
    width: float

    @classmethod
    def of(cls, labels: Sequence[str], top: int) -> _Columns:
        room = _room(labels, LABEL_MAX)
        axis = PAD + room + PAD
        value = text_width(f"{top:,}") + PAD / 2 + PAD
        width = max(WIDTH, axis + 200 + value)
        return cls(room, axis, width - axis - value, width)


def _bar_row(parent: ET.Element, y: float, columns: _Columns, label: str, value: int, top: int) -> float:
    """One labelled bar, returning where the next row starts; a tiny non-zero value still gets a visible
    sliver, zero gets none. A label too wide for the column wraps onto a second line and the row grows."""
    row = _el(parent, "g", "gs-svg__row")
    fit = _fit(label, columns.room, 2)
    height = ROW + (len(fit.lines) - 1) * LINE
    middle = y + height / 2
    _write(row, columns.axis - PAD, _middle(middle, fit), fit, "gs-svg__label", text_anchor="end")
    length = max(1.0, value / top * columns.plot) if value else 0.0
    if length:
        _el(row, "rect", "gs-svg__bar", x=columns.axis, y=middle - BAR / 2, width=length, height=BAR)
    _text(row, columns.axis + length + PAD / 2, middle + BASELINE, f"{value:,}", "gs-svg__value")
    return y + height


def _counts(values: Iterable[int]) -> None:
    if any(value < 0 for value in values):
        raise ValueError("chart values are counts and cannot be negative")


def _root(id: str, title: str, desc: str) -> ET.Element:
    """The named image; its size is filled in by ``_finish`` once the content's size is known."""
    if not _ID.fullmatch(id):
        raise ValueError(f"chart id must be letters, digits, '-' or '_' and start with a letter, got {id!r}")
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "class": "gs-svg", "viewBox": "", "width": "", "height": "", "role": "img",
        "aria-labelledby": f"{id}-title {id}-desc", "focusable": "false",
    })
    ET.SubElement(svg, "title", {"id": f"{id}-title"}).text = _clean(title)
    ET.SubElement(svg, "desc", {"id": f"{id}-desc"}).text = _clean(desc)
    return svg


def _message(svg: ET.Element, text: str) -> Markup:
    _text(svg, PAD, PAD + 2 * FONT, text, "gs-svg__empty")
    return _finish(svg, WIDTH, 3 * PAD + 2 * FONT)


def _finish(svg: ET.Element, width: float, height: float) -> Markup:
    """Sized in CSS px as its viewBox, so text is FONT px wherever it is shown (a narrow screen scrolls it)."""
    width, height = math.ceil(width), math.ceil(height)
    svg.set("viewBox", f"0 0 {width} {height}")
    svg.set("width", str(width))
    svg.set("height", str(height))
    xml = ET.tostring(svg, encoding="unicode")
    return Markup(_TEXT_NODE.sub(lambda m: f">{m.group(1).translate(_INERT)}<", xml))


def _el(parent: ET.Element, tag: str, cls: str, **attrs: float | str) -> ET.Element:
    """A child element; keyword ``text_anchor`` becomes attribute ``text-anchor``, numbers are rounded."""
    attrib = {"class": cls} | {k.replace("_", "-"): v if isinstance(v, str) else _n(v) for k, v in attrs.items()}
    return ET.SubElement(parent, tag, attrib)


# -- text: measured, wrapped, cut only when it cannot fit ------------------------------------------

def text_width(text: str, bold: bool = False) -> float:
    """How wide ``text`` is drawn at FONT, in user units, erring wide (see ``_EM``)."""
    em = sum(_EM.get(c, 1.0 if unicodedata.east_asian_width(c) in "WF" else _EM_OTHER) for c in text)
    return em * FONT * (BOLD if bold else 1.0)


def _room(labels: Iterable[str], most: float) -> float:
    """The width a column of labels needs: its widest label's, but no more than ``most``."""
    return min(max((text_width(_clean(label)) for label in labels), default=0.0), most)


@dataclass(frozen=True)
class _Fit:
    """A label as drawn: one line or more, the last cut with "…" only when the whole text could not fit."""

    full: str
    lines: tuple[str, ...]
    width: float
    cut: bool


def _fit(text: str, room: float, lines: int = 1, bold: bool = False) -> _Fit:
    """``text`` on one line if it fits in ``room``, else (``lines`` 2) broken at the space that best balances two
    lines that fit; only text that cannot fit is cut with "…", at the end of its last line."""
    full = _clean(text)
    if text_width(full, bold) <= room:
        return _Fit(full, (full,), text_width(full, bold), False)
    words = full.split(" ")
    if lines > 1:
        splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
        widths = [(max(text_width(a, bold), text_width(b, bold)), a, b) for a, b in splits]
        fitting = [each for each in widths if each[0] <= room]
        if fitting:
            width, first, second = min(fitting)
            return _Fit(full, (first, second), width, False)
    kept: list[str] = []
    if lines > 1 and text_width(words[0], bold) <= room:  # as many words as fit on the first line
        kept.append(words.pop(0))
        while words and text_width(f"{kept[0]} {words[0]}", bold) <= room:
            kept[0] += " " + words.pop(0)
    rest = " ".join(words)
    cut = rest[:-1]
    while len(cut) > 1 and text_width(cut.rstrip() + ELLIPSIS, bold) > room:
        cut = cut[:-1]
    kept.append(cut.rstrip() + ELLIPSIS)
    return _Fit(full, tuple(kept), max(text_width(line, bold) for line in kept), True)


def _middle(middle: float, fit: _Fit) -> float:
    """The first baseline that centres ``fit``'s lines on ``middle``."""
    return middle + BASELINE - (len(fit.lines) - 1) * LINE / 2


def _write(parent: ET.Element, x: float, y: float, fit: _Fit, cls: str, **attrs: float | str) -> ET.Element:
    """A text element showing ``fit``, its first baseline at ``y``; a cut label keeps its whole text in a
    ``<title>``, and a second line is a ``<tspan>`` LINE below."""
    element = _el(parent, "text", cls, x=x, y=y, **attrs)
    if fit.cut:
        ET.SubElement(element, "title").text = fit.full
    if len(fit.lines) == 1 and fit.cut:
        element[0].tail = fit.lines[0]
    elif len(fit.lines) == 1:
        element.text = fit.lines[0]
    else:
        for i, line in enumerate(fit.lines):
            ET.SubElement(element, "tspan", {"x": _n(x), "dy": _n(LINE if i else 0)}).text = line
    return element


def _text(parent: ET.Element, x: float, y: float, content: str, cls: str, room: float | None = None,
          **attrs: float | str) -> ET.Element:
    """One line of text, cut with "…" (kept whole in a ``<title>``) only if it is wider than ``room``."""
    bold = "gs-svg__heading" in cls
    return _write(parent, x, y, _fit(content, math.inf if room is None else room, 1, bold), cls, **attrs)


def _clean(text: str) -> str:
    """One line of XML-legal text: characters XML forbids are dropped, whitespace runs become one space."""
    return " ".join(_NOT_XML.sub("", str(text)).split())


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"  # not strftime: the locale must not change output
