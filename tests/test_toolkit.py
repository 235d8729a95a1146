"""The toolkit: seven resources, each a printable form and a file that validates once filled in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT, TINY, build, run, soup_of
from growthsite import toolkit
from growthsite.project import load

DEMO_DOWNLOADS = [
    "1-self-reflection.yml",
    "2-standards-reflection-teachers.yml",
    "2-standards-reflection-teaching-assistants.yml",
    "2-standards-reflection-headteachers.yml",
    "2-standards-reflection-job-description.yml",
    "3-coaching-agreement.yml",
    "4-check-in-conversation.yml",
    "5-growth-plan.yml",
    "6-growth-log.yml",
    "7-end-of-cycle-review.yml",
]


def _forms(root: Path) -> tuple[toolkit.Form, ...]:
    model = load(str(root)).model
    assert model is not None
    return toolkit.forms(model.trust, model.today)


def _fill(fields: tuple[toolkit.Field, ...], value: dict[str, Any]) -> None:
    """Answer every question of a parsed download, as a member of staff would, touching only keys it has."""
    for field in fields:
        assert field.key in value, f"the download has no {field.key}"
        if field.kind == "text":
            value[field.key] = f"My answer about {field.title.lower()}, over a line or two."
        elif field.kind == "date":
            value[field.key] = "2026-11-20"
        elif field.kind in ("year", "fixed"):
            assert value[field.key] == field.value  # filled in for them already
        elif field.kind == "choice":
            value[field.key] = field.options[-1][0]
        elif field.kind == "choices":
            value[field.key] = [field.options[0][0]]
        elif field.kind == "list":
            value[field.key] = ["The first", "The second"]
        elif field.kind == "records":
            blank = value[field.key][0]
            entries = []
            for _ in range(2):
                entry = dict(blank)
                _fill(field.children, entry)
                entries.append(entry)
            value[field.key] = entries
        elif field.kind == "group":
            _fill(field.children, value[field.key])


def test_every_resource_of_the_demo_has_its_download(demo_site: Path) -> None:
    downloads = demo_site / "toolkit" / "downloads"
    assert sorted(p.name for p in downloads.glob("*.yml")) == sorted(DEMO_DOWNLOADS)
    for name in DEMO_DOWNLOADS:
        schema = json.loads((downloads / name.replace(".yml", ".schema.json")).read_text("utf-8"))
        Draft202012Validator.check_schema(schema)
        first = (downloads / name).read_text("utf-8").splitlines()[:2]
        assert first[0].startswith("# growthsite form: ")
        assert first[1] == f"# yaml-language-server: $schema={name.replace('.yml', '.schema.json')}"


@pytest.mark.parametrize("name", DEMO_DOWNLOADS)
def test_every_download_validates_once_filled_in(demo_site: Path, name: str, tmp_path: Path) -> None:
    text = (demo_site / "toolkit" / "downloads" / name).read_text("utf-8")
    forms = _forms(ROOT)
    form = toolkit.find_form(forms, text)
    assert form is not None and form.download.endswith(name)
    blank = run("check-form", str(demo_site / "toolkit" / "downloads" / name), "--data", str(ROOT))
    assert blank.returncode == 1  # as downloaded, the answers are missing
    assert "unknown key" not in blank.stderr and "is missing the required key" not in blank.stderr
    value = yaml.safe_load(text)
    _fill(form.fields, value)
    filled = tmp_path / name
    filled.write_text(text.splitlines()[0] + "\n" + yaml.safe_dump(value, sort_keys=False), "utf-8")
    result = run("check-form", str(filled), "--data", str(ROOT))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "ok: 1 form filled in correctly\n"


def test_the_blank_growth_plan_says_exactly_what_is_left_to_fill_in(demo_site: Path) -> None:
    path = demo_site / "toolkit" / "downloads" / "5-growth-plan.yml"
    result = run("check-form", str(path), "--data", str(ROOT))
    lines = [line.split(": ", 1)[1] for line in result.stderr.splitlines() if ": error: " in line]
    assert lines == [
        "error: focus is empty",
        "error: why is empty",
        "error: drivers needs at least 1 item(s)",
        "error: success_criteria[1] is empty",
        "error: learning[1] is empty",
        "error: '' is not a date: write it as YYYY-MM-DD, such as 2025-10-17 (in check_ins[1].date)",
    ]
    assert result.stderr.splitlines()[-1] == "6 errors, 0 warnings"


def test_a_growth_plan_filled_in_by_hand_joins_a_portfolio_and_validates(tiny: Path, tmp_path: Path) -> None:
    site = build(tiny, tmp_path / "site")
    text = (site / "toolkit" / "downloads" / "5-growth-plan.yml").read_text("utf-8")
    assert "#   reading: Reading for pleasure" in text  # the tiny trust's own driver is on offer
    for blank, answer in [
        ("focus: |\n", "focus: |\n  Better questions in Year 4 maths, so more pupils explain their thinking.\n"),
        ("why: |\n", "why: |\n  Too few pupils can say why an answer is right.\n"),
        ("drivers: []", "drivers: [reading]"),
        ("standards: []", "standards: [teachers/ts2]"),
        ('success_criteria:\n  - ""', 'success_criteria:\n  - "Most pupils give a reason, unprompted, by Easter"'),
        ('learning:\n  - ""', "learning:\n  - Watch a colleague at South Academy teach reasoning"),
        ('  - date: ""', '  - date: "2026-11-20"\n  - date: 2027-02-05'),
    ]:
        assert blank in text
        text = text.replace(blank, answer)
    plan = tmp_path / "plan.yml"
    plan.write_text(text, "utf-8")
    checked = run("check-form", str(plan), "--data", str(tiny))
    assert checked.returncode == 0, checked.stderr
    # The CPD lead pastes it, as it is, under growth: in the portfolio.
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line and not line.startswith("#"))
    pasted = ["growth:"] + [("  - " if i == first else "    ") + line if line else "" for i, line in enumerate(lines)]
    portfolio = tiny / "portfolios" / "cara-hub.yml"
    portfolio.write_text(portfolio.read_text("utf-8") + "\n".join(pasted) + "\n", "utf-8")
    result = run("validate", str(tiny))
    assert result.returncode == 0, result.stderr
    cara = load(str(tiny)).model
    assert cara is not None
    cycle = next(p for p in cara.people if p.id == "cara-hub").growth[0]
    assert (cycle.year, cycle.drivers, cycle.standards, cycle.visibility) == ("2026-27", ("reading",),
                                                                             ("teachers/ts2",), "private")
    assert [str(c.date) for c in cycle.check_ins] == ["2026-11-20", "2027-02-05"]


def test_check_form_reports_wrong_answers_with_their_lines(tmp_path: Path, demo_site: Path) -> None:
    text = (demo_site / "toolkit" / "downloads" / "5-growth-plan.yml").read_text("utf-8")
    text = text.replace("drivers: []", "drivers: [wellbeing]") + "visibility: secret\n"
    path = tmp_path / "plan.yml"
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    drivers = next(i for i, line in enumerate(lines) if line.startswith("drivers:")) + 1
    visibility = next(i for i, line in enumerate(lines) if line.startswith("visibility:")) + 1
    result = run("check-form", str(path), "--data", str(ROOT))
    assert f"{path}:{drivers}:11: error: drivers[1] is the text 'wellbeing', which is not one of: " \
           "wellbeing-learning, social-and-artificial-intelligence, equity-and-equality, systemness" in result.stderr
    assert "  hint: did you mean 'wellbeing-learning'?" in result.stderr
    assert f"{path}:{visibility}:13: error: visibility is the text 'secret', which is not one of: " \
           "private, staff, public" in result.stderr
    stray = tmp_path / "notes.yml"
    stray.write_text("focus: something\n", "utf-8")
    result = run("check-form", str(stray), "--data", str(ROOT))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"{stray}:1:1: error: this is not a toolkit form: its first lines have no 'growthsite form:' line\n")


def test_standards_reflection_comes_from_the_trusts_standards(demo_site: Path, tiny_site: Path) -> None:
    index = soup_of(demo_site)("toolkit/standards-reflection/index.html")
    rows = index.select(".gs-standards-forms tbody tr")
    assert [(r.th.get_text(), r.select_one("td.gs-num").get_text()) for r in rows] == [
        ("Teachers' Standards", "9"), ("Professional standards for teaching assistants", "4"),
        ("Headteachers' Standards", "10"), ("Job description (support and central staff)", "3")]
    ta = soup_of(demo_site)("toolkit/standards/teaching-assistants/index.html")
    assert ta.h1.get_text() == "Standards reflection: Professional standards for teaching assistants"
    items = ta.select('[data-field="items"] > .gs-field')
    assert [i.select_one(".gs-field__label").get_text() for i in items] == [
        "Personal and professional conduct", "Knowledge and understanding", "Teaching and learning",
        "Working with others"]
    assert all([f["data-field"] for f in i.select(".gs-field")] == ["strengths", "next_steps"] for i in items)
    # Another trust, other standards: its own forms, nothing of the demo's.
    tiny_forms = sorted(p.name for p in (tiny_site / "toolkit" / "downloads").glob("2-*.yml"))
    assert tiny_forms == ["2-standards-reflection-teachers.yml"]
    teachers = soup_of(tiny_site)("toolkit/standards/teachers/index.html")
    assert [i.select_one(".gs-field__label").get_text()
            for i in teachers.select('[data-field="items"] > .gs-field')] == [
        "Set high expectations", "Promote good progress"]


def test_each_resource_page_prints_as_a_form(demo_site: Path) -> None:
    soup = soup_of(demo_site)
    plan = soup("toolkit/growth-plan/index.html")
    form = plan.select_one("section.gs-form[data-form=growth-plan]")
    assert form is not None
    assert form.select_one(".gs-form__title").get_text() == "5. Professional growth plan"
    assert form.select_one(".gs-form__trust").get_text() == "Severn Vale Learning Trust"
    assert [f["data-field"] for f in form.select(".gs-form__paper > .gs-field")] == [
        "paper-name", "year", "focus", "why", "drivers", "standards", "success_criteria", "learning", "check_ins"]
    assert "notes" not in {f["data-field"] for f in form.select(".gs-field")}  # check-in notes: never on the plan
    assert form.select_one('[data-field="year"] .gs-field__value').get_text() == "2026-27"
    assert [li.get_text(strip=True) for li in form.select('[data-field="drivers"] .gs-ticks li')] == [
        "Wellbeing and learning", "Social and artificial intelligence", "Equity and equality", "Systemness"]
    assert len(form.select('[data-field="success_criteria"] ol li')) == 3
    assert form.select_one('[data-field="focus"] .gs-lines')["style"] == "--gs-lines: 3"
    download = form.select_one("a[download]")
    assert download["href"] == "../downloads/5-growth-plan.yml"
    assert (demo_site / "toolkit" / "downloads" / "5-growth-plan.yml").is_file()
    log = soup("toolkit/growth-log/index.html").select_one("table.gs-records")
    assert [th.get_text() for th in log.select("thead th")] == [
        "Date", "What I tried", "What I noticed, and the evidence", "Next step"]
    assert len(log.select("tbody tr")) == 6
    # Printing a toolkit page prints the form (it has its own numbered title), not the guidance around it.
    css = (demo_site / "assets" / "growthsite.css").read_text("utf-8")
    assert ".md-content__inner:has(.gs-form) > :not(.gs-form) { display: none !important; }" in css


def test_toolkit_index_lists_the_seven_resources_in_order(demo_site: Path) -> None:
    page = soup_of(demo_site)("toolkit/index.html")
    items = page.select("ol.gs-toolkit > li")
    assert [(li["value"], li.select_one(".gs-toolkit__title").get_text()) for li in items] == [
        ("1", "Self-reflection prompts"), ("2", "Standards reflection"), ("3", "Coaching agreement"),
        ("4", "Check-in conversation"), ("5", "Professional growth plan"), ("6", "Growth log"),
        ("7", "End-of-cycle review and sharing")]
    assert [a.get_text() for a in items[1].select("a[download]")] == [
        "Teachers' Standards", "Professional standards for teaching assistants", "Headteachers' Standards",
        "Job description (support and central staff)"]
    for li in items:
        for link in li.select("a[download]"):
            assert (demo_site / "toolkit" / link["href"]).is_file()
        assert (demo_site / "toolkit" / li.select_one(".gs-toolkit__title a")["href"] / "index.html").is_file()


def test_a_site_without_toolkit_pages_gets_plain_ones(tiny_site: Path) -> None:
    """The tiny site's docs have no toolkit: every resource still gets its page, form and download."""
    assert not (TINY / "content" / "toolkit").exists()
    soup = soup_of(tiny_site)
    for form in _forms(TINY):
        page = soup(form.page.removesuffix(".md") + "/index.html")
        assert page.select_one(f'section.gs-form[data-form="{form.key}"]') is not None
        assert (tiny_site / form.download).is_file()
    assert len(soup("toolkit/index.html").select("ol.gs-toolkit > li")) == 7
