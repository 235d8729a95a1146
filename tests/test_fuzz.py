"""Fuzzing: the demo's data mutated one change at a time (tests/fuzz.py), through ``validate`` in process,
and every fifth case validate accepts through the model and the renderer, as ``build`` would take it.

Every case must end with exit 0 or 1 and no traceback, and every line of the report must be a problem
shaped ``path:line:col: severity: message`` (at a line and column inside its file), a hint, or the summary.

In the suite: ``FUZZ_CASES`` (150) cases of ``FUZZ_SEED`` (1), stopping early after ``FUZZ_SECONDS`` (6).
``make fuzz`` runs 3,000 cases with no time limit and prints the figures.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from fuzz import Case, case
from growthsite.cli import main
from growthsite.project import load
from growthsite.render.links import Links
from growthsite.site import Site

PROBLEM = re.compile(r"(?P<path>(?:framework|portfolios)/[^:\n]+):(?P<line>[0-9]+):(?P<col>[0-9]+): "
                     r"(?:error|warning): \S")
SUMMARY = re.compile(r"[0-9]+ errors?, [0-9]+ warnings?")
OK = re.compile(r"ok: [0-9]+ portfolios checked in [0-9.]+s")
BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _setting(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _extent(data: bytes) -> tuple[int, int]:
    """How many lines the file has, and its longest line, counted every way a reader may count them."""
    text = data.decode("utf-8", "replace")
    lines = BREAKS.split(text)
    return len(lines) + 1, max(len(line.encode("utf-8")) for line in lines) + 2


def check_report(output: str, c: Case) -> list[str]:
    """What is wrong with ``validate``'s report of case ``c`` (nothing, for a report of the promised shape)."""
    wrong = []
    lines, width = _extent(c.data)
    for line in output.split("\n"):
        if not line or line.startswith("  hint: ") or SUMMARY.fullmatch(line) or OK.fullmatch(line):
            continue
        match = PROBLEM.match(line)
        if match is None:
            wrong.append(f"a report line without path:line:col: {line[:200]!r}")
        elif int(match["line"]) < 1 or int(match["col"]) < 1:
            wrong.append(f"a position before the start of the file: {line[:200]!r}")
        elif match["path"] == c.file and (int(match["line"]) > lines or int(match["col"]) > width):
            wrong.append(f"a position outside the file ({lines} lines, {width} wide): {line[:200]!r}")
    return wrong


def build_one(root: Path, c: Case) -> list[str]:
    """The model of data validate accepted, and the changed person's page (or the first one) in both sites."""
    loaded = load(str(root))
    if loaded.model is None:
        return ["validate accepted the data but loading it for a build found errors: "
                + "; ".join(p.format() for p in loaded.problems.errors)[:300]]
    for audience in ("staff", "public"):
        site = Site(loaded, audience)
        people = [p.id for p in site.view.people]
        stem = Path(c.file).stem
        person = stem if stem in people else (people[0] if people else None)
        if person is not None:
            site.renderer.person_page(person, Links.person(person))
        site.pages(set())
    return []


def run_case(runner: CliRunner, root: Path, c: Case, build: bool) -> tuple[int, list[str]]:
    result = runner.invoke(main, ["validate", str(root)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        where = "".join(traceback.format_exception(result.exception)[-3:])
        return -1, [f"validate crashed: {where}"]
    wrong = [] if result.exit_code in (0, 1) else [f"exit code {result.exit_code}"]
    if "Traceback" in result.output:
        wrong.append("a traceback in the output")
    wrong += check_report(result.output, c)
    if build and not wrong and result.exit_code == 0:
        try:
            wrong += build_one(root, c)
        except Exception as error:  # the finding itself: the model or a renderer crashed on accepted data
            wrong.append("building crashed: " + "".join(traceback.format_exception(error)[-3:]))
    return result.exit_code, wrong


def test_fuzz_validate_and_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases, seed = int(_setting("FUZZ_CASES", 150)), int(_setting("FUZZ_SEED", 1))
    budget, build_every = _setting("FUZZ_SECONDS", 6), int(_setting("FUZZ_BUILD_EVERY", 5))
    root = tmp_path / "data"
    for folder in ("framework", "portfolios"):
        shutil.copytree(ROOT / folder, root / folder)
    files = sorted(str(p.relative_to(root)) for p in root.glob("*/*.yml"))
    contents = {f: (root / f).read_bytes() for f in files}
    runner = CliRunner()
    started = time.perf_counter()
    ran = rejected = accepted = built = 0
    found: list[str] = []
    for number in range(cases):
        if budget and time.perf_counter() - started > budget:
            break
        c = case(seed, number, files, contents)
        (root / c.file).write_bytes(c.data)
        try:
            build = accepted % build_every == 0
            code, wrong = run_case(runner, root, c, build)
        finally:
            (root / c.file).write_bytes(contents[c.file])
        ran += 1
        rejected += code == 1
        if code == 0:
            built += build and not wrong
            accepted += 1
        if wrong:
            found.append(f"{c.describe()} (FUZZ_SEED={seed})\n    " + "\n    ".join(wrong))
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nfuzz: {ran} cases (seed {seed}) in {elapsed:.1f}s: {rejected} reported errors, {accepted} accepted "
              f"({built} built); {len(found)} found a problem")
    assert ran >= min(cases, 20)
    assert not found, "\n".join(found[:10])
