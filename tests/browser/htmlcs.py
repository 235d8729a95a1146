"""HTML_CodeSniffer (from the npm registry, fetched by make setup) run inside the page with its WCAG2AA
standard, errors only: a second opinion beside axe-core, with rules of its own (labels, table headers, forms).

Two of its errors are about Material's own controls and are left out, each for the reason given in IGNORED.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from .conftest import HTMLCS

IGNORED: dict[tuple[str, str], str] = {
    ("WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2", "form.md-header__option"):
        "Material's colour scheme switch is a form with no submit button: choosing a scheme changes the colours "
        "at once, which is a change of content, not of context, so WCAG 3.2.2 is met without one (H32 is one "
        "sufficient technique among several).",
    ("WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2", "form.md-search__form"):
        "Material's search box is a form with no submit button: results appear in the dialog as you type, "
        "a change of content, not of context, so WCAG 3.2.2 is met without one.",
}
"""(HTML_CodeSniffer's code, the element it names) → why it is not a failure of the site."""

RUN = """(standard) => new Promise((resolve, reject) => {
  const name = (el) => el.nodeType !== 1 ? el.nodeName.toLowerCase()
    : el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + Array.from(el.classList, (c) => '.' + c).join('');
  HTMLCS.process(standard, document, () => resolve(HTMLCS.getMessages()
    .filter((m) => m.type === HTMLCS.ERROR)
    .map((m) => ({code: m.code, element: name(m.element), message: m.msg}))), (e) => reject(String(e)));
})"""


def errors(page: Page) -> list[dict[str, Any]]:
    """HTML_CodeSniffer's WCAG2AA errors on the page as it is now, less the ignored ones."""
    if not HTMLCS.exists():
        raise AssertionError(f"{HTMLCS} is missing: run make setup, which fetches HTML_CodeSniffer from npm")
    if not page.evaluate("() => typeof window.HTMLCS !== 'undefined'"):
        page.add_script_tag(path=str(HTMLCS))
    found: list[dict[str, Any]] = page.evaluate(RUN, "WCAG2AA")
    return [e for e in found if (e["code"], e["element"]) not in IGNORED]


def describe(found: list[dict[str, Any]]) -> str:
    return "\n".join(f"{e['code']} on {e['element']}: {e['message']}" for e in found)
