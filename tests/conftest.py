"""Shared fixtures: fixed 'today', the tiny data set, overlays, CLI runs and cached builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# Every check that depends on today's date (leavers, retention, check-ins) is reproducible. Leaving and retention
# never go by a date before the real one, so the suite fixes that too: it passes on any later day it runs.
TODAY = "2026-11-24"
os.environ["GROWTHSITE_TODAY"] = TODAY
os.environ["GROWTHSITE_REAL_TODAY"] = TODAY

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
EXAMPLES = ROOT / "tests" / "examples"
GROWTHSITE = str(Path(sys.executable).with_name("growthsite"))


def overlay(base: Path, case: Path, target: Path) -> Path:
    """Copy ``base`` to ``target`` and lay ``case``'s files over it (expected.txt excepted)."""
    shutil.copytree(base, target, ignore=shutil.ignore_patterns("site", "site-public"))
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            dest = target / path.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
    return target


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real console script, as a user runs it."""
    return subprocess.run(
        [GROWTHSITE, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests ran in the real browser, so a CI log shows that the browser suite ran."""
    counts: dict[str, int] = {}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            keywords = getattr(report, "keywords", {})
            if "browser" in keywords and (report.when == "call" or outcome in ("skipped", "error")):
                counts[outcome] = counts.get(outcome, 0) + 1
    if counts:
        terminalreporter.write_line("browser tests in Chromium: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A writable copy of the tiny data set."""
    return overlay(TINY, tmp_path / "empty-case", tmp_path / "tiny")


Soup = Callable[[str], BeautifulSoup]


def soup_of(site: Path) -> Soup:
    def soup(page: str) -> BeautifulSoup:
        return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")

    return soup


def build(source: Path, out: Path, audience: str = "staff") -> Path:
    result = run("build", str(source), "--audience", audience, "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build(ROOT, tmp_path_factory.mktemp("demo") / "site")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build(TINY, tmp_path_factory.mktemp("tiny") / "site")
