"""Inline SVG charts: well-formed, named for assistive technology, numbers as text, user text inert."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date

import jinja2
import markdown
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from growthsite.render.svg import (
    CELL_H,
    FONT,
    LABEL_MAX,
    LINE,
    OVERHANG,
    PAD,
    ROW,
    SVG_CSS,
    CareerRole,
    bar_chart,
    career_path,
    cycle,
    grouped_bar_chart,
    heat_bucket,
    heatmap,
    text_width,
)

S = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", "{{ config }}", "\"&'", "[x](javascript:alert(1)) *em* {: onclick=x}"]
STAGES = ["Teacher", "Middle leader", "Senior leader"]
ROLES = [  # deliberately not in date order
    CareerRole("Deputy head", 2, date(2023, 9, 1), None),
    CareerRole("Teacher", 0, date(2017, 9, 1), date(2020, 8, 31)),
    CareerRole("Head of Year 9", 1, date(2021, 4, 1), date(2023, 8, 31)),
    CareerRole("Teacher, second school", 0, date(2020, 9, 1), date(2021, 3, 31)),
]


def parse(svg: Markup) -> ET.Element:
    assert isinstance(svg, Markup)
    return ET.fromstring(str(svg))


def lines(text: ET.Element) -> list[str]:
    """The lines a <text> element displays: its <tspan>s, or its own text and the tail of its <title>."""
    spans = text.findall(f"{S}tspan")
    if spans:
        return [span.text or "" for span in spans]
    return [(text.text or "") + "".join(child.tail or "" for child in text)]


def shown(text: ET.Element) -> str:
    """What a <text> element displays, its lines joined by a space."""
    return " ".join(lines(text))


def texts(root: ET.Element) -> list[str]:
    return [shown(t) for t in root.iter(f"{S}text")]


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if name in el.get("class", "").split()]


def number(el: ET.Element, attr: str) -> float:
    return float(el.get(attr, "nan"))


CHARTS: dict[str, Callable[[str], Markup]] = {
    "bar": lambda label: bar_chart("c", "Title", "Desc", [(label, 3), ("B", 0)]),
    "grouped": lambda label: grouped_bar_chart("c", "Title", "Desc", ["2024-25", label], [label, "Courses"],
                                               {("2024-25", label): 2}),
    "heatmap": lambda label: heatmap("c", "Title", "Desc", [label, "Elm"], [label, "Ash"], {(label, "Ash"): 5},
                                     label, "Supported"),
    "career": lambda label: career_path("c", "Title", "Desc", [label, "Leader"],
                                        [CareerRole(label, 0, date(2020, 9, 1), None)], date(2020, 1, 1),
                                        date(2025, 1, 1)),
    "empty": lambda label: career_path("c", "Title", "Desc", [label], [], date(2020, 1, 1), date(2025, 1, 1)),
}


@pytest.mark.parametrize("kind", CHARTS)
def test_every_chart_is_a_named_scalable_image(kind: str) -> None:
    root = parse(CHARTS[kind]("Oak"))
    assert root.tag == f"{S}svg"
    assert (root.get("role"), root.get("focusable")) == ("img", "false")
    box = (root.get("viewBox") or "").split()
    assert len(box) == 4 and box[:2] == ["0", "0"] and all(float(n) > 0 for n in box[2:])
    # Drawn at its own size: one user unit is one CSS pixel, so 13px text is 13px on screen.
    assert [root.get("width"), root.get("height")] == box[2:]
    assert root.get("aria-labelledby") == "c-title c-desc"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (f"{S}title", "c-title", "Title")
    assert (desc.tag, desc.get("id"), desc.text) == (f"{S}desc", "c-desc", "Desc")


@pytest.mark.parametrize("kind", CHARTS)
def test_colour_only_through_classes(kind: str) -> None:
    root = parse(CHARTS[kind]("Oak"))
    for el in root.iter():
        assert not {"fill", "stroke", "style", "color"} & set(el.attrib), el.tag
        for name in el.get("class", "").split():
            assert name.startswith("gs-svg")


def test_css_styles_the_drawn_classes_with_material_variables() -> None:
    for name in ["gs-svg", "gs-svg__bar", "gs-svg__axis", "gs-svg__grid", "gs-svg__step", "gs-svg__lane--alt",
                 "gs-svg__cell", *(f"gs-svg__cell--{n}" for n in range(5)), "gs-svg__value--4", "gs-svg__heading"]:
        assert f".{name} " in SVG_CSS or f".{name}," in SVG_CSS, name
    assert "font-family: inherit" in SVG_CSS and "font-size: 13px" in SVG_CSS
    assert "var(--md-default-bg-color)" in SVG_CSS and "var(--md-primary-fg-color)" in SVG_CSS
    assert re.search(r"#[0-9a-fA-F]{3,8}\b|rgb|hsl", SVG_CSS) is None


def test_bar_chart_prints_every_value_and_draws_no_bar_for_zero() -> None:
    root = parse(bar_chart("bars", "Activities", "Counts by type", [("A", 3), ("B", 0)]))
    assert texts(root) == ["A", "3", "B", "0"]
    assert len(with_class(root, "gs-svg__bar")) == 1


def test_bar_lengths_scale_to_the_largest_value() -> None:
    root = parse(bar_chart("bars", "T", "D", [("A", 4), ("B", 2), ("C", 1)]))
    widths = [number(bar, "width") for bar in with_class(root, "gs-svg__bar")]
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2) == pytest.approx(4 * widths[2], abs=0.4)


def test_all_zero_or_no_bars() -> None:
    root = parse(bar_chart("bars", "T", "D", [("A", 0), ("B", 0)]))
    assert with_class(root, "gs-svg__bar") == [] and texts(root) == ["A", "0", "B", "0"]
    assert texts(parse(bar_chart("bars", "T", "D", []))) == ["No data"]


def test_grouped_bars_are_labelled_by_series_and_missing_keys_are_zero() -> None:
    root = parse(grouped_bar_chart("years", "T", "D", ["2024-25", "2025-26"], ["Coaching", "Courses"],
                                   {("2024-25", "Coaching"): 3, ("2025-26", "Courses"): 6, ("1999-00", "X"): 9}))
    groups = with_class(root, "gs-svg__group")
    assert [texts(g) for g in groups] == [
        ["2024-25", "Coaching", "3", "Courses", "0"],
        ["2025-26", "Coaching", "0", "Courses", "6"],
    ]
    widths = [number(bar, "width") for bar in with_class(root, "gs-svg__bar")]
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.2)  # one scale across years


@pytest.mark.parametrize(
    ("value", "top", "expected"),
    [(0, 8, 0), (1, 8, 1), (2, 8, 1), (3, 8, 2), (4, 8, 2), (5, 8, 3), (6, 8, 3), (7, 8, 4), (8, 8, 4), (0, 0, 0)],
)
def test_heat_bucket_is_the_quarter_of_the_maximum(value: int, top: int, expected: int) -> None:
    assert heat_bucket(value, top) == expected


def test_heatmap_cells_show_bucket_and_number() -> None:
    values = {("Oak", "Ash"): 0, ("Oak", "Birch"): 1, ("Elm", "Ash"): 4, ("Elm", "Birch"): 8}
    root = parse(heatmap("support", "T", "D", ["Oak", "Elm"], ["Ash", "Birch"], values, "Supporting", "Supported"))
    cells = with_class(root, "gs-svg__cell")
    assert [c.get("class") for c in cells] == [f"gs-svg__cell gs-svg__cell--{n}" for n in (0, 1, 2, 4)]
    entries = with_class(root, "gs-svg__entry")
    assert [shown(e.find(f"{S}text")) for e in entries] == ["0", "1", "4", "8"]  # type: ignore[arg-type]
    assert [e.findtext(f"{S}title") for e in entries] == ["Oak / Ash: 0", "Oak / Birch: 1", "Elm / Ash: 4",
                                                         "Elm / Birch: 8"]
    assert {"Supporting", "Supported", "Oak", "Elm", "Ash", "Birch"} <= set(texts(root))


def test_heatmap_missing_keys_are_zero_and_long_columns_are_rotated_and_kept_whole() -> None:
    long = "St Aldhelm's Church of England Voluntary Aided Primary School"
    root = parse(heatmap("m", "T", "D", ["Oak"], [long, "Ash"], {}, "From", "To"))
    assert [c.get("class") for c in with_class(root, "gs-svg__cell")] == ["gs-svg__cell gs-svg__cell--0"] * 2
    heading = next(t for t in root.iter(f"{S}text") if t.findtext(f"{S}title") == long)
    assert shown(heading).endswith("…") and long.startswith(shown(heading)[:-1])
    assert (heading.get("transform") or "").startswith("rotate(-45 ")
    assert float((root.get("viewBox") or "").split()[2]) >= 640


def axis_x(root: ET.Element) -> float:
    return number(with_class(root, "gs-svg__axis")[-1], "x1")


def test_the_label_column_is_as_wide_as_its_widest_label() -> None:
    """Finding: "Trust-wide training deliver…" was cut although the chart had room for it."""
    labels = ["Trust-wide training delivered", "Staff meetings and workshops led", "Peer reviews"]
    root = parse(bar_chart("bars", "T", "D", [(label, n) for n, label in enumerate(labels)]))
    drawn = with_class(root, "gs-svg__label")
    assert [shown(t) for t in drawn] == labels and [t.find(f"{S}title") for t in drawn] == [None] * 3
    widest = text_width("Staff meetings and workshops led")
    assert axis_x(root) == pytest.approx(PAD + widest + PAD, abs=0.1)  # right-aligned, PAD clear of the axis
    narrow = parse(bar_chart("bars", "T", "D", [("Peer reviews", 1)]))
    assert axis_x(narrow) == pytest.approx(PAD + text_width("Peer reviews") + PAD, abs=0.1)
    assert axis_x(narrow) < axis_x(root)


def test_a_label_wider_than_the_column_wraps_onto_two_lines_and_its_row_grows() -> None:
    long = "Specialist support for schools across the trust and the region"
    assert LABEL_MAX < text_width(long) < 2 * LABEL_MAX
    root = parse(bar_chart("bars", "T", "D", [(long, 2), ("Peer reviews", 1)]))
    label = with_class(root, "gs-svg__label")[0]
    assert label.find(f"{S}title") is None and shown(label) == long
    assert len(lines(label)) == 2 and all(text_width(line) <= LABEL_MAX for line in lines(label))
    assert axis_x(root) == pytest.approx(PAD + LABEL_MAX + PAD, abs=0.1)
    bars = with_class(root, "gs-svg__bar")
    assert number(bars[1], "y") - number(bars[0], "y") == pytest.approx((ROW + LINE) / 2 + ROW / 2)  # LINE taller


def test_only_a_label_longer_than_two_lines_at_the_widest_is_cut_and_kept_whole_in_a_title() -> None:
    long = "Observation, feedback and coaching for early career teachers in their second year"
    root = parse(bar_chart("bars", "T", "D", [(long, 1)]))
    label = with_class(root, "gs-svg__label")[0]
    assert label.findtext(f"{S}title") == long
    drawn = lines(label)
    assert len(drawn) == 2 and drawn[-1].endswith("…") and long.startswith(shown(label)[:-1])
    assert all(text_width(line) <= LABEL_MAX for line in drawn)


def test_text_width_errs_wide() -> None:
    """Measured against DejaVu Sans at 13px in Chromium (the widest fallback font): never less."""
    for text, drawn in [("Trust-wide training delivered", 185.8), ("Staff meetings and workshops led", 221.2),
                        ("WWW mmm", 80.7), ("illi", 14.4)]:
        assert drawn <= text_width(text) <= drawn * 1.15, text
    assert text_width("学校") == 2 * FONT


@pytest.mark.parametrize("kind", [k for k in CHARTS if k != "empty"])
@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_text_not_markup(kind: str, label: str) -> None:
    svg = str(CHARTS[kind](label))
    root = ET.fromstring(svg)
    assert {el.tag for el in root.iter()} <= {f"{S}{t}" for t in ("svg", "title", "desc", "g", "rect", "text", "line",
                                                                  "path", "tspan")}
    seen = texts(root) + [t.text or "" for t in root.iter(f"{S}title")]
    assert any(label in text or shown_prefix(label, text) for text in seen)
    assert "<script" not in svg and "{{" not in svg and "[x]" not in svg
    # Inert wherever it is pasted: a Jinja template, or Markdown (even outside an HTML block).
    assert jinja2.Template(svg).render(config="SECRET") == svg
    page = BeautifulSoup(markdown.markdown(svg), "html.parser")
    assert page.find_all(["a", "em", "strong", "script", "code"]) == []


def shown_prefix(label: str, text: str) -> bool:
    return text.endswith("…") and label.startswith(text[:-1])


def test_control_characters_and_line_breaks_cannot_break_the_xml_or_a_markdown_block() -> None:
    svg = str(bar_chart("bars", "T\x00itle", "Line one\n\nLine two", [("a\x1bb\r\n\n c", 1)]))
    root = ET.fromstring(svg)
    assert "\n" not in svg and root[1].text == "Line one Line two" and texts(root)[0] == "ab c"


def career_root() -> ET.Element:
    return parse(career_path("path", "Ada's career", "Roles over time", STAGES, ROLES, date(2017, 9, 1),
                             date(2026, 8, 31)))


def test_career_path_bars_follow_start_dates_and_sit_in_their_stage_lane() -> None:
    root = career_root()
    lanes = {}
    for stage in with_class(root, "gs-svg__stage"):
        lane = with_class(stage, "gs-svg__lane")[0]
        lanes[texts(stage)[0]] = (number(lane, "y"), number(lane, "y") + number(lane, "height"))
    assert lanes["Teacher"][0] > lanes["Middle leader"][0] > lanes["Senior leader"][0]  # lowest stage at the bottom
    drawn = []
    for group in with_class(root, "gs-svg__career-role"):
        bar = with_class(group, "gs-svg__role")[0]
        middle = number(bar, "y") + number(bar, "height") / 2
        drawn.append((texts(group)[0], number(bar, "x"), next(s for s, (y0, y1) in lanes.items() if y0 < middle < y1)))
    by_start = sorted(ROLES, key=lambda r: r.start)
    assert [label for label, _, _ in drawn] == [r.label for r in by_start]
    xs = [x for _, x, _ in drawn]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert [stage for _, _, stage in drawn] == [STAGES[r.stage_index] for r in by_start]


def test_career_path_has_a_year_axis_and_visible_steps() -> None:
    root = career_root()
    assert [shown(t) for t in with_class(root, "gs-svg__tick")] == [str(y) for y in range(2018, 2027)]
    assert len(with_class(root, "gs-svg__step")) == len(ROLES) - 1
    ongoing = with_class(root, "gs-svg__career-role")[-1]
    assert ongoing.findtext(f"{S}title") == "Deputy head: 1 September 2023 – now"
    bar = with_class(ongoing, "gs-svg__role")[0]
    assert number(bar, "x") + number(bar, "width") == pytest.approx(640 - 16)  # runs to the end of the axis


def test_career_path_without_roles_says_so() -> None:
    root = parse(career_path("none", "T", "D", STAGES, [], date(2020, 1, 1), date(2024, 1, 1)))
    assert texts(root) == ["No roles recorded"]
    same_day = parse(career_path("none", "T", "D", [], [], date(2024, 1, 1), date(2024, 1, 1)))
    assert texts(same_day) == ["No roles recorded"]  # someone with no history: the axis does not matter


@pytest.mark.parametrize(
    "call",
    [
        lambda: career_path("c", "T", "D", STAGES, [CareerRole("X", 3, date(2020, 1, 1), None)], date(2019, 1, 1),
                            date(2024, 1, 1)),
        lambda: career_path("c", "T", "D", STAGES, ROLES, date(2024, 1, 1), date(2024, 1, 1)),
        lambda: career_path("c", "T", "D", STAGES, [CareerRole("X", 0, date(2021, 1, 1), date(2020, 1, 1))],
                            date(2019, 1, 1), date(2024, 1, 1)),
        lambda: bar_chart("c", "T", "D", [("A", -1)]),
        lambda: bar_chart("two words", "T", "D", [("A", 1)]),
        lambda: bar_chart('x"><script>', "T", "D", [("A", 1)]),
    ],
)
def test_bad_input_is_refused(call: Callable[[], Markup]) -> None:
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize("kind", CHARTS)
def test_output_is_deterministic(kind: str) -> None:
    assert str(CHARTS[kind]("Oak")) == str(CHARTS[kind]("Oak"))
    assert ET.tostring(career_root()) == ET.tostring(career_root())


def test_cycle_numbers_its_steps_clockwise_and_joins_them_with_arrows() -> None:
    steps = [("Reflect", "September"), ("Plan", "October"), ("Practise", "all year"), ("Share", "July")]
    root = parse(cycle("c", "The cycle", "Four steps", steps, "2026-27"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"
    assert texts(root) == ["1", "Reflect", "September", "2", "Plan", "October", "3", "Practise", "all year",
                           "4", "Share", "July", "2026-27"]
    arcs = [p for p in root.iter(f"{S}path") if p.get("class") == "gs-svg__ring"]
    assert len(arcs) == 4 and all(a.get("marker-end") == "url(#c-arrow)" for a in arcs)
    assert root.find(f"{S}defs/{S}marker").get("id") == "c-arrow"
    nodes = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{S}circle")]
    assert nodes[0][1] < nodes[2][1] and nodes[1][0] > nodes[3][0]  # 1 at the top, 2 right, 3 bottom, 4 left


def test_cycle_keeps_long_step_names_whole_in_a_title_and_says_when_empty() -> None:
    root = parse(cycle("c", "t", "d", [("A step whose name is far too long for the ring", "July")], "x"))
    heading = next(t for t in root.iter(f"{S}text") if t.get("class") == "gs-svg__heading")
    assert heading.find(f"{S}title").text == "A step whose name is far too long for the ring"
    assert shown(heading).endswith("…")
    assert texts(parse(cycle("c", "t", "d", [], "x"))) == ["No steps"]
    hostile = str(cycle("c", "t", "d", [(HOSTILE[0], HOSTILE[1])], "x"))
    assert "<script>" not in hostile and "{{" not in hostile


def test_a_blank_heatmap_cell_shows_a_dash_and_says_why() -> None:
    """Finding: the support heatmap's diagonal showed 0 where its table shows –."""
    values = {("Oak", "Oak"): None, ("Oak", "Elm"): 2, ("Elm", "Oak"): 1, ("Elm", "Elm"): None}
    root = parse(heatmap("m", "T", "D", ["Oak", "Elm"], ["Oak", "Elm"], values, "From", "To",
                         blank="not counted, the same school"))
    entries = with_class(root, "gs-svg__entry")
    assert [shown(e.find(f"{S}text")) for e in entries] == ["–", "2", "1", "–"]  # type: ignore[arg-type]
    assert [e.findtext(f"{S}title") for e in entries] == [
        "Oak / Oak: not counted, the same school", "Oak / Elm: 2", "Elm / Oak: 1",
        "Elm / Elm: not counted, the same school"]
    assert [c.get("class") for c in with_class(root, "gs-svg__cell")] == [
        "gs-svg__cell gs-svg__cell--none", "gs-svg__cell gs-svg__cell--4", "gs-svg__cell gs-svg__cell--2",
        "gs-svg__cell gs-svg__cell--none"]  # a blank is no count: 2 is the largest
    assert ".gs-svg__cell--none " in SVG_CSS


