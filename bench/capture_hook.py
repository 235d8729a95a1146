"""A MkDocs hook for the benchmark's baseline: write every page as static Markdown, as the build saw it.

Loaded with ``hooks:`` into a growthsite build, it runs after every other plugin (macros and growthsite
included), so what it writes is each page's final Markdown with its front matter (for a page growthsite
renders whole, which has no Markdown, its HTML); files growthsite generates that are not pages
(stylesheet, script, toolkit downloads) are written as they are. Plain MkDocs can then build the same
pages without growthsite.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import event_priority

from growthsite.site import BODY

OUT = Path(os.environ.get("GROWTHSITE_BENCH_CAPTURE", "baseline-docs"))
KEEP = ("title", "description", "hide")


_markdown: dict[str, str] = {}


@event_priority(-1000)
def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    _markdown[page.file.src_uri] = markdown
    return markdown


@event_priority(-1000)
def on_page_content(html: str, page: Any, **_: Any) -> str:
    """A page growthsite renders whole has one placeholder for Markdown: its static page is the HTML."""
    markdown = _markdown.pop(page.file.src_uri)
    body = html if BODY in markdown else markdown
    meta = {key: page.meta[key] for key in KEEP if key in page.meta}
    if page.title and "title" not in meta:
        meta["title"] = page.title
    meta["render_macros"] = False  # already rendered: the baseline's macros plugin must not run it again
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body,
                      "utf-8")
    return html


def on_files(files: Any, **_: Any) -> Any:
    for file in files:
        if file.generated_by and not file.src_uri.endswith(".md"):
            target = OUT / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    return files
