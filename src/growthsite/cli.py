"""The growthsite command line: a thin layer over the engine (and MkDocs for build/serve)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any, cast

import click

from .audience import Audience, listed
from .model import Model
from .problems import Problems, report_json, report_text
from .project import Loaded, load
from .terminal import count


def _report(problems: Problems, fmt: str = "text") -> None:
    if fmt == "json":
        click.echo(report_json(problems))
    elif problems.items:
        click.echo(report_text(problems), err=True)


def _recover(directory: str) -> None:
    """Finish or undo a write that a killed command left half done, before anything reads the data folder.

    Every command that works on a data folder calls this first; it says in one line what it did, if anything.
    """
    from .transaction import Unrecoverable, recover

    try:
        done = recover(directory)
    except Unrecoverable as error:
        _report(error.problems)
        sys.exit(1)
    if done:
        click.echo(done, err=True)


def _model_or_exit(directory: str, outcome: str, status: int = 1) -> tuple[Model, Loaded]:
    """The folder's model; with errors, report them, say what cannot be done, and exit."""
    _recover(directory)
    loaded = load(directory)
    if loaded.model is None:
        _report(loaded.problems)
        click.echo(f"the data has problems, so {outcome}: fix them first (growthsite validate)", err=True)
        sys.exit(status)
    return loaded.model, loaded


class _Misuse(click.ClickException):
    """Command misuse told in one plain message (exit 2), without click's usage lines."""

    exit_code = 2


class _Folder(click.ParamType[str, Any]):
    """A folder that must exist: naming one that does not is command misuse, for every command alike."""

    name = "folder"

    def __init__(self, holds: str) -> None:
        self.holds = holds

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        path = str(os.fspath(value))
        if os.path.isdir(path):
            return path
        what = "is a file, not a folder" if os.path.exists(path) else "does not exist"
        raise _Misuse(f"the folder {os.path.abspath(path)} {what}: name the folder that holds {self.holds}, "
                      "or run growthsite inside it")


DATA = _Folder("framework/ and portfolios/")
PROJECT = _Folder("mkdocs.yml")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="growthsite")
def main() -> None:
    """Build a trust's professional-growth intranet from validated YAML portfolios."""


@main.command()
@click.argument("directory", default=".", type=DATA)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate(directory: str, strict: bool, fmt: str) -> None:
    """Check every file of DIRECTORY (holding framework/ and portfolios/) and report every problem."""
    started = time.perf_counter()
    _recover(directory)
    loaded = load(directory, model=False)  # the checks find every problem; the model would add none
    _report(loaded.problems, fmt)
    failed = bool(loaded.problems.errors) or (strict and bool(loaded.problems.warnings))
    if fmt == "text" and not failed:
        people = len(loaded.sources.portfolios) if loaded.sources else 0
        click.echo(f"ok: {people} portfolios checked in {time.perf_counter() - started:.2f}s", err=True)
    sys.exit(1 if failed else 0)


@main.command("check-form")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--data", "directory", default=".", show_default=True, type=DATA,
              help="The folder holding framework/: forms offer the trust's own drivers and standards.")
def check_form(files: tuple[str, ...], directory: str) -> None:
    """Check filled-in toolkit FILES (downloaded from the site's toolkit) and report every problem."""
    from . import toolkit

    model, _ = _model_or_exit(directory, "forms cannot be checked against it", status=2)
    forms = toolkit.forms(model.trust, model.today)
    problems = Problems()
    for path in files:
        toolkit.check_file(path, forms, problems)
    _report(problems)
    if not problems.errors:
        click.echo(f"ok: {len(files)} {'form' if len(files) == 1 else 'forms'} filled in correctly", err=True)
    sys.exit(1 if problems.errors else 0)


