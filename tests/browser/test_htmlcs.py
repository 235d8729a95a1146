"""Every page type of both builds passes HTML_CodeSniffer's WCAG2AA checks (errors), in a real browser."""

from __future__ import annotations

import pytest

from .conftest import Served, Visit
from .htmlcs import describe, errors
from .pages import CASES, IDS


@pytest.mark.parametrize(("audience", "kind", "path"), CASES, ids=IDS)
def test_every_page_type_passes_html_codesniffer_wcag2aa(audience: str, kind: str, path: str,
                                                         sites: dict[str, Served], visit: Visit) -> None:
    page = visit.page
    response = page.goto(sites[audience].page_url(path), wait_until="networkidle")
    assert response is not None and response.ok
    found = errors(page)
    assert found == [], describe(found)
