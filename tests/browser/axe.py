"""axe-core (from the npm registry, fetched by make setup) run inside the page, with WCAG's A and AA rules."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from .conftest import AXE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
"""WCAG 2.0, 2.1 and 2.2 at levels A and AA: what UK public-sector sites are held to."""


def violations(page: Page, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's WCAG A and AA violations on the page; or, given ``rules``, those rules' alone (for rules
    outside the WCAG tags, such as aria-allowed-role, which axe files under best practice)."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run make setup, which fetches axe-core from the npm registry")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    found: list[dict[str, Any]] = page.evaluate(
        "async (runOnly) => (await axe.run(document, {runOnly: runOnly,"
        " resultTypes: ['violations']})).violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' :: '"
        " + n.failureSummary.split('\\n').slice(1, 3).join(' '))}))",
        run_only,
    )
    return found


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {node}" for node in v["nodes"][:5]]
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)
