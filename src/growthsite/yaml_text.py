"""Edit YAML files as text, the way a careful person would: touch only the lines that change.

Retention deletes list items and import appends them; both keep every other byte (comments,
quoting, key order, blank lines, CRLF, a BOM) as written, prove each edit by parsing the result
again, and replace a file in one step so a reader never sees half of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.error import Mark
from yaml.tokens import BlockEndToken, BlockEntryToken

from .read import MAX_BYTES
from .regular_file import NotRegular, TooLarge, read_regular

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

    def encode(self, text: str) -> bytes:
        return (BOM if self.bom else b"") + text.encode("utf-8")


def read_text_file(fs_path: str) -> TextFile:
    """The file's text, or :class:`Refused` saying why it cannot be edited."""
    try:
        data = read_regular(fs_path, MAX_BYTES)
    except NotRegular as refused:
        raise Refused(str(refused)) from refused
    except TooLarge as large:
        raise Refused("the file is larger than a data file can be") from large
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


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WIDE = 1_000_000
"""Dump width: a value stays on one line, whatever its length."""


def scalar(value: Any) -> str:
    """``value`` as YAML on one line: plain where YAML reads it back as the same text, else double-quoted."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"no YAML form is defined for {value!r} here")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    if _DATE.fullmatch(value):
        return str(value)  # written as portfolios write dates; the reader keeps them as text
    plain = yaml.safe_dump(value, allow_unicode=True, width=_WIDE, default_flow_style=True)
    if plain.endswith("\n...\n") and "\n" not in plain[:-5]:
        return plain[:-5]
    return yaml.safe_dump(value, allow_unicode=True, width=_WIDE, default_style='"').rstrip("\n")


def block_items(items: Sequence[dict[str, Any]], dash: int, offset: int, newline: str) -> str:
    """Mappings as block sequence items: ``-`` at column ``dash``, keys ``offset`` columns after it."""
    lines = []
    for item in items:
        for n, (key, value) in enumerate(item.items()):
            lead = " " * dash + "-" + " " * (offset - 1) if n == 0 else " " * (dash + offset)
            lines.append(f"{lead}{key}: {scalar(value)}")
    return "".join(line + newline for line in lines)


def compose_mapping(text: str) -> tuple[yaml.MappingNode, list[yaml.Token]]:
    """The file's top-level mapping and its tokens (block ends left out), with marks indexing ``text``.

    PyYAML's pure-Python parser is used: its marks count characters of ``text``, so slicing by them
    is exact whatever the line endings.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        tokens = [t for t in yaml.scan(text, Loader=yaml.SafeLoader) if not isinstance(t, BlockEndToken)]
    except yaml.YAMLError as error:
        raise Refused("the file cannot be read as YAML") from error
    if not isinstance(root, yaml.MappingNode):
        raise Refused("the file is not a mapping of keys")
    return root, tokens


def value_of(root: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key node and value node of ``key`` in ``root``, if it is there."""
    return next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def append_to_list(text: str, key: str, items: Sequence[dict[str, Any]]) -> str:
    """``text`` (a YAML mapping) with ``items`` added at the end of its block list ``key``.

    The list is created at the end of the file when there is none. Every other character stays.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    root, tokens = compose_mapping(text)
    entries = [t.start_mark for t in tokens if isinstance(t, BlockEntryToken)]
    pair = value_of(root, key)
    if pair is None:
        dash = min((m.column for m in entries), default=2)  # the file's own indentation for lists
        body = text if not text or text[-1] in BREAKS else text + newline
        return body + f"{key}:{newline}" + block_items(items, dash, 2, newline)
    name, value = pair
    under = block_items(items, name.start_mark.column + 2, 2, newline)
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
        if value.value:  # `key: ~` or `key: null`: the list takes the word's place
            text = text[:value.start_mark.index].rstrip(" \t") + text[value.end_mark.index:]
        return _insert(text, after_line(text, name.end_mark.index), under, newline)
    if not isinstance(value, yaml.SequenceNode):
        raise Refused(f"{key}: is not a list")
    if value.flow_style:
        if value.value:
            raise Refused(f"{key}: is written in brackets ([...]); write its items one per line, each "
                          "starting with '- ', then try again")
        text = text[:value.start_mark.index].rstrip(" \t") + text[value.end_mark.index:]
        return _insert(text, after_line(text, name.end_mark.index), under, newline)
    mine = [m for m in entries if value.start_mark.index <= m.index < value.end_mark.index]
    mine = [m for m in mine if m.column == mine[0].column]  # not the dashes of lists inside the items
    last_entry, last = mine[-1], value.value[-1]
    offset = last.start_mark.column - last_entry.column if last.start_mark.line == last_entry.line else 2
    end = end_of_last(text, last_entry, value.end_mark.index, tokens)
    return _insert(text, end, block_items(items, last_entry.column, max(offset, 2), newline), newline)


def _insert(text: str, at: int, lines: str, newline: str) -> str:
    if at >= len(text) and text and text[-1] not in BREAKS:
        return text + newline + lines
    return text[:at] + lines + text[at:]
