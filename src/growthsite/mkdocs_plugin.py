"""The MkDocs adapter: wires MkDocs events to the engine and does nothing else.

Loads and checks the data once per build (cached by file stamps for ``serve``),
fails the build with the full problem report, adds the generated pages in
memory and outside the nav, sets person page titles after macros ran, puts the
link to the accessibility statement in every page's footer, and has Material's own
markup repaired (material_html).
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, is_error_template

from . import bidi, material_html, public_pages
from .audience import Audience
from .preview import Preview
from .problems import report_text
from .regular_file import not_regular
from .render import Links
from .site import ACCESSIBILITY_PAGE, BODY, WATCHED, Site, load_cached
from .transaction import Unrecoverable, recover

CSS = "assets/growthsite.css"
FIRST_HEADING = re.compile(r'(?P<tag><h1)\b[^>]*?(?:\bid="(?P<id>[^"]*)"[^>]*)?>')
SKIP_TARGET = "gs-main"
"""The id given to a generated page's heading, for the skip link."""
JS = "assets/growthsite.js"

log = logging.getLogger("mkdocs.plugins.growthsite")


def _prune_nav(nav: Any, dropped: frozenset[str]) -> Any:
    """The nav without entries for generated pages this audience does not have (e.g. the dashboard
    on the public site), so one mkdocs.yml serves both builds in strict mode."""
    if nav is None or not dropped:
        return nav
    kept = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            value = _prune_nav(value, dropped)
            if value:
                kept.append({next(iter(item)): value})
        elif value not in dropped:
            kept.append(item)
    return kept


class GrowthsiteConfig(Config):
    data_dir = c.Optional(c.Type(str))
    """The folder holding framework/ and portfolios/; default: the folder of mkdocs.yml."""
    audience = c.Choice(("staff", "public"), default="staff")
    templates = c.Optional(c.Type(str))
    """A folder of templates overriding the package's own (person.html, people.html ...)."""


