"""Writing several files all or nothing, even when the process is killed half way through.

Replacing files one after another leaves some replaced and some not if the process dies between
them. So every file's new bytes go first to a temporary file beside it; then a journal in the data
folder lists each target, its temporary file and hashes of the bytes it holds now and will hold;
only once the journal is safely on disk are the temporary files renamed over their targets, and
then the journal is removed. A later command that finds the journal finishes the renames (roll
forward); one that finds temporary files but no journal deletes them (roll back), because no
target is touched before the journal is complete.

Every writer to a data folder holds a lock on the folder while it writes, so that recovery (which
runs at the start of every command) never mistakes a write in progress for an interrupted one.
Any writer of several files in a data folder (import, retention, and later a roster or a register
import) goes through :func:`write_all`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .files import Changed, mode_for
from .problems import Problems
from .terminal import count

JOURNAL = ".growthsite-journal.json"
"""In the data folder while the renames run: its presence means the write is decided and must be finished."""
FOLDERS = ("framework", "portfolios")
"""Where writers put files, so where recovery looks for leftovers. A writer to another folder adds it here."""
OURS = re.compile(r"\.growthsite-(?P<what>[a-z]+(?:-[a-z]+)*)-[0-9a-f]{12}\.tmp\Z")
"""A temporary file of :func:`write_all`: ``.growthsite-import-0123456789ab.tmp``."""
OLDER = re.compile(r"\.(?:growthsite|import|retention|new)-[^/\\]*\.tmp\Z")
"""Temporary files of growthsite's single-file writes (and of versions before the journal)."""
LOCK_WAIT = 10.0
"""Seconds a writer waits for another growthsite command to finish writing to the same folder."""
VERSION = 1


class Busy(OSError):
    """Another growthsite command is writing to this folder right now."""


class Unfinished(OSError):
    """The renames failed after the journal was written: the next growthsite command finishes them."""


class Unrecoverable(Exception):
    """Recovery cannot go on: it stops, says why, and says what to do (as a problem at the journal)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.problems = Problems()
        self.problems.error(JOURNAL, 1, 1, message, hint)


def _unusable(why: str) -> Unrecoverable:
    return Unrecoverable(
        f"this note of an interrupted write cannot be used ({why}), so growthsite cannot tell which files "
        "it was changing; nothing was changed",
        "compare portfolios/ and framework/ with your last copy (git status shows what changed), "
        f"then delete {JOURNAL} and any .growthsite-*.tmp files beside the portfolios",
    )


@dataclass(frozen=True)
class Write:
    """One file's new bytes, and what it must hold until it is replaced (None: it must not exist yet)."""

    path: str
    """Relative to the data folder, with ``/``: ``portfolios/ada-north.yml``."""
    data: bytes
    before: bytes | None


@dataclass(frozen=True)
class Done:
    written: tuple[str, ...]
    kept: tuple[str, ...]
    """Files someone changed between the check and the rename: left as they were (the others were written)."""


@dataclass(frozen=True)
class _Entry:
    target: str
    temp: str
    before: str | None
    after: str


def write_all(root: str, writes: Sequence[Write], what: str, step: Callable[[int], None] | None = None) -> Done:
    """Replace every file of ``writes`` in ``root``, all or nothing, even if the process is killed.

    ``what`` names the kind of write in temporary names and recovery messages (``import``). Raises
    :class:`~growthsite.files.Changed` (its args: every changed path) if a file no longer holds its
    ``before`` bytes, and OSError if a file cannot be written; either way, nothing is written.
    ``step(1)`` is called as each file's new bytes are on disk (the slow part), for a progress bar.
    """
    if not OURS.fullmatch(f".growthsite-{what}-{'0' * 12}.tmp"):
        raise ValueError(f"not a name for a kind of write: {what!r}")
    for write in writes:
        _check_relative(write.path)
    asked = {_through_links(root, write): write.path for write in writes}  # a link's file → the path given
    writes = list(asked)
    if len({w.path for w in writes}) < len(writes):
        raise ValueError("the same file is written twice")
    if not writes:
        return Done((), ())
    with locked(root):
        try:
            _recover_locked(root)  # a journal left since this command started is finished first, never overwritten
        except Unrecoverable as error:
            raise OSError(errno.EEXIST, "an earlier write was interrupted and needs attention first: "
                          "run growthsite validate") from error
        entries: list[_Entry] = []
        try:
            for write in writes:
                entries.append(_write_temp(root, write, what))
                if step:
                    step(1)
            changed = [asked[w] for w in writes if _read(os.path.join(root, w.path)) != w.before]
            if changed:
                raise Changed(*changed)
            _write_journal(root, what, entries)
        except BaseException:
            for entry in entries:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, entry.temp))
            raise
        try:
            done = _finish(root, entries)
        except OSError as error:
            raise Unfinished(error.errno, f"{error.strerror}; the next growthsite command run on this "
                             "folder finishes the write") from error
        given = {w.path: asked[w] for w in writes}
        return Done(tuple(given[p] for p in done.written), tuple(given[p] for p in done.kept))