@main.command()
@click.argument("person")
@click.argument("directory", default=".", type=DATA)
def privacy(person: str, directory: str) -> None:
    """Show every field and record of PERSON (an id such as amira-hussain) and which site shows it.

    Run it before you give or change consent: it reads the same rules the build uses.
    """
    from . import privacy as report
    from .suggest import no_portfolio

    model, loaded = _model_or_exit(directory, "what each site would show cannot be worked out")
    assert loaded.sources is not None  # read whenever there is a model
    source = report.find_source(loaded.sources.portfolios, person)
    if source is None or all(p.id != person for p in model.people):
        click.echo(no_portfolio(person, (p.id for p in model.people), directory), err=True)
        sys.exit(1)
    today = model.today
    click.echo(report.format_report(report.report(model, source, person), f"{today.day} {today:%B %Y}"),
               nl=False)


MACRO_ERROR = re.compile(r"_File_: `(?P<page>[^`]*)`.*?_(?P<kind>\w+)_: (?P<message>[^\n]*)", re.S)


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
    from .regular_file import NotRegular, check_regular

    public = os.path.join(directory, PUBLIC_CONFIG)
    path = public if audience == "public" and os.path.exists(public) else os.path.join(directory, "mkdocs.yml")
    if not os.path.exists(path):
        raise click.UsageError(f"there is no mkdocs.yml in {os.path.abspath(directory)}")
    try:
        check_regular(path)  # MkDocs would wait for ever on a named pipe
    except NotRegular as error:
        raise click.UsageError(f"{path}: {error}") from None
    return path


def _data_dir(plugin: Any, config_file: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(config_file)), plugin.config.data_dir or "")


def _say_left_out(plugin: Any) -> None:
    """A public build of the staff pages names the pages it left out (no audience: public in front matter)."""
    message = plugin.left_out_message()
    if message:
        click.echo(message, err=True)


@main.command()
@click.argument("directory", default=".", type=PROJECT)
@click.option("--audience", type=click.Choice(["staff", "public"]), default="staff", show_default=True)
@click.option("--site-dir", type=click.Path(), help="Where to write the site: a new or empty folder, or a site "
              "growthsite built; it is replaced whole.")
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
    from . import preview, site_folder
    from .protected import docs_dirs, real
    from .site import load_cached

    own = audience == "staff" or config_file.endswith(PUBLIC_CONFIG)  # else the staff config's site_dir
    folder = os.path.dirname(os.path.abspath(config_file))
    project = site_folder.Project(folder, _data_dir(plugin, config_file), [real(config.docs_dir), *docs_dirs(folder)])
    named = f"--site-dir {site_dir}" if site_dir else f"site_dir in {os.path.basename(config_file)}"
    fix = ("Name a new or empty folder with --site-dir instead" if site_dir else
           f"Set site_dir in {os.path.basename(config_file)} to a new or empty folder, such as site")
    try:
        target = site_folder.check(site_dir or (config.site_dir if own else config.site_dir + "-public"), project,
                                   named, fix)
    except site_folder.Refused as error:
        raise _Misuse(str(error)) from None
    _recover(project.data)
    loaded = load_cached(project.data)  # the plugin's on_config finds it loaded: once a build
    _report(loaded.problems)
    if loaded.problems.errors:
        click.echo("nothing was built", err=True)
        sys.exit(1)
    plugin.config.audience = audience
    try:
        site_folder.clear_leftovers(target)
        staging = config.site_dir = site_folder.staging(target)
    except OSError as error:
        click.echo(f"could not write beside {target}: {error.strerror or error}; nothing was written", err=True)
        sys.exit(1)
    try:
        mkdocs_build(config)
        site_folder.put_in_place(staging, target)  # one rename: a reader never sees half a site
    except (MkDocsException, SystemExit, OSError) as error:
        why: object = error
        if isinstance(error, SystemExit) and error.code == preview.MACRO_FAILED:
            why = "a macro failed (see above)"
        elif isinstance(error, OSError):
            why = f"could not write {error.filename or target}: {error.strerror or error}"
        _say_left_out(plugin)
        click.echo(f"the build failed: {why}; nothing was written", err=True)
        sys.exit(1)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone after the swap; left by a failure
    _say_left_out(plugin)
    view: Audience = "public" if audience == "public" else "staff"
    pages = len([p for p in loaded.model.people if listed(p, view)]) if loaded.model else 0
    click.echo(f"built the {audience} site with {pages} person pages into {target} "
               f"in {time.perf_counter() - started:.2f}s", err=True)


