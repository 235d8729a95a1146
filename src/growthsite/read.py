"""Read YAML into plain values, keeping where every key and value was written.

Safety first: files over a size bound, files that are not UTF-8, custom tags,
merge keys, duplicate keys and alias expansion past a small bound are problems
to report, never a crash or a hang. Dates stay strings ("2025-10-17") so the
schema, not YAML 1.1, decides what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

try:  # the C parser is several times faster; fall back where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from . import bidi, regular_file, scalars
from .collector import paused
from .problems import Problems
from .regular_file import NotRegular, TooLarge, read_regular
from .scalars import BOOL, FLOAT, INT, NULL, STR, TIMESTAMP
from .scalars import CORE as _Y

MAX_BYTES = 1_000_000
"""A portfolio is a few kilobytes; a megabyte is far past any real file."""
MAX_ALIAS_NODES = 1_000
"""Nodes that aliases may expand to in one file: enough for reuse, too few for a bomb."""
MAX_DEPTH = 40

Path = tuple[str | int, ...]
Mark = tuple[int, int]

SEQ, MAP = _Y + "seq", _Y + "map"
_MARKERS = {_Y + "value": "default values", _Y + "merge": "merging mappings"}
"""What YAML 1.1 reads a plain ``=`` and ``<<`` as."""
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Source:
    """A file's value with the position of each value and each mapping key in it."""

    path: str
    value: Any
    marks: dict[Path, Mark] = field(default_factory=dict)
    key_marks: dict[Path, Mark] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)
    """Plain scalars YAML retyped (``no`` → false, ``1.10`` → 1.1): their text as written."""
    damaged: bool = False
    """A value was dropped (a forbidden tag): checking the rest would only report knock-on errors."""
    shape: str | None = None
    """The data schema the value is already known to satisfy (checked where it was read, maybe in parallel)."""
    controls: bool = True
    """The text may hold a bidirectional control (False: its text was searched and holds none)."""
    whole: str = "the file"
    """What the value is, in messages about all of it (an imported spreadsheet row is "this row")."""
    key_word: str = "key"
    """What its keys are called in messages (a spreadsheet's are columns)."""

    def at(self, path: Path) -> Mark:
        """Where the value at ``path`` was written, or its nearest written parent."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def key_at(self, path: Path) -> Mark:
        """Where the key naming ``path`` was written (falls back to the value)."""
        return self.key_marks.get(path) or self.at(path)


_CORE_TAGS = {
    STR: "text", NULL: "an empty value", BOOL: "true or false", INT: "a whole number", FLOAT: "a number",
    TIMESTAMP: "a date", SEQ: "a list", MAP: "a mapping", _Y + "binary": "data encoded as base64",
    _Y + "set": "a set", _Y + "omap": "an ordered mapping", _Y + "pairs": "a list of pairs",
}
_FOREIGN_TAGS = frozenset({_Y + "binary", _Y + "set", _Y + "omap", _Y + "pairs"})
"""Core YAML types that portfolio data never uses."""


class _Stop(Exception):
    """A problem that makes the rest of the file meaningless (bomb, depth)."""

    def __init__(self, mark: Mark, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, source: Source, problems: Problems, text: str) -> None:
        self.source = source
        self.text = text
        self.problems = problems
        self.seen: set[int] = set()
        self.open: set[int] = set()
        """Collections being converted: meeting one again means an alias contains itself."""
        self.alias_nodes = 0

    def error(self, mark: Mark, message: str, hint: str | None = None) -> None:
        self.problems.error(self.source.path, mark[0], mark[1], message, hint)

    def convert(self, node: yaml.Node, path: Path, depth: int = 0, alias: bool = False) -> Any:
        if id(node) in self.seen:
            alias = True
        self.seen.add(id(node))
        if alias:
            self.alias_nodes += 1
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise _Stop(
                    self.source.at(path),
                    f"YAML aliases here expand to more than {MAX_ALIAS_NODES} values",
                    "write the values out instead of repeating them with anchors (&) and aliases (*)",
                )
        if depth > MAX_DEPTH:
            raise _Stop(_mark(node), f"values are nested more than {MAX_DEPTH} levels deep")
        mark = _mark(node)
        if not alias:
            self.source.marks[path] = mark
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path, alias)
        if id(node) in self.open:
            raise _Stop(self.source.at(path), "a YAML alias here refers to the value that contains it",
                        "an alias (*name) can only repeat a value defined before and outside it")
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if tag != SEQ:
                    return self.bad_tag(node)
                return [self.convert(item, (*path, i), depth + 1, alias) for i, item in enumerate(node.value)]
            if tag != MAP or not isinstance(node, yaml.MappingNode):
                return self.bad_tag(node)
            return self.mapping(node, path, depth, alias)
        finally:
            self.open.discard(id(node))

    def bad_tag(self, node: yaml.Node) -> None:
        self.source.damaged = True
        message, hint = _tag_problem(node)
        self.error(_mark(node), message, hint)
        return None

    def scalar(self, node: yaml.ScalarNode, path: Path, alias: bool) -> Any:
        tag = node.tag
        if tag == STR:
            return self.text_of(node)
        if tag not in scalars.SCALAR_TAGS:
            return self.marker(node) if tag in _MARKERS and self.plain(node) else self.bad_tag(node)
        plain = self.plain(node)
        if plain and not alias:
            self.source.raw[path] = node.value
        try:
            return scalars.value(tag, node.value, plain)
        except scalars.Unreadable as unreadable:
            self.source.damaged = True
            self.error(_mark(node), unreadable.message, unreadable.hint)
            return None

    def text_of(self, node: yaml.ScalarNode) -> str | None:
        """A text scalar's text; None after reporting an escape of half a character (PyYAML's own parser,
        unlike libyaml, lets ``"\\ud800"`` through, and no file or page can hold it)."""
        if node.style == '"' and _SURROGATE.search(node.value):
            self.source.damaged = True
            self.error(_mark(node), "an escape in this text names half of a character (a surrogate), which no "
                       "file can hold", "write the character itself instead of its escape")
            return None
        return str(node.value)

    def marker(self, node: yaml.ScalarNode) -> None:
        """A plain ``=`` or ``<<`` (as a value), which YAML 1.1 reads as markers of its own, not as text."""
        self.source.damaged = True
        self.error(_mark(node), f"YAML reads the unquoted {node.value} as a marker of its own (for "
                   f"{_MARKERS[node.tag]}), not as text", scalars.quote_hint(node.value))

    def plain(self, node: yaml.ScalarNode) -> bool:
        """Whether YAML gave the scalar its type from its look (``no``, ``12``), not from a tag written before it.

        The node does not say, but its span does: a tag is written before the value, as is an anchor.
        """
        if node.style:
            return False
        span = self.text[node.start_mark.index: node.end_mark.index]
        written_before = span[: max(len(span) - len(node.value), 0)]
        return not any(word.startswith("!") and word != "!" for word in written_before.split())

    def key(self, node: yaml.Node) -> str | None:
        """A mapping key as a name, or None after saying what YAML read it as."""
        mark = _mark(node)
        if not isinstance(node, yaml.ScalarNode):
            what = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            self.error(mark, f"a key here is {what}, not a name", "keys are names such as title or school")
            return None
        if node.tag == STR:
            return self.text_of(node)
        text = str(node.value)
        if node.tag not in scalars.SCALAR_TAGS:
            if node.tag in _MARKERS and self.plain(node):
                self.marker(node)
            else:
                self.bad_tag(node)
            return None
        try:
            read = scalars.value(node.tag, text, self.plain(node))
        except scalars.Unreadable as unreadable:
            self.error(mark, unreadable.message, unreadable.hint)
            return None
        if node.tag == INT and str(read) == text:
            return text  # a plain whole number, such as a level: 1, 2, 3
        if not text:
            self.error(mark, "a key here has no name", "write a name such as title or school before the colon")
            return None
        shown = scalars.shown(text)
        if node.tag == INT:
            hint = f"write the number as {read}, or put the key in quotes to keep it as text"
        else:
            hint = "keys are names such as title or school; " + scalars.quote_hint(text).replace(
                "keep it as text", "use it as a name")
        self.error(mark, f"YAML reads the key {shown} as {scalars.key_read_as(node.tag, read)}, not as a name", hint)
        return None

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int, alias: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            kmark = _mark(key_node)
            if key_node.tag == _Y + "merge":
                self.error(kmark, "merge keys (<<) are not supported", "write the keys out in full")
                continue
            key = self.key(key_node)
            if key is None:
                continue
            if key in first:
                line = first[key][0]
                self.error(
                    kmark,
                    f"the key {key!r} is written twice in this mapping (first at line {line})",
                    "keep one of them: YAML would silently drop the first value",
                )
                continue
            first[key] = kmark
            sub = (*path, key)
            if not alias:
                self.source.key_marks[sub] = kmark
            result[key] = self.convert(value_node, sub, depth + 1, alias)
        return result


def _tag_problem(node: yaml.Node) -> tuple[str, str]:
    """What is wrong with a tag on this node, and how to fix it."""
    tag = node.tag.replace(_Y, "!!")
    kind = ("a single value" if isinstance(node, yaml.ScalarNode)
            else "a list" if isinstance(node, yaml.SequenceNode) else "a mapping")
    meant = _CORE_TAGS.get(node.tag)
    if meant is None:
        return (f"the tag {tag} is not allowed",
                "remove the tag: portfolio data is plain text, numbers, lists and mappings")
    if node.tag in _FOREIGN_TAGS:
        return (f"the tag {tag} ({meant}) is not allowed",
                "write plain text, a list (- item) or a mapping (key: value), without the tag")
    return f"the tag {tag} is for {meant}, but here it marks {kind}", "remove the tag"


def position(text: str | bytes, offset: int) -> Mark:
    """The 1-based line and column of ``offset`` in ``text``: for problems found outside the YAML parser."""
    before = text[:offset] if isinstance(text, str) else text[:offset].decode("latin-1")  # a char per byte
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _undecodable(data: bytes, error: UnicodeDecodeError) -> Mark:
    return position(data, error.start)


def read_text(fs_path: str, display: str, problems: Problems) -> str | None:
    """A data file's text, or None after reporting why it cannot be used.

    Guards shared by YAML and Markdown: a regular file only (never a pipe or a device), the size bound,
    UTF-8 (a BOM is fine) and line endings (CRLF becomes LF).
    """
    try:
        data = read_regular(fs_path, MAX_BYTES)
    except NotRegular as refused:
        problems.error(display, 1, 1, str(refused), regular_file.HINT)
        return None
    except TooLarge as large:
        problems.error(
            display, 1, 1,
            f"the file is {large.size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB",
            "a data file holds one person or one part of the framework: split it or remove what "
            "does not belong",
        )
        return None
    except OSError as error:
        problems.error(display, 1, 1, f"the file cannot be read: {error.strerror}")
        return None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line, col = _undecodable(data, error)
        problems.error(
            display, line, col,
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x} here)",
            "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        )
        return None


def read_yaml(fs_path: str, display: str, problems: Problems) -> Source | None:
    """Read one YAML file; on any problem report it and return None."""
    text = read_text(fs_path, display, problems)
    return None if text is None else parse_yaml(text, display, problems)


def _forbidden_character(text: str, error: yaml.reader.ReaderError, display: str, problems: Problems) -> None:
    """A character YAML refuses (a control character, U+FFFE), reported where an editor shows it."""
    code = error.character if isinstance(error.character, int) else ord(error.character)
    offset = error.position
    if _Loader.__name__.startswith("C"):  # libyaml counts the position in bytes of UTF-8
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line, col = position(text, offset)
    if code < 0x20 or 0x7F <= code < 0xA0:
        problems.error(display, line, col, f"the file holds a control character (U+{code:04X}) here, which YAML "
                       "does not allow", "delete it: most editors do not show it, so retype the text around it")
    else:
        problems.error(display, line, col, f"the file holds the character U+{code:04X} here, which YAML does not "
                       "allow", "delete it")


@paused
def parse_yaml(text: str, display: str, problems: Problems) -> Source | None:
    """Parse YAML text already decoded; positions are reported against ``display``."""
    # A control is in the text, or may be written as an escape (\u202E) in a double-quoted string.
    controls = bidi.first(text) is not None or "\\u" in text or "\\U" in text
    source = Source(display, None, controls=controls)
    try:
        loader = _Loader(text)  # PyYAML's own reader checks every character here, libyaml's as it parses
    except yaml.reader.ReaderError as error:
        _forbidden_character(text, error, display, problems)
        return None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "the YAML cannot be read"
        if error.context:
            what = f"{error.context}, {what}"
        problems.error(
            display, line, col, f"invalid YAML: {what}",
            "check the indentation and quoting on this line and the one before",
        )
        return None
    except yaml.reader.ReaderError as error:
        _forbidden_character(text, error, display, problems)
        return None
    except yaml.YAMLError as error:  # pragma: no cover - every error of the parser is marked or a reader's
        problems.error(display, 1, 1, f"invalid YAML: {error}")
        return None
    except ValueError:  # PyYAML's own parser, where libyaml is absent, on an escape past U+10FFFF
        mark = cast(Any, loader).get_mark()
        problems.error(display, mark.line + 1, mark.column + 1, "invalid YAML: an escape here names no character",
                       "check the escapes (\\x, \\u, \\U) in the quoted text here: \\U0010FFFF is the highest")
        return None
    finally:
        loader.dispose()
    if node is None:
        return source
    converter = _Converter(source, problems, text)
    try:
        source.value = converter.convert(node, ())
    except _Stop as stop:
        problems.error(display, stop.mark[0], stop.mark[1], stop.message, stop.hint)
        return None
    return source