def recover(root: str) -> str | None:
    """Finish or undo a write that a killed command left half done; one line saying what was done, or None.

    Reads nothing but two folder listings when there is nothing to do (so ``validate`` stays pure), and
    does nothing while another growthsite command is writing to the folder.
    """
    if not _leftovers(root) and not os.path.lexists(os.path.join(root, JOURNAL)):
        return None
    try:
        with locked(root, wait=0):
            return _recover_locked(root)
    except Busy:
        return None


@contextlib.contextmanager
def locked(root: str, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the data folder's lock (on the folder itself, so nothing is written to take it).

    The lock goes when the process does, however it ends. Raises :class:`Busy` after ``wait`` seconds.
    """
    if sys.platform == "win32":  # no flock: writers are not kept apart there
        yield
        return
    import fcntl

    fd = os.open(root, os.O_RDONLY)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(errno.EAGAIN, "another growthsite command is writing to this folder; "
                               "try again when it has finished") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)


def _recover_locked(root: str) -> str | None:
    journal = os.path.join(root, JOURNAL)
    said: list[str] = []
    listed: set[str] = set()
    if os.path.lexists(journal):
        what, entries = _read_journal(journal)
        listed = {e.temp for e in entries}
        try:
            done = _finish(root, entries)
        except OSError as error:
            raise Unrecoverable(
                f"an interrupted {what.replace('-', ' ')} cannot be finished: {error.strerror}",
                "check that you can write to portfolios/ and framework/, then run the command again",
            ) from error
        said.append(f"finished an interrupted {what.replace('-', ' ')} of {count(len(entries), 'file')}")
        if done.kept:
            said.append(f"{', '.join(done.kept)} had been changed since, so "
                        f"{'it was left as it is' if len(done.kept) == 1 else 'they were left as they are'}: "
                        "run the command again")
    undone: set[str] = set()
    older = 0
    for path in _leftovers(root):
        if path in listed:
            continue  # already renamed or removed by _finish
        try:
            os.unlink(os.path.join(root, path))
        except FileNotFoundError:
            continue
        except OSError as error:
            raise Unrecoverable(f"{path}, left by an interrupted write, cannot be removed: {error.strerror}",
                                "check that you can write to that folder, then run the command again") from error
        ours = OURS.fullmatch(os.path.basename(path))
        if ours:
            undone.add(ours["what"].replace("-", " "))
        else:
            older += 1
    if undone and not said:
        said.append(f"undid an interrupted {' and '.join(sorted(undone))}: no file was changed")
    if older:
        said.append(f"removed {count(older, 'temporary file')} left by an interrupted write")
    return "; ".join(said) or None


def _leftovers(root: str) -> list[str]:
    """Temporary files of ours: journal temporaries in the folder itself, any of ours in its data folders."""
    found = [name for name in _files(root) if OURS.fullmatch(name)]
    for folder in FOLDERS:
        found.extend(f"{folder}/{name}" for name in _files(os.path.join(root, folder))
                     if OURS.fullmatch(name) or OLDER.fullmatch(name))
    return found


def _files(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(e.name for e in entries if e.name.endswith(".tmp") and e.is_file(follow_symlinks=False))
    except OSError:  # no such folder, or not readable: reading the data will say so
        return []


def _write_temp(root: str, write: Write, what: str) -> _Entry:
    """The new bytes beside the target, on disk, with the target's permissions (or the usual ones)."""
    mode = mode_for(os.path.join(root, write.path))
    folder = os.path.dirname(write.path)
    temp = f"{folder}/.growthsite-{what}-{secrets.token_hex(6)}.tmp" if folder else (
        f".growthsite-{what}-{secrets.token_hex(6)}.tmp")
    fd = os.open(os.path.join(root, temp), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _write_fully(fd, write.data)
        os.fsync(fd)
        os.chmod(os.path.join(root, temp), mode)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(root, temp))
        raise
    os.close(fd)
    return _Entry(write.path, temp, _hash(write.before), _hash(write.data) or "")


def _write_journal(root: str, what: str, entries: list[_Entry]) -> None:
    """The commit point: once the journal has its name, the write will be finished whatever happens."""
    body = json.dumps({
        "version": VERSION, "what": what,
        "files": [{"target": e.target, "temp": e.temp, "before": e.before, "after": e.after} for e in entries],
    }, indent=1).encode("utf-8")
    temp = os.path.join(root, f".growthsite-{what}-{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            _write_fully(fd, body)
            os.fsync(fd)
        finally:
            os.close(fd)
        for folder in sorted({os.path.dirname(e.target) for e in entries}):
            _sync_folder(os.path.join(root, folder))  # the temporary files' names are on disk too
        os.replace(temp, os.path.join(root, JOURNAL))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(root)


def _finish(root: str, entries: Sequence[_Entry]) -> Done:
    """Rename each temporary file over its target (unless the target changed meanwhile), then drop the journal."""
    written: list[str] = []
    kept: list[str] = []
    for entry in entries:
        temp = os.path.join(root, entry.temp)
        target = os.path.join(root, entry.target)
        if not os.path.lexists(temp):
            written.append(entry.target)  # renamed before the interruption
            continue
        if _hash(_read(temp)) == entry.after and _hash(_read(target)) == entry.before:
            os.replace(temp, target)
            written.append(entry.target)
        else:
            os.unlink(temp)
            kept.append(entry.target)
    for folder in sorted({os.path.dirname(e.target) for e in entries}):
        _sync_folder(os.path.join(root, folder))
    with contextlib.suppress(FileNotFoundError):
        os.unlink(os.path.join(root, JOURNAL))
    _sync_folder(root)
    return Done(tuple(written), tuple(kept))


def _read_journal(journal: str) -> tuple[str, list[_Entry]]:
    try:
        with open(journal, "rb") as handle:
            body = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise _unusable(getattr(error, "strerror", None) or "it is not complete") from error
    try:
        if body["version"] != VERSION or not isinstance(body["files"], list):
            raise ValueError
        what = body["what"]
        if not isinstance(what, str) or not OURS.fullmatch(f".growthsite-{what}-{'0' * 12}.tmp"):
            raise ValueError
        entries = [_Entry(f["target"], f["temp"], f["before"], f["after"]) for f in body["files"]]
        for e in entries:
            _check_relative(e.target)
            if (not isinstance(e.temp, str) or os.path.dirname(e.temp) != os.path.dirname(e.target)
                    or not OURS.fullmatch(os.path.basename(e.temp)) or not isinstance(e.after, str)
                    or not isinstance(e.before, str | None)):
                raise ValueError
    except (KeyError, TypeError, ValueError) as error:
        raise _unusable("it is not in the form growthsite writes") from error
    return what, entries


def _check_relative(path: object) -> None:
    """Files in the data folders only (where recovery looks): never ``..``, never an absolute path."""
    if (not isinstance(path, str) or path.startswith("/") or "\\" in path or ":" in path
            or any(part in ("", ".", "..") for part in path.split("/")) or path.split("/")[0] not in FOLDERS):
        raise ValueError(f"not a path inside the data folder: {path!r}")


def _through_links(root: str, write: Write) -> Write:
    """A linked file is written where the link leads, as a single-file write does, if that is in a data folder."""
    real = os.path.realpath(os.path.join(root, write.path))
    inside = os.path.relpath(real, os.path.realpath(root)).replace(os.sep, "/")
    try:
        _check_relative(inside)
    except ValueError:
        raise OSError(errno.EXDEV, f"{write.path} is a link to a file outside framework/ and portfolios/, which "
                      "growthsite does not write through: put the file itself in its place") from None
    return Write(inside, write.data, write.before)


def _write_fully(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _hash(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _sync_folder(path: str) -> None:
    """Make a folder's renames durable (a power cut, not only a kill); some file systems cannot, and need not."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
