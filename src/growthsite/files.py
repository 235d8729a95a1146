"""Writing files so that nobody ever sees half of one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


class Changed(Exception):
    """The file no longer holds what it held when it was read: someone else wrote it meanwhile."""


def mode_for(target: str) -> int:
    """The permissions a file written over ``target`` gets: its own, or the usual ones for a new file
    (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process's umask (reading it means setting it: put straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(fs_path: str, data: bytes, prefix: str = ".growthsite-", expected: bytes | None = None) -> None:
    """Replace (or create) the file in one step: a temporary file in the same folder, then a rename.

    A replaced file keeps its permissions; a new one gets the usual ones (0666 less the umask).
    With ``expected``, the file must still hold exactly those bytes just before the rename, or
    :class:`Changed` is raised and nothing is written.
    """
    target = os.path.realpath(fs_path)
    mode = mode_for(target)
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if expected is not None:
            with open(target, "rb") as current:
                if current.read() != expected:
                    raise Changed(fs_path)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
