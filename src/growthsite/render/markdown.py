"""User Markdown to HTML that cannot carry markup of its own.

Raw HTML in user text is shown as text (the HTML block and inline HTML
processors are removed), links survive only for http(s) and mailto, images
become their alt text (the site must never fetch from the internet), and
headings are demoted so a person's reflections never compete with the page title.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
HEADING_SHIFT = 2


def safe_url(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


class _Sanitise(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, el in enumerate(list(parent)):
                if el.tag == "img":
                    span = etree.Element("span")
                    span.text = el.get("alt", "")
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(index, span)
                elif el.tag == "a":
                    href = el.get("href", "")
                    if not safe_url(href):
                        el.tag = "span"
                        el.attrib.clear()
                    else:
                        el.set("rel", "nofollow noopener")
                elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    el.tag = f"h{min(int(el.tag[1]) + HEADING_SHIFT, 6)}"


class _SafeExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md), "growthsite-sanitise", 0)


def render_markdown(text: str | None) -> Markup:
    """Render a user's Markdown field; the result is safe to place in a page."""
    if not text:
        return Markup("")
    md = markdown.Markdown(extensions=[_SafeExtension(), "sane_lists"], output_format="html")
    return Markup(md.convert(text))
