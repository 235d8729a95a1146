"""Every built HTML file of both demo sites passes the Nu HTML checker (vnu.jar, from the npm registry,
fetched by make setup; run offline with Java), errors only, in one run of the checker.

One of its errors is about Material's own markup and is left out, for the reason given in IGNORED. A page of
known-bad HTML goes through the same run, so the test fails if the checker stops reading the files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, build

VNU = ROOT / ".venv" / "vnu" / "vnu.jar"

IGNORED: dict[tuple[str, str], str] = {
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.", '<input class="md-toggle" data-md-toggle='):
        "Material writes autocomplete=\"off\" on the hidden checkboxes that open its menu and search, so that "
        "Firefox does not restore them ticked (the menu open) when the reader comes back to a page. Not valid "
        "on a checkbox, but browsers and assistive technology ignore it there; taking it out would bring the "
        "Firefox behaviour back.",
}
"""(the checker's message, a string in the offending markup) → why it is not a failure of the site."""

BAD = '<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><label for="nothing">x</label></body></html>'


def ignored(message: dict[str, Any]) -> bool:
    return any(message.get("message") == text and markup in message.get("extract", "")
               for text, markup in IGNORED)


def check(*folders: Path) -> list[dict[str, Any]]:
    """The checker's errors for every HTML file under the folders."""
    if not VNU.exists():
        raise AssertionError(f"{VNU} is missing: run make setup, which fetches the Nu HTML checker from npm")
    java = shutil.which("java")
    if java is None:
        raise AssertionError("the Nu HTML checker needs Java: install a JRE (apt-get install default-jre-headless)")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             *map(str, folders)], capture_output=True, text=True, timeout=600, check=False)
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]
    return messages


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(ROOT, tmp_path_factory.mktemp("vnu-public") / "site", "public")


def test_every_built_page_of_both_sites_is_valid_html(demo_site: Path, public_site: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(BAD, "utf-8")
    messages = check(demo_site, public_site, tmp_path)
    bad = [m for m in messages if m["url"].endswith("/bad.html")]
    assert [m["message"] for m in bad] == [
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control."]
    errors = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m not in bad and not ignored(m)]
    assert errors == []
