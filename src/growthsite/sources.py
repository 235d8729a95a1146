"""Find a data folder's files and read every one of them, collecting all problems."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .problems import Problems
from .read import Source, read_text, read_yaml

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
    for entry in entries:
        display = f"portfolios/{entry}"
        fs_path = os.path.join(portfolio_dir, entry)
        stem, ext = os.path.splitext(entry)
        if ext == ".yml":
            source = read_yaml(fs_path, display, problems)
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
