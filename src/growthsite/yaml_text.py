"""Edit YAML files as text, the way a careful person would: touch only the lines that change.

Retention deletes list items and import appends them; both keep every other byte (comments,
quoting, key order, blank lines, CRLF, a BOM) as written, prove each edit by parsing the result
again, and replace a file in one step so a reader never sees half of it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from yaml.error import Mark

from .read import MAX_BYTES

BOM = b"\xef\xbb\xbf"
BREAKS = "\r\n\x85\u2028\u2029"
"""Line breaks as PyYAML counts them: marks' columns restart after each of these."""


class Refused(Exception):
    """This file cannot be edited safely: the reason is said to the user, and nothing is written."""


@dataclass(frozen=True)
class TextFile:
    """A YAML file's text as read, with what writing it back must keep."""

    text: str
    """Decoded, without the BOM, line endings as written."""
    bom: bool
    data: bytes
    """The bytes read: a file that no longer holds them changed under us."""

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        return (BOM if self.bom else b"") + text.encode("utf-8")


def read_text_file(fs_path: str) -> TextFile:
    """The file's text, or :class:`Refused` saying why it cannot be edited."""
    try:
        if os.path.getsize(fs_path) > MAX_BYTES:
            raise Refused("the file is larger than a data file can be")
        with open(fs_path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise Refused(f"the file cannot be read ({error.strerror})") from error
    bom = data.startswith(BOM)
    try:
        text = data[len(BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused("the file is no longer UTF-8") from error
    return TextFile(text, bom, data)


def end_of_last(text: str, entry: Mark, seq_end: int, tokens: Sequence[yaml.Token]) -> int:
    """Where the last item of a sequence ends: after its last line of content, plus any blank lines and
    comments indented under it, but not the comments and blank lines that lead to the next key."""
    end = max(t.end_mark.index for t in tokens if entry.index <= t.start_mark.index < seq_end)
    while end > entry.index and text[end - 1] in " \t" + BREAKS:  # a block scalar's end takes in its breaks
        end -= 1
    end = after_line(text, end)
    cut = end
    while end < len(text):
        line = text[end: after_line(text, end)]
        body = line.lstrip(" \t")
        if body.strip(" \t" + BREAKS) and not (body.startswith("#") and len(line) - len(body) > entry.column):
            break
        end = after_line(text, end)
        if body.strip(" \t" + BREAKS):
            cut = end
    return cut


def after_line(text: str, i: int) -> int:
    """The index just past the line break that ends the line holding index ``i``."""
    while i < len(text) and text[i] not in BREAKS:
        i += 1
    return i + 2 if text.startswith("\r\n", i) else min(i + 1, len(text))


def line_before(text: str, i: int) -> int:
    """Where the line before the one starting at ``i`` starts."""
    i -= 2 if text[max(i - 2, 0): i] == "\r\n" else 1
    while i > 0 and text[i - 1] not in BREAKS:
        i -= 1
    return i


def blank(text: str, begin: int, end: int) -> bool:
    return begin < end and not text[begin:end].strip(" \t" + BREAKS)


def line_of(text: str, begin: int, end: int, first_line: int) -> int:
    """The 1-based number of the last line in ``text[begin:end]``, which starts on 0-based ``first_line``."""
    chunk = text[begin:end].replace("\r\n", "\n")
    breaks = sum(chunk.count(b) for b in BREAKS)
    if chunk and chunk[-1] in BREAKS:
        breaks -= 1
    return first_line + 1 + max(breaks, 0)


def write_atomic(fs_path: str, data: bytes, prefix: str = ".growthsite-") -> None:
    """Replace the file in one step (temporary file in the same folder, then rename): never half a file."""
    target = os.path.realpath(fs_path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
