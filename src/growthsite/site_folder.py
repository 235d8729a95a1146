"""The site folder: replaced whole by every build, so only ever a folder growthsite made (or a new, empty one).

A build writes the site into a staging folder beside the site folder and swaps it in with one rename.
Every site gets a marker file, so the next build knows the folder is its own; a folder holding anything
else is refused, as are the data, the pages, the project, the repository, the home folder and ``/``.
Staging and old folders have names of ours (``.site.growthsite-staging-…``) and are cleared by the next
build, so a build that was killed leaves nothing that piles up or gets in the way.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass

from .files import umask
from .protected import Place, data_places, real, relation, repository_root

MARKER = ".growthsite-site"
"""The file in every site growthsite builds: the folder is growthsite's to replace."""
MARKER_TEXT = ("This folder is a site built by growthsite. The next growthsite build replaces everything in it,\n"
               "so keep nothing else here.\n")
"""Constant, so two builds of the same data stay byte for byte the same; it holds nothing about anyone."""
EARLIER_SITE = ("index.html", "404.html", "sitemap.xml", "assets/growthsite.css")
"""Files every site has that a growthsite from before the marker built: such a folder is replaced too."""
REPLACES = "a build replaces everything in its site folder"
LEFTOVER = r"\.{name}\.growthsite-(?:staging|old)-(?P<pid>\d+)-[A-Za-z0-9_]+"


class Refused(Exception):
    """The site folder may not be written: the message says which folder, why and what to do instead."""


@dataclass(frozen=True)
class Project:
    """What a build reads, so that its site can never be written over it."""

    folder: str
    """The folder holding mkdocs.yml."""
    data: str
    """The folder holding framework/ and portfolios/."""
    docs: list[str]
    """The real paths of the pages folders (docs_dir) of its configurations."""


def _places(project: Project) -> list[Place]:
    """Widest first, so that a folder holding several is described by the one that says most."""
    places = [Place(real(project.folder), "the project folder", "mkdocs.yml, the data and the pages",
                    inside_ok=True)]
    repo = repository_root(project.folder)
    if repo is not None:
        places.append(Place(repo, "the root of the git repository", "the whole repository", inside_ok=True))
    home = real(os.path.expanduser("~"))
    if home != os.sep:
        places.append(Place(home, "your home folder", "all your files", inside_ok=True))
    return places + data_places(project.data, project.docs)


def _why(target: str, project: Project) -> str | None:
    """Why the site may not go to ``target`` (a real path), or None when it may."""
    if target == os.sep:
        return "it is the root of the file system, which holds everything on this computer"
    places = _places(project)
    for place in places:
        if relation(target, place.path) == "is":
            return f"it is {place.name}, and {REPLACES}: {place.holds} would be lost"
    for place in places:
        if relation(target, place.path) == "holds":
            return f"it holds {place.name} ({place.path}), and {REPLACES}: {place.holds} would be lost"
    for place in places:
        if relation(target, place.path) == "inside" and not place.inside_ok:
            return f"it is inside {place.name}, which must hold only {place.holds}"
    if ".git" in target.split(os.sep):
        return "it is inside a .git folder, which only git may write"
    if os.path.exists(target) and not os.path.isdir(target):
        return "it is a file, not a folder"
    if os.path.isdir(target):
        if os.path.lexists(os.path.join(target, ".git")):
            return f"it holds a git repository (.git), and {REPLACES}: its history would be lost"
        if os.listdir(target) and not built_by_growthsite(target):
            return (f"it holds files growthsite did not write (a site growthsite built has a {MARKER} file), "
                    f"and {REPLACES}")
    return None


def built_by_growthsite(folder: str) -> bool:
    """True when the folder has the marker, or every file a site built before the marker has."""
    if os.path.isfile(os.path.join(folder, MARKER)):
        return True
    return all(os.path.isfile(os.path.join(folder, name)) for name in EARLIER_SITE)


def check(site_dir: str, project: Project, named: str, fix: str) -> str:
    """The real path to build into; :class:`Refused` if it is not a site folder of ours, new or empty.

    ``named`` says where the folder was given ("--site-dir portfolios"); ``fix`` what to do instead.
    """
    target = real(site_dir)
    why = _why(target, project)
    if why is not None:
        raise Refused(f"cannot build the site into {target} ({named}): {why}. {fix}; nothing was changed")
    return target


def _leftover(name: str) -> re.Pattern[str]:
    return re.compile(LEFTOVER.format(name=re.escape(name)))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # one build at a time in a process: its own earlier folders are leftovers
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except PermissionError:
        return True  # another user's process is running
    return True


def clear_leftovers(target: str) -> list[str]:
    """Remove the staging and old folders of earlier builds of ``target`` whose process has ended.

    Only folders beside ``target`` with our names for it are touched; a running build's are left alone.
    """
    parent, name = os.path.split(target)
    pattern = _leftover(name)
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for entry in sorted(os.listdir(parent)):
            found = pattern.fullmatch(entry)
            path = os.path.join(parent, entry)
            if found and not _running(int(found["pid"])) and os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def staging(target: str) -> str:
    """A new, empty folder beside ``target`` (on the same file system, so the swap is one rename)."""
    parent, name = os.path.split(target)
    os.makedirs(parent, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=f".{name}.growthsite-staging-{os.getpid()}-", dir=parent)
    os.chmod(folder, 0o777 & ~umask())  # a web server running as another user can read the site (mkdtemp: 0700)
    return folder


def put_in_place(built: str, target: str) -> None:
    """Mark the finished site and swap it in: a reader sees the old site or the new one, never half of one.

    On failure the previous site is put back where it was (the caller removes the new one).
    """
    with open(os.path.join(built, MARKER), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(MARKER_TEXT)
    parent, name = os.path.split(target)
    old = None
    if os.path.lexists(target):
        old = tempfile.mkdtemp(prefix=f".{name}.growthsite-old-{os.getpid()}-", dir=parent)
        os.replace(target, old)  # an empty folder of ours is replaced by the rename
    try:
        os.replace(built, target)
    except OSError:
        if old is not None:
            with contextlib.suppress(OSError):
                os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
