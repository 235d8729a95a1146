"""Problems found in the data, collected across every file and reported once."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth knowing) at a place in a file.

    ``line`` and ``col`` are 1-based, as editors show them.
    """

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return head if not self.hint else f"{head}\n  hint: {self.hint}"


@dataclass
class Problems:
    """A collector: readers and checkers add to it and never stop at the first problem."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(path, line, col, message, hint, "error"))

    def warning(self, path: str, line: int, col: int, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(path, line, col, message, hint, "warning"))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def errors_only(self) -> Problems:
        """The errors alone: what stops a command that changes files (the data's warnings are validate's)."""
        return Problems(list(self.errors))

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        """File order, then position: the order a person fixes them in."""
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.col, p.message))


def summary(problems: Problems) -> str:
    e, w = len(problems.errors), len(problems.warnings)
    parts = [f"{e} error{'s' if e != 1 else ''}", f"{w} warning{'s' if w != 1 else ''}"]
    return ", ".join(parts)


def report_text(problems: Problems) -> str:
    lines = [p.format() for p in problems]
    lines.append(summary(problems))
    return "\n".join(lines)


def report_json(problems: Problems) -> str:
    return json.dumps(
        {
            "errors": len(problems.errors),
            "warnings": len(problems.warnings),
            "problems": [asdict(p) for p in problems],
        },
        indent=2,
    )