def test_a_row_label_too_wide_for_the_heatmap_wraps_and_its_row_grows() -> None:
    long = "St Kenelm's Church of England Primary School"
    root = parse(heatmap("m", "T", "D", [long, "Ash"], ["Ash"], {}, "From", "To"))
    label = with_class(root, "gs-svg__label")[-2]
    assert lines(label) == ["St Kenelm's Church of", "England Primary School"] and label.find(f"{S}title") is None
    cells = with_class(root, "gs-svg__cell")
    assert [number(c, "height") for c in cells] == [CELL_H + LINE - 2, CELL_H - 2]
    heading = next(t for t in root.iter(f"{S}text") if (t.get("transform") or "").startswith("rotate"))
    assert shown(heading) == "Ash"


HANNAH = [CareerRole("Class teacher", 0, date(2017, 9, 1), date(2024, 8, 31)),
          CareerRole("Assistant headteacher (teaching and learning)", 2, date(2024, 9, 1), None)]


def test_a_career_label_wraps_and_may_run_past_the_axis_before_it_is_cut() -> None:
    """Finding: "Assistant headteac…" was cut although there was room."""
    root = parse(career_path("c", "T", "D", ["Teacher", "Middle leader", "Senior leader", "Headteacher"], HANNAH,
                             date(2017, 9, 1), date(2026, 11, 24)))
    labels = [t for g in with_class(root, "gs-svg__career-role") for t in g.iter(f"{S}text")]
    assert [lines(t) for t in labels] == [["Class teacher"], ["Assistant headteacher", "(teaching and learning)"]]
    assert all(t.find(f"{S}title") is None for t in labels)
    width = float(root.get("width") or 0)
    x = number(labels[1], "x")
    assert x + text_width("(teaching and learning)") < width <= 640 + OVERHANG + 2 * PAD
    assert width == pytest.approx(x + text_width("(teaching and learning)") + PAD, abs=1)


