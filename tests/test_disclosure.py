"""Disclosure control: small public figures never appear as numbers, not even through a total."""

from __future__ import annotations

import itertools

import pytest

from growthsite.disclosure import EXACT, Disclosure

PUBLIC = Disclosure(5)


@pytest.mark.parametrize(("n", "text", "suppressed"), [
    (0, "fewer than 5", True), (1, "fewer than 5", True), (4, "fewer than 5", True),
    (5, "5", False), (6, "6", False), (120, "120", False),
])
def test_a_figure_below_the_threshold_is_fewer_than_n(n: int, text: str, suppressed: bool) -> None:
    count = PUBLIC.count(n)
    assert (str(count), count.suppressed) == (text, suppressed)
    assert count.value == (None if suppressed else n)  # a suppressed figure does not carry its number


def test_the_staff_build_shows_every_figure() -> None:
    assert [str(EXACT.count(n)) for n in (0, 1, 4, 5)] == ["0", "1", "4", "5"]
    parts, total = EXACT.table([7, 3, 9])
    assert [str(p) for p in parts] == ["7", "3", "9"] and str(total) == "19"


@pytest.mark.parametrize(("parts", "shown", "total"), [
    ([7, 3, 9], ["7", "fewer than 5", "9"], "at least 16"),  # 19 would give the 3 away: 19 - 7 - 9
    ([7, 4, 9], ["7", "fewer than 5", "9"], "at least 16"),  # 4 and 3 look the same
    ([5, 5], ["5", "5"], "10"),  # nothing suppressed: the total is exact
    ([4, 4], ["fewer than 5", "fewer than 5"], "at least 5"),  # 8 would narrow the pair down
    ([2, 2], ["fewer than 5", "fewer than 5"], "fewer than 5"),
    ([3], ["fewer than 5"], "fewer than 5"),
    ([], [], "fewer than 5"),  # an empty table's total is 0
])
def test_totals_cannot_reveal_a_suppressed_part(parts: list[int], shown: list[str], total: str) -> None:
    cells, sum_ = PUBLIC.table(parts)
    assert [str(c) for c in cells] == shown
    assert str(sum_) == total


def test_no_table_narrows_a_suppressed_part_down_by_subtraction() -> None:
    """Every table of three parts up to 12: whatever a reader sees, each suppressed part could still be
    any of 1-4 (and its neighbours' values cannot pin it)."""
    seen: dict[tuple[str, ...], list[tuple[int, ...]]] = {}
    for parts in itertools.product(range(13), repeat=3):
        cells, total = PUBLIC.table(parts)
        seen.setdefault((*map(str, cells), str(total)), []).append(parts)
    for display, tables in seen.items():
        for position in range(3):
            if display[position] == "fewer than 5":
                possible = {t[position] for t in tables}
                assert {1, 2, 3, 4} <= possible, (display, position, possible)