class GrowthsitePlugin(BasePlugin[GrowthsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.titles: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        self.statement_url: str | None = None
        """The accessibility statement's URL in the site (``accessibility/``), which every footer links to."""
        self.bodies: dict[str, tuple[str, tuple[str, ...]]] = {}
        """Generated page → (renderer method, ids) of its HTML, put in after Markdown has run."""
        self.preview: Preview | None = None
        """Set while serving: bad data then shows the last good data and a banner instead of failing the build."""
        self.left_out: list[str] = []
        """Hand-written pages a public build of the staff pages folder left out (public_pages)."""
        self.published: set[str] | None = None
        """On such a build, the hand-written pages it publishes; None when every page of the folder is built."""
        self.unlinked: list[File] = []
        """On such a build, the files that are not pages, published only if a published page links to them."""
        self.linked: set[str] = set()
        self.left_out_files = 0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.preview = Preview() if command == "serve" else None

    def on_shutdown(self) -> None:
        self.preview = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site, self.titles, self.descriptions, self.bodies = None, {}, {}, {}  # serve reuses the plugin
        self.left_out, self.published, self.unlinked, self.linked, self.left_out_files = [], None, [], set(), 0
        self.statement_url = None
        self._require_safe_macros(config)
        base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        root = os.path.join(base, self.config.data_dir or "")
        try:
            done = recover(root)  # a write a killed command left half done: finished or undone before reading
        except Unrecoverable as error:
            raise PluginError(report_text(error.problems)) from None
        if done:
            log.info("growthsite: %s", done)
        loaded = load_cached(root)
        if loaded.model is None and self.preview is None:
            raise PluginError("the data has problems; nothing was built\n" + report_text(loaded.problems))
        if self.preview is not None:
            loaded = self.preview.usable(root, loaded)
        overrides = (os.path.join(base, self.config.templates),) if self.config.templates else ()
        audience: Audience = "public" if self.config.audience == "public" else "staff"
        self.site = Site(loaded, audience, config.use_directory_urls, overrides) if loaded.model is not None else None
        for folder in WATCHED:
            path = os.path.join(root, folder)
            if os.path.isdir(path) and path not in config.watch:
                config.watch.append(path)
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        if JS not in config.extra_javascript:
            config.extra_javascript.append(JS)
        if self.site is not None:
            config.nav = _prune_nav(config.nav, self.site.missing())
        else:  # serving with no good data yet: the generated pages that the nav and the pages link to are missing
            config.validation.nav.not_found = config.validation.links.not_found = logging.DEBUG
        return config

    @staticmethod
    def _require_safe_macros(config: MkDocsConfig) -> None:
        macros = config.plugins.get("macros")
        if macros is None:
            raise PluginError("growthsite needs the macros plugin: add '- macros' to plugins in mkdocs.yml")
        settings: dict[str, Any] = dict(macros.config)
        if not settings.get("on_error_fail") or settings.get("on_undefined") != "strict":
            raise PluginError(
                "set 'on_error_fail: true' and 'on_undefined: strict' under the macros plugin in "
                "mkdocs.yml: otherwise a broken macro publishes its error into the page and the build "
                "still succeeds"
            )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = os.path.basename(config.docs_dir)
        strays = not_regular((posixpath.join(docs, f.src_uri), f.abs_src_path) for f in files
                             if f.src_dir == config.docs_dir and f.abs_src_path)
        if strays.errors:  # MkDocs would wait on a pipe for ever, or read a link to /dev/zero until memory ran out
            raise PluginError("some pages cannot be read; nothing was built\n" + report_text(strays))
        if self.config.audience == "public" and public_pages.pages_need_marking(
                config.config_file_path or "mkdocs.yml", config.docs_dir):
            self._only_marked_pages(files, config)
        if self.site is None:  # serving, and the data has had errors from the start: the hand-written pages
            files.append(File.generated(config, CSS, content=Site.stylesheet()))
            files.append(File.generated(config, JS, content=Site.script()))
            return files
        for file in [f for f in files if f.src_uri in self.site.missing()]:
            files.remove(file)  # a staff page written by hand (the toolkit, say) stays off the careers site
        existing = {f.src_uri for f in files}
        for page in self.site.pages(existing):
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.source, inclusion=inclusion))
            if page.title is not None:
                self.titles[page.path] = page.title
            if page.description is not None:
                self.descriptions[page.path] = page.description
            if page.body is not None:
                self.bodies[page.path] = page.body
        for path, content in self.site.files():
            files.append(File.generated(config, path, content=content))
        statement = files.get_file_from_path(Links.ACCESSIBILITY) or files.get_file_from_path(ACCESSIBILITY_PAGE)
        self.statement_url = statement.url if statement is not None else None
        files.append(File.generated(config, CSS, content=self.site.stylesheet()))
        files.append(File.generated(config, JS, content=self.site.script()))
        return files

    def _only_marked_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Deny by default: a public build of the staff pages folder keeps only the pages marked
        ``audience: public``; its other files wait for on_env, which keeps those a kept page links to."""
        ours = [f for f in files if f.src_dir == config.docs_dir and f.abs_src_path]
        pages = [f for f in ours if f.is_documentation_page()]
        self.published = {f.src_uri for f in pages if public_pages.marked_public(f.abs_src_path or "")}
        named = public_pages.configured(config)
        self.unlinked = [f for f in ours if not f.is_documentation_page() and f.src_uri not in named]
        staff_only = self.site.missing() if self.site is not None else frozenset()  # removed anyway, unnamed
        self.left_out = sorted(f.src_uri for f in pages if f.src_uri not in self.published | staff_only)
        for file in pages:
            if file.src_uri not in self.published:
                files.remove(file)
        config.nav = _prune_nav(config.nav, frozenset(f.src_uri for f in pages) - self.published)
        if self.left_out:
            log.info("growthsite: %s", public_pages.left_out_message(self.left_out, 0))

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """On a public build of the staff pages folder, the files no published page links to are left out
        (MkDocs copies them after this)."""
        unlinked = [f for f in self.unlinked if unquote(f.url) not in self.linked]
        for file in unlinked:
            files.remove(file)
        self.left_out_files = len(unlinked)
        return env

    def left_out_message(self) -> str | None:
        """The one line a public build of the staff pages says about the pages and files it left out."""
        return public_pages.left_out_message(self.left_out, self.left_out_files)

    @event_priority(-100)  # after macros: a title set here is never rendered as a template
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        name = self.titles.get(page.file.src_uri)
        if name is not None:
            # Material prints meta titles unescaped into <title> and the header.
            page.meta["title"] = html.escape(bidi.visible(name))
        description = self.descriptions.get(page.file.src_uri)
        if description is not None:
            page.meta["description"] = html.escape(bidi.visible(description))  # unescaped by Material too
        return markdown

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Material draws its "Skip to content" link to a page's first contents entry. A page whose heading
        comes from a macro (or from Material itself) has none, so keyboard users would have to tab through
        the whole header: its heading becomes the one entry.

        A page the engine renders whole gets its HTML here, in place of its placeholder paragraph."""
        if self.published is not None and page.file.src_uri in self.published:
            self.linked |= public_pages.linked(content, unquote(page.url))
        body = self.bodies.get(page.file.src_uri)
        if body is not None:
            assert self.site is not None
            method, ids = body
            rendered = str(getattr(self.site.renderer, method)(*ids, page.file.src_uri))
            content = content.replace(f"<p>{BODY}</p>", rendered, 1)
        if page.toc.items:
            return content
        found = FIRST_HEADING.search(content)
        if found is None:  # Material would print the title as the heading: print it here, with an id
            # page.title is printed as Material prints it: the plugin has already escaped data titles.
            content = f'<h1 id="{SKIP_TARGET}">{page.title or config.site_name}</h1>\n{content}'
        elif not found["id"]:
            content = content[:found.end("tag")] + f' id="{SKIP_TARGET}"' + content[found.end("tag"):]
        anchor = found["id"] if found is not None and found["id"] else SKIP_TARGET
        page.toc = get_toc([{"level": 1, "id": anchor, "name": page.title or "", "children": []}])
        return content

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Link previews (Open Graph, Twitter card) in every page's head, and the footer's link to the
        accessibility statement, both from autoescaping templates; while serving, the data's problems.
        Material's own markup gets its accessibility repairs (material_html)."""
        output = material_html.repaired(output)
        if self.preview is not None:
            output = self.preview.with_banner(output)
        if self.site is None:
            return output
        src = page.file.src_uri
        title = config.site_name if page.is_homepage else self.titles.get(src, html.unescape(page.title or ""))
        description = (self.descriptions.get(src) or page.meta.get("description") or config.site_description
                       or f"{title}, {config.site_name}")
        tags = self.site.renderer.social(config.site_name, title, description, page.canonical_url)
        output = output.replace("</head>", str(tags) + "\n</head>", 1)
        if self.statement_url is None:
            return output
        return self._with_footer(output, get_relative_url(self.statement_url, page.url),
                                 current=page.url == self.statement_url)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page is served at any depth, so its footer link starts from the site's root, as its
        other links do."""
        if is_error_template(template_name):
            output = material_html.repaired(output)
        if self.preview is not None and is_error_template(template_name):
            output = self.preview.with_banner(output)
        if not is_error_template(template_name) or self.statement_url is None:
            return output
        root = urlsplit(config.site_url or "/").path or "/"
        return self._with_footer(output, posixpath.join(root, self.statement_url))

    def _with_footer(self, output: str, href: str, current: bool = False) -> str:
        """The page with the accessibility link first in Material's copyright area (or, with a theme override
        that has none, at the end of the footer)."""
        assert self.site is not None
        link = str(self.site.renderer.footer(href, current))
        marker = '<div class="md-copyright">'
        if marker in output:
            return output.replace(marker, marker + "\n" + link, 1)
        return output.replace("</footer>", link + "\n</footer>", 1)
