"""Repairs to the HTML Material for MkDocs writes around every page, made by the plugin after each page is
rendered, so that they reach a trust that only writes its own mkdocs.yml (a theme override would not).

Each repair leaves a page untouched when Material's markup is not there, so another theme, or a Material
version that has fixed the problem, passes through unchanged.
"""

from __future__ import annotations

import re

EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex=""')
"""Material prints ``tabindex=""`` on a section's label in the menu: not a valid value (the Nu HTML checker
rejects it) and ignored by browsers, so taking it out changes nothing else."""
HEADER_TOGGLE = re.compile(
    r'<label class="md-header__button md-icon" for="(?P<box>__drawer|__search)">(?P<icon>.*?)</label>', re.S)
SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"(?=>)')
SEARCH_INPUT_NAME = re.compile(r'<input type="text" class="md-search__input"[^>]*?\baria-label="(?P<name>[^"]+)"')
ACTIVE_INDEX = re.compile(
    r'<div class="md-nav__link md-nav__container">\s*'
    r'<a href="(?P<href>[^"]*)" class="md-nav__link md-nav__link--active">(?P<content>.*?)</a>', re.S)
SECTION_LIST = '<ul class="md-nav__list" data-md-scrollfix>'
TOC_NAV = '<nav class="md-nav md-nav--secondary"'
TOC_TOGGLE = re.compile(r'\s*<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
NAV_TAG = re.compile(r"<(/?)nav\b")


def repaired(output: str) -> str:
    """A page as Material wrote it, with every repair below."""
    output = EMPTY_TABINDEX.sub(r"\1", output)
    output = with_search_name(output)
    output = with_header_buttons(output)
    output = with_index_toc(output)
    return without_unused_toc_toggle(output)


def _search_name(output: str) -> str:
    """The search box's own name (Material translates it with the site's language), or "Search"."""
    found = SEARCH_INPUT_NAME.search(output)
    return found["name"] if found else "Search"


def with_search_name(output: str) -> str:
    """Material's search dialog has no accessible name: screen readers announce "dialog" and nothing more.
    It gets the search box's name."""
    return SEARCH_DIALOG.sub(lambda m: f'{m[0]} aria-label="{_search_name(output)}"', output, count=1)


def with_header_buttons(output: str) -> str:
    """Beside each header label that opens the menu or the search (on narrow screens), a real button that
    does the same, hidden: growthsite.js shows it and hides the label. A label cannot be reached from the
    keyboard, and ARIA does not allow it a button's role; without JavaScript the label still works."""
    if "data-gs-toggle=" in output:  # repaired already
        return output
    names = {"__drawer": "Menu", "__search": _search_name(output)}

    def button(found: re.Match[str]) -> str:
        box = found["box"]
        return (f'{found[0]}\n<button type="button" class="md-header__button md-icon gs-toggle" data-gs-toggle="{box}"'
                f' aria-label="{names[box]}" aria-expanded="false" hidden>{found["icon"]}</button>')

    return HEADER_TOGGLE.sub(button, output)


def _element_end(output: str, start: int) -> int:
    """Where the ``<nav>`` element opened at ``start`` closes (after its ``</nav>``), counting nested ones."""
    depth = 0
    for tag in NAV_TAG.finditer(output, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return output.index(">", tag.end()) + 1
    return -1


def with_index_toc(output: str) -> str:
    """A section's own page (Material's ``navigation.indexes``) is drawn in the menu as the section's title, not
    as an entry, so on a phone it has no table of contents, and the sidebar's "Table of contents" label is for
    a control that does not exist. The section's list gets the entry Material gives every other page: the
    control, its label, the link and the contents (shown only on a phone; growthsite.css)."""
    if 'id="__toc"' in output or 'for="__toc"' not in output:
        return output
    index = ACTIVE_INDEX.search(output)
    toc_start = output.find(TOC_NAV)
    if index is None or toc_start < 0:
        return output
    at = output.find(SECTION_LIST, index.end())
    toc_end = _element_end(output, toc_start)
    if at < 0 or "</li>" in output[index.end():at] or toc_end < 0:
        return output
    content = index["content"]
    entry = (f'\n<li class="md-nav__item md-nav__item--active gs-index-toc">\n'
             f'<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n'
             f'<label class="md-nav__link md-nav__link--active" for="__toc">{content}'
             f'<span class="md-nav__icon md-icon"></span></label>\n'
             f'<a href="{index["href"]}" class="md-nav__link md-nav__link--active">{content}</a>\n'
             f'{output[toc_start:toc_end]}\n</li>')
    at += len(SECTION_LIST)
    return output[:at] + entry + output[at:]


def without_unused_toc_toggle(output: str) -> str:
    """On a page with no contents below its title Material still writes the contents' checkbox, with no label:
    an unnamed control to checkers. Nothing uses it, so it goes."""
    if 'for="__toc"' in output:
        return output
    return TOC_TOGGLE.sub("", output, count=1)
