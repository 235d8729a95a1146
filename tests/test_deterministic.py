"""The same data builds the same site, byte for byte: a diff of two builds shows only what changed.

The demo data is built twice per audience, in separate processes with different ``PYTHONHASHSEED``
values (so set and dict orders that depend on string hashing would show), and every file compared.
The sitemaps carry the build date by design; with ``SOURCE_DATE_EPOCH`` set they must match too.
The demo data is copied first, so an edit made in the working tree during the run cannot make two
builds differ.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import GROWTHSITE, ROOT
from scan import AUDIENCES, first_difference, read_output

DEMO = ("mkdocs.yml", "mkdocs.public.yml", "content", "careers", "framework", "portfolios", "macros")
"""What a demo build reads: its config, pages, data and macros module."""
BUILD_DATED = frozenset({"sitemap.xml", "sitemap.xml.gz"})
"""Files that hold the build date by design."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("demo") / "data"
    copy.mkdir()
    for name in DEMO:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, copy / name)
    return copy


def build_all(data: Path, out: Path, **env: str) -> dict[tuple[str, str], Path]:
    """Build every audience with PYTHONHASHSEED 1 and 2, all at once: (audience, seed) → site. The
    environment is the tests' own (GROWTHSITE_TODAY fixed), without any SOURCE_DATE_EPOCH, plus ``env``."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    jobs = {}
    for audience in AUDIENCES:
        for seed in ("1", "2"):
            site = out / f"seed-{seed}" / audience
            process = subprocess.Popen(
                [GROWTHSITE, "build", str(data), "--audience", audience, "--site-dir", str(site)],
                env={**inherited, "PYTHONHASHSEED": seed, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True,
            )
            jobs[(audience, seed)] = (process, site)
    sites = {}
    for key, (process, site) in jobs.items():
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, f"{key}: {stderr}"
        sites[key] = site
    return sites


def differences(a: Path, b: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every file that is not byte-identical in two site folders, with its first differing line."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found = [f"only in the first build: {p}" for p in sorted(files_a - files_b)]
    found += [f"only in the second build: {p}" for p in sorted(files_b - files_a)]
    for path in sorted(files_a & files_b):
        if path in skip:
            continue
        bytes_a, bytes_b = (a / path).read_bytes(), (b / path).read_bytes()
        if bytes_a != bytes_b:
            text_a, text_b = read_output(a / path).encode(), read_output(b / path).encode()
            same = "the same text in different bytes (a gzip header?)"
            detail = first_difference(text_a, text_b) if text_a != text_b else same
            found.append(f"{path} differs at {detail}")
    return found


def test_two_builds_are_identical_but_for_the_build_date(demo: Path, tmp_path: Path) -> None:
    sites = build_all(demo, tmp_path)
    for audience in AUDIENCES:
        first, second = sites[(audience, "1")], sites[(audience, "2")]
        assert len(list(first.rglob("*.html"))) > 40  # a real site was compared (the careers site has 43 pages)
        found = differences(first, second, skip=BUILD_DATED)
        assert not found, f"the {audience} builds differ:\n" + "\n".join(found)


def test_with_source_date_epoch_even_the_sitemaps_match(demo: Path, tmp_path: Path) -> None:
    sites = build_all(demo, tmp_path, SOURCE_DATE_EPOCH="1764547200")  # 2025-12-01
    for audience in AUDIENCES:
        first, second = sites[(audience, "1")], sites[(audience, "2")]
        assert (first / "sitemap.xml.gz").is_file()
        found = differences(first, second)
        assert not found, f"the {audience} builds differ with SOURCE_DATE_EPOCH set:\n" + "\n".join(found)


def test_a_difference_is_reported_with_its_first_differing_line(tmp_path: Path) -> None:
    """The comparison can fail, and says where."""
    for name, text in (("a", "same\nbefore\nsame\n"), ("b", "same\nafter\nsame\n")):
        (tmp_path / name / "page").mkdir(parents=True)
        (tmp_path / name / "page" / "index.html").write_text(text, "utf-8")
        (tmp_path / name / "sitemap.xml").write_text(name, "utf-8")
    (tmp_path / "b" / "extra.js").write_text("", "utf-8")
    assert differences(tmp_path / "a", tmp_path / "b", skip=BUILD_DATED) == [
        "only in the second build: extra.js",
        "page/index.html differs at line 2:\n    - 'before'\n    + 'after'",
    ]
    assert "sitemap.xml differs at line 1:\n    - 'a'\n    + 'b'" in differences(tmp_path / "a", tmp_path / "b")
