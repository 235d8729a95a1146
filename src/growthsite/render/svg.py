"""Inline SVG charts, drawn at build time: no JavaScript, no fonts or images to fetch, no chart library.

Every chart is an ``<svg role="img">`` named by its own ``<title>`` and ``<desc>``, and every bar and cell
also prints its number, so colour never carries meaning alone. Colours come only from ``gs-svg__*`` classes
styled by ``SVG_CSS`` with Material's variables, so the light and dark schemes both work.

Labels are user data. They only ever become ElementTree text nodes, and the characters Jinja or Markdown
would act on (``{ } [ ] * _ ` \\``) are written as character references, so a chart stays inert even if it
is pasted into a template or into Markdown. Output is one line (no blank line can end an HTML block) and
byte-identical for the same input.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640.0  # minimum viewBox width: in a Material content column one user unit is about one CSS pixel
FONT = 12.0  # font size in user units; SVG_CSS sets the same
CHAR = 7.0  # average advance of one character, to budget room for text
BASELINE = FONT * 0.35  # from the middle of a row down to a baseline that looks centred
PAD = 8.0
ROW, BAR = 24.0, 16.0  # bar charts
HEADING = 22.0  # category heading in a grouped bar chart
CELL_H = 28.0  # heatmap
LANE, ROLE_BAR = 40.0, 14.0  # career path
LABEL_CHARS, HEAT_CHARS, LANE_CHARS, ROLE_CHARS = 28, 24, 20, 32  # truncation limits
ELLIPSIS = "…"
SLANT = 0.7071  # cos 45°: rotated column headings

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_NODE = re.compile(r">([^<]+)<")  # ElementTree escapes < and > in text and attributes alike
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "{}[]*_`\\"})
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

SVG_CSS = """\
/* growthsite inline charts (growthsite.render.svg). Inside an SVG, px are user units. */
.gs-svg { display: block; width: 100%; height: auto; font-family: inherit; font-size: 12px; }
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
    label_w, plot_w = _columns([label for label, _ in bars], top)
    y = PAD
    for label, value in bars:
        _bar_row(svg, y, label, value, top, label_w, plot_w)
        y += ROW
    _el(svg, "line", "gs-svg__axis", x1=label_w, y1=PAD, x2=label_w, y2=y)
    return _finish(svg, WIDTH, y + PAD)


