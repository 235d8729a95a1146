"""Read a user's file without trusting what it is: only a regular file, never blocking, never past a bound.

A named pipe (FIFO) makes a plain ``open`` wait for ever, and a link to ``/dev/zero`` reads until memory
runs out; both look like files in a folder listing. So the path is checked with ``stat`` before it is
opened, opened without blocking, checked again on the open file (it may have been swapped meanwhile)
and read to at most one byte past the bound.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from .problems import Problems

HINT = "growthsite reads only ordinary files: save the data as a file here, or move this out of the folder"
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class NotRegular(Exception):
    """The path names a pipe, a device, a socket or a folder: reading it could block or never end."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"this is not a regular file: it is {kind}")
        self.kind = kind


class TooLarge(Exception):
    """The file holds more than the bound (``size`` is what was found, at least the bound plus one)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, in plain words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"  # pragma: no cover - door files and the like on other systems


def _refuse(fs_path: str, kind: str) -> NotRegular:
    if os.path.islink(fs_path):
        return NotRegular(f"a link to {os.path.realpath(fs_path)}, which is {kind}")
    return NotRegular(kind)


def check_regular(fs_path: str) -> os.stat_result:
    """The file's status (following links), or :class:`NotRegular`; ``OSError`` when it cannot be looked at."""
    status = os.stat(fs_path)
    kind = kind_of(status.st_mode)
    if kind is not None:
        raise _refuse(fs_path, kind)
    return status


def read_regular(fs_path: str, limit: int) -> bytes:
    """The bytes of the regular file ``fs_path`` (a link to one is fine), never more than ``limit``.

    Raises :class:`NotRegular`, :class:`TooLarge` (before reading when the size says so) or ``OSError``.
    """
    size = check_regular(fs_path).st_size
    if size > limit:
        raise TooLarge(size)
    fd = os.open(fs_path, _FLAGS)
    try:
        status = os.fstat(fd)
        kind = kind_of(status.st_mode)
        if kind is not None:  # replaced between the stat and the open
            raise _refuse(fs_path, kind)
        if status.st_size > limit:
            raise TooLarge(status.st_size)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise TooLarge(total)
    finally:
        os.close(fd)
    return b"".join(chunks)


def not_regular(paths: Iterable[tuple[str, str]]) -> Problems:
    """A problem for each (display, path) that is not a regular file: pages MkDocs would read or copy
    (a pipe among them would hang the build). A path that cannot be looked at is left to its reader."""
    problems = Problems()
    for display, fs_path in paths:
        try:
            check_regular(fs_path)
        except NotRegular as refused:
            problems.error(display, 1, 1, str(refused), HINT)
        except OSError:
            continue
    return problems
