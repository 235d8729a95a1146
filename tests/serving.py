"""A real ``growthsite serve`` for tests: on a free port of 127.0.0.1, every fetch and every wait bounded,
and always stopped (``tests/test_serve.py``, ``tests/browser/test_preview.py``)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError

import pytest
from bs4 import BeautifulSoup

from conftest import GROWTHSITE

ANSWER = 20.0
"""Seconds a page may take to answer."""
SETTLE = 30.0
"""Seconds a rebuild may take to show (the tiny site builds in about a second)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def get(self, path: str) -> tuple[int, BeautifulSoup]:
        """The page's status and HTML; fails the test if it does not answer within ``ANSWER`` seconds."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.url + path, timeout=ANSWER) as response:
                return response.status, BeautifulSoup(response.read(), "html.parser")
        except HTTPError as error:
            return error.code, BeautifulSoup(error.read(), "html.parser")
        except (TimeoutError, URLError) as error:
            pytest.fail(f"{path} did not answer within {ANSWER:.0f} s ({time.monotonic() - started:.1f} s: {error})"
                        f"\n--- serve printed:\n{self.output()}")

    def until(self, path: str, shows: Callable[[BeautifulSoup], bool], what: str) -> BeautifulSoup:
        """The page once it ``shows`` what is expected (a rebuild has happened), waiting at most ``SETTLE`` s."""
        deadline = time.monotonic() + SETTLE
        while True:
            _, page = self.get(path)
            if shows(page):
                return page
            if time.monotonic() > deadline:
                pytest.fail(f"{path} did not show {what} within {SETTLE:.0f} s\n--- serve printed:\n{self.output()}")
            time.sleep(0.2)

    def printed(self, text: str, times: int = 1) -> None:
        """Wait (at most ``SETTLE`` s) until the terminal shows ``text`` ``times`` times."""
        deadline = time.monotonic() + SETTLE
        while self.output().count(text) < times:
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"serve did not print {text!r} {times}x\n--- serve printed:\n{self.output()}")
            time.sleep(0.2)


@contextmanager
def serving(site: Path) -> Iterator[Server]:
    """``growthsite serve site`` on a free port, answering; stopped however the test ends."""
    port = free_port()
    log, scratch = site.parent / "serve.log", site.parent / "serve-tmp"
    scratch.mkdir()
    with log.open("wb") as out:
        process = subprocess.Popen([GROWTHSITE, "serve", str(site), "-a", f"127.0.0.1:{port}"],
                                   stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": str(scratch)})
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 60
        while "Serving on" not in server.output():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"serve did not start\n--- serve printed:\n{server.output()}")
            time.sleep(0.1)
        time.sleep(1.0)  # the file watcher starts just after the server: an edit before then goes unseen
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
            pytest.fail(f"serve did not stop within 10 s of SIGTERM\n--- serve printed:\n{server.output()}")
    assert list(scratch.iterdir()) == [], "serve left its temporary folders behind"


