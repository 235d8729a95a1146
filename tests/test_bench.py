"""The benchmark script runs (a smoke test at N = 20, and one big portfolio at 200 activities over 2 and
20 people: its figures are never asserted here), and its synthetic trust is valid data that is the same for
the same seed."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run

sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # bench/ sits beside the tests, not in the package


def test_the_synthetic_trust_is_valid_and_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first = synthetic.generate(tmp_path / "a", 150)
    second = synthetic.generate(tmp_path / "b", 150)
    compared = filecmp.dircmp(first, second)
    assert not compared.diff_files and not compared.left_only and not compared.right_only
    assert len(list((first / "portfolios").glob("*.yml"))) == 150
    checked = run("validate", str(first), "--strict")
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip().startswith("ok: 150 portfolios checked")


def test_the_benchmark_runs_at_n_20_and_writes_its_table(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "20", "--runs", "1", "--serve-at", "0",
         "--search-at", "", "--big-activities", "200", "--big-people", "2,20", "--out", str(tmp_path / "out"),
         "--write", str(report)],
        capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    text = report.read_text("utf-8")
    assert text.startswith("# Benchmarks\n")
    cells = r"^\| 20 \| (\d+) \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) \|"
    row = re.search(cells, text, re.M)
    assert row is not None, text
    pages, validate, floor, ratio, build, base, build_ratio = row.groups()
    assert int(pages) > 20  # a page per person, plus the trust's own pages
    assert within(float(ratio), float(validate), float(floor), 0.005)  # times are printed to 0.01 s
    assert within(float(build_ratio), float(build), float(base), 0.05)  # and builds to 0.1 s
    big = text.split("## One big portfolio\n", 1)[1]
    spread = r"^\| ([\d,]+) \| (\d+) \| ([\d,]+) KB \| ([\d.]+) s \| ([\d.]+) s \| ([\d.]+) MB \| ([\d.]+) MB \|$"
    rows = re.findall(spread, big, re.M)
    assert [(people, each) for people, each, *_ in rows] == [("2", "100"), ("20", "10")], big
    ratio = re.search(r"^Ratio, 2 people / 20 people: validate ([\d.]+), build ([\d.]+)\.$", big, re.M)
    assert ratio is not None, big
    (_, _, _, validate_few, build_few, _, _), (_, _, _, validate_many, build_many, _, _) = rows
    assert within(float(ratio[1]), float(validate_few), float(validate_many), 0.005)
    assert within(float(ratio[2]), float(build_few), float(build_many), 0.05)


def within(ratio: float, time: float, floor: float, half_step: float) -> bool:
    """``ratio`` is ``time / floor`` as far as the rounding of the printed figures allows."""
    low = (time - half_step) / (floor + half_step) - 0.005
    high = (time + half_step) / max(floor - half_step, 1e-9) + 0.005
    return low <= ratio <= high