def _grid(
    rows: Sequence[str], columns: Sequence[str], values: Mapping[tuple[str, str], int]
) -> tuple[list[list[int]], int]:
    """Counts keyed (row, column) as a grid (missing keys are 0), checked, with its largest value."""
    grid = [[values.get((row, column), 0) for column in columns] for row in rows]
    _counts(value for line in grid for value in line)
    return grid, max(max(line) for line in grid)


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
    label_w, plot_w = _columns(series, top)
    y = PAD
    for category, line in zip(categories, table, strict=True):
        group = _el(svg, "g", "gs-svg__group")
        _text(group, PAD, y + HEADING - PAD, category, "gs-svg__heading", int((WIDTH - 2 * PAD) // CHAR))
        y += HEADING
        for name, value in zip(series, line, strict=True):
            _bar_row(group, y, name, value, top, label_w, plot_w)
            y += ROW
        _el(group, "line", "gs-svg__axis", x1=label_w, y1=y - len(series) * ROW, x2=label_w, y2=y)
        y += PAD
    return _finish(svg, WIDTH, y)


def heatmap(
    id: str,
    title: str,
    desc: str,
    rows: Sequence[str],
    columns: Sequence[str],
    values: Mapping[tuple[str, str], int],
    row_header: str,
    column_header: str,
) -> Markup:
    """A grid of counts keyed (row, column); each cell is shaded by ``heat_bucket`` and prints its number.

    Column headings are rotated -45° so long school names stay legible; missing keys count as 0.
    """
    svg = _root(id, title, desc)
    if not rows or not columns:
        return _message(svg, "No data")
    grid, top = _grid(rows, columns, values)
    cell_w = max(40.0, len(f"{top:,}") * CHAR + 2 * PAD)
    label_w = min(max(len(_clean(text)) for text in [*rows, row_header]), HEAT_CHARS) * CHAR + 2 * PAD
    heads = [min(len(_clean(column)), HEAT_CHARS) * CHAR * SLANT for column in columns]
    grid_top = 2 * PAD + FONT + max(heads) + PAD
    right = max(label_w + len(columns) * cell_w, *(label_w + (j + 0.5) * cell_w + h for j, h in enumerate(heads)))
    width = max(WIDTH, right + PAD)

    _text(svg, label_w, PAD + FONT, column_header, "gs-svg__heading", int((width - label_w) // CHAR))
    _text(svg, label_w - PAD, grid_top - PAD, row_header, "gs-svg__heading", HEAT_CHARS, text_anchor="end")
    for j, column in enumerate(columns):
        x, y = label_w + (j + 0.5) * cell_w + BASELINE, grid_top - PAD / 2
        _text(svg, x, y, column, "gs-svg__label", HEAT_CHARS, transform=f"rotate(-45 {_n(x)} {_n(y)})")
    for i, (row, line) in enumerate(zip(rows, grid, strict=True)):
        y = grid_top + i * CELL_H
        group = _el(svg, "g", "gs-svg__row")
        _text(group, label_w - PAD, y + CELL_H / 2 + BASELINE, row, "gs-svg__label", HEAT_CHARS, text_anchor="end")
        for j, (column, value) in enumerate(zip(columns, line, strict=True)):
            level = heat_bucket(value, top)
            cell = _el(group, "g", "gs-svg__entry")
            ET.SubElement(cell, "title").text = f"{_clean(row)} / {_clean(column)}: {value:,}"
            x = label_w + j * cell_w
            _el(cell, "rect", f"gs-svg__cell gs-svg__cell--{level}", x=x + 1, y=y + 1, width=cell_w - 2,
                height=CELL_H - 2)
            _text(cell, x + cell_w / 2, y + CELL_H / 2 + BASELINE, f"{value:,}",
                  f"gs-svg__value gs-svg__value--{level}", text_anchor="middle")
    return _finish(svg, width, grid_top + len(rows) * CELL_H + PAD)


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
    x0 = min(max(len(_clean(stage)) for stage in stages), LANE_CHARS) * CHAR + 2 * PAD
    x1 = WIDTH - 2 * PAD
    span = (end - start).days
    axis_y = PAD + len(stages) * LANE

    def x_of(day: date) -> float:
        return x0 + (min(max(day, start), end) - start).days / span * (x1 - x0)

    def lane_top(stage_index: int) -> float:
        return PAD + (len(stages) - 1 - stage_index) * LANE

    for i, stage in enumerate(stages):
        group = _el(svg, "g", "gs-svg__stage")
        _el(group, "rect", "gs-svg__lane gs-svg__lane--alt" if i % 2 else "gs-svg__lane", x=x0, y=lane_top(i),
            width=x1 - x0, height=LANE)
        _text(group, x0 - PAD, lane_top(i) + LANE / 2 + BASELINE, stage, "gs-svg__label", LANE_CHARS,
              text_anchor="end")
    _time_axis(svg, start, end, x_of, x0, x1, axis_y)

    ordered = sorted(roles, key=lambda r: (r.start, r.stage_index, r.end or date.max, r.label))
    bar_mid = PAD / 2 + 2 + ROLE_BAR / 2  # bar near the top of its lane, label below it: promotions step up clear
    steps = _el(svg, "g", "gs-svg__steps")
    uprights: list[tuple[float, float, float]] = []  # (x, top, bottom) of each connector's vertical stroke
    for before, after in pairwise(ordered):
        to_x, to_y = x_of(after.start), lane_top(after.stage_index) + bar_mid
        from_x, from_y = min(x_of(before.end or end), to_x), lane_top(before.stage_index) + bar_mid
        if (from_x, from_y) != (to_x, to_y):
            _el(steps, "path", "gs-svg__step", d=f"M {_n(from_x)} {_n(from_y)} H {_n(to_x)} V {_n(to_y)}")
            uprights.append((to_x, min(from_y, to_y), max(from_y, to_y)))
    for k, role in enumerate(ordered):
        x, top = x_of(role.start), lane_top(role.stage_index)
        group = _el(svg, "g", "gs-svg__career-role")
        period = f"{_day(role.start)} – {_day(role.end) if role.end else 'now'}"
        ET.SubElement(group, "title").text = f"{_clean(role.label)}: {period}"
        _el(group, "rect", "gs-svg__bar gs-svg__role", x=x, y=top + bar_mid - ROLE_BAR / 2,
            width=max(2.0, x_of(role.end or end) - x), height=ROLE_BAR)
        # The label stops before the next label in its lane or a connector crossing its line of text.
        label_x, baseline = x + PAD / 2, top + LANE - PAD + 1
        stops = [x_of(o.start) for o in ordered[k + 1:] if o.stage_index == role.stage_index and o.start > role.start]
        stops += [ux for ux, y0, y1 in uprights if ux > label_x and y0 < baseline + 3 and y1 > baseline - FONT]
        chars = min(ROLE_CHARS, max(4, int((min(stops, default=WIDTH) - label_x - PAD / 2) // CHAR)))
        _text(group, label_x, baseline, role.label, "gs-svg__label", chars)
    return _finish(svg, WIDTH, axis_y + 2 * FONT + PAD)


CYCLE_W, CYCLE_R, NODE_R, CYCLE_CHARS = 760.0, 120.0, 16.0, 32


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
        top = ly - FONT if math.sin(angle) < -0.7 else (ly + FONT if math.sin(angle) > 0.7 else ly)
        _text(group, lx, top - FONT * 0.2, name, "gs-svg__heading", CYCLE_CHARS, text_anchor=anchor)
        _text(group, lx, top + FONT * 1.1, when, "gs-svg__label", CYCLE_CHARS + 6, text_anchor=anchor)
    _text(svg, cx, cy + BASELINE, centre, "gs-svg__heading", 24, text_anchor="middle")
    return _finish(svg, CYCLE_W, 2 * cy)


def _time_axis(
    svg: ET.Element, start: date, end: date, x_of: Callable[[date], float], x0: float, x1: float, axis_y: float
) -> None:
    """A tick on every 1 January, labelled every 1, 2, 5, … years so labels never crowd."""
    axis = _el(svg, "g", "gs-svg__time")
    _el(axis, "line", "gs-svg__axis", x1=x0, y1=axis_y, x2=x1, y2=axis_y)
    years = [year for year in range(start.year, end.year + 1) if start <= date(year, 1, 1) <= end]
    per_year = (x1 - x0) * 365.25 / (end - start).days
    step = next((k for k in (1, 2, 5, 10, 25, 50) if k * per_year >= 5 * CHAR + PAD), 100)
    for year in years:
        x = x_of(date(year, 1, 1))
        _el(axis, "line", "gs-svg__grid", x1=x, y1=PAD, x2=x, y2=axis_y)
        _el(axis, "line", "gs-svg__axis", x1=x, y1=axis_y, x2=x, y2=axis_y + PAD / 2)
        if year % step == 0:
            _text(axis, x, axis_y + PAD / 2 + FONT, str(year), "gs-svg__tick", text_anchor="middle")
    if not years:
        _text(axis, x0, axis_y + PAD / 2 + FONT, str(start.year), "gs-svg__tick")


def _bar_row(parent: ET.Element, y: float, label: str, value: int, top: int, label_w: float, plot_w: float) -> None:
    """One labelled bar; a tiny non-zero value still gets a visible sliver, zero gets none."""
    row = _el(parent, "g", "gs-svg__row")
    middle = y + ROW / 2
    _text(row, label_w - PAD, middle + BASELINE, label, "gs-svg__label", LABEL_CHARS, text_anchor="end")
    length = max(1.0, value / top * plot_w) if value else 0.0
    if length:
        _el(row, "rect", "gs-svg__bar", x=label_w, y=middle - BAR / 2, width=length, height=BAR)
    _text(row, label_w + length + PAD / 2, middle + BASELINE, f"{value:,}", "gs-svg__value")


def _columns(labels: Iterable[str], top: int) -> tuple[float, float]:
    """Widths of the label column and of the bars, leaving room to print the largest value."""
    label_w = min(max(len(_clean(label)) for label in labels), LABEL_CHARS) * CHAR + 2 * PAD
    return label_w, WIDTH - label_w - len(f"{top:,}") * CHAR - 2 * PAD


def _counts(values: Iterable[int]) -> None:
    if any(value < 0 for value in values):
        raise ValueError("chart values are counts and cannot be negative")


def _root(id: str, title: str, desc: str) -> ET.Element:
    """The named image; ``viewBox`` is filled in by ``_finish`` once the content's size is known."""
    if not _ID.fullmatch(id):
        raise ValueError(f"chart id must be letters, digits, '-' or '_' and start with a letter, got {id!r}")
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "class": "gs-svg", "viewBox": "", "width": "100%", "role": "img",
        "aria-labelledby": f"{id}-title {id}-desc", "focusable": "false",
    })
    ET.SubElement(svg, "title", {"id": f"{id}-title"}).text = _clean(title)
    ET.SubElement(svg, "desc", {"id": f"{id}-desc"}).text = _clean(desc)
    return svg


def _message(svg: ET.Element, text: str) -> Markup:
    _text(svg, PAD, PAD + 2 * FONT, text, "gs-svg__empty")
    return _finish(svg, WIDTH, 3 * PAD + 2 * FONT)


def _finish(svg: ET.Element, width: float, height: float) -> Markup:
    svg.set("viewBox", f"0 0 {_n(width)} {_n(height)}")
    xml = ET.tostring(svg, encoding="unicode")
    return Markup(_TEXT_NODE.sub(lambda m: f">{m.group(1).translate(_INERT)}<", xml))


def _el(parent: ET.Element, tag: str, cls: str, **attrs: float | str) -> ET.Element:
    """A child element; keyword ``text_anchor`` becomes attribute ``text-anchor``, numbers are rounded."""
    attrib = {"class": cls} | {k.replace("_", "-"): v if isinstance(v, str) else _n(v) for k, v in attrs.items()}
    return ET.SubElement(parent, tag, attrib)


def _text(parent: ET.Element, x: float, y: float, content: str, cls: str, limit: int | None = None,
          **attrs: float | str) -> ET.Element:
    """A text element; text longer than ``limit`` is cut with "…" and kept whole in a ``<title>``."""
    full = _clean(content)
    element = _el(parent, "text", cls, x=x, y=y, **attrs)
    if limit is not None and len(full) > limit:
        ET.SubElement(element, "title").text = full
        element[0].tail = full[: max(limit - 1, 1)].rstrip() + ELLIPSIS
    else:
        element.text = full
    return element


def _clean(text: str) -> str:
    """One line of XML-legal text: characters XML forbids are dropped, whitespace runs become one space."""
    return " ".join(_NOT_XML.sub("", str(text)).split())


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"  # not strftime: the locale must not change output
