"""``growthsite serve``: a live preview that always answers, whatever was saved last.

MkDocs' own server holds every page request until a rebuild succeeds, so one bad save (a date that is
not a date) left the browser waiting until the file was fixed, with the error only in the terminal.
Here bad data never fails a rebuild: the plugin keeps rendering the last good data and every page shows
the problems in a banner. Any other failure (mkdocs.yml, a macro) keeps the last good site on show, and
the terminal says why.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Template

from .problems import Problem, report_text
from .project import Loaded
from .render import environment
from .terminal import count, plain

log = logging.getLogger("mkdocs.growthsite")

CONTENT_STARTS = (re.compile(r'<article\b[^>]*\bclass="[^"]*\bmd-content__inner\b[^>]*>'), re.compile(r"<body\b[^>]*>"))
"""Where the banner goes: first in Material's content area (or, with a theme that has none, the body)."""
MACRO_FAILED = 100
"""The status mkdocs-macros exits with when a macro fails (``on_error_fail``)."""


@dataclass
class Preview:
    """What the growthsite plugin keeps across the rebuilds of one ``serve``: the last good data of each
    data folder, and the errors of the data now saved while they are shown instead of it."""

    good: dict[str, Loaded] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stale: bool = False
    """True when pages are built from earlier data than the files hold (False: no data could be used at all)."""
    _banner: str | None = None

    def usable(self, root: str, loaded: Loaded) -> Loaded:
        """``loaded`` when it has no errors (and it becomes the last good data), else the last good data, if any.

        With errors, the problem report goes to the terminal, as ``build`` prints it."""
        key = os.path.abspath(root)
        self._banner = None
        if loaded.model is not None:
            self.good[key], self.problems = loaded, []
            return loaded
        self.problems = list(loaded.problems.errors_only())
        last = self.good.get(key)
        self.stale = last is not None
        shown = "the last good data" if last is not None else "the hand-written pages alone"
        sys.stderr.write(f"{report_text(loaded.problems)}\nthe data has problems: the preview shows {shown}, "
                         "with the problems at the top of every page, until they are fixed\n")
        return last or loaded

    @cached_property
    def _template(self) -> Template:
        return environment().get_template("preview.html")

    def banner(self) -> str:
        """The problems as an alert, from an autoescaping template; "" when there are none."""
        if not self.problems:
            return ""
        if self._banner is None:  # once per build, not per page
            shown = [(f"{p.path}:{p.line}:{p.col}", plain(p.message), plain(p.hint) if p.hint else None)
                     for p in self.problems]
            self._banner = self._template.render(count=count(len(shown), "problem"), problems=shown,
                                                 stale=self.stale)
        return self._banner

    def with_banner(self, html: str) -> str:
        """A built page (or the 404 page) with the banner first in its content."""
        banner = self.banner()
        found = next((m for m in (p.search(html) for p in CONTENT_STARTS) if m), None) if banner else None
        if found is None:
            return html
        return html[: found.end()] + "\n" + banner + html[found.end():]


def _failure(error: BaseException, config_file: str, configuring: bool) -> str:
    """Why a build failed, in a line (the details, such as a macro's error, are logged above it)."""
    from mkdocs.exceptions import Abort

    if configuring:  # MkDocs logs each wrong setting, then aborts
        return f"{config_file}: error: {'see above' if isinstance(error, Abort) else error}"
    if isinstance(error, SystemExit) and not isinstance(error, Abort):
        return "a macro failed (see above)" if error.code == MACRO_FAILED else f"the build stopped ({error.code})"
    return f"the build failed: {str(error) or type(error).__name__}"


class FirstBuildFailed(Exception):
    """The preview has no site to show: the first build failed (the message says why)."""


class CannotListen(Exception):
    """The address to serve on is taken, or not this computer's (the message says which)."""


