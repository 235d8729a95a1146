"""Find a data folder's files and read every one of them, collecting all problems."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from dataclasses import dataclass, field

from .problems import Problem, Problems
from .read import Source, read_text, read_yaml
from .schema_check import passes

PARALLEL_FROM = 300
"""Portfolios: from here on reading them on every core pays for starting the workers."""
PARALLEL_BYTES = 4_000_000
"""Or this many bytes of portfolios in all: a few very long portfolios are worth the workers too."""

FRAMEWORK_FILES = ("trust", "leadership", "activities", "pathways", "events")
OPTIONAL = frozenset({"events"})


@dataclass
class Sources:
    """Everything read from a data folder, before any checking."""

    root: str
    framework: dict[str, Source] = field(default_factory=dict)
    portfolios: list[Source] = field(default_factory=list)
    reflections: dict[str, str] = field(default_factory=dict)
    """Person id → the Markdown of ``portfolios/<id>.md``."""


def read_sources(root: str, problems: Problems) -> Sources:
    """Read ``framework/*.yml`` and ``portfolios/*.{yml,md}`` under ``root``."""
    sources = Sources(root)
    framework_dir = os.path.join(root, "framework")
    if not os.path.isdir(framework_dir):
        problems.error(
            "framework", 1, 1, f"there is no framework/ folder in {os.path.abspath(root)}",
            "run the command in the folder that holds framework/ and portfolios/, or name it",
        )
        return sources
    for name in FRAMEWORK_FILES:
        display = f"framework/{name}.yml"
        fs_path = os.path.join(root, display)
        if not os.path.exists(fs_path):
            if name not in OPTIONAL:
                problems.error(display, 1, 1, f"{display} is missing", "see the data contract in the README")
            continue
        source = read_yaml(fs_path, display, problems)
        if source is not None:
            sources.framework[name] = source
    for entry in sorted(os.listdir(framework_dir)):
        stem, ext = os.path.splitext(entry)
        if ext in (".yml", ".yaml") and (stem not in FRAMEWORK_FILES or ext == ".yaml"):
            problems.error(
                f"framework/{entry}", 1, 1, f"framework/{entry} is not a framework file",
                f"the framework files are {', '.join(n + '.yml' for n in FRAMEWORK_FILES)}",
            )
    portfolio_dir = os.path.join(root, "portfolios")
    entries = sorted(os.listdir(portfolio_dir)) if os.path.isdir(portfolio_dir) else []
    ymls = {os.path.splitext(e)[0] for e in entries if e.endswith(".yml")}
    read = _read_all([(os.path.join(portfolio_dir, e), f"portfolios/{e}") for e in entries if e.endswith(".yml")])
    for entry in entries:
        display = f"portfolios/{entry}"
        fs_path = os.path.join(portfolio_dir, entry)
        stem, ext = os.path.splitext(entry)
        if ext == ".yml":
            source, found = read[display]
            problems.extend(found)
            if source is not None:
                sources.portfolios.append(source)
        elif ext == ".yaml":
            problems.error(display, 1, 1, "portfolio files end in .yml", f"rename it to {stem}.yml")
        elif ext == ".md":
            if stem not in ymls:
                problems.error(
                    display, 1, 1, f"reflections for {stem!r}, who has no portfolio",
                    f"add portfolios/{stem}.yml or rename this file after an existing person",
                )
                continue
            reflections = read_text(fs_path, display, problems)
            if reflections is not None:
                sources.reflections[stem] = reflections
    return sources


Read = tuple[Source | None, list[Problem]]


def _read_portfolios(files: list[tuple[str, str]]) -> list[tuple[str, Read]]:
    """Read and shape-check portfolios: the part of loading that is the same work for every file."""
    out = []
    for fs_path, display in files:
        problems = Problems()
        source = read_yaml(fs_path, display, problems)
        if source is not None and not source.damaged and passes(source.value, "portfolio"):
            source.shape = "portfolio"
        out.append((display, (source, problems.items)))
    return out


def _read_all(files: list[tuple[str, str]]) -> dict[str, Read]:
    """Every portfolio read, on every core for a large trust.

    Workers are forked, so only from a process with no other thread (``validate`` and ``build``; the
    live preview's rebuilds read in its own process, one file after another).
    """
    cores = min(os.cpu_count() or 1, 4)
    if ((len(files) < PARALLEL_FROM and _size(files) < PARALLEL_BYTES) or cores < 2
            or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods()):
        return dict(_read_portfolios(files))
    chunks = [files[i::cores * 2] for i in range(cores * 2)]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        found = {display: read for chunk in pool.map(_read_portfolios, chunks) for display, read in chunk}
    return {display: found[display] for _, display in files}  # in the order read one by one


def _size(files: list[tuple[str, str]]) -> int:
    """The files' bytes in all (a file that cannot be looked at counts nothing: reading it reports why)."""
    total = 0
    for fs_path, _ in files:
        with contextlib.suppress(OSError):
            total += os.stat(fs_path).st_size
    return total
