"""A site folder is only ever replaced if growthsite made it, and no command writes over a data file.

Each finding of outside testing is reproduced as it was reported, on a copy of the tiny fixture (or of the
demo's data) with its own ``git init``: never on the real repository.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import GROWTHSITE, ROOT, TINY
from growthsite.cli import main
from growthsite.site_folder import MARKER, MARKER_TEXT

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "growthsite"
FIX = "Name a new or empty folder with --site-dir instead; nothing was changed"
"""How every refusal of a --site-dir ends."""
DEAD_PID = "4194305"
"""Above Linux's largest process id: no process can have it."""


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under ``root``, .git included: proof that nothing was touched."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the tiny fixture as a git repository, and the current folder."""
    copy = tmp_path / "repo"
    shutil.copytree(TINY, copy, ignore=shutil.ignore_patterns("site", "site-public"))
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    monkeypatch.chdir(copy)
    return copy


def refused(site_dir: str, why: str, *, at: Path | None = None, named: str | None = None) -> str:
    where = at if at is not None else Path(os.path.realpath(site_dir))
    return f"Error: cannot build the site into {where} ({named or '--site-dir ' + site_dir}): {why}. {FIX}\n"


REPLACES = "and a build replaces everything in its site folder"


# Finding 1: build --site-dir deleted the repository, the data and the pages.

@pytest.mark.parametrize(("site_dir", "why"), [
    (".", f"it is the project folder, {REPLACES}: mkdocs.yml, the data and the pages would be lost"),
    ("portfolios", f"it is the portfolios folder (portfolios/), {REPLACES}: the portfolios would be lost"),
    ("framework", f"it is the framework folder (framework/), {REPLACES}: the trust's framework would be lost"),
    ("content", f"it is the pages folder (content/), {REPLACES}: the site's pages would be lost"),
    ("portfolios/site.yml", "it is inside the portfolios folder (portfolios/), which must hold only the portfolios"),
    ("framework/new", "it is inside the framework folder (framework/), which must hold only the trust's framework"),
    ("content/site", "it is inside the pages folder (content/), which must hold only the site's pages"),
    (".git", f"it is the repository's .git folder, {REPLACES}: the repository's history would be lost"),
    (".git/site", "it is inside the repository's .git folder, which must hold only the repository's history"),
    ("mkdocs.yml", "it is a file, not a folder"),
])
def test_build_refuses_the_repository_data_and_pages(repo: Path, site_dir: str, why: str) -> None:
    before = tree(repo)
    result = cli("build", ".", "--site-dir", site_dir)
    assert (result.exit_code, result.stderr) == (2, refused(site_dir, why))
    assert tree(repo) == before
    assert [p.name for p in repo.parent.iterdir()] == ["repo"]  # no staging folder beside it either
    validated = cli("validate", ".")
    assert (validated.exit_code, validated.stderr.split(" in ")[0]) == (0, "ok: 3 portfolios checked")


def test_build_refuses_a_folder_holding_the_project(repo: Path) -> None:
    before = tree(repo.parent)
    result = cli("build", ".", "--site-dir", "..")
    why = f"it holds the project folder ({repo}), {REPLACES}: mkdocs.yml, the data and the pages would be lost"
    assert (result.exit_code, result.stderr) == (2, refused("..", why))
    assert tree(repo.parent) == before


def test_build_refuses_the_repository_root_above_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "trust" / "intranet"
    shutil.copytree(TINY, project)
    subprocess.run(["git", "init", "-q", str(tmp_path / "trust")], check=True)
    monkeypatch.chdir(project)
    before = tree(tmp_path)
    result = cli("build", ".", "--site-dir", "..")
    why = f"it is the root of the git repository, {REPLACES}: the whole repository would be lost"
    assert (result.exit_code, result.stderr) == (2, refused("..", why))
    assert tree(tmp_path) == before


def test_build_refuses_the_root_of_the_file_system_before_writing_anything(repo: Path) -> None:
    before = sorted(os.listdir("/"))
    result = cli("build", ".", "--site-dir", "/")
    why = "it is the root of the file system, which holds everything on this computer"
    assert (result.exit_code, result.stderr) == (2, refused("/", why))
    assert sorted(os.listdir("/")) == before
    assert "Traceback" not in result.output


