"""Multi-file writes all or nothing: the journal, roll forward, roll back, leftovers, and the hook in every command.

A killed write is reproduced with the module's own phases, stopped where a kill stops them: the
temporary files written (and, past the commit point, the journal and some of the renames).
tests/test_killtest.py kills the real commands.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import GROWTHSITE, TINY, overlay
from growthsite import transaction
from growthsite.cli import main
from growthsite.files import Changed
from growthsite.transaction import JOURNAL, Write

ADA, BEN = "portfolios/ada-north.yml", "portfolios/ben-south.yml"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file, hidden ones included."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def additions(root: Path) -> list[Write]:
    """A comment added at the end of two portfolios: the folder stays valid either way."""
    return [Write(p, (root / p).read_bytes() + b"# imported\n", (root / p).read_bytes()) for p in (ADA, BEN)]


def interrupted(root: Path, writes: list[Write], committed: bool, renamed: int = 0) -> None:
    """The folder as a kill leaves it: temporary files written; if ``committed``, the journal too and
    the first ``renamed`` renames done."""
    entries = [transaction._write_temp(str(root), w, "import") for w in writes]
    if committed:
        transaction._write_journal(str(root), "import", entries)
        for entry in entries[:renamed]:
            os.replace(root / entry.temp, root / entry.target)
    else:  # killed while writing the journal: half of it, under its temporary name
        (root / ".growthsite-import-0123456789ab.tmp").write_text('{"version": 1, "what": "imp', "utf-8")


def temporaries(root: Path) -> list[str]:
    return sorted(p for p in snapshot(root) if Path(p).name.startswith(".") and p.endswith((".tmp", ".json")))


def test_write_all_replaces_every_file_and_leaves_nothing_behind(tiny: Path) -> None:
    (tiny / ADA).chmod(0o640)
    writes = [*additions(tiny), Write("portfolios/new.md", b"# Notes\n", None)]
    steps: list[int] = []
    done = transaction.write_all(str(tiny), writes, "import", steps.append)
    assert done == transaction.Done((ADA, BEN, "portfolios/new.md"), ())
    assert [(tiny / w.path).read_bytes() for w in writes] == [w.data for w in writes]
    assert (tiny / ADA).stat().st_mode & 0o777 == 0o640
    assert steps == [1, 1, 1]
    assert temporaries(tiny) == []


def test_a_file_changed_since_it_was_read_refuses_the_whole_write(tiny: Path) -> None:
    writes = additions(tiny)
    (tiny / BEN).write_bytes((tiny / BEN).read_bytes() + b"# edited meanwhile\n")
    before = snapshot(tiny)
    with pytest.raises(Changed) as refused:
        transaction.write_all(str(tiny), writes, "import")
    assert refused.value.args == (BEN,)
    assert snapshot(tiny) == before


def test_a_new_file_is_not_written_over_one_that_appeared_meanwhile(tiny: Path) -> None:
    (tiny / "portfolios" / "new.md").write_text("someone's notes\n", "utf-8")
    before = snapshot(tiny)
    with pytest.raises(Changed):
        transaction.write_all(str(tiny), [*additions(tiny), Write("portfolios/new.md", b"ours\n", None)], "import")
    assert snapshot(tiny) == before


def test_a_path_outside_the_folder_is_refused_before_anything_is_written(tiny: Path) -> None:
    before = snapshot(tiny)
    with pytest.raises(ValueError, match="not a path inside the data folder"):
        transaction.write_all(str(tiny), [*additions(tiny), Write("../outside.yml", b"x", None)], "import")
    assert snapshot(tiny) == before


@pytest.mark.parametrize("renamed", [0, 1, 2])
def test_a_kill_after_the_journal_is_rolled_forward(tiny: Path, renamed: int) -> None:
    writes = additions(tiny)
    interrupted(tiny, writes, committed=True, renamed=renamed)
    assert (tiny / JOURNAL).exists()
    assert transaction.recover(str(tiny)) == "finished an interrupted import of 2 files"
    assert [(tiny / w.path).read_bytes() for w in writes] == [w.data for w in writes]
    assert temporaries(tiny) == []
    assert transaction.recover(str(tiny)) is None


def test_a_kill_before_the_journal_is_complete_is_rolled_back(tiny: Path) -> None:
    before = snapshot(tiny)
    interrupted(tiny, additions(tiny), committed=False)
    assert len(temporaries(tiny)) == 3
    assert transaction.recover(str(tiny)) == "undid an interrupted import: no file was changed"
    assert snapshot(tiny) == before


def test_the_journal_names_the_targets_their_temporary_files_and_hashes(tiny: Path) -> None:
    writes = additions(tiny)
    interrupted(tiny, writes, committed=True)
    body = json.loads((tiny / JOURNAL).read_text("utf-8"))
    assert body["version"] == 1 and body["what"] == "import"
    assert [f["target"] for f in body["files"]] == [ADA, BEN]
    for entry, write in zip(body["files"], writes, strict=True):
        assert transaction.OURS.fullmatch(Path(entry["temp"]).name)
        assert (entry["before"], entry["after"]) == (transaction._hash(write.before), transaction._hash(write.data))


def test_a_file_edited_after_the_kill_is_not_overwritten_by_the_roll_forward(tiny: Path) -> None:
    writes = additions(tiny)
    interrupted(tiny, writes, committed=True)
    edited = (tiny / BEN).read_bytes() + b"# edited by hand after the kill\n"
    (tiny / BEN).write_bytes(edited)
    assert transaction.recover(str(tiny)) == (
        "finished an interrupted import of 2 files; portfolios/ben-south.yml had been changed since, "
        "so it was left as it is: run the command again")
    assert (tiny / ADA).read_bytes() == writes[0].data
    assert (tiny / BEN).read_bytes() == edited
    assert temporaries(tiny) == []


def test_leftovers_of_every_naming_are_removed_and_nothing_else(tiny: Path) -> None:
    for name in ("portfolios/.import-k2x9_a1b.tmp", "portfolios/.retention-0p1.tmp", "framework/.new-3f2a.tmp",
                 "framework/.growthsite-h7_qz.tmp"):
        (tiny / name).write_bytes(b"half")
    keep = ["portfolios/notes.tmp", "portfolios/.import-log.txt", ".import-x.tmp", "site/.growthsite-x.tmp"]
    for name in keep:
        (tiny / name).parent.mkdir(exist_ok=True)
        (tiny / name).write_bytes(b"theirs")
    (tiny / "portfolios" / ".growthsite-folder.tmp").mkdir()
    assert transaction.recover(str(tiny)) == "removed 4 temporary files left by an interrupted write"
    assert temporaries(tiny) == [".import-x.tmp", "site/.growthsite-x.tmp"]
    assert all((tiny / name).read_bytes() == b"theirs" for name in keep)
    assert (tiny / "portfolios" / ".growthsite-folder.tmp").is_dir()


@pytest.mark.parametrize(("body", "why"), [
    ('{"version": 1, "what": "import", "fi', "it is not complete"),
    (json.dumps({"version": 1, "what": "import", "files": [{"target": "../outside.yml",
                 "temp": "../.growthsite-import-0123456789ab.tmp", "before": None, "after": "0"}]}),
     "it is not in the form growthsite writes"),
    (json.dumps({"version": 1, "what": "import", "files": [{"target": ADA, "temp": "framework/trust.yml",
                 "before": None, "after": "0"}]}), "it is not in the form growthsite writes"),
])
def test_a_journal_that_cannot_be_trusted_changes_nothing(tiny: Path, body: str, why: str) -> None:
    interrupted(tiny, additions(tiny), committed=True)
    (tiny / JOURNAL).write_text(body, "utf-8")
    (tiny.parent / ".growthsite-import-0123456789ab.tmp").write_text("outside", "utf-8")
    before = snapshot(tiny)
    result = CliRunner().invoke(main, ["validate", str(tiny)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{JOURNAL}:1:1: error: this note of an interrupted write cannot be used ({why}), so growthsite cannot "
        "tell which files it was changing; nothing was changed",
        f"  hint: compare portfolios/ and framework/ with your last copy (git status shows what changed), then "
        f"delete {JOURNAL} and any .growthsite-*.tmp files beside the portfolios",
        "1 error, 0 warnings",
    ]
    assert snapshot(tiny) == before
    assert (tiny.parent / ".growthsite-import-0123456789ab.tmp").read_text("utf-8") == "outside"


def test_validate_stays_pure_when_there_is_nothing_to_recover(tiny: Path) -> None:
    folders = [tiny, tiny / "portfolios", tiny / "framework"]
    before = snapshot(tiny), [os.stat(f).st_mtime_ns for f in folders]
    result = CliRunner().invoke(main, ["validate", str(tiny)])
    assert result.exit_code == 0
    assert result.stderr.startswith("ok: 3 portfolios checked")
    assert (snapshot(tiny), [os.stat(f).st_mtime_ns for f in folders]) == before


def test_recovery_leaves_a_write_in_progress_alone(tiny: Path) -> None:
    interrupted(tiny, additions(tiny), committed=True)
    left = snapshot(tiny)
    with transaction.locked(str(tiny)):  # as a live writer holds it
        assert transaction.recover(str(tiny)) is None
        with (pytest.raises(transaction.Busy, match="another growthsite command is writing to this folder"),
              transaction.locked(str(tiny), wait=0)):
            pass
    assert snapshot(tiny) == left
    assert transaction.recover(str(tiny)) == "finished an interrupted import of 2 files"


def test_the_lock_goes_with_a_killed_process(tiny: Path) -> None:
    code = ("import os, signal, sys; from growthsite.transaction import locked\n"
            "with locked(sys.argv[1]):\n    print('locked', flush=True); os.kill(os.getpid(), signal.SIGKILL)\n")
    result = subprocess.run([sys.executable, "-c", code, str(tiny)], capture_output=True, text=True, check=False)
    assert (result.stdout, result.returncode) == ("locked\n", -9)
    with transaction.locked(str(tiny), wait=0):
        pass


def _form(tiny: Path) -> str:
    return str(tiny / "form.md")


COMMANDS = {
    "validate": lambda t: ["validate", str(t)],
    "build": lambda t: ["build", str(t), "--site-dir", str(t.parent / "out")],
    "import": lambda t: ["import", str(t / "rows.csv"), str(t), "--dry-run"],
    "retention": lambda t: ["retention", str(t)],
    "new person": lambda t: ["new", "person", "dee-new", str(t), "--name", "Dee New", "--school", "hub"],
    "new event": lambda t: ["new", "event", "tt-new", str(t), "--kind", "think-tank", "--title", "New",
                            "--from", "2026-09-01"],
    "export": lambda t: ["export", "ada-north", str(t)],
    "report": lambda t: ["report", str(t)],
    "privacy": lambda t: ["privacy", "ada-north", str(t)],
    "check-form": lambda t: ["check-form", _form(t), "--data", str(t)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_on_a_data_folder_recovers_first_and_says_so(tiny: Path, command: str) -> None:
    (tiny / "rows.csv").write_text("person,type,title\n", "utf-8")
    writes = additions(tiny)
    interrupted(tiny, writes, committed=True, renamed=1)
    result = CliRunner().invoke(main, COMMANDS[command](tiny))
    assert result.stderr.splitlines()[0] == "finished an interrupted import of 2 files", result.output
    assert [(tiny / w.path).read_bytes() for w in writes] == [w.data for w in writes]
    assert temporaries(tiny) == []


def test_mkdocs_itself_recovers_through_the_plugin(tmp_path: Path) -> None:
    tiny = overlay(TINY, tmp_path / "none", tmp_path / "tiny")
    before = snapshot(tiny)
    interrupted(tiny, additions(tiny), committed=False)
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    result = subprocess.run([mkdocs, "build", "-f", str(tiny / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "growthsite: undid an interrupted import: no file was changed" in result.stderr
    assert snapshot(tiny) == before


def test_serve_recovers_before_its_first_build(tmp_path: Path) -> None:
    tiny = overlay(TINY, tmp_path / "none", tmp_path / "tiny")
    writes = additions(tiny)
    interrupted(tiny, writes, committed=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([GROWTHSITE, "serve", str(tiny), "-a", f"127.0.0.1:{port}"],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while "Serving on" not in log.read_text("utf-8") and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "growthsite: finished an interrupted import of 2 files" in log.read_text("utf-8")
    assert [(tiny / w.path).read_bytes() for w in writes] == [w.data for w in writes]
    assert temporaries(tiny) == []


def test_a_link_is_written_through_inside_the_data_folders_and_refused_outside(tiny: Path, tmp_path: Path) -> None:
    real = tiny / "portfolios" / "ben-south.yml"
    link = tiny / "portfolios" / "ben.yml"
    link.symlink_to(real.name)
    write = Write("portfolios/ben.yml", real.read_bytes() + b"# via the link\n", real.read_bytes())
    assert transaction.write_all(str(tiny), [write], "import").written == ("portfolios/ben.yml",)
    assert link.is_symlink() and real.read_bytes() == write.data

    outside = tmp_path / "shared.yml"
    outside.write_bytes(b"id: shared\n")
    (tiny / "portfolios" / "shared.yml").symlink_to(outside)
    before = snapshot(tiny)
    with pytest.raises(OSError) as refused:
        transaction.write_all(str(tiny), [*additions(tiny), Write("portfolios/shared.yml", b"x", b"id: shared\n")],
                              "import")
    assert refused.value.strerror == ("portfolios/shared.yml is a link to a file outside framework/ and portfolios/, "
                                      "which growthsite does not write through: put the file itself in its place")
    assert snapshot(tiny) == before and outside.read_bytes() == b"id: shared\n"


def test_import_says_nothing_was_written_when_a_file_cannot_be_written(tiny: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ben-south.yml"
    (tiny / BEN).rename(outside)
    (tiny / BEN).symlink_to(outside)
    rows = tmp_path / "rows.csv"
    rows.write_text("person,type,role,title,date\nada-north,coaching,,Kept out,2026-11-02\n"
                    "ben-south,coaching,,Kept out,2026-11-02\n", "utf-8")
    before = snapshot(tiny), outside.read_bytes()
    result = CliRunner().invoke(main, ["import", str(rows), str(tiny)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "portfolios:1:1: error: the portfolios cannot be written (portfolios/ben-south.yml is a link to a file "
        "outside framework/ and portfolios/, which growthsite does not write through: put the file itself in its "
        "place); nothing was written",
        "  hint: free the disk or fix the folder's permissions, then import again",
        "1 error, 0 warnings",
    ]
    assert (snapshot(tiny), outside.read_bytes()) == before
