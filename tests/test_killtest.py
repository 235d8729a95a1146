"""Kill -9 during `growthsite import` and `retention --apply`: every file ends all old or all new, nothing left behind.

Regression for an outside finding: a kill during an import left it applied to some portfolios and not
others (1-17 of 34 written) and, in 18 kills of 20, `.import-*.tmp` files in portfolios/. Three kills of
each command here, one per trigger; `make killtest` runs 20 of each (tests/killtest.py).
"""

from __future__ import annotations

from pathlib import Path

from killtest import TRIGGERS, run


def test_a_killed_import_or_retention_is_finished_or_undone_whole(tmp_path: Path) -> None:
    said: list[str] = []
    found = run(3, seed=2026, work=tmp_path, out=said.append)  # asserts every file all old or all new, each kill
    assert sorted(found) == ["import", "retention"]
    for kills in found.values():
        assert [k.trigger for k in kills] == list(TRIGGERS)
        # A kill just after the journal appears comes during the renames, or once they are over: never before.
        assert kills[2].where in ("during", "after")
    assert len(said) == 2 and all("every file all old or all new" in line for line in said)
