"""A seeded mutator over the demo's data files: one change per case, of the kinds a hurried person, a
broken editor or a hostile one makes to a YAML file.

Each mutation takes the file's bytes and a ``random.Random`` and returns the new bytes with a short
description, so a failing case can be reproduced from its seed and number alone.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

Mutation = Callable[[bytes, random.Random], tuple[bytes, str]]

SIGNIFICANT = [":", ": ", "-", "- ", "?", "? ", "[", "]", "{", "}", ",", "#", " #", "&a ", "*a", "!", "|", ">",
               "'", '"', "%", "@", "`", "<<: ", "\\", "---", "...", "&", "*", "!!", "\n", "\n  ", "  "]
TAGS = ["!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!str", "!!binary", "!!set", "!!omap", "!!pairs",
        "!!seq", "!!map", "!!merge", "!!value", "!!yaml", "!!python/object/apply:os.system", "!local", "!",
        "!<tag:yaml.org,2002:int>", "!<tag:example.org,2000:x>", "!!python/name:os.system", "!e!x"]
VALUES = [
    "0x10", "0x_", "0b101", "0b_", "-0x_", "017", "09", "1:30", "1:30:45", "1:30.5", "190:20:30.15", "+1_000",
    "1" * 4_301, "9" * 101, "1" * 100, "-" + "7" * 4_400, "1." + "0" * 5_000, "1e999", "1.0e+999", "-1.0e+999",
    ".inf", "-.inf", ".nan", ".NaN", "._", "0.", "-0", "+0", "1_", "1__2", "1:" * 30 + "1",
    "2025-13-45", "2025-02-30", "0000-01-01", "9999-12-31", "2025-1-5", "2025-10-17T25:61:61Z",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2025-10-17T10:00:00+99:00", "1970-01-01",
    "yes", "No", "on", "OFF", "y", "n", "true", "False", "~", "null", "NULL", "", "''", '""', "[]", "{}", "[[]]",
    "{a: }", "[a, [b, [c]]]", "{a: {b: {c: d}}}", "- a", "&a [1, 2]", "*a", "*nope", "<<: *a", "'it''s'",
    '"\\u202e"', '"\\x00"', '"\\ud800"', '"\\U0010FFFF"', '"\\N\\_\\L\\P"', "|\n  block", ">-\n  folded",
    "|9\n  x", ">+\n", "|-", "? x", "-1", "-2024", "2024", "0", "1", "3.14", "-3.14", "1e5", "12:30", "=", "<<",
    "? ", "? [a]", "? {a: 1}",
]
UNICODE = ["\u202e", "\u2066", "\u200b", "\ufeff", "\x85", "\u2028", "\u2029", "\x00", "\x07", "\x1b", "\x7f",
           "\x9f", "\ufffe", "\uffff", "é", "e\u0301", "😀", "👩🏽‍🏫", "مرحبا", "שלום", "１２", "٣", "Ⅻ", "İ", "ß",
           "\U0001d7d9", "\u00a0", "\u3000", "\ud7ff", "\U000e0041", "\r", "\t", "\u0085x"]
RAW_BYTES = [b"\xe9", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x00", b"\r",
             b"\r\n", b"\xef\xbb\xbf"]
KEY = re.compile(rb"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_]*):( |$)")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def _enc(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _pick_line(data: bytes, rng: random.Random) -> tuple[list[bytes], int]:
    lines = _lines(data)
    return lines, rng.randrange(len(lines))


def _value_spot(line: bytes) -> int:
    """Where a line's value starts (after ``key: `` or ``- ``), else its first non-space."""
    match = KEY.match(line)
    if match:
        return match.end()
    stripped = line.lstrip(b" ")
    if stripped.startswith(b"- "):
        return len(line) - len(stripped) + 2
    return len(line) - len(stripped)


# -- one line ----------------------------------------------------------------------------------------------


