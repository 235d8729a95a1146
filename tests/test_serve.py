"""``growthsite serve``: a bad save never leaves a page request waiting, and every page shows the problems.

The finding: saving a bad date in a portfolio during ``serve`` left the page request hanging (about ten
minutes, until the file was fixed), with the error only in the terminal. These tests run the real console
script on a free port of 127.0.0.1 and fetch pages as a browser does, each fetch with a timeout.
"""

from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import TINY, run
from growthsite.preview import Preview
from growthsite.project import load
from serving import free_port, serving

BAD_DATE = ("date: 2025-10-17", "date: 2025-13-45")
PROBLEM = "portfolios/ada-north.yml:16:11: '2025-13-45' is not a real date hint: check the month and the day"
OLD_SUMMARY, NEW_SUMMARY = "Year 2 teacher who leads", "Year 3 teacher who leads"


def _text(node: Tag | None) -> str:
    return " ".join(node.get_text().split()) if node is not None else ""


def _banner(page: BeautifulSoup) -> Tag | None:
    found = page.select_one("article .gs-preview[role=alert]")
    return found if isinstance(found, Tag) else None


def _heading(page: BeautifulSoup) -> str:
    found = page.select_one("article h1")
    return _text(found)


def _problems(banner: Tag) -> list[str]:
    return [_text(li) for li in banner.select("ul.gs-preview__problems > li")]


def _edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def test_a_bad_date_during_serve_shows_the_last_good_site_with_the_problem_and_the_next_good_save_recovers(
    tiny: Path,
) -> None:
    portfolio = tiny / "portfolios" / "ada-north.yml"
    with serving(tiny) as server:
        status, page = server.get("/people/ada-north/")
        assert status == 200 and _banner(page) is None
        assert OLD_SUMMARY in page.get_text()

        _edit(portfolio, BAD_DATE, (OLD_SUMMARY, NEW_SUMMARY))
        page = server.until("/people/ada-north/", lambda p: _banner(p) is not None, "the banner")
        banner = _banner(page)
        assert banner is not None
        assert _text(banner.select_one(".gs-preview__title")) == "This preview is out of date: the data has 1 problem"
        assert _problems(banner) == [PROBLEM]
        assert OLD_SUMMARY in page.get_text() and NEW_SUMMARY not in page.get_text()  # the last good data
        assert _heading(page).startswith("Ada North")
        _, home = server.get("/")
        home_banner = _banner(home)
        assert home_banner is not None and _problems(home_banner) == [PROBLEM]
        assert "portfolios/ada-north.yml:16:11: error: '2025-13-45' is not a real date" in server.output()

        _edit(portfolio, (BAD_DATE[1], BAD_DATE[0]))
        page = server.until("/people/ada-north/", lambda p: _banner(p) is None, "the page without the banner")
        assert NEW_SUMMARY in page.get_text() and OLD_SUMMARY not in page.get_text()
        _, home = server.get("/")
        assert _banner(home) is None


def test_serve_started_on_bad_data_shows_the_hand_written_pages_with_the_problems(tiny: Path) -> None:
    portfolio = tiny / "portfolios" / "ada-north.yml"
    _edit(portfolio, BAD_DATE)
    home_page = tiny / "content" / "index.md"
    home_page.write_text(home_page.read_text("utf-8") + "\nThe trust: {{ trust_name() }}.\n", "utf-8")
    with serving(tiny) as server:
        status, home = server.get("/")
        assert status == 200
        banner = _banner(home)
        assert banner is not None and _problems(banner) == [PROBLEM]
        assert "only the hand-written pages are shown" in _text(banner)
        assert _text(home.select_one("em.gs-preview-missing")) == "(shown here once the data has no problems)"
        status, missing = server.get("/people/ada-north/")
        assert status == 404
        banner = _banner(missing)
        assert banner is not None and _problems(banner) == [PROBLEM]

        _edit(portfolio, (BAD_DATE[1], BAD_DATE[0]))
        page = server.until("/people/ada-north/", lambda p: _heading(p).startswith("Ada North"), "Ada North's page")
        assert _banner(page) is None
        _, home = server.get("/")
        assert _banner(home) is None and "The trust: Larkfield Partnership." in _text(home)