class _Builds:
    """Builds of one preview, each into a new folder of ``workspace``; ``live`` is a symbolic link to the last
    good one, swapped in one step, so a failed build leaves the site on show as it was."""

    def __init__(self, config_file: str, dev_addr: str, workspace: str) -> None:
        self.config_file, self.dev_addr, self.workspace = config_file, dev_addr, workspace
        self.live = os.path.join(workspace, "site")
        self.url = ""
        """The server's address, which MkDocs puts in the pages (set once the server exists)."""

    def configure(self) -> Any:
        """mkdocs.yml, read again (it may have changed). Warnings do not stop a preview: ``strict`` is for
        ``growthsite build``; they are printed, and the page still updates."""
        from mkdocs.config import load_config

        return load_config(config_file=self.config_file, site_dir=self.live, dev_addr=self.dev_addr, strict=False)

    def build(self, config: Any = None) -> bool:
        """Build (with ``config``, or mkdocs.yml read again) and show the result; never raises, since MkDocs'
        server would then hold every page request until a build succeeded."""
        from mkdocs.commands.build import build

        log.info("Building documentation...")
        staging, configuring = "", config is None
        try:
            staging = tempfile.mkdtemp(prefix="build-", dir=self.workspace)
            current = config or self.configure()
            configuring = False
            current.site_dir, current.site_url = staging, self.url
            build(current, serve_url=self.url)
            _swap(self.live, staging)
        except (Exception, SystemExit) as error:  # SystemExit: how mkdocs-macros stops on a failing macro
            if staging:
                shutil.rmtree(staging, ignore_errors=True)
            kept = "" if config is not None else "; the preview still shows the last good site"
            log.error(_failure(error, self.config_file, configuring) + kept)
            return False
        return True

    def rebuild(self) -> None:
        self.build()


def serve(config_file: str, dev_addr: str) -> None:
    """Serve the site of ``config_file`` on ``dev_addr``, rebuilding on every change, until interrupted.

    Raises ``FirstBuildFailed`` when there is nothing to show at all, ``CannotListen`` when the address
    cannot be served on, and a ``MkDocsException`` for a bad mkdocs.yml at the start.
    """
    from mkdocs.livereload import LiveReloadServer

    workspace = tempfile.mkdtemp(prefix="growthsite-serve-")
    stop = signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager: leave nothing behind either
    try:
        builds = _Builds(config_file, dev_addr, workspace)
        config = builds.configure()
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            host, port = config.dev_addr
            server = LiveReloadServer(builder=builds.rebuild, host=host, port=port, root=builds.live,
                                      mount_path=urlsplit(config.site_url or "/").path)
            server.error_handler = _error_page(builds.live)
            builds.url = server.url
            if not builds.build(config):
                raise FirstBuildFailed("the first build failed (see above): fix it, then run growthsite serve again")
            server = _watch(server, config, builds.rebuild)
            try:
                server.serve()  # builds never raise: an OSError is the address
            except OSError as error:
                raise CannotListen(str(error.strerror or error)) from error
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
        signal.signal(signal.SIGTERM, stop)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _watch(server: Any, config: Any, rebuild: Callable[[], None]) -> Any:
    """Watch what MkDocs' serve watches: the pages, mkdocs.yml, and what plugins add (the data folders).
    Returns the server the plugins' ``on_serve`` gave back."""
    server.watch(config.docs_dir)
    if config.config_file_path:
        server.watch(config.config_file_path)
    server = config.plugins.on_serve(server, config=config, builder=rebuild)
    for item in config.watch:
        server.watch(item)
    return server


def _swap(live: str, built: str) -> None:
    """Make ``live`` point at ``built`` in one step, then remove the build it pointed at before."""
    old = os.path.realpath(live) if os.path.islink(live) else None
    link = live + ".next"
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(built, link)
    os.replace(link, live)
    if old is not None and old != os.path.realpath(built):
        shutil.rmtree(old, ignore_errors=True)


def _error_page(live: str) -> Callable[[int], bytes | None]:
    """The site's own 404 (or 500) page for a missing page, as MkDocs' serve gives it."""

    def page(code: int) -> bytes | None:
        path = os.path.join(live, f"{code}.html")
        if code in (404, 500) and os.path.isfile(path):
            with open(path, "rb") as f:
                return f.read()
        return None

    return page
