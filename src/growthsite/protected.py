"""The places no command may write into or over: the data, the pages, the repository, growthsite itself.

``build`` and ``-o FILE`` check a path against these before writing anything, so a mistyped path can never
replace the portfolios, the framework, the pages or a repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml

from .read import MAX_BYTES
from .regular_file import NotRegular, TooLarge, read_regular

CONFIGS = ("mkdocs.yml", "mkdocs.public.yml")
"""The MkDocs configurations a project may hold: the staff site's and the careers site's."""
DEFAULT_DOCS = "docs"
"""MkDocs' pages folder when a configuration names none."""


@dataclass(frozen=True)
class Place:
    """A folder nothing may be written into or over, described for a CPD lead."""

    path: str
    """Its real path (symbolic links resolved)."""
    name: str
    """What it is, as a sentence says it: "the portfolios folder (portfolios/)"."""
    holds: str
    """What it holds, as "... would be lost" and "... must hold only ..." say it: "the portfolios"."""
    inside_ok: bool = False
    """True for a folder a site or a file may go inside (the project folder holds site/)."""


def real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def relation(path: str, folder: str) -> str | None:
    """"is", "inside" or "holds" when ``path`` is ``folder``, lies inside it or contains it (real paths)."""
    if path == folder:
        return "is"
    if folder.startswith(path.rstrip(os.sep) + os.sep):
        return "holds"
    if path.startswith(folder.rstrip(os.sep) + os.sep):
        return "inside"
    return None


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a mkdocs.yml whatever its tags (``!ENV``, ``!!python/name``): only plain keys are wanted."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_AnyTagLoader.add_multi_constructor("", _any_tag)


def _config_value(config: str, key: str, depth: int = 0) -> str | None:
    """``key`` of a MkDocs configuration, following ``INHERIT`` as MkDocs does; None when unreadable."""
    try:
        text = read_regular(config, MAX_BYTES).decode("utf-8")  # a pipe named mkdocs.yml must not hang us
        data = yaml.load(text, Loader=_AnyTagLoader)  # a SafeLoader that ignores tags
    except (OSError, NotRegular, TooLarge, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    value = data.get(key)
    if isinstance(value, str):
        return value
    parent = data.get("INHERIT")
    if isinstance(parent, str) and depth < 5:
        return _config_value(os.path.join(os.path.dirname(config), parent), key, depth + 1)
    return None


def config_docs_dir(config: str) -> str:
    """The real path of the pages folder (``docs_dir``) of the MkDocs configuration ``config``."""
    return real(os.path.join(os.path.dirname(config), _config_value(config, "docs_dir") or DEFAULT_DOCS))


def docs_dirs(project: str) -> list[str]:
    """The real paths of the pages folders of ``project``'s configurations (``docs_dir``)."""
    found = []
    for name in CONFIGS:
        config = os.path.join(project, name)
        if os.path.isfile(config):
            docs = config_docs_dir(config)
            if docs not in found:
                found.append(docs)
    return found


def repository_root(path: str) -> str | None:
    """The nearest folder at or above ``path`` holding ``.git``: the root of its git repository."""
    folder = real(path)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def package_dir() -> str:
    """growthsite's own program folder."""
    return real(os.path.dirname(__file__))


def data_places(data: str, docs: list[str]) -> list[Place]:
    """The data folder's framework/ and portfolios/, the pages folders and the repository's .git."""
    places = [
        Place(real(os.path.join(data, "framework")), "the framework folder (framework/)", "the trust's framework"),
        Place(real(os.path.join(data, "portfolios")), "the portfolios folder (portfolios/)", "the portfolios"),
    ]
    for folder in docs:
        places.append(Place(folder, f"the pages folder ({os.path.basename(folder)}/)", "the site's pages"))
    repo = repository_root(data)
    if repo is not None:
        places.append(Place(real(os.path.join(repo, ".git")), "the repository's .git folder",
                        "the repository's history"))
    places.append(Place(package_dir(), "growthsite's own program folder", "growthsite itself"))
    return places


def inside_git(path: str) -> bool:
    """True when the real ``path`` lies in (or is) a folder named .git: git's own files."""
    return ".git" in real(path).split(os.sep)