def test_a_failing_macro_or_a_bad_mkdocs_yml_during_serve_keeps_the_last_good_site_answering(tiny: Path) -> None:
    home_page, config = tiny / "content" / "index.md", tiny / "mkdocs.yml"
    written, settings = home_page.read_text("utf-8"), config.read_text("utf-8")
    kept = "the preview still shows the last good site"
    with serving(tiny) as server:
        home_page.write_text(written + "\nNew words {{ no_such_macro() }}\n", "utf-8")
        server.printed(kept)
        assert "a macro failed (see above)" in server.output()
        status, home = server.get("/")
        assert status == 200 and "New words" not in home.get_text()
        assert "A two-school partnership used by the tests." in home.get_text()

        home_page.write_text(written + "\nNew words.\n", "utf-8")
        server.until("/", lambda p: "New words." in p.get_text(), "the fixed page")

        config.write_text(settings + "nav: [\n", "utf-8")
        server.printed(kept, times=2)
        assert re.search(r"mkdocs\.yml: error: .*", server.output())
        status, home = server.get("/")
        assert status == 200 and "New words." in home.get_text()
        _, person = server.get("/people/ada-north/")
        assert _heading(person).startswith("Ada North")


def test_the_banner_shows_data_as_text_never_as_html(tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    _edit(root / "portfolios" / "ada-north.yml", ("school: north-primary", "school: <img src=x onerror=alert(1)>"))
    preview = Preview()
    preview.usable(str(root), load(str(root)))
    banner = BeautifulSoup(preview.banner(), "html.parser")
    assert banner.find("img") is None
    texts = [_text(li) for li in banner.select("li")]
    assert any("<img src=x onerror=alert(1)>" in t for t in texts), texts


def test_a_build_still_refuses_bad_data(tiny: Path) -> None:
    """Only ``serve`` keeps going: the plugin of a build (here after a serve in the same process) still fails."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    _edit(tiny / "portfolios" / "ada-north.yml", BAD_DATE)
    config = load_config(str(tiny / "mkdocs.yml"), site_dir=str(tiny / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    config.plugins.on_shutdown()
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as raised:
        config.plugins.on_config(config)
    assert str(raised.value).startswith("the data has problems; nothing was built\n"
                                        "portfolios/ada-north.yml:16:11: error: '2025-13-45' is not a real date\n")


def test_serve_that_cannot_start_says_why_and_stops(tiny: Path) -> None:
    """Nothing to show, or nowhere to show it: a message and an exit status, never a traceback or a wait."""
    home_page, config = tiny / "content" / "index.md", tiny / "mkdocs.yml"
    written, settings = home_page.read_text("utf-8"), config.read_text("utf-8")

    home_page.write_text(written + "\n{{ no_such_macro() }}\n", "utf-8")
    result = run("serve", str(tiny), "-a", f"127.0.0.1:{free_port()}", timeout=60)
    assert result.returncode == 1
    assert "ERROR: a macro on index.md failed: UndefinedError: 'no_such_macro' is undefined" in result.stderr
    assert result.stderr.endswith("the first build failed (see above): fix it, then run growthsite serve again\n")
    home_page.write_text(written, "utf-8")

    config.write_text(settings + "nav: [\n", "utf-8")
    result = run("serve", str(tiny), "-a", f"127.0.0.1:{free_port()}", timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tiny / 'mkdocs.yml'}: error: MkDocs encountered an error parsing the "
                                    "configuration file")
    assert "Traceback" not in result.stderr
    config.write_text(settings, "utf-8")

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = run("serve", str(tiny), "-a", address, timeout=60)
    assert result.returncode == 2
    assert result.stderr.endswith(f"cannot serve on {address}: Address already in use; give another address "
                                  "with --dev-addr, such as 127.0.0.1:8001\n")
