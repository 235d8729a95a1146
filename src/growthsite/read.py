"""Read YAML into plain values, keeping where every key and value was written.

Safety first: files over a size bound, files that are not UTF-8, custom tags,
merge keys, duplicate keys and alias expansion past a small bound are problems
to report, never a crash or a hang. Dates stay strings ("2025-10-17") so the
schema, not YAML 1.1, decides what they are.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # the C parser is several times faster; fall back where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from . import bidi
from .problems import Problems

MAX_BYTES = 1_000_000
"""A portfolio is a few kilobytes; a megabyte is far past any real file."""
MAX_ALIAS_NODES = 1_000
"""Nodes that aliases may expand to in one file: enough for reuse, too few for a bomb."""
MAX_DEPTH = 40

Path = tuple[str | int, ...]
Mark = tuple[int, int]

_Y = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    _Y + "str", _Y + "null", _Y + "bool", _Y + "int", _Y + "float", _Y + "timestamp"
)
SEQ, MAP = _Y + "seq", _Y + "map"
_constructor = SafeConstructor()


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


class _Stop(Exception):
    """A problem that makes the rest of the file meaningless (bomb, depth)."""

    def __init__(self, mark: Mark, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, source: Source, problems: Problems) -> None:
        self.source = source
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
        tag = node.tag.replace(_Y, "!!")
        self.error(
            _mark(node),
            f"the tag {tag} is not allowed",
            "remove the tag: portfolio data is plain text, numbers, lists and mappings",
        )
        return None

    def scalar(self, node: yaml.ScalarNode, path: Path, alias: bool) -> Any:
        tag = node.tag
        if tag == STR:
            return node.value
        if not node.style and not alias:  # plain (C loader says "", Python None)
            self.source.raw[path] = node.value
        if tag == TIMESTAMP:
            return node.value  # dates stay text; the schema checks their form
        if tag == NULL:
            return None
        if tag == BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == INT:
            return _constructor.construct_yaml_int(node)
        if tag == FLOAT:
            return _constructor.construct_yaml_float(node)
        return self.bad_tag(node)

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int, alias: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            kmark = _mark(key_node)
            if key_node.tag == _Y + "merge":
                self.error(kmark, "merge keys (<<) are not supported", "write the keys out in full")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR, INT):
                shown = getattr(key_node, "value", "?") if isinstance(key_node, yaml.ScalarNode) else "?"
                self.error(
                    kmark,
                    f"the key {shown!r} is not a name",
                    "keys are names such as title or school; put a key YAML reads "
                    "as true, false or null in quotes",
                )
                continue
            key = str(key_node.value) if key_node.tag == STR else str(int(key_node.value))
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


def position(text: str | bytes, offset: int) -> Mark:
    """The 1-based line and column of ``offset`` in ``text``: for problems found outside the YAML parser."""
    before = text[:offset] if isinstance(text, str) else text[:offset].decode("latin-1")  # a char per byte
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _undecodable(data: bytes, error: UnicodeDecodeError) -> Mark:
    return position(data, error.start)


def read_text(fs_path: str, display: str, problems: Problems) -> str | None:
    """A data file's text, or None after reporting why it cannot be used.

    Guards shared by YAML and Markdown: the size bound, UTF-8 (a BOM is fine)
    and line endings (CRLF becomes LF).
    """
    try:
        size = os.path.getsize(fs_path)
        if size > MAX_BYTES:
            problems.error(
                display, 1, 1,
                f"the file is {size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB",
                "a data file holds one person or one part of the framework: split it or remove what "
                "does not belong",
            )
            return None
        with open(fs_path, "rb") as handle:
            data = handle.read()
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


def parse_yaml(text: str, display: str, problems: Problems) -> Source | None:
    """Parse YAML text already decoded; positions are reported against ``display``."""
    # A control is in the text, or may be written as an escape (\u202E) in a double-quoted string.
    controls = bidi.first(text) is not None or "\\u" in text or "\\U" in text
    source = Source(display, None, controls=controls)
    loader = _Loader(text)
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
    except yaml.YAMLError as error:  # pragma: no cover - unmarked reader errors
        problems.error(display, 1, 1, f"invalid YAML: {error}")
        return None
    finally:
        loader.dispose()
    if node is None:
        return source
    converter = _Converter(source, problems)
    try:
        source.value = converter.convert(node, ())
    except _Stop as stop:
        problems.error(display, stop.mark[0], stop.mark[1], stop.message, stop.hint)
        return None
    return source