@main.command()
@click.argument("directory", default=".", type=PROJECT)
@click.option("--audience", type=click.Choice(["staff", "public"]), default="staff", show_default=True)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(directory: str, audience: str, dev_addr: str) -> None:
    """Preview DIRECTORY's site, rebuilding on every edit of a portfolio, the framework or a page.

    While the data has problems, the pages show the last good data with the problems at the top."""
    from mkdocs.exceptions import MkDocsException

    from . import preview

    _show_mkdocs_messages(logging.INFO)
    config_file = _config_file(directory, audience)
    os.environ["GROWTHSITE_AUDIENCE"] = audience  # read by a mkdocs.yml's !ENV when there is no public config
    try:
        preview.serve(config_file, dev_addr)
    except MkDocsException as error:  # mkdocs.yml, when serve starts
        click.echo(f"{config_file}: error: {error}", err=True)
        sys.exit(1)
    except preview.FirstBuildFailed as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except preview.CannotListen as error:
        click.echo(f"cannot serve on {dev_addr}: {error}; give another address with "
                   "--dev-addr, such as 127.0.0.1:8001", err=True)
        sys.exit(2)


CYCLE = "growth cycle"


@main.command()
@click.argument("directory", default=".", type=DATA)
@click.option("--apply", "apply_", is_flag=True,
              help="Delete the growth cycles that are due (the default only lists them).")
def retention(directory: str, apply_: bool) -> None:
    """List the growth cycles of DIRECTORY (holding framework/ and portfolios/) past the retention period.

    With --apply, delete them from their files, leaving every other line as it was.
    """
    import shlex

    from . import retention as policy
    from .dates import deciding, today

    day = deciding(today())  # a GROWTHSITE_TODAY in the past must not keep a due cycle from deletion
    _recover(directory)
    found = policy.scan(directory, day)
    if not found.ok:
        _report(found.problems.errors_only())
        click.echo("fix these first, then run retention again; nothing was changed", err=True)
        sys.exit(1)
    due, failed = len(found.due), False
    if not due:
        click.echo("nothing is due for deletion")
    elif not apply_:
        for record in found.due:
            click.echo(policy.describe(record, day))
        command = "growthsite retention" + ("" if directory == "." else f" {shlex.quote(directory)}") + " --apply"
        click.echo(f"{count(due, CYCLE)} {'is' if due == 1 else 'are'} due for deletion; "
                   f"run {command} to delete {'it' if due == 1 else 'them'}")
    else:
        applied = policy.apply(directory, found.due)
        for record in applied.removed:
            click.echo(f"removed {policy.describe(record, day)}")
        _report(applied.problems)
        failed = bool(applied.problems.errors)
        left = due - len(applied.removed)
        click.echo(f"removed {count(len(applied.removed), CYCLE)}"
                   + (f"; {left} could not be removed: see the errors above" if left else ""))
        if applied.removed:
            found = policy.scan(directory, day)  # lines have moved: list what is upcoming as it is now
            if not found.ok:
                _report(found.problems.errors_only())
                click.echo("the folder has errors after the deletion: fix them, then run growthsite validate", err=True)
                sys.exit(1)
            click.echo("checked the folder again: no errors")
    ahead = len(found.upcoming)
    click.echo("")
    if ahead:
        click.echo(f"{count(ahead, CYCLE)} {'falls' if ahead == 1 else 'fall'} due for deletion "
                   f"in the next {policy.UPCOMING_DAYS} days (by {found.horizon}):")
        for record in found.upcoming:
            click.echo(policy.describe(record, day))
    else:
        click.echo(f"no growth cycle falls due for deletion in the next {policy.UPCOMING_DAYS} days "
                   f"(by {found.horizon})")
    sys.exit(1 if failed else 0)


@main.command("export")
@click.argument("person")
@click.argument("directory", default=".", type=DATA)
@click.option("--format", "fmt", type=click.Choice(["json", "json-resume"]), default="json", show_default=True,
              help="json: growthsite's own shape; json-resume: a JSON Resume document.")
@click.option("--audience", type=click.Choice(["staff", "public"]), default="staff", show_default=True,
              help="Export what this site shows of PERSON.")
