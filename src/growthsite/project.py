"""Load a data folder: read everything, check everything, then (only if clean) model it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .build_model import build_model
from .check import Known, check
from .dates import today as default_today
from .model import Model
from .problems import Problems
from .sources import Sources, read_sources


@dataclass(frozen=True)
class Loaded:
    model: Model | None
    """None when there is any error: nothing may be built from bad data."""
    problems: Problems
    sources: Sources | None = None
    """What was read, with every value's position (for reports that point at lines)."""
    known: Known | None = None
    """The ids references resolve to (for checking records that are not in a file yet)."""


def load(root: str, today: dt.date | None = None, model: bool = True) -> Loaded:
    """Read and check everything under ``root``; model it only if there is no error (and ``model`` is asked:
    ``validate`` needs the problems alone)."""
    today = today or default_today()
    problems = Problems()
    sources = read_sources(root, problems)
    known = check(sources, problems, today)
    if problems.errors or not model:
        return Loaded(None, problems, sources, known)
    return Loaded(build_model(sources, today), problems, sources, known)