def test_build_refuses_the_home_folder(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "letter.txt").write_text("Dear parents\n")
    monkeypatch.setenv("HOME", str(home))
    before = tree(home)
    result = cli("build", ".", "--site-dir", str(home))
    assert (result.exit_code, result.stderr) == (
        2, refused(str(home), f"it is your home folder, {REPLACES}: all your files would be lost"))
    assert tree(home) == before


def test_build_refuses_a_folder_of_someone_elses_files(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "sports-day.jpg").write_bytes(b"\xff\xd8\xff")
    result = cli("build", ".", "--site-dir", str(other))
    why = (f"it holds files growthsite did not write (a site growthsite built has a {MARKER} file), {REPLACES}")
    assert (result.exit_code, result.stderr) == (2, refused(str(other), why))
    assert tree(other) == {"sports-day.jpg": b"\xff\xd8\xff"}


def test_build_refuses_a_folder_holding_a_git_repository(repo: Path, tmp_path: Path) -> None:
    """A clone for publishing the site (say, a gh-pages checkout) would lose its history."""
    deploy = tmp_path / "deploy"
    subprocess.run(["git", "init", "-q", str(deploy)], check=True)
    before = tree(deploy)
    result = cli("build", ".", "--site-dir", str(deploy))
    why = f"it holds a git repository (.git), {REPLACES}: its history would be lost"
    assert (result.exit_code, result.stderr) == (2, refused(str(deploy), why))
    assert tree(deploy) == before


def test_build_refuses_the_careers_pages_from_the_staff_build(repo: Path) -> None:
    """Both configurations' pages folders are kept safe, whichever site is built."""
    (repo / "mkdocs.public.yml").write_text("INHERIT: mkdocs.yml\ndocs_dir: careers\nsite_dir: site-public\n")
    (repo / "careers").mkdir()
    (repo / "careers" / "index.md").write_text("# Careers\n")
    result = cli("build", ".", "--site-dir", "careers")
    why = f"it is the pages folder (careers/), {REPLACES}: the site's pages would be lost"
    assert (result.exit_code, result.stderr) == (2, refused("careers", why))
    assert (repo / "careers" / "index.md").read_text() == "# Careers\n"


def test_site_dir_of_mkdocs_yml_is_checked_too(repo: Path) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_dir: site", "site_dir: portfolios"))
    before = tree(repo)
    result = cli("build", ".")
    why = f"it is the portfolios folder (portfolios/), {REPLACES}: the portfolios would be lost"
    assert (result.exit_code, result.stderr) == (
        2, f"Error: cannot build the site into {repo / 'portfolios'} (site_dir in mkdocs.yml): {why}. "
           "Set site_dir in mkdocs.yml to a new or empty folder, such as site; nothing was changed\n")
    assert tree(repo) == before


# What may be built into: a new folder, an empty one, or a site growthsite built.

