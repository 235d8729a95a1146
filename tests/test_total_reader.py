"""The total reader: every scalar and key YAML can express is read or reported at its place, and only
regular files are read, wherever growthsite reads a user's file.

Each finding of the outside testing is reproduced as it was found: ``validate`` on the demo's data with
one line of a portfolio changed (or one file swapped for a pipe or a link to a device).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from conftest import ROOT, TINY, overlay, run
from growthsite import read, regular_file, scalars
from growthsite.cli import main
from growthsite.problems import Problems
from growthsite.read import parse_yaml
from growthsite.regular_file import NotRegular, read_regular
from growthsite.table import read_table
from growthsite.toolkit import check_file
from growthsite.yaml_text import Refused, read_text_file

AISHA = "portfolios/aisha-rahman.yml"
PIPE_HINT = "  hint: " + regular_file.HINT


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo's data; each test changes one file and puts it back."""
    root = tmp_path_factory.mktemp("demo-data")
    for folder in ("framework", "portfolios"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def problems_of(output: str, path: str) -> list[str]:
    """The problems ``validate`` printed about ``path``, each with its hint lines."""
    found: list[str] = []
    for line in output.split("\n"):
        if line.startswith(f"{path}:"):
            found.append(line)
        elif line.startswith("  hint: ") and found and found[-1].startswith(path):
            found[-1] += "\n" + line
        elif line:
            found.append("")  # another file's problem or the summary: its hints are not ours
    return [p for p in found if p]


@contextlib.contextmanager
def changed(root: Path, path: str, number: int, line: str, drop: int = 0) -> Iterator[None]:
    """``path`` with line ``number`` (1-based) replaced by ``line`` and the ``drop`` lines after it removed."""
    target = root / path
    before = target.read_bytes()
    lines = before.decode("utf-8").split("\n")
    lines[number - 1: number + drop] = [line]
    target.write_bytes("\n".join(lines).encode("utf-8"))
    try:
        yield
    finally:
        target.write_bytes(before)


HUGE = "1" * 4_301
# (line 4 of the portfolio, pronouns: she/her, becomes ...) → what validate says about it.
FINDINGS = {
    "0x10: x": [
        f"{AISHA}:4:1: error: YAML reads the key 0x10 as the number 16, not as a name\n"
        "  hint: write the number as 16, or put the key in quotes to keep it as text"],
    "0b101: x": [
        f"{AISHA}:4:1: error: YAML reads the key 0b101 as the number 5, not as a name\n"
        "  hint: write the number as 5, or put the key in quotes to keep it as text"],
    "1:30: x": [
        f"{AISHA}:4:1: error: YAML reads the key 1:30 as the number 90, not as a name\n"
        "  hint: write the number as 90, or put the key in quotes to keep it as text"],
    f"pronouns: {HUGE}": [
        f"{AISHA}:4:11: error: YAML reads the unquoted 111111111111111111111111111111… (4,301 characters) as a "
        "number, but a number here has at most 100 characters\n"
        "  hint: shorten it, or put it in quotes to keep it as text"],
    f"? {HUGE}": [
        f"{AISHA}:4:3: error: YAML reads the unquoted 111111111111111111111111111111… (4,301 characters) as a "
        "number, but a number here has at most 100 characters\n"
        "  hint: shorten it, or put it in quotes to keep it as text"],
    "pronouns: !!float x": [
        f"{AISHA}:4:11: error: the tag !!float says 'x' is a number, but it is not one\n"
        "  hint: write a number such as 1.5 after the tag, or remove the tag"],
    "pronouns: !!int abc": [
        f"{AISHA}:4:11: error: the tag !!int says 'abc' is a whole number, but it is not one\n"
        "  hint: write a whole number such as 12 after the tag, or remove the tag"],
    "pronouns: !!bool maybe": [
        f"{AISHA}:4:11: error: the tag !!bool says 'maybe' is true or false, but it is neither\n"
        "  hint: write true or false after the tag, or remove the tag"],
    "pronouns: 0x_": [
        f"{AISHA}:4:11: error: YAML reads the unquoted 0x_ as a number, but it has no digits\n"
        '  hint: put it in quotes to keep it as text: "0x_"'],
}


@pytest.mark.parametrize("line", list(FINDINGS), ids=lambda line: line[:24])
def test_each_finding_is_an_error_at_its_place(demo: Path, line: str) -> None:
    assert (demo / AISHA).read_text("utf-8").split("\n")[3] == "pronouns: she/her"
    with changed(demo, AISHA, 4, line):
        result = invoke("validate", str(demo))
    assert result.exit_code == 1
    assert problems_of(result.output, AISHA) == FINDINGS[line]


def test_a_timestamp_tag_on_no_real_date_is_an_error(demo: Path) -> None:
    assert (demo / AISHA).read_text("utf-8").split("\n")[83] == "    outcome: >"
    with changed(demo, AISHA, 84, "    outcome: !!timestamp 2025-13-45", drop=1):  # the outcome on one line
        result = invoke("validate", str(demo))
    assert result.exit_code == 1
    assert problems_of(result.output, AISHA) == [
        f"{AISHA}:84:14: error: the tag !!timestamp says '2025-13-45' is a date, but there is no such date\n"
        "  hint: write a real date as YYYY-MM-DD, such as 2025-10-17, or remove the tag"]


@pytest.fixture(params=["libyaml", "pyyaml"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both of PyYAML's parsers: libyaml's, and its own where libyaml is absent. They report alike."""
    if request.param == "pyyaml":
        monkeypatch.setattr(read, "_Loader", yaml.SafeLoader)
    else:
        assert read._Loader is yaml.CSafeLoader
    return str(request.param)


def report(text: str) -> list[str]:
    problems = Problems()
    parse_yaml(text, "x.yml", problems)
    return [p.format() for p in problems]


def value(text: str) -> object:
    problems = Problems()
    source = parse_yaml(text, "x.yml", problems)
    assert not problems.items, [p.format() for p in problems]
    assert source is not None
    return source.value


@pytest.mark.parametrize(("text", "expected"), [
    ("a: !!null x\n", "x.yml:1:4: error: the tag !!null says this value is empty, but it holds 'x'\n"
                      "  hint: remove the tag, or the value after it"),
    ("a: !!timestamp soon\n", "x.yml:1:4: error: the tag !!timestamp says 'soon' is a date, but it is not written "
                              "as one\n  hint: write a real date as YYYY-MM-DD, such as 2025-10-17, or remove the tag"),
    ("a: !!timestamp 2025-01-01T10:00:00+99:00\n",
     "x.yml:1:4: error: the tag !!timestamp says '2025-01-01T10:00:00+99:00' is a date, but there is no such date "
     "and time\n  hint: write a real date as YYYY-MM-DD, such as 2025-10-17, or remove the tag"),
    ("a: &d !!timestamp 2025-02-30\n", "x.yml:1:4: error: the tag !!timestamp says '2025-02-30' is a date, but "
                                       "there is no such date\n  hint: write a real date as YYYY-MM-DD, such as "
                                       "2025-10-17, or remove the tag"),
    ("a: !!binary aGk=\n", "x.yml:1:4: error: the tag !!binary (data encoded as base64) is not allowed\n"
                           "  hint: write plain text, a list (- item) or a mapping (key: value), without the tag"),
    ("a: !!set {x, y}\n", "x.yml:1:4: error: the tag !!set (a set) is not allowed\n"
                          "  hint: write plain text, a list (- item) or a mapping (key: value), without the tag"),
    ("a: !!omap [x: 1]\n", "x.yml:1:4: error: the tag !!omap (an ordered mapping) is not allowed\n"
                           "  hint: write plain text, a list (- item) or a mapping (key: value), without the tag"),
    ("a: !!pairs [x: 1]\n", "x.yml:1:4: error: the tag !!pairs (a list of pairs) is not allowed\n"
                            "  hint: write plain text, a list (- item) or a mapping (key: value), without the tag"),
    ("a: !!str [x]\n", "x.yml:1:4: error: the tag !!str is for text, but here it marks a list\n"
                       "  hint: remove the tag"),
    ("a: !!int {x: 1}\n", "x.yml:1:4: error: the tag !!int is for a whole number, but here it marks a mapping\n"
                          "  hint: remove the tag"),
    ("a: !!seq x\n", "x.yml:1:4: error: the tag !!seq is for a list, but here it marks a single value\n"
                     "  hint: remove the tag"),
    ("a: !!float 1e\n", "x.yml:1:4: error: the tag !!float says '1e' is a number, but it is not one\n"
                        "  hint: write a number such as 1.5 after the tag, or remove the tag"),
    ("a: !!int 09\n", "x.yml:1:4: error: the tag !!int says '09' is a whole number, but it is not one\n"
                      "  hint: write a whole number such as 12 after the tag, or remove the tag"),
    ("a: .inf\n", "x.yml:1:4: error: YAML reads the unquoted .inf as infinity, which no value here can be\n"
                  '  hint: put it in quotes to keep it as text: ".inf"'),
    ("a: .NaN\n", "x.yml:1:4: error: YAML reads the unquoted .NaN as not a number (NaN), which no value here can be\n"
                  '  hint: put it in quotes to keep it as text: ".NaN"'),
    ("a: 1.0e+999\n", "x.yml:1:4: error: YAML reads the unquoted 1.0e+999 as a number too large to use, which no "
                      'value here can be\n  hint: put it in quotes to keep it as text: "1.0e+999"'),
    ("a: -0b_\n", "x.yml:1:4: error: YAML reads the unquoted -0b_ as a number, but it has no digits\n"
                  '  hint: put it in quotes to keep it as text: "-0b_"'),
    ("a: " + "1:" * 60 + "1\n", "x.yml:1:4: error: YAML reads the unquoted 1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:… "
                                "(121 characters) as a number, but a number here has at most 100 characters\n"
                                "  hint: shorten it, or put it in quotes to keep it as text"),
    ("~: x\n", "x.yml:1:1: error: YAML reads the key ~ as empty (null), not as a name\n"
               '  hint: keys are names such as title or school; put it in quotes to use it as a name: "~"'),
    ("1.5: x\n", "x.yml:1:1: error: YAML reads the key 1.5 as the number 1.5, not as a name\n"
                 '  hint: keys are names such as title or school; put it in quotes to use it as a name: "1.5"'),
    ("2025-10-17: x\n", "x.yml:1:1: error: YAML reads the key 2025-10-17 as a date, not as a name\n"
                        "  hint: keys are names such as title or school; put it in quotes to use it as a name: "
                        '"2025-10-17"'),
    ("010: x\n", "x.yml:1:1: error: YAML reads the key 010 as the number 8, not as a name\n"
                 "  hint: write the number as 8, or put the key in quotes to keep it as text"),
    ("!!bool maybe: x\n", "x.yml:1:1: error: the tag !!bool says 'maybe' is true or false, but it is neither\n"
                          "  hint: write true or false after the tag, or remove the tag"),
    ("? {a: 1}\n: x\n", "x.yml:1:3: error: a key here is a mapping, not a name\n"
                        "  hint: keys are names such as title or school"),
    ("? \n: x\n", "x.yml:1:2: error: a key here has no name\n"
                "  hint: write a name such as title or school before the colon"),
    ("title: =\n", "x.yml:1:8: error: YAML reads the unquoted = as a marker of its own (for default values), not as "
                   'text\n  hint: put it in quotes to keep it as text: "="'),
    ("a: [<<]\n", "x.yml:1:5: error: YAML reads the unquoted << as a marker of its own (for merging mappings), not "
                  'as text\n  hint: put it in quotes to keep it as text: "<<"'),
    ("=: x\n", "x.yml:1:1: error: YAML reads the unquoted = as a marker of its own (for default values), not as "
               'text\n  hint: put it in quotes to keep it as text: "="'),
    ("a: !!value x\n", "x.yml:1:4: error: the tag !!value is not allowed\n"
                       "  hint: remove the tag: portfolio data is plain text, numbers, lists and mappings"),
])
def test_every_unreadable_scalar_and_key_is_reported(parser: str, text: str, expected: str) -> None:
    assert report(text) == [expected]


def test_what_yaml_can_read_is_read(parser: str) -> None:
    assert value(
        "a: [0x1F, 0b101, 017, 1:30, -1_000, 1:30.5, 1.5e+3, .5, !!float 1, !!float 1e5, !!int '12', !!bool 'yes',\n"
        "    !!null '', !!str 12, !!timestamp 2025-10-17, ~, Off]\n"
        "2024: decimal keys name levels\n"
    ) == {"a": [31, 5, 15, 90, -1000, 90.5, 1500.0, 0.5, 1.0, 100000.0, 12, True, None, "12", "2025-10-17", None,
                False],
          "2024": "decimal keys name levels"}


def test_plain_dates_stay_text_for_the_schema_to_check() -> None:
    assert value("a: 2025-13-45\nb: &d 2025-02-30\n") == {"a": "2025-13-45", "b": "2025-02-30"}


def test_an_alias_of_an_unreadable_value_is_reported_once(parser: str) -> None:
    assert report("a: &x 0x_\nb: *x\n") == [
        'x.yml:1:4: error: YAML reads the unquoted 0x_ as a number, but it has no digits\n'
        '  hint: put it in quotes to keep it as text: "0x_"']


@pytest.mark.parametrize(("text", "expected"), [
    ("id: a\nname: b\x1bc\n", "x.yml:2:8: error: the file holds a control character (U+001B) here, which YAML does "
                              "not allow\n  hint: delete it: most editors do not show it, so retype the text "
                              "around it"),
    ("é😀: x\na: b\x00\n", "x.yml:2:5: error: the file holds a control character (U+0000) here, which YAML does "
                          "not allow\n  hint: delete it: most editors do not show it, so retype the text around it"),
    ("a: x\ufffe\n", "x.yml:1:5: error: the file holds the character U+FFFE here, which YAML does not allow\n"
                     "  hint: delete it"),
])
def test_characters_yaml_refuses_are_reported_where_an_editor_shows_them(parser: str, text: str,
                                                                           expected: str) -> None:
    assert report(text) == [expected]


def test_escapes_of_no_character_are_reported_by_either_parser(parser: str) -> None:
    """libyaml refuses them as it parses; PyYAML's own parser needs the reader's help."""
    lone = report('a: "\\ud800"\n')
    past = report('a: "x\\U00110000"\n')
    if parser == "pyyaml":
        assert lone == ["x.yml:1:4: error: an escape in this text names half of a character (a surrogate), which no "
                        "file can hold\n  hint: write the character itself instead of its escape"]
        assert past == ["x.yml:1:8: error: invalid YAML: an escape here names no character\n"
                        "  hint: check the escapes (\\x, \\u, \\U) in the quoted text here: \\U0010FFFF is the highest"]
    else:
        refused = "error: invalid YAML: while parsing a quoted scalar, found invalid Unicode character escape code"
        assert [p.splitlines()[0] for p in lone + past] == [f"x.yml:1:7: {refused}", f"x.yml:1:8: {refused}"]


# -- only regular files ------------------------------------------------------------------------------------------


def validate_without_hanging(root: Path, pipe: Path) -> Result:
    """``validate`` in a thread; if it hangs on the pipe, opening the pipe's other end sets it free."""
    results: list[Result] = []
    worker = threading.Thread(target=lambda: results.append(invoke("validate", str(root))), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():
        with contextlib.suppress(OSError):
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=20)
        pytest.fail("validate waited on the named pipe")
    return results[0]


def test_a_named_pipe_among_the_portfolios_is_refused_without_waiting(demo: Path) -> None:
    pipe = demo / "portfolios" / "x.yml"
    os.mkfifo(pipe)
    try:
        result = validate_without_hanging(demo, pipe)
    finally:
        pipe.unlink()
    assert result.exit_code == 1
    assert problems_of(result.output, "portfolios/x.yml") == [
        "portfolios/x.yml:1:1: error: this is not a regular file: it is a named pipe (FIFO)\n" + PIPE_HINT]


@pytest.mark.parametrize("name", ["framework/events.yml", "portfolios/aisha-rahman.md"])
def test_a_named_pipe_as_a_framework_file_or_reflections_is_refused(demo: Path, name: str) -> None:
    path = demo / name
    before = path.read_bytes() if path.exists() else None
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    try:
        result = validate_without_hanging(demo, path)
    finally:
        path.unlink()
        if before is not None:
            path.write_bytes(before)
    assert problems_of(result.output, name) == [
        f"{name}:1:1: error: this is not a regular file: it is a named pipe (FIFO)\n" + PIPE_HINT]


def test_a_link_to_dev_zero_is_refused_before_reading(demo: Path) -> None:
    link = demo / "portfolios" / "x.yml"
    link.symlink_to("/dev/zero")
    try:
        result = invoke("validate", str(demo))
    finally:
        link.unlink()
    assert result.exit_code == 1
    assert problems_of(result.output, "portfolios/x.yml") == [
        "portfolios/x.yml:1:1: error: this is not a regular file: it is a link to /dev/zero, which is a device\n"
        + PIPE_HINT]


def test_a_folder_named_like_a_portfolio_is_refused(demo: Path) -> None:
    folder = demo / "portfolios" / "x.yml"
    folder.mkdir()
    try:
        result = invoke("validate", str(demo))
    finally:
        folder.rmdir()
    assert problems_of(result.output, "portfolios/x.yml") == [
        "portfolios/x.yml:1:1: error: this is not a regular file: it is a folder\n" + PIPE_HINT]


def test_a_link_to_a_regular_file_is_read(demo: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.yml"
    shutil.copyfile(demo / AISHA, real)
    original = (demo / AISHA).read_bytes()
    (demo / AISHA).unlink()
    (demo / AISHA).symlink_to(real)
    try:
        result = invoke("validate", str(demo))
    finally:
        (demo / AISHA).unlink()
        (demo / AISHA).write_bytes(original)
    assert result.exit_code == 0, result.output
    assert problems_of(result.output, AISHA) == []


def test_read_regular_never_reads_past_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: 1\n" * 10)
    assert read_regular(str(path), 50) == b"a: 1\n" * 10
    with pytest.raises(regular_file.TooLarge) as large:
        read_regular(str(path), 49)
    assert large.value.size == 50


def test_every_reader_of_a_users_file_refuses_a_pipe(tmp_path: Path) -> None:
    """Import tables, check-form files and the text editors of retention, import and new event."""
    for name in ("rows.csv", "rows.xlsx", "form.yml", "events.yml"):
        os.mkfifo(tmp_path / name)
    problems = Problems()
    assert read_table(str(tmp_path / "rows.csv"), "rows.csv", ["person"], ["person"], problems) is None
    assert read_table(str(tmp_path / "rows.xlsx"), "rows.xlsx", ["person"], ["person"], problems) is None
    assert check_file(str(tmp_path / "form.yml"), (), problems) is None
    with pytest.raises(Refused) as refused:
        read_text_file(str(tmp_path / "events.yml"))
    assert str(refused.value) == "this is not a regular file: it is a named pipe (FIFO)"
    assert [p.format() for p in problems] == [
        f"{path}:1:1: error: this is not a regular file: it is a named pipe (FIFO)\n{PIPE_HINT}"
        for path in sorted(["rows.csv", "rows.xlsx", str(tmp_path / "form.yml")])
    ]


def test_a_device_and_a_socket_are_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(NotRegular) as refused:
        read_regular("/dev/null", 10)
    assert str(refused.value) == "this is not a regular file: it is a device"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "s.yml"))
        with pytest.raises(NotRegular) as refused:
            read_regular(str(tmp_path / "s.yml"), 10)
    assert str(refused.value) == "this is not a regular file: it is a socket"


def test_a_named_pipe_among_the_pages_fails_the_build_instead_of_hanging_it(tmp_path: Path) -> None:
    data = overlay(TINY, tmp_path / "empty-case", tmp_path / "tiny")
    os.mkfifo(data / "content" / "stuck.md")
    result = run("build", str(data), "--site-dir", str(tmp_path / "site"), timeout=60)
    assert result.returncode == 1
    assert "content/stuck.md:1:1: error: this is not a regular file: it is a named pipe (FIFO)\n" + PIPE_HINT \
        in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_every_scalar_of_number_like_characters_is_read_or_unreadable() -> None:
    """Totality of the scalar reader: 20,000 seeded strings of the characters numbers, dates and booleans are
    made of, under every type and both ways of getting it, give a value or a reason, never another error."""
    rng = random.Random(5)
    alphabet = "0123456789_:.+-eExXbBoO~nNaAiIfFtTyYsSlL \t\n"
    outcomes = {"read": 0, "unreadable": 0}
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        for tag in sorted(scalars.SCALAR_TAGS):
            for plain in (True, False):
                try:
                    scalars.value(tag, text, plain)
                    outcomes["read"] += 1
                except scalars.Unreadable as unreadable:
                    assert unreadable.message and unreadable.hint
                    outcomes["unreadable"] += 1
    assert min(outcomes.values()) > 10_000


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_named_pipe_as_mkdocs_yml_is_refused_instead_of_waiting(tmp_path: Path, command: str) -> None:
    data = overlay(TINY, tmp_path / "empty-case", tmp_path / "tiny")
    (data / "mkdocs.yml").unlink()
    os.mkfifo(data / "mkdocs.yml")
    result = run(command, str(data), timeout=60)
    assert result.returncode == 2
    assert result.stderr.endswith(f"Error: {data}/mkdocs.yml: this is not a regular file: it is a named pipe (FIFO)\n")
