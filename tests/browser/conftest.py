"""Real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, against both demo builds on localhost.

Every page a test opens goes through :func:`visit`, which records console errors and every
request: a request to any host but the local server is aborted and recorded, so a test fails
if the site would have fetched a font or a script from the internet.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build

CHROMIUM = os.environ.get("GROWTHSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / ".venv" / "axe" / "axe.min.js"
HTMLCS = ROOT / ".venv" / "htmlcs" / "HTMLCS.js"
REQUIRED = os.environ.get("GROWTHSITE_BROWSER_TESTS") == "required"
"""CI sets this: there, a missing Chromium fails the run instead of skipping the browser tests."""

try:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    mine = [item for item in items if here in Path(str(item.fspath)).parents]
    missing = None
    if sync_playwright is None:
        missing = "Playwright is not installed (make setup installs it)"
    elif not os.access(CHROMIUM, os.X_OK):
        missing = f"there is no Chromium at {CHROMIUM} (install Debian's package: apt-get install chromium)"
    if missing and mine and REQUIRED:
        raise pytest.UsageError(f"GROWTHSITE_BROWSER_TESTS=required, but {missing}")
    for item in mine:
        item.add_marker(pytest.mark.browser)
        if missing:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {missing}"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass(frozen=True)
class Served:
    root: Path
    url: str
    """``http://127.0.0.1:PORT/``"""

    def page_url(self, path: str) -> str:
        return self.url + path.lstrip("/")



@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Served]]:
    """Both demo builds, each on its own local port."""
    servers = []
    served: dict[str, Served] = {}
    for audience in ("staff", "public"):
        root = build(ROOT, tmp_path_factory.mktemp(f"browser-{audience}") / "site", audience)
        handler = functools.partial(_Quiet, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        served[audience] = Served(root, f"http://127.0.0.1:{server.server_address[1]}/")
    yield served
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What happened while a page was open."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    """Requests to any host but the local server: aborted, and a failure for the test."""
    requests: list[str] = field(default_factory=list)


LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    """A fresh browser context (no cookies, no storage), watched for console errors and outside requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Visit(page)

    def route(route: Route, request: Request) -> None:
        seen.requests.append(request.url)
        if local(request.url):
            route.continue_()
        else:
            seen.external.append(request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(f"{message.text} ({message.location.get('url')})")

    context.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    yield seen
    context.close()


@pytest.fixture
def no_script_page(browser: Browser) -> Iterator[Page]:
    """A page with JavaScript turned off, as some locked-down school machines run."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
