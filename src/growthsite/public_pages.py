"""Which hand-written pages a careers build of the staff pages folder publishes: only those that say so.

The staff site's pages folder holds the trust's policies, the toolkit and whatever else staff write. A
public build that has no careers configuration of its own (``mkdocs.public.yml`` with its own pages folder)
publishes none of it by default: a page is published when its front matter says ``audience: public``, and a
file that is not a page (an image, a PDF) when a published page links to it or the configuration names it
(``extra_css``, ``extra_javascript``, the theme's logo and favicon). The MkDocs adapter asks this module.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.utils.meta import get_data

from .protected import CONFIGS, config_docs_dir, real

AUDIENCE = "audience"
PUBLIC = "public"
"""A page is published on such a build when its front matter holds ``audience: public``."""
HEAD_BYTES = 64 * 1024
"""How much of a page is read for its front matter: the block at its top, never the whole of a long page."""
SHOWN = 5
"""How many left-out pages the build's message names before it counts the rest."""
LINK_ATTRIBUTES = frozenset({"href", "src", "srcset", "data", "poster"})


def pages_need_marking(config_file: str, docs_dir: str) -> bool:
    """True unless the configuration is the careers site's own (``mkdocs.public.yml``) with a pages folder that
    is not the staff site's: a public build of the staff pages builds only the pages marked public."""
    if os.path.basename(config_file) != CONFIGS[1]:
        return True
    staff = os.path.join(os.path.dirname(os.path.abspath(config_file)), CONFIGS[0])
    return os.path.isfile(staff) and config_docs_dir(staff) == real(docs_dir)


def marked_public(path: str) -> bool:
    """True when the page at ``path`` starts with front matter (a ``---`` block) holding ``audience: public``.

    Read as MkDocs reads it (a safe YAML load); a page that cannot be read or parsed is not marked."""
    try:
        with open(path, "rb") as page:
            head = page.read(HEAD_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    _, meta = get_data(head.replace("\r\n", "\n").replace("\r", "\n"))  # as MkDocs reads text
    return meta.get(AUDIENCE) == PUBLIC


def configured(config: Any) -> set[str]:
    """The files of the pages folder the configuration itself names, which every page of the site uses."""
    named = [str(getattr(entry, "path", entry)) for entry in [*config.extra_css, *config.extra_javascript]]
    named += [str(config.theme.get(key)) for key in ("logo", "favicon") if config.theme.get(key)]
    return {posixpath.normpath(name.lstrip("/")) for name in named if "://" not in name}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value:
                if name == "srcset":
                    self.found += [part.split()[0] for part in value.split(",") if part.strip()]
                else:
                    self.found.append(value)


def linked(html: str, page_url: str) -> set[str]:
    """The site paths (``img/team.jpg``) that the links and images of a page's HTML point to, inside the site."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    found = set()
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    for target in parser.found:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
        found.add(posixpath.normpath(joined))
    return found


def left_out_message(pages: Iterable[str], files: int) -> str | None:
    """The build's one line about what it left out, naming the first few pages."""
    pages = sorted(pages)
    if not pages and not files:
        return None
    named = ", ".join(pages[:SHOWN]) + (f" and {len(pages) - SHOWN} more" if len(pages) > SHOWN else "")
    what = f"{len(pages)} page{'s' if len(pages) != 1 else ''} without {AUDIENCE}: {PUBLIC} in their front matter"
    other = f"{files} file{'s' if files != 1 else ''} no published page links to"
    if not files:
        return f"left out of the careers site {what}: {named}"
    if not pages:
        return f"left out of the careers site {other}"
    return f"left out of the careers site {what}: {named}; and {other}"
