"""The growthsite command line: a thin layer over the engine (and MkDocs for build/serve)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import time
from typing import Any

import click

from .audience import Audience, listed
from .problems import Problems, report_json, report_text
from .project import load


def _report(problems: Problems, fmt: str = "text") -> None:
    if fmt == "json":
        click.echo(report_json(problems))
    elif problems.items:
        click.echo(report_text(problems), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="growthsite")
def main() -> None:
    """Build a trust's professional-growth intranet from validated YAML portfolios."""


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate(directory: str, strict: bool, fmt: str) -> None:
    """Check every file of DIRECTORY (holding framework/ and portfolios/) and report every problem."""
    started = time.perf_counter()
    loaded = load(directory)
    _report(loaded.problems, fmt)
    failed = bool(loaded.problems.errors) or (strict and bool(loaded.problems.warnings))
    if fmt == "text" and not failed:
        people = len(loaded.model.people) if loaded.model else 0
        click.echo(f"ok: {people} portfolios checked in {time.perf_counter() - started:.2f}s", err=True)
    sys.exit(1 if failed else 0)


@main.command("check-form")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--data", "directory", default=".", show_default=True, type=click.Path(file_okay=False),
              help="The folder holding framework/: forms offer the trust's own drivers and standards.")
def check_form(files: tuple[str, ...], directory: str) -> None:
    """Check filled-in toolkit FILES (downloaded from the site's toolkit) and report every problem."""
    from . import toolkit

    loaded = load(directory)
    if loaded.model is None:
        _report(loaded.problems)
        click.echo("the trust's data has problems, so forms cannot be checked against it: "
                   "run growthsite validate first", err=True)
        sys.exit(2)
    forms = toolkit.forms(loaded.model.trust, loaded.model.today)
    problems = Problems()
    for path in files:
        toolkit.check_file(path, forms, problems)
    _report(problems)
    if not problems.errors:
        click.echo(f"ok: {len(files)} {'form' if len(files) == 1 else 'forms'} filled in correctly", err=True)
    sys.exit(1 if problems.errors else 0)


@main.command()
@click.argument("person")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
def privacy(person: str, directory: str) -> None:
    """Show every field and record of PERSON (an id such as amira-hussain) and which site shows it.

    Run it before you give or change consent: it reads the same rules the build uses.
    """
    from . import privacy as report
    from .suggest import did_you_mean
    from .terminal import plain

    loaded = load(directory)
    if loaded.model is None or loaded.sources is None:
        _report(loaded.problems)
        click.echo("the data has problems, so what each site would show cannot be worked out: "
                   "fix them first (growthsite validate)", err=True)
        sys.exit(1)
    source = report.find_source(loaded.sources.portfolios, person)
    if source is None or all(p.id != person for p in loaded.model.people):
        known = [p.id for p in loaded.model.people]
        hint = did_you_mean(person, known, "people") or "the id is the portfolio's file name without .yml"
        click.echo(f"there is no portfolio for {plain(person)!r} in {os.path.abspath(directory)}: {hint}",
                   err=True)
        sys.exit(1)
    today = loaded.model.today
    click.echo(report.format_report(report.report(loaded.model, source, person), f"{today.day} {today:%B %Y}"),
               nl=False)


MACRO_ERROR = re.compile(r"_File_: `(?P<page>[^`]*)`.*?_(?P<kind>\w+)_: (?P<message>[^\n]*)", re.S)
MACRO_FAILED = 100
"""The status mkdocs-macros exits with when a macro fails (``on_error_fail``)."""


class _MacroErrors(logging.Filter):
    """mkdocs-macros reports a failing macro as Markdown with a traceback: keep the page and the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        found = MACRO_ERROR.search(record.getMessage()) if "[macros]" in record.getMessage() else None
        if found:
            record.msg, record.args = (f"a macro on {found['page']} failed: {found['kind']}: "
                                       f"{found['message']}"), ()
            record.levelname = "ERROR"
        return True


def _show_mkdocs_messages(level: int = logging.WARNING) -> None:
    """MkDocs reports through logging: show its warnings and errors (and, for serve, its progress)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(_MacroErrors())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


PUBLIC_CONFIG = "mkdocs.public.yml"
"""The careers site's own configuration (its docs, nav and name), used for ``--audience public`` when present."""


def _config_file(directory: str, audience: str = "staff") -> str:
    public = os.path.join(directory, PUBLIC_CONFIG)
    if audience == "public" and os.path.exists(public):
        return public
    path = os.path.join(directory, "mkdocs.yml")
    if not os.path.exists(path):
        raise click.UsageError(f"there is no mkdocs.yml in {os.path.abspath(directory)}")
    return path


