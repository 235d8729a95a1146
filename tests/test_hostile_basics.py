"""User text is data: hostile names, titles and summaries reach the page as plain text.

(The privacy and hostile-input issue will widen this to every free-text field.)
"""

from __future__ import annotations

from pathlib import Path

from conftest import build, soup_of

NAME = '</title><script>alert("name")</script>{{ 7*7 }}'
TITLE = "{{ config.site_name }}{% include 'mkdocs.yml' %}<img src=x onerror=alert(1)>"
SUMMARY = "<script>alert('summary')</script> [x](javascript:alert(1)) {{ config.plugins }}"


def test_hostile_strings_render_as_text(tiny: Path, tmp_path: Path) -> None:
    path = tiny / "portfolios" / "ada-north.yml"
    text = path.read_text("utf-8")
    text = text.replace("name: Ada North", f"name: '{NAME}'")
    text = text.replace("title: Phonics for new colleagues", f'title: "{TITLE}"')
    text = text.replace("summary: Year 2 teacher who leads the reading Think Tank.", f'summary: "{SUMMARY}"')
    path.write_text(text, "utf-8")
    site = build(tiny, tmp_path / "site")
    page = soup_of(site)("people/ada-north/index.html")
    assert page.title is not None and page.title.get_text().startswith(NAME + " - ")
    assert page.select_one("h1.gs-person__name").get_text(" ", strip=True).startswith(NAME)
    assert [s for s in page.find_all("script") if "alert" in s.get_text()] == []
    assert page.select("img[onerror]") == []
    assert TITLE in page.select_one(".gs-timeline").get_text()
    summary = page.select_one(".gs-summary")
    assert summary.select("a") == []
    assert "{{ config.plugins }}" in summary.get_text()
    html = (site / "people/ada-north/index.html").read_text("utf-8")
    assert "49" not in page.select_one("h1").get_text()
    assert "Larkfield Partnership{%" not in html  # the title was not evaluated
    index = soup_of(site)("people/index.html")
    assert NAME in index.select_one('tr[data-person="ada-north"] a').get_text()


HOSTILE = '</title><script>alert(1)</script>{{ config }}&amp;'


def test_hostile_framework_names_on_generated_pages(tiny: Path, tmp_path: Path) -> None:
    """School, event, stage, type and strand names become page titles, headings and chart labels."""
    fw = tiny / "framework"
    for name, old in (("trust.yml", "name: South Academy"), ("events.yml", "title: Partnership training day"),
                      ("pathways.yml", "name: Teacher}"), ("activities.yml", "name: Coaching colleagues"),
                      ("leadership.yml", "name: Curiosity")):
        text = (fw / name).read_text("utf-8")
        assert old in text, (name, old)
        key, _, rest = old.partition(": ")
        closing = "}" if rest.endswith("}") else ""
        (fw / name).write_text(text.replace(old, f"{key}: '{HOSTILE}'{closing}"), "utf-8")
    site = build(tiny, tmp_path / "site")
    pages = ["schools/south-academy/index.html", "events/inset-2025-10/index.html", "people/stage/teacher/index.html",
             "people/type/coaching/index.html", "dashboard/index.html", "people/ada-north/index.html",
             "people/index.html", "schools/index.html", "events/index.html"]
    for path in pages:
        page = soup_of(site)(path)
        assert [s for s in page.find_all("script") if "alert" in s.get_text()] == [], path
        assert "{{ config }}" in page.get_text(), path  # shown as text, never evaluated
    for path in pages[:4]:
        assert soup_of(site)(path).title.get_text().startswith(HOSTILE), path
