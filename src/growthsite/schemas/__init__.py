"""The JSON Schemas of the data contract (draft 2020-12), shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("trust", "leadership", "activities", "pathways", "events", "portfolio")


@cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` (e.g. ``"portfolio"``), parsed once."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def path(name: str) -> str:
    """The file system path of a schema, for editors' ``$schema`` lines."""
    return str(resources.files(__package__).joinpath(f"{name}.schema.json"))
