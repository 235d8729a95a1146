"""`growthsite privacy PERSON`: what a member of staff reads before they consent, checked against real builds."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TINY, build, run

BEN = """\
Privacy report for Ben South (portfolios/ben-south.yml) on 24 November 2026

Consent: intranet yes, careers site yes, careers figures no
Staff intranet: a page at people/ben-south/
Careers site:   a page at people/ben-south/

line  field                  value                                         staff  public  note
   2  name                   Ben South                                     shown  shown
   3  school                 South Academy                                 shown  shown
   4  pathway                Into the classroom                            shown  shown
   5  coach                  Ada North                                     shown  -       named only where your coach has a page too
   7  summary                Became a teacher after six years as a teach…  shown  -       staff only
   8  story                  I started as a teaching assistant and train…  shown  shown   shown only with consent.showcase
  10  role 1                 Teaching assistant (2016–2022)                shown  shown
  11  role 2                 Teacher of English (2022–)                    shown  shown
  13  activity 1             Peer reviews: Review of homework              shown  shown   visibility: public; shown only as 'Reviewer at South Academy' and its date: no title, link, event, audience or strands
  20  growth cycle 2025-26   Sharper questioning in Year 9                 shown  -       visibility: staff
  24  check-in 2025-12-01    STAFF-CYCLE-NOTE                              -      -       check-in notes are always private

Your activities that are not private are also counted, without your name, in the staff intranet's trust-wide figures, exactly.
The careers site's figures count only what your careers page shows (your public activities and your roles), only as a figure of at least 3 (a smaller one is shown as "fewer than 3"). With consent.statistics: true your activities that staff see would count there too, without your name.
Private records and check-in notes are checked but never written to any site, search index or file.
"""  # noqa: E501


def test_the_report_lists_every_field_and_who_sees_it() -> None:
    result = run("privacy", "ben-south", str(TINY))
    assert result.returncode == 0, result.stderr
    assert result.stdout == BEN


def _texts(site: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in site.rglob("*.html"))


def test_the_report_agrees_with_the_builds(tiny: Path, tmp_path: Path) -> None:
    """Whatever the report says is shown, each build shows; whatever it says is not, no build has."""
    sites = {a: _texts(build(tiny, tmp_path / a, a)) for a in ("staff", "public")}
    framework = "\n".join(p.read_text("utf-8") for p in (tiny / "framework").glob("*.yml"))
    checked = 0
    for person in ("ada-north", "ben-south", "cara-hub"):
        lines = run("privacy", person, str(tiny)).stdout.splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("line  field"))
        for line in lines[header + 1:]:
            if not line.strip():
                break
            _, field, value, staff, public, *_ = re.split(r"\s{2,}", line.strip())
            if field.startswith(("activity", "role")):
                value = value.split(": ", 1)[-1].rsplit(" (", 1)[0]
            if value.endswith("…") or value in framework:  # shortened, or also a school's or driver's name
                continue
            for audience, shown in (("staff", staff), ("public", public)):
                if "no title, link, event, audience or strands" in line:
                    assert value not in sites[audience], (person, field, audience)
                else:
                    assert (value in sites[audience]) == (shown == "shown"), (person, field, value, audience)
                checked += 1
    assert checked >= 30


def test_an_unknown_person_gets_a_suggestion() -> None:
    result = run("privacy", "ben-sout", str(TINY))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().endswith(": did you mean 'ben-south'?")
    assert result.stderr.startswith("there is no portfolio for 'ben-sout' in ")


def test_bad_data_is_reported_instead(tiny: Path) -> None:
    (tiny / "portfolios" / "ben-south.yml").write_text("id: ben-south\nname: [\n", "utf-8")
    result = run("privacy", "ben-south", str(tiny))
    assert result.returncode == 1
    assert "portfolios/ben-south.yml:3:1: error: invalid YAML" in result.stderr
    assert "fix them first (growthsite validate)" in result.stderr
