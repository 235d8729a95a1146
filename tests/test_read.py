"""The reader's guarantees, one by one, on real files."""

from __future__ import annotations

import time
from pathlib import Path

from growthsite.problems import Problems
from growthsite.read import MAX_ALIAS_NODES, parse_yaml, read_text, read_yaml


def read(tmp_path: Path, data: bytes | str) -> tuple[object, list[str]]:
    path = tmp_path / "x.yml"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    problems = Problems()
    source = read_yaml(str(path), "x.yml", problems)
    return (source.value if source else None), [p.format() for p in problems]


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    problems = Problems()
    source = parse_yaml("id: a\nroles:\n  - {title: T, from: 2021-09-01}\n", "x.yml", problems)
    assert source is not None
    assert source.at(("roles", 0, "from")) == (3, 22)  # "  - {title: T, from: " is 21 characters
    assert source.key_at(("roles",)) == (2, 1)
    assert source.at(("roles", 0, "missing", "deeper")) == (3, 5)  # nearest written parent


def test_dates_stay_text_and_retyped_scalars_are_recorded() -> None:
    problems = Problems()
    source = parse_yaml("d: 2025-10-17\nb: no\nf: 1.10\nt: 12:30\nq: 'no'\n", "x.yml", problems)
    assert source is not None
    assert source.value == {"d": "2025-10-17", "b": False, "f": 1.1, "t": 750, "q": "no"}
    assert source.raw == {("d",): "2025-10-17", ("b",): "no", ("f",): "1.10", ("t",): "12:30"}


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    value, problems = read(tmp_path, b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x\r\n")
    assert value == {"a": 1, "b": ["x"]}
    assert problems == []


def test_latin_1_is_an_error_at_the_byte(tmp_path: Path) -> None:
    value, problems = read(tmp_path, b"a: 1\nname: Ren\xe9e\n")
    assert value is None
    assert problems == [
        "x.yml:2:10: error: the file is not UTF-8 (byte 0xe9 here)\n"
        "  hint: save the file as UTF-8 (most editors offer it under 'Save with encoding')"
    ]


def test_fifty_megabytes_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1000 * 1000)
    problems = Problems()
    started = time.perf_counter()
    assert read_yaml(str(path), "big.yml", problems) is None
    assert time.perf_counter() - started < 1
    assert [p.message for p in problems] == ["the file is 50.0 MB; the limit is 1 MB"]


def test_billion_laughs_stops_at_the_bound(tmp_path: Path) -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    value, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert value is None
    assert len(problems) == 1
    assert f"YAML aliases here expand to more than {MAX_ALIAS_NODES} values" in problems[0]


def test_recursive_alias_terminates(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "a: &a [*a, *a]\n")
    assert value is None
    assert problems[0].startswith("x.yml:1:4: error: a YAML alias here refers to the value that contains it")


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "a: &s [x, y]\nb: *s\n")
    assert value == {"a": ["x", "y"], "b": ["x", "y"]}
    assert problems == []


def test_python_tags_never_construct(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    _, problems = read(tmp_path, f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert not marker.exists()
    assert problems[0].startswith("x.yml:1:4: error: the tag !!python/object/apply:os.system is not allowed")


def test_local_tags_and_merge_keys_are_errors(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: !secret x\nb: &m {c: 1}\nd:\n  <<: *m\n")
    assert [p.splitlines()[0] for p in problems] == [
        "x.yml:1:4: error: the tag !secret is not allowed",
        "x.yml:4:3: error: merge keys (<<) are not supported",
    ]


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "school: a\nname: n\nschool: b\n")
    assert value == {"school": "a", "name": "n"}
    assert problems[0].splitlines()[0] == (
        "x.yml:3:1: error: the key 'school' is written twice in this mapping (first at line 1)"
    )


def test_nonsense_keys(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "no: 1\n? [a]\n: 2\n")
    assert problems == [
        "x.yml:1:1: error: YAML reads the key no as false, not as a name\n"
        '  hint: keys are names such as title or school; put it in quotes to use it as a name: "no"',
        "x.yml:2:3: error: a key here is a list, not a name\n"
        "  hint: keys are names such as title or school",
    ]


def test_deep_nesting_is_bounded(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")
    assert value is None
    assert "nested more than" in problems[0]


def test_syntax_error_has_position(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\n  b: 2\n")
    assert problems[0].startswith("x.yml:2:4: error: invalid YAML: mapping values are not allowed in this context")


def test_two_documents_are_an_error(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\n---\nb: 2\n")
    assert problems[0].startswith("x.yml:2:1: error: invalid YAML: ")


def test_empty_file_is_none(tmp_path: Path) -> None:
    value, problems = read(tmp_path, "")
    assert value is None
    assert problems == []


def test_read_text_normalises_markdown(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"\xef\xbb\xbf# Hi\r\n\r\nthere\r\n")
    assert read_text(str(path), "x.md", Problems()) == "# Hi\n\nthere\n"