def test_a_site_is_marked_and_built_again_into_the_same_folder(repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("build", ".", "--site-dir", str(empty)).exit_code == 0
    assert (empty / MARKER).read_text("utf-8") == MARKER_TEXT
    assert (empty / "people" / "ada-north" / "index.html").is_file()
    stale = empty / "people" / "stale.html"
    stale.write_text("from an earlier build\n")
    again = cli("build", ".", "--site-dir", str(empty))
    assert again.exit_code == 0, again.output
    assert not stale.exists()  # replaced whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "repo"]
    assert oct(empty.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_site_built_before_the_marker_is_replaced(repo: Path) -> None:
    """The demo's own site/ from before this change has no marker, but every file such a site has."""
    assert cli("build", ".").exit_code == 0
    (repo / "site" / MARKER).unlink()
    result = cli("build", ".")
    assert result.exit_code == 0, result.output
    assert (repo / "site" / MARKER).read_text("utf-8") == MARKER_TEXT


def test_the_default_site_folders_of_the_demo_build(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    for name in ("mkdocs.yml", "mkdocs.public.yml", "content", "careers", "framework", "portfolios", "macros"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, demo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, demo / name)
    for audience, folder in (("staff", "site"), ("public", "site-public"), ("staff", "site")):  # built again
        done = subprocess.run([GROWTHSITE, "build", str(demo), "--audience", audience], capture_output=True,
                              text=True, check=False, timeout=300)
        assert done.returncode == 0, done.stderr
        assert (demo / folder / MARKER).is_file()
    assert sorted(p.name for p in demo.iterdir() if "site" in p.name) == ["site", "site-public"]


# Finding 3: killed builds left staging folders that piled up; a leftover site.old broke every build.

def test_a_killed_build_leaves_nothing_the_next_build_does_not_clear(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = subprocess.Popen([GROWTHSITE, "build", str(repo), "--site-dir", str(out / "site")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and any(out.iterdir())):
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()
    left = sorted(p.name for p in out.iterdir())
    assert len(left) == 1 and left[0].startswith(f".site.growthsite-staging-{build.pid}-"), left
    result = cli("build", str(repo), "--site-dir", str(out / "site"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["site"]


def test_leftovers_of_ended_builds_are_removed_and_nothing_else(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ours = [f".site.growthsite-staging-{DEAD_PID}-abc_12", f".site.growthsite-old-{DEAD_PID}-x9Y"]
    kept = [
        f".site.growthsite-staging-{os.getppid()}-running",  # a build still running (our parent process is)
        f".site-public.growthsite-staging-{DEAD_PID}-abc",  # another site's
        ".site.growthsite-staging-notes",  # not a name of ours
        "site.old",  # the name the previous version used: it may be anyone's now
        ".growthsite-k2j4x9a1",  # the previous version's staging name
    ]
    for name in ours + kept:
        (out / name / "assets").mkdir(parents=True)
        (out / name / "index.html").write_text("<p>old</p>\n")
    result = cli("build", str(repo), "--site-dir", str(out / "site"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([*kept, "site"])
    assert (out / "site.old" / "index.html").read_text() == "<p>old</p>\n"


def test_a_leftover_site_old_never_breaks_a_build(repo: Path) -> None:
    """The previous version moved site/ to site.old/ and failed with OSError [Errno 39] when that was left."""
    assert cli("build", ".").exit_code == 0
    (repo / "site.old" / "people").mkdir(parents=True)
    (repo / "site.old" / "people" / "index.html").write_text("<p>old</p>\n")
    for _ in range(2):
        result = cli("build", ".")
        assert (result.exit_code, "Traceback" in result.output) == (0, False), result.output
    assert (repo / "site.old" / "people" / "index.html").read_text() == "<p>old</p>\n"
    assert sorted(p.name for p in repo.iterdir() if "site" in p.name) == ["site", "site.old"]


# Finding 2: export -o (and report -o) replaced a portfolio with JSON.

@pytest.fixture
def demo_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "DIR"
    for name in ("framework", "portfolios", "content", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, data / name)
        else:
            shutil.copyfile(source, data / name)
    subprocess.run(["git", "init", "-q", str(data)], check=True)
    monkeypatch.chdir(tmp_path)
    return data


def output_refused(output: str, why: str, example: str = "kerry-lewis.json") -> str:
    return (f"Error: cannot write to {output}: {why}. Write to a new file outside the data instead, such as "
            f"{example}; nothing was written\n")


DATA_FILE = ("it is a data file, and writing would replace it; only an earlier export or report (.json, .csv, .txt) "
             "is written over")


@pytest.mark.parametrize(("output", "why"), [
    ("DIR/portfolios/kerry-lewis.yml", "it is inside the portfolios folder (portfolios/), which must hold only the "
                                       "portfolios"),
    ("DIR/portfolios/kerry-lewis.json", "it is inside the portfolios folder (portfolios/), which must hold only the "
                                        "portfolios"),
    ("DIR/framework/trust.yml", "it is inside the framework folder (framework/), which must hold only the trust's "
                                "framework"),
    ("DIR/content/kerry.json", "it is inside the pages folder (content/), which must hold only the site's pages"),
    ("DIR/.git/kerry.json", "it is inside the repository's .git folder, which must hold only the repository's "
                            "history"),
    ("DIR/mkdocs.yml", DATA_FILE),
    ("DIR/portfolios", "it is a folder, not a file"),
    ("/dev/null", "it is a special file (a device, a pipe or a socket), not an ordinary file"),
    (str(PACKAGE / "kerry.json"), "it is inside growthsite's own program folder, which must hold only growthsite "
                                  "itself"),
])
def test_export_never_writes_over_data(demo_data: Path, output: str, why: str) -> None:
    before = tree(demo_data)
    result = cli("export", "kerry-lewis", "DIR", "-o", output)
    assert (result.exit_code, result.stderr, result.stdout) == (2, output_refused(output, why), "")
    assert tree(demo_data) == before
    assert not (PACKAGE / "kerry.json").exists()


def test_export_refuses_a_file_it_did_not_write(demo_data: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n")
    result = cli("export", "kerry-lewis", "DIR", "-o", "notes.md")
    assert (result.exit_code, result.stderr) == (2, output_refused("notes.md", DATA_FILE))
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK")
    result = cli("export", "kerry-lewis", "DIR", "-o", "letter.docx")
    why = ("it is a file growthsite did not write, and writing would replace it; only an earlier export or report "
           "(.json, .csv, .txt) is written over")
    assert (result.exit_code, result.stderr) == (2, output_refused("letter.docx", why))
    assert (notes.read_text(), letter.read_bytes()) == ("# Notes\n", b"PK")


def test_export_writes_over_an_earlier_export(demo_data: Path, tmp_path: Path) -> None:
    first = cli("export", "kerry-lewis", "DIR", "-o", "kerry.json")
    assert first.exit_code == 0, first.output
    written = (tmp_path / "kerry.json").read_text("utf-8")
    assert '"id": "kerry-lewis"' in written
    (tmp_path / "kerry.json").write_text("{}")
    again = cli("export", "kerry-lewis", "DIR", "-o", "kerry.json")
    assert (again.exit_code, (tmp_path / "kerry.json").read_text("utf-8")) == (0, written)


@pytest.mark.parametrize(("output", "fmt", "why"), [
    ("DIR/portfolios/figures.csv", "csv", "it is inside the portfolios folder (portfolios/), which must hold only "
                                          "the portfolios"),
    ("DIR/mkdocs.yml", "table", DATA_FILE),
    ("DIR/framework", "csv", "it is a folder, not a file"),
])
def test_report_never_writes_over_data(demo_data: Path, output: str, fmt: str, why: str) -> None:
    before = tree(demo_data)
    result = cli("report", "DIR", "--format", fmt, "-o", output)
    example = "report.csv" if fmt == "csv" else "report.txt"
    assert (result.exit_code, result.stderr) == (2, output_refused(output, why, example))
    assert tree(demo_data) == before


def test_report_writes_over_an_earlier_report(demo_data: Path, tmp_path: Path) -> None:
    (tmp_path / "figures.csv").write_text("old\n")
    result = cli("report", "DIR", "--format", "csv", "-o", "figures.csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "figures.csv").read_bytes().startswith(b"year,by,id,name,")


# Finding 4: a folder that does not exist is command misuse for every command.

MISSING_DATA = ("Error: the folder {} does not exist: name the folder that holds framework/ and portfolios/, "
                "or run growthsite inside it\n")
MISSING_PROJECT = ("Error: the folder {} does not exist: name the folder that holds mkdocs.yml, "
                   "or run growthsite inside it\n")


@pytest.mark.parametrize(("args", "message"), [
    (["validate", "{}"], MISSING_DATA),
    (["build", "{}"], MISSING_PROJECT),
    (["serve", "{}"], MISSING_PROJECT),
    (["privacy", "ada-north", "{}"], MISSING_DATA),
    (["retention", "{}"], MISSING_DATA),
    (["export", "ada-north", "{}"], MISSING_DATA),
    (["report", "{}"], MISSING_DATA),
    (["check-form", "{form}", "--data", "{}"], MISSING_DATA),
    (["import", "{form}", "{}"], MISSING_DATA),
    (["new", "person", "dee-east", "{}", "--name", "Dee East", "--school", "hub"], MISSING_DATA),
    (["new", "event", "inset", "{}", "--kind", "course", "--title", "INSET", "--date", "2026-11-02"], MISSING_DATA),
])
def test_a_folder_that_does_not_exist_is_misuse(tmp_path: Path, args: list[str], message: str) -> None:
    missing = tmp_path / "nonexistent"
    form = tmp_path / "form.csv"
    form.write_text("person,type,title,date\n")
    result = cli(*(a.format(missing, form=form) for a in args))
    assert (result.exit_code, result.stderr, result.stdout) == (2, message.format(missing), "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.csv"]


def test_a_file_given_as_the_folder_is_misuse(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x\n")
    result = cli("validate", str(tmp_path / "notes.txt"))
    assert (result.exit_code, result.stderr) == (
        2, f"Error: the folder {tmp_path / 'notes.txt'} is a file, not a folder: name the folder that holds "
           "framework/ and portfolios/, or run growthsite inside it\n")


def test_build_of_a_missing_folder_through_the_real_command(tmp_path: Path) -> None:
    done = subprocess.run([GROWTHSITE, "build", "/nonexistent"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (2, MISSING_PROJECT.format("/nonexistent"))
