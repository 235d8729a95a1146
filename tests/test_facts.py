"""Derived facts against hand-computed values."""

from __future__ import annotations

import datetime as dt

import pytest

from growthsite import dates, facts
from growthsite.model import Activity, ActivityType, Role

D = dt.date


def role(school: str, start: D, end: D | None = None) -> Role:
    return Role("T", "teacher", school, start, end)


ROLES = (role("a", D(2019, 9, 1), D(2022, 8, 31)), role("b", D(2022, 9, 1)))


@pytest.mark.parametrize(("day", "school"), [
    (D(2020, 1, 1), "a"), (D(2022, 8, 31), "a"), (D(2022, 9, 1), "b"), (D(2010, 1, 1), "b"),
])
def test_school_on(day: D, school: str) -> None:
    assert facts.school_on(ROLES, day, current="b") == school


@pytest.mark.parametrize(("given", "schools", "home", "reach"), [
    (None, (), "a", "own-school"),
    (None, ("a",), "a", "own-school"),
    (None, ("a", "b"), "a", "other-schools"),
    ("trust", (), "a", "trust"),
    ("own-school", ("b",), "a", "own-school"),  # what the person wrote wins
])
def test_derive_reach(given: facts.Reach | None, schools: tuple[str, ...], home: str, reach: str) -> None:
    assert facts.derive_reach(given, schools, home) == reach


def test_levels_follow_the_contract_and_cap_at_the_top_level() -> None:
    assert [facts.level_of(r, 4) for r in ("own-school", "other-schools", "trust", "beyond-trust")] == [2, 3, 3, 4]
    assert facts.level_of("beyond-trust", 3) == 3


def test_current_role() -> None:
    assert facts.current_role(ROLES, D(2026, 1, 1)) == ROLES[1]
    assert facts.current_role(ROLES[:1], D(2026, 1, 1)) == ROLES[0]  # ended: still the latest
    assert facts.current_role((), D(2026, 1, 1)) is None


def activity(kind: str, role_: str | None) -> Activity:
    return Activity(kind, role_, "t", None, D(2025, 1, 1), None, True, "trust", True, (), "a", "teacher", None,
                    (), None, "staff", 3, True, "2024-25")


TYPES = (ActivityType("think-tank", "Think Tanks", ("lead", "member"), ()),
         ActivityType("trust-training", "Training delivered", ("lead", "co-lead"), ()),
         ActivityType("peer-review", "Peer reviews", ("reviewer",), ()))


def test_headline_figures() -> None:
    acts = [activity("think-tank", "lead"), activity("think-tank", "member"), activity("think-tank", "lead"),
            activity("trust-training", "co-lead"), activity("coaching", None)]
    assert [(f.type, f.label, f.value) for f in facts.headline_figures(acts, TYPES)] == [
        ("trust-training", "Training delivered", 1), ("peer-review", "Peer reviews", 0),
        ("think-tank", "Think Tanks led", 2),
    ]


def test_headlines_missing_from_the_catalogue_are_left_out() -> None:
    assert [f.type for f in facts.headline_figures([], TYPES[:1])] == ["think-tank"]


@pytest.mark.parametrize(("day", "starts", "year"), [
    (D(2025, 8, 31), (9, 1), "2024-25"), (D(2025, 9, 1), (9, 1), "2025-26"),
    (D(2025, 12, 31), (1, 1), "2025-26"), (D(2000, 1, 1), (9, 1), "1999-00"),
])
def test_academic_year(day: D, starts: tuple[int, int], year: str) -> None:
    assert dates.academic_year(day, starts) == year


def test_year_bounds_and_half_term() -> None:
    assert dates.year_bounds("2025-26", (9, 1)) == (D(2025, 9, 1), D(2026, 8, 31))
    assert dates.first_half_term_end("2025-26", (9, 1)) == D(2025, 10, 31)
    assert dates.first_half_term_end("2025-26", (12, 31)) == D(2026, 2, 27)
    assert dates.year_is_consistent("1999-00") and not dates.year_is_consistent("2025-27")


def _role(stage: str, start: dt.date, end: dt.date | None = None) -> Role:
    return Role(stage.title(), stage, "s", start, end)


def test_months_between_counts_whole_months() -> None:
    assert facts.months_between(D(2020, 9, 1), D(2024, 9, 1)) == 48
    assert facts.months_between(D(2020, 9, 2), D(2024, 9, 1)) == 47  # a day short of 48
    assert facts.months_between(D(2020, 1, 31), D(2020, 2, 29)) == 0


def test_median_of_odd_and_even_counts() -> None:
    assert facts.median([72, 24, 36]) == 36.0
    assert facts.median([72, 24]) == 48.0
    assert facts.median([]) is None


def test_stage_moves_take_the_first_role_at_each_stage() -> None:
    """TA 2016 → teacher 2019 → middle leader 2022 → back to teacher 2024: every ordered pair that the roles show,
    from the first role at the first stage to the first later role at the second."""
    roles = (_role("ta", D(2016, 9, 1), D(2019, 8, 31)), _role("teacher", D(2019, 9, 1), D(2022, 8, 31)),
             _role("middle", D(2022, 9, 1), D(2024, 8, 31)), _role("teacher", D(2024, 9, 1)))
    moves = {(m.source, m.target): m.months for m in facts.stage_moves(7, roles)}
    assert moves == {("ta", "teacher"): 36, ("ta", "middle"): 72, ("teacher", "middle"): 36,
                     ("middle", "teacher"): 24}
    steps = facts.pathway_steps(("ta", "teacher", "middle"), facts.stage_moves(7, roles))
    assert [(s.source, s.target, s.people, s.median_months) for s in steps] == [
        ("ta", "teacher", 1, 36.0), ("teacher", "middle", 1, 36.0)]
