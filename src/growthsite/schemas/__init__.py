"""The JSON Schemas of the data contract (draft 2020-12), shipped with the package.

Schemas name each other by file name (``"$ref": "growth-cycle.schema.json"``), as
editors resolve them next to each other; the registry resolves them the same way.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from referencing import Registry, Resource

NAMES = ("trust", "leadership", "activities", "pathways", "events", "portfolio", "growth-cycle")
"""The data files' schemas; the toolkit's form schemas live under ``toolkit/``."""


@cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` (e.g. ``"portfolio"`` or ``"toolkit/growth-log"``), parsed once."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def registry() -> Registry[Any]:
    """Every data schema under its ``$id``, so ``$ref`` between files resolves offline."""
    return Registry().with_resources(
        (load(name)["$id"], Resource.from_contents(load(name))) for name in NAMES
    )


def path(name: str) -> str:
    """The file system path of a schema, for editors' ``$schema`` lines."""
    return str(resources.files(__package__).joinpath(f"{name}.schema.json"))
