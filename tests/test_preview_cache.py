"""The live preview's cache of the loaded data keys on the files' content and on the date (issue 16: keyed on
name, size and modification time, an edit that kept both went unseen, and the preview kept showing a colleague
who had withdrawn consent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from growthsite.site import Site, fingerprint, load_cached


def _public_people(root: Path) -> list[str]:
    loaded = load_cached(str(root))
    assert loaded.model is not None, [p.format() for p in loaded.problems.errors]
    return [p.id for p in Site(loaded, "public").view.people]


def test_withdrawn_consent_is_seen_when_the_edit_keeps_size_and_time(tiny: Path) -> None:
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8").replace("consent: {showcase: true}", "consent: {showcase: true }"), "utf-8")
    assert _public_people(tiny) == ["ben-south"]
    before = ben.stat()
    ben.write_text(ben.read_text("utf-8").replace("showcase: true }", "showcase: false}"), "utf-8")
    os.utime(ben, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = ben.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)  # the old key saw no change
    assert _public_people(tiny) == []


def test_unchanged_data_is_not_loaded_again(tiny: Path) -> None:
    first = load_cached(str(tiny))
    assert load_cached(str(tiny)) is first
    (tiny / "portfolios" / "notes.txt").write_text("not data", "utf-8")  # loading never reads it
    assert load_cached(str(tiny)) is first
    ada = tiny / "portfolios" / "ada-north.yml"
    ada.write_text(ada.read_text("utf-8") + "\n", "utf-8")
    assert load_cached(str(tiny)) is not first


def test_a_preview_left_running_past_someones_leaving_day_drops_them(
        tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No file changes, but the day does: Ben leaves on 24 November 2026 and the preview runs into the 25th."""
    ben = tiny / "portfolios" / "ben-south.yml"
    ben.write_text(ben.read_text("utf-8") + "left: 2026-11-24\n", "utf-8")
    assert _public_people(tiny) == ["ben-south"]
    monkeypatch.setenv("GROWTHSITE_REAL_TODAY", "2026-11-25")
    assert _public_people(tiny) == []


def test_a_named_pipe_among_the_data_is_named_not_read(tiny: Path) -> None:
    os.mkfifo(tiny / "portfolios" / "dan-east.yml")  # opening it to read would wait for a writer for ever
    assert ("portfolios/dan-east.yml", "a named pipe (FIFO)") in fingerprint(str(tiny))
    loaded = load_cached(str(tiny))
    assert loaded.model is None
    assert [p.format() for p in loaded.problems.errors] == [
        "portfolios/dan-east.yml:1:1: error: this is not a regular file: it is a named pipe (FIFO)\n"
        "  hint: growthsite reads only ordinary files: save the data as a file here, or move this out of the folder"
    ]
