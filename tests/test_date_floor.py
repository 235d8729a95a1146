"""A pinned ``GROWTHSITE_TODAY`` fixes the printed dates only: leaving and retention never go by a day before the
real one (issue 16: a date in the past brought a leaver's careers page and expired growth cycles back).

The suite's real date is 2026-11-24: conftest sets ``GROWTHSITE_REAL_TODAY``, which stands in for the computer's
clock so that these expectations hold on any later day the suite runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import TODAY, build, run
from growthsite import dates
from growthsite.cli import main
from growthsite.project import load
from growthsite.site import Site

RETAINED_CYCLE = (
    "  - year: 2019-20\n    focus: Questioning in Year 5 RETAINED\n    drivers: [reading]\n"
    "    check_ins: [{date: 2019-10-10}]\n    visibility: public\n"
)
"""A 2019-20 cycle Ben shares with everyone: with retention_years 6 it is due on 2026-08-31 (kept that day)."""


def _append(tiny: Path, text: str) -> Path:
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8") + text, "utf-8")
    return ben


def _site_text(site: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(site.rglob("*")) if p.suffix in (".html", ".json", ".xml"))


def test_a_pinned_date_before_someone_left_does_not_bring_back_their_careers_page(
        tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ben (showcase consent) left on 31 October 2026; the build pins 1 September 2026, before he left."""
    _append(tiny, "left: 2026-10-31\n")
    monkeypatch.setenv("GROWTHSITE_TODAY", "2026-09-01")
    site = build(tiny, tiny / "out", "public")
    assert not (site / "people" / "ben-south").exists()
    assert "Ben South" not in _site_text(site)
    assert Site(load(str(tiny)), "staff").view.person("ben-south") is None
    result = run("validate", str(tiny))
    assert "portfolios/ben-south.yml:27:7: warning: Ben South left on 2026-10-31 and gets no page" in result.stderr


@pytest.mark.parametrize(("real", "shown"), [(TODAY, False), ("2026-08-31", True)])
def test_a_pinned_date_before_a_cycle_was_due_does_not_bring_it_back(
        tiny: Path, monkeypatch: pytest.MonkeyPatch, real: str, shown: bool) -> None:
    """The build pins 31 August 2026, the cycle's due date: on the real 24 November 2026 the cycle stays out of
    the site (and validate says so), while the page still prints the pinned date. Only a computer whose own date
    is 31 August 2026 shows it."""
    _append(tiny, RETAINED_CYCLE)
    monkeypatch.setenv("GROWTHSITE_TODAY", "2026-08-31")
    monkeypatch.setenv("GROWTHSITE_REAL_TODAY", real)
    for audience in ("public", "staff"):
        site = build(tiny, tiny / f"out-{audience}", audience)
        assert ("RETAINED" in _site_text(site)) is shown, audience
        page = BeautifulSoup((site / "people" / "ben-south" / "index.html").read_text("utf-8"), "html.parser")
        generated = page.select_one(".gs-generated")
        assert generated is not None
        assert generated.get_text(" ", strip=True) == (
            "Evidence of growth generated on 31 August 2026 from the records of Larkfield Partnership.")
    warning = ("portfolios/ben-south.yml:27:11: warning: the 2019-20 growth cycle is past the 6-year retention "
               "period (due for deletion since 2026-08-31); it is left out of the site")
    assert (warning in run("validate", str(tiny)).stderr) is not shown


def test_retention_lists_a_due_cycle_whatever_date_is_pinned(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``growthsite retention`` decides on the real date too, so a pinned date cannot keep a due cycle."""
    _append(tiny, RETAINED_CYCLE)
    monkeypatch.setenv("GROWTHSITE_TODAY", "2026-08-31")
    result = CliRunner().invoke(main, ["retention", str(tiny)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        'portfolios/ben-south.yml:27: Ben South, 2019-20 growth cycle ("Questioning in Year 5 RETAINED"), '
        "due for deletion since 2026-08-31",
        f"1 growth cycle is due for deletion; run growthsite retention {tiny} --apply to delete it",
    ]


def test_a_pinned_date_after_the_real_one_is_taken_as_it_is(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ben leaves on 31 December 2026: a build pinned to 5 January 2027 already leaves him out."""
    _append(tiny, "left: 2026-12-31\n")
    assert Site(load(str(tiny)), "public").view.person("ben-south") is not None
    monkeypatch.setenv("GROWTHSITE_TODAY", "2027-01-05")
    loaded = load(str(tiny))
    assert Site(loaded, "public").view.person("ben-south") is None
    assert loaded.model is not None and loaded.model.today == dt.date(2027, 1, 5)


def test_the_real_date_is_the_computers_outside_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GROWTHSITE_REAL_TODAY")
    monkeypatch.setenv("GROWTHSITE_TODAY", "2000-01-01")
    assert dates.today() == dt.date(2000, 1, 1)  # what pages print
    assert dates.clock() == dt.date.today()
    assert dates.deciding(dates.today()) == dt.date.today()  # what leaving and retention go by
    assert dates.deciding(dt.date(9999, 1, 1)) == dt.date(9999, 1, 1)
    monkeypatch.delenv("GROWTHSITE_TODAY")
    assert dates.today() == dt.date.today()