@click.option("-o", "--output", type=click.Path(), help="Write to FILE (in one step), not stdout: a new file or "
              "an earlier export, never a data file.")
def export_command(person: str, directory: str, fmt: str, audience: str, output: str | None) -> None:
    """Export PERSON's portfolio (an id such as amira-hussain) as JSON: exactly what their page shows."""
    from . import export as exporting

    _check_output(output, directory, f"{person}.json")
    model, _ = _model_or_exit(directory, "nothing can be exported")
    shown: Audience = "public" if audience == "public" else "staff"
    kind: exporting.Format = "json-resume" if fmt == "json-resume" else "json"
    try:
        text = exporting.export(model, person, shown, kind, directory)
    except exporting.ExportError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if output is None:
        click.echo(text.encode("utf-8"), nl=False)  # bytes: UTF-8 whatever the locale
        return
    _write_output(output, text)
    click.echo(f"wrote the {audience} {fmt} export of {person} to {output}", err=True)


def _check_output(output: str | None, directory: str, example: str) -> None:
    """``-o FILE`` is command misuse (exit 2) where writing could replace data: checked before anything is read."""
    from .output_file import refusal

    why = None if output is None else refusal(output, directory, example)
    if why is not None:
        raise _Misuse(f"{why}; nothing was written")


def _write_output(output: str, text: str) -> None:
    """``-o FILE``: written whole, in one step, or not at all."""
    from .files import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        click.echo(f"could not write {output}: {error.strerror or error}; nothing was written", err=True)
        sys.exit(1)


def _academic_year(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .report import well_formed_year

    if value is not None and not well_formed_year(value):
        raise click.BadParameter(f"{value!r} is not an academic year: write it like 2025-26")
    return value


@main.command("report")
@click.argument("directory", default=".", type=DATA)
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="table: aligned text for a terminal; csv: one row per year, type and school, for a spreadsheet.")
@click.option("--audience", type=click.Choice(["staff", "public"]), default="staff", show_default=True,
              help="public: the careers site's disclosure control (a small figure reads \"fewer than N\").")
@click.option("--year", metavar="YEAR", callback=_academic_year, help="Only this academic year, such as 2025-26.")
@click.option("-o", "--output", type=click.Path(), help="Write to FILE, not stdout: a new file or an earlier "
              "report, never a data file.")
def report_command(directory: str, fmt: str, audience: str, year: str | None, output: str | None) -> None:
    """Trust-wide figures of DIRECTORY per academic year, by activity type and by school; no one is named."""
    from . import report as figures

    _check_output(output, directory, f"report.{'csv' if fmt == 'csv' else 'txt'}")
    model, _ = _model_or_exit(directory, "no figures can be worked out")
    shown: Audience = "public" if audience == "public" else "staff"
    try:
        found = figures.report(model, shown, year)
    except figures.UnknownYear as error:
        raise click.BadParameter(str(error), param_hint="'--year'") from None
    text = figures.format_csv(found) if fmt == "csv" else figures.format_table(found)
    if output is None:
        click.echo(text.encode("utf-8"), nl=False)  # bytes as they are: UTF-8 and CSV's CRLF, whatever the locale
        return
    _write_output(output, text)
    click.echo(f"wrote the {audience} {fmt} report to {output}", err=True)


PROGRESS_FROM = 200
"""Rows or files: below this an import takes well under a second and a bar would only flicker."""


