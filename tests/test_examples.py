"""Every example data set, discovered: valid ones pass, invalid ones give their exact report.

Each case folder is laid over the tiny data set; ``expected.txt`` holds the
whole report ``growthsite validate`` must print (empty for a clean case).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, TINY, overlay, run

VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())


def _report(stderr: str) -> str:
    return "\n".join(line for line in stderr.splitlines() if not line.startswith("ok: "))


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_example(case: Path, tmp_path: Path) -> None:
    data = overlay(TINY, case, tmp_path / "data")
    result = run("validate", str(data))
    assert result.returncode == 0, result.stderr
    assert _report(result.stderr) == (case / "expected.txt").read_text("utf-8").rstrip("\n")
    assert result.stdout == ""


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_example(case: Path, tmp_path: Path) -> None:
    data = overlay(TINY, case, tmp_path / "data")
    started = time.perf_counter()
    result = run("validate", str(data), timeout=30)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _report(result.stderr) == (case / "expected.txt").read_text("utf-8").rstrip("\n")
    assert elapsed < 10  # a generous bound against hangs (an alias bomb), not a benchmark


def test_every_invalid_case_has_an_expected_report() -> None:
    assert len(INVALID) >= 15
    for case in INVALID:
        text = (case / "expected.txt").read_text("utf-8")
        assert ": error: " in text, case.name