def _data_dir(plugin: Any, config_file: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(config_file)), plugin.config.data_dir or "")


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--audience", type=click.Choice(["staff", "public"]), default="staff", show_default=True)
@click.option("--site-dir", type=click.Path(file_okay=False), help="Where to write the site.")
def build(directory: str, audience: str, site_dir: str | None) -> None:
    """Validate, then build the site of DIRECTORY (holding mkdocs.yml, and mkdocs.public.yml for the careers
    site); nothing is written on failure."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.perf_counter()
    _show_mkdocs_messages()
    config_file = _config_file(directory, audience)
    try:
        config = load_config(config_file, strict=True)
    except MkDocsException as error:
        click.echo(f"{config_file}: error: {error}", err=True)
        sys.exit(1)
    plugin = config.plugins.get("growthsite")
    if plugin is None:
        raise click.UsageError("mkdocs.yml does not list the growthsite plugin")
    loaded = load(_data_dir(plugin, config_file))
    _report(loaded.problems)
    if loaded.problems.errors:
        click.echo("nothing was built", err=True)
        sys.exit(1)
    plugin.config.audience = audience
    own = audience == "staff" or config_file.endswith(PUBLIC_CONFIG)  # else the staff config's site_dir
    target = os.path.abspath(site_dir or (config.site_dir if own else config.site_dir + "-public"))
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".growthsite-", dir=parent)
    config.site_dir = staging
    try:
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as error:
        shutil.rmtree(staging, ignore_errors=True)
        why = "a macro failed (see above)" if isinstance(error, SystemExit) and error.code == MACRO_FAILED else error
        click.echo(f"the build failed: {why}; nothing was written", err=True)
        sys.exit(1)
    # Swap in the finished site in one step: a reader never sees half a site.
    old = target + ".old"
    if os.path.exists(target):
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    view: Audience = "public" if audience == "public" else "staff"
    pages = len([p for p in loaded.model.people if listed(p, view)]) if loaded.model else 0
    click.echo(f"built the {audience} site with {pages} person pages into {target} "
               f"in {time.perf_counter() - started:.2f}s", err=True)


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--audience", type=click.Choice(["staff", "public"]), default="staff", show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(directory: str, audience: str, dev_addr: str) -> None:
    """Preview DIRECTORY's site, rebuilding on every edit of a portfolio, the framework or a page."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    _show_mkdocs_messages(logging.INFO)
    config_file = _config_file(directory, audience)
    os.environ["GROWTHSITE_AUDIENCE"] = audience  # read by a mkdocs.yml's !ENV when there is no public config
    mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--apply", "apply_", is_flag=True,
              help="Delete the growth cycles that are due (the default only lists them).")
def retention(directory: str, apply_: bool) -> None:
    """List the growth cycles of DIRECTORY (holding framework/ and portfolios/) past the retention period.

    With --apply, delete them from their files, leaving every other line as it was.
    """
    import shlex

    from . import retention as policy
    from .dates import today as current_day

    day = current_day()
    found = policy.scan(directory, day)
    if not found.ok:
        _report(policy.errors_only(found.problems))
        click.echo("fix these first, then run retention again; nothing was changed", err=True)
        sys.exit(1)
    due, failed = len(found.due), False
    if not due:
        click.echo("nothing is due for deletion")
    elif not apply_:
        for record in found.due:
            click.echo(policy.describe(record, day))
        command = "growthsite retention" + ("" if directory == "." else f" {shlex.quote(directory)}") + " --apply"
        click.echo(f"{policy.count(due)} {'is' if due == 1 else 'are'} due for deletion; "
                   f"run {command} to delete {'it' if due == 1 else 'them'}")
    else:
        applied = policy.apply(directory, found.due)
        for record in applied.removed:
            click.echo(f"removed {policy.describe(record, day)}")
        _report(applied.problems)
        failed = bool(applied.problems.errors)
        left = due - len(applied.removed)
        click.echo(f"removed {policy.count(len(applied.removed))}"
                   + (f"; {left} could not be removed: see the errors above" if left else ""))
        if applied.removed:
            found = policy.scan(directory, day)  # lines have moved: list what is upcoming as it is now
            if not found.ok:
                _report(policy.errors_only(found.problems))
                click.echo("the folder has errors after the deletion: fix them, then run growthsite validate", err=True)
                sys.exit(1)
            click.echo("checked the folder again: no errors")
    ahead = len(found.upcoming)
    click.echo("")
    if ahead:
        click.echo(f"{policy.count(ahead)} {'falls' if ahead == 1 else 'fall'} due for deletion "
                   f"in the next {policy.UPCOMING_DAYS} days (by {found.horizon}):")
        for record in found.upcoming:
            click.echo(policy.describe(record, day))
    else:
        click.echo(f"no growth cycle falls due for deletion in the next {policy.UPCOMING_DAYS} days "
                   f"(by {found.horizon})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