class _ProgressBars:
    """One terminal progress bar per stage of a long import; nothing when output is not a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, label: str, total: int) -> Callable[[int], None]:
        self.close()
        if total < PROGRESS_FROM or not sys.stderr.isatty():
            return lambda done: None
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
        self.bar.__enter__()
        return cast(Callable[[int], None], self.bar.update)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.argument("directory", default=".", type=DATA)
@click.option("--dry-run", is_flag=True, help="Check every row and say what would be added; write nothing.")
def import_command(file: str, directory: str, dry_run: bool) -> None:
    """Add the activities in FILE (.csv or .xlsx, one per row) to the portfolios in DIRECTORY.

    Every row is checked first; if any is wrong, nothing is written. Rows already in a portfolio are
    skipped, so importing the same file again changes nothing.
    """
    from . import importer
    from .terminal import plain

    _recover(directory)
    bars = _ProgressBars()
    try:
        plan = importer.plan(file, directory, bars)
        written = importer.apply(directory, plan, bars) if plan.ok and not dry_run else None
    finally:
        bars.close()
    if not plan.ok:
        _report(plan.problems.errors_only())
        click.echo("the data folder has errors: fix them first (growthsite validate); nothing was imported"
                   if plan.data_errors else "nothing was imported: fix the rows above, then import again", err=True)
        sys.exit(1)
    if written is not None and written.problems.errors:
        _report(written.problems)
        sys.exit(1)
    verb = "would add" if dry_run else "added"
    for path, entries in sorted(plan.added.items()):
        click.echo(f"{path}: {verb} {count(len(entries), 'activity', 'activities')} "
                   f"({importer.rows_text([e.row for e in entries])})")
    present: dict[str, list[int]] = {}
    for row in plan.present:
        present.setdefault(row.path, []).append(row.row)
    for path, rows in sorted(present.items()):
        click.echo(f"{path}: already has {importer.rows_text(rows)}")
    added = sum(len(entries) for entries in plan.added.values())
    there = len(plan.present)
    summary = (f"{verb} {count(added, 'activity', 'activities')} to "
               f"{count(len(plan.added), 'portfolio')}" if added else f"nothing to add from {plain(file)}")
    if there:
        summary += f"; {count(there, 'row')} {'was' if there == 1 else 'were'} already there"
    click.echo(summary + ("; nothing was written (--dry-run)" if dry_run and added else ""))


@main.group("new")
def new_group() -> None:
    """Start a portfolio or add an event, checked before anything is written."""


def _new_outcome(result: Any) -> None:
    for line in result.err:
        click.echo(line, err=True)
    for line in result.out:
        click.echo(line)
    sys.exit(0 if result.ok else 1)


@new_group.command("person")
@click.argument("person_id", metavar="ID")
@click.argument("directory", default=".", type=DATA)
@click.option("--name", required=True, help='Their name as they want it shown, in quotes: "Amira Hussain".')
@click.option("--school", required=True, help="The id of the school they work at now.")
@click.option("--stage", help="The id of their career stage: adds their current role.")
@click.option("--title", help="Their job title (default: the stage's name).")
@click.option("--from", "start", metavar="DATE", help="The role's first day, YYYY-MM-DD (default: today).")
@click.option("--pathway", help="The id of their career pathway.")
def new_person_command(person_id: str, directory: str, name: str, school: str, stage: str | None,
                       title: str | None, start: str | None, pathway: str | None) -> None:
    """Create portfolios/ID.yml, ready to fill in.

    The new portfolio in DIRECTORY is valid as it is, and its comments show how to add roles, activities and
    growth cycles. Nothing is written unless every argument and the whole folder check out.
    """
    from . import new

    _recover(directory)
    _new_outcome(new.person(directory, person_id, name=name, school=school, stage=stage, title=title,
                            start=start, pathway=pathway))


@new_group.command("event")
@click.argument("event_id", metavar="ID")
@click.argument("directory", default=".", type=DATA)
@click.option("--kind", required=True, help="training-day, think-tank, peer-review-round, conference or course.")
@click.option("--title", required=True, help="The event's title, in quotes.")
@click.option("--date", metavar="DATE", help="The day of a one-day event, YYYY-MM-DD.")
@click.option("--from", "start", metavar="DATE", help="The first day of a longer event.")
@click.option("--to", "end", metavar="DATE", help="Its last day; leave out while it goes on.")
def new_event_command(event_id: str, directory: str, kind: str, title: str, date: str | None,
                      start: str | None, end: str | None) -> None:
    """Add an event to framework/events.yml.

    Event ID goes at the end of DIRECTORY's framework/events.yml (created if there is none); nothing already
    in the file changes. Give --date for one day, or --from (and --to once it has ended) for a period.
    """
    from . import new

    _recover(directory)
    _new_outcome(new.event(directory, event_id, kind=kind, title=title, date=date, start=start, end=end))


if __name__ == "__main__":  # pragma: no cover
    main()