def test_a_career_label_with_no_room_at_any_width_is_cut_and_kept_whole() -> None:
    squeezed = [CareerRole("Acting deputy headteacher for inclusion and safeguarding", 0, date(2020, 9, 1),
                           date(2021, 8, 31)),
                CareerRole("Deputy", 0, date(2021, 9, 1), None)]
    root = parse(career_path("c", "T", "D", ["Senior leader"], squeezed, date(2015, 9, 1), date(2026, 9, 1)))
    first, second = (next(g.iter(f"{S}text")) for g in with_class(root, "gs-svg__career-role"))
    assert first.findtext(f"{S}title") == "Acting deputy headteacher for inclusion and safeguarding"
    assert len(lines(first)) == 2 and shown(first).endswith("…")
    assert number(first, "x") + max(text_width(line) for line in lines(first)) < number(second, "x")
    assert lines(first) == ["Acting", "deputy…"]
    assert float(root.get("width") or 0) > 640  # a longer axis shows more of it


def test_a_career_role_with_no_room_for_a_label_is_named_by_its_title_alone() -> None:
    squeezed = [CareerRole("Acting deputy", 0, date(2020, 9, 1), date(2020, 9, 20)),
                CareerRole("Deputy", 0, date(2020, 9, 21), None)]
    root = parse(career_path("c", "T", "D", ["Senior leader"], squeezed, date(2015, 9, 1), date(2026, 9, 1)))
    first, second = with_class(root, "gs-svg__career-role")
    assert first.find(f"{S}text") is None and first.findtext(f"{S}title") == (
        "Acting deputy: 1 September 2020 – 20 September 2020")
    assert texts(second) == ["Deputy"]


def test_a_wrapped_hostile_label_stays_inert_on_both_lines() -> None:
    label = "{{ config }} [x](javascript:alert(1)) *em* <script>alert(1)</script> " * 3
    svg = str(bar_chart("bars", "T", "D", [(label, 1)]))
    root = ET.fromstring(svg)
    text = with_class(root, "gs-svg__label")[0]
    assert len(lines(text)) == 2 and text.findtext(f"{S}title") == " ".join(label.split())
    assert "<script" not in svg and "{{" not in svg and "[x]" not in svg
    assert jinja2.Template(svg).render(config="SECRET") == svg
    assert BeautifulSoup(markdown.markdown(svg), "html.parser").find_all(["a", "em", "script", "code"]) == []
