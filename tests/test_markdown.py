"""User Markdown renders as text and safe links only."""

from __future__ import annotations

from bs4 import BeautifulSoup

from growthsite.render.markdown import render_markdown


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(str(render_markdown(text)), "html.parser")


def test_raw_html_is_text() -> None:
    soup = html('<script>alert(1)</script> <img src=x onerror="alert(1)"> <b>bold</b>')
    assert soup.find_all(["script", "img", "b"]) == []
    assert "<script>alert(1)</script>" in soup.get_text()


def test_only_http_and_mailto_links_survive() -> None:
    soup = html("[a](javascript:alert(1)) [b](https://example.org) [c](mailto:x@example.org) [d](data:text/html,x)")
    assert [a["href"] for a in soup.find_all("a")] == ["https://example.org", "mailto:x@example.org"]
    assert "a" in soup.get_text() and "d" in soup.get_text()


def test_images_become_their_alt_text_and_headings_are_demoted() -> None:
    soup = html("# Title\n\n![a chart](https://example.org/x.png)")
    assert soup.find("img") is None
    assert soup.find("h3").get_text() == "Title"
    assert "a chart" in soup.get_text()


def test_template_syntax_is_plain_text() -> None:
    assert "{{ config }}" in html("{{ config }} {% include 'mkdocs.yml' %}").get_text()