def delete_char(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    text = lines[i].decode("utf-8", "surrogateescape")
    if not text:
        return data[: len(data) // 2], "cut in half (empty line picked)"
    j = rng.randrange(len(text))
    lines[i] = (text[:j] + text[j + 1:]).encode("utf-8", "surrogateescape")
    return _join(lines), f"line {i + 1}: deleted {text[j]!r} at {j + 1}"


def duplicate_char(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    text = lines[i].decode("utf-8", "surrogateescape")
    if not text:
        return data + data[:40], "first 40 bytes repeated at the end"
    j = rng.randrange(len(text))
    lines[i] = (text[: j + 1] + text[j:]).encode("utf-8", "surrogateescape")
    return _join(lines), f"line {i + 1}: doubled {text[j]!r} at {j + 1}"


def swap_chars(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    text = lines[i].decode("utf-8", "surrogateescape")
    if len(text) < 2:
        return delete_char(data, rng)
    j = rng.randrange(len(text) - 1)
    lines[i] = (text[:j] + text[j + 1] + text[j] + text[j + 2:]).encode("utf-8", "surrogateescape")
    return _join(lines), f"line {i + 1}: swapped columns {j + 1} and {j + 2}"


def insert_significant(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    j = rng.randint(0, len(lines[i]))
    what = rng.choice(SIGNIFICANT)
    lines[i] = lines[i][:j] + _enc(what) + lines[i][j:]
    return _join(lines), f"line {i + 1}: inserted {what!r} at byte {j + 1}"


def insert_tag(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    tag = rng.choice(TAGS)
    j = _value_spot(lines[i]) if rng.random() < 0.8 else len(lines[i]) - len(lines[i].lstrip(b" -"))
    lines[i] = lines[i][:j] + _enc(tag + " ") + lines[i][j:]
    return _join(lines), f"line {i + 1}: tag {tag} at byte {j + 1}"


def replace_value(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    j = _value_spot(lines[i])
    new = rng.choice(VALUES)
    if rng.random() < 0.2:
        new = f"{rng.choice(TAGS)} {new}"
    lines[i] = lines[i][:j] + _enc(new)
    return _join(lines), f"line {i + 1}: value {new[:40]!r}"


def replace_key(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    match = KEY.match(lines[i])
    key = rng.choice([v for v in VALUES if "\n" not in v and not v.startswith(("|", ">", "- ", "? "))])
    if match is None:
        lines[i] = _enc(key) + b": x"
    else:
        lines[i] = match.group(1) + _enc(key) + b":" + lines[i][match.end(2) + 1:]
    return _join(lines), f"line {i + 1}: key {key[:40]!r}"


def tabs(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    line = lines[i]
    indent = len(line) - len(line.lstrip(b" "))
    choice = rng.randrange(3)
    if choice == 0:
        lines[i] = b"\t" + line.lstrip(b" ")
    elif choice == 1:
        lines[i] = line[:indent] + b"\t" + line[indent:]
    else:
        lines[i] = line.replace(b": ", b":\t", 1)
    return _join(lines), f"line {i + 1}: tab ({choice})"


def deep_nesting(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    depth = rng.choice([39, 40, 41, 100, 5_000])
    shape = rng.randrange(3)
    if shape == 0:
        nested = "[" * depth + "]" * depth
    elif shape == 1:
        nested = "{a: " * depth + "x" + "}" * depth
    else:
        nested = "\n".join("  " * (n + 1) + f"k{n}:" for n in range(min(depth, 200))) + " x"
    j = _value_spot(lines[i])
    lines[i] = lines[i][:j] + _enc(nested if shape != 2 else "\n" + nested)
    return _join(lines), f"line {i + 1}: nested {depth} deep ({shape})"


def huge_number(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    digits = rng.choice([99, 100, 101, 4_300, 4_301, 50_000])
    number = rng.choice(["", "-", "0x", "0b", "0"]) + "1" * digits
    j = _value_spot(lines[i])
    lines[i] = lines[i][:j] + number.encode()
    return _join(lines), f"line {i + 1}: a number of {digits} digits"


def odd_unicode(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    j = rng.randint(0, len(lines[i]))
    if rng.random() < 0.3:
        raw = rng.choice(RAW_BYTES)
        lines[i] = lines[i][:j] + raw + lines[i][j:]
        return _join(lines), f"line {i + 1}: bytes {raw!r} at byte {j + 1}"
    what = rng.choice(UNICODE)
    lines[i] = lines[i][:j] + _enc(what) + lines[i][j:]
    return _join(lines), f"line {i + 1}: {what!r} at byte {j + 1}"


def truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randint(0, len(data))
    return data[:at], f"cut at byte {at}"


DATES = ["0001-01-01", "1900-01-01", "1999-12-31", "2000-02-29", "2024-02-29", "2026-11-23", "2026-11-24",
         "2026-11-25", "2099-12-31", "9999-12-31"]
YEARS = ["1999-00", "2000-01", "2025-26", "2026-27", "2098-99"]
WHOLE = ["0", "1", "-1", "2", "999999999", "1" * 30]
TEXTS = ["x", "<b>x</b>", "{{ 7*7 }}", "a" * 5_000, "مرحبا بالعالم", "😀" * 50, "\u202etext", "[a](javascript:x)",
         "'", "x: y", "- item", "# not a heading", "line one\nline two", " ", "null", "Ω" * 3, "<!-- c -->",
         "a | b", "`code`", "\\", "&amp;", "http://example.org/a b", "id-that-does-not-exist"]


def plausible_value(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A value swapped for another of the same kind (an edge date, a big count, odd but valid text), so that
    more cases pass validate and reach the model and the renderer."""
    lines = _lines(data)
    keyed = [n for n, line in enumerate(lines) if (m := KEY.match(line)) is not None and line[m.end():].strip()]
    if not keyed:
        return truncate(data, rng)
    i = rng.choice(keyed)
    match = KEY.match(lines[i])
    assert match is not None
    old = lines[i][match.end():].strip()
    if re.fullmatch(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}", old):
        new = rng.choice(DATES)
    elif re.fullmatch(rb"[0-9]{4}-[0-9]{2}", old):
        new = rng.choice(YEARS)
    elif re.fullmatch(rb"-?[0-9]+", old):
        new = rng.choice(WHOLE)
    else:
        new = json.dumps(rng.choice(TEXTS), ensure_ascii=rng.random() < 0.5)
    lines[i] = lines[i][: match.end()] + _enc(new)
    return _join(lines), f"line {i + 1}: value {new[:40]!r}"


# -- structure ---------------------------------------------------------------------------------------------


def delete_line(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    del lines[i]
    return _join(lines), f"line {i + 1} deleted"


def duplicate_line(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    lines.insert(i, lines[i])
    return _join(lines), f"line {i + 1} doubled"


def swap_lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return _join(lines), f"lines {i + 1} and {j + 1} swapped"


def indent(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines, i = _pick_line(data, rng)
    by = rng.choice([-4, -2, -1, 1, 2, 4])
    line = lines[i]
    lines[i] = b" " * by + line if by > 0 else line[min(-by, len(line) - len(line.lstrip(b" "))):]
    return _join(lines), f"line {i + 1} indented by {by}"


def duplicate_block(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A list item (or a key with what is under it) repeated: the same record twice, a key twice."""
    lines, i = _pick_line(data, rng)
    start = len(lines[i]) - len(lines[i].lstrip(b" "))
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(b" ")) > start):
        end += 1
    lines[end:end] = lines[i:end]
    return _join(lines), f"lines {i + 1}-{end} repeated"


def move_block(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    n = rng.randint(1, 6)
    block = lines[i: i + n]
    del lines[i: i + n]
    j = rng.randint(0, len(lines))
    lines[j:j] = block
    return _join(lines), f"lines {i + 1}-{i + n} moved to {j + 1}"


def swap_values(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Two keys' values exchanged: a date where text belongs, a list where a mapping does."""
    lines = _lines(data)
    keyed = [n for n, line in enumerate(lines) if KEY.match(line)]
    if len(keyed) < 2:
        return truncate(data, rng)
    a, b = rng.sample(keyed, 2)
    ka, kb = KEY.match(lines[a]), KEY.match(lines[b])
    assert ka is not None and kb is not None
    va, vb = lines[a][ka.end():], lines[b][kb.end():]
    lines[a], lines[b] = lines[a][: ka.end()] + vb, lines[b][: kb.end()] + va
    return _join(lines), f"values of lines {a + 1} and {b + 1} swapped"


def rename_key(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A key renamed to another key of the same file: a known key in the wrong place, or twice."""
    lines = _lines(data)
    keyed = [n for n, line in enumerate(lines) if KEY.match(line)]
    if len(keyed) < 2:
        return truncate(data, rng)
    a, b = rng.sample(keyed, 2)
    ka, kb = KEY.match(lines[a]), KEY.match(lines[b])
    assert ka is not None and kb is not None
    lines[a] = ka.group(1) + kb.group(2) + lines[a][ka.end(2):]
    return _join(lines), f"line {a + 1}: key renamed {kb.group(2).decode()!r}"


def reuse_with_aliases(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """An anchor on one value and an alias to it in place of another value."""
    lines = _lines(data)
    keyed = [n for n, line in enumerate(lines) if KEY.match(line)]
    if len(keyed) < 2:
        return truncate(data, rng)
    a, b = sorted(rng.sample(keyed, 2))
    ka, kb = KEY.match(lines[a]), KEY.match(lines[b])
    assert ka is not None and kb is not None
    lines[a] = lines[a][: ka.end()] + b"&x " + lines[a][ka.end():]
    lines[b] = lines[b][: kb.end()] + b"*x"
    return _join(lines), f"line {b + 1}: alias to line {a + 1}"


def whole_file(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """The file as a whole becomes something else."""
    choice = rng.randrange(10)
    if choice == 0:
        return b"", "emptied"
    if choice == 1:
        return b"# nothing here\n", "only a comment"
    if choice == 2:
        return b"- " + data.replace(b"\n", b"\n  "), "turned into a list"
    if choice == 3:
        return data.replace(b"\n", b"\r\n"), "CRLF line endings"
    if choice == 4:
        return b"\xef\xbb\xbf" + data, "a byte-order mark"
    if choice == 5:
        return data + b"\n---\n" + data, "two documents"
    if choice == 6:
        return data.replace(b"\n", b"\r"), "old Mac line endings (CR)"
    if choice == 7:
        return data.decode("utf-8", "replace").encode("utf-16"), "saved as UTF-16"
    if choice == 8:
        return data + data, "the file twice over"
    return b"just text\n", "a scalar, not a mapping"


MUTATIONS: tuple[Mutation, ...] = (
    delete_char, duplicate_char, swap_chars, insert_significant, insert_tag, replace_value, replace_key, tabs,
    deep_nesting, huge_number, odd_unicode, truncate, delete_line, duplicate_line, swap_lines, indent,
    duplicate_block, move_block, swap_values, rename_key, reuse_with_aliases, whole_file, plausible_value,
    plausible_value, plausible_value,
)


@dataclass(frozen=True)
class Case:
    number: int
    file: str
    """The data file changed, e.g. ``portfolios/aisha-rahman.yml``."""
    mutation: str
    what: str
    data: bytes

    def describe(self) -> str:
        return f"case {self.number}: {self.file}: {self.mutation}: {self.what}"


def case(seed: int, number: int, files: list[str], contents: dict[str, bytes]) -> Case:
    """The ``number``-th case of ``seed``: the same on every machine and every run."""
    rng = random.Random(f"{seed}/{number}")
    file = rng.choice(files)
    mutation = rng.choice(MUTATIONS)
    data, what = mutation(contents[file], rng)
    if rng.random() < 0.1:  # now and then a second change on top of the first
        second = rng.choice(MUTATIONS)
        data, more = second(data, rng)
        return Case(number, file, f"{mutation.__name__}+{second.__name__}", f"{what}; {more}", data)
    return Case(number, file, mutation.__name__, what, data)
