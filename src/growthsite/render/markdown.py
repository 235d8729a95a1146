"""User Markdown to HTML that cannot carry markup of its own.

Raw HTML in user text is shown as text (the HTML block and inline HTML
processors are removed), links survive only for http(s) and mailto, images
become their alt text (the site must never fetch from the internet), and
headings are demoted so a person's reflections never compete with the page title. On a site that
hides hosts (the careers site hides the trust's intranet), a link to one of them becomes its text and an
address on one of them written out becomes "the staff intranet".
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..intranet import ADDRESS, HIDDEN, on_hosts

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
HEADING_SHIFT = 2


def safe_url(url: str) -> bool:
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


class _Sanitise(Treeprocessor):
    def __init__(self, md: markdown.Markdown, hidden_hosts: tuple[str, ...]) -> None:
        super().__init__(md)
        self.hidden_hosts = hidden_hosts

    def _hide(self, text: str | None) -> str | None:
        if not text or not self.hidden_hosts:
            return text
        return ADDRESS.sub(lambda m: HIDDEN if on_hosts(m.group(), self.hidden_hosts) else m.group(), text)

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            el.text, el.tail = self._hide(el.text), self._hide(el.tail)
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
                    if not safe_url(href) or on_hosts(href, self.hidden_hosts):
                        el.tag = "span"
                        el.attrib.clear()
                    else:
                        el.set("rel", "nofollow noopener")
                elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    el.tag = f"h{min(int(el.tag[1]) + HEADING_SHIFT, 6)}"


class _SafeExtension(markdown.Extension):
    def __init__(self, hidden_hosts: tuple[str, ...]) -> None:
        super().__init__()
        self.hidden_hosts = hidden_hosts

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Sanitise(md, self.hidden_hosts), "growthsite-sanitise", 0)


def render_markdown(text: str | None, hidden_hosts: tuple[str, ...] = ()) -> Markup:
    """Render a user's Markdown field; the result is safe to place in a page. ``hidden_hosts`` (lowercase host
    names, subdomains included) are never linked to or named."""
    if not text:
        return Markup("")
    md = markdown.Markdown(extensions=[_SafeExtension(hidden_hosts), "sane_lists"], output_format="html")
    return Markup(md.convert(text))
