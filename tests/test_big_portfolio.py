"""One big portfolio: 10,000 activities in one file cost no more per record than a few dozen.

The finding: 100,000 activities over 10 portfolios took longer to validate than the same activities over
2,000 people, because reading one file slowed down as the file grew: Python's cycle collector looked at
the whole growing tree of parsed values every few hundred new objects.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run
from growthsite import bidi
from growthsite.problems import Problems
from growthsite.read import MAX_BYTES, parse_yaml, read_yaml

sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # bench/ sits beside the tests, not in the package


@pytest.fixture(scope="module")
def one_person(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trust of one person with 10,000 activities, as the benchmark makes them."""
    return synthetic.generate(tmp_path_factory.mktemp("big") / "trust", 1, activities=10_000)


def portfolio_of(trust: Path) -> Path:
    (found,) = (trust / "portfolios").glob("*.yml")
    return found


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every cycle collection that starts while ``parse_yaml`` runs (collections just
    before or after it, which allocations in the test itself may start, do not count)."""
    seen: list[int] = []
    parsing = getattr(parse_yaml, "__wrapped__", parse_yaml).__code__

    def note(phase: str, info: dict[str, Any]) -> None:
        frame = sys._getframe(1) if phase == "start" else None
        while frame is not None and frame.f_code is not parsing:
            frame = frame.f_back
        if frame is not None:
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def test_a_portfolio_of_10000_activities_fits_the_size_limit_and_is_valid(one_person: Path) -> None:
    path = portfolio_of(one_person)
    assert path.stat().st_size < MAX_BYTES
    checked = run("validate", str(one_person), "--strict")
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert checked.stderr.strip().startswith("ok: 1 portfolios checked")


def test_the_same_activities_are_dealt_out_whatever_the_number_of_people(tmp_path: Path) -> None:
    def dealt(people: int) -> list[list[str]]:
        trust = synthetic.generate(tmp_path / f"t{people}", people, activities=103)
        return [[line for line in path.read_text("utf-8").splitlines() if line.startswith("  - {type: ")]
                for path in sorted((trust / "portfolios").glob("*.yml"))]

    one, ten = dealt(1), dealt(10)
    assert len(one[0]) == 103
    assert [len(hand) for hand in ten] == [11, 11, 11, 10, 10, 10, 10, 10, 10, 10]  # 103 = 10 × 10 + 3
    assert Counter(one[0]) == Counter(line for hand in ten for line in hand)
    assert ten[1][0] == one[0][1] and ten[0][1] == one[0][10]  # dealt in turn


def test_reading_a_big_portfolio_runs_no_cycle_collection(one_person: Path, collections: list[int]) -> None:
    problems = Problems()
    source = read_yaml(str(portfolio_of(one_person)), "portfolios/p.yml", problems)
    assert source is not None and not problems.items
    assert len(source.value["activities"]) == 10_000
    assert collections == []
    assert gc.isenabled()


def test_the_collector_stays_off_when_the_caller_had_turned_it_off() -> None:
    gc.disable()
    try:
        assert parse_yaml("id: a\n", "a.yml", Problems()) is not None
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_a_file_that_cannot_be_read() -> None:
    problems = Problems()
    assert parse_yaml("id: [a\n", "a.yml", problems) is None
    assert problems.items and gc.isenabled()


@pytest.mark.parametrize("text, expected", [
    ("", None),
    ("plain text, no control", None),
    ("a\u202eb\u2066c", (1, "\u202e")),
    ("\u2069", (0, "\u2069")),
    ("x" * 5000 + "\u202a", (5000, "\u202a")),
])
def test_the_first_bidirectional_control_is_found_by_offset(text: str, expected: tuple[int, str] | None) -> None:
    assert bidi.first(text) == expected
