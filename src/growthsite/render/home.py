"""What a home page is made of: the ways into the site and the latest achievements, from an audience view.

Kept apart from the templates so the choices (which pages, in what order, which records) are plain Python
that tests can read; the macros in ``mkdocs_macros`` only pass the page they are on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..audience import ActivityView, PersonView, SiteView
from .links import Links


@dataclass(frozen=True)
class Way:
    """One way into the site: a page, what to call it, and what a colleague finds there."""

    target: str
    title: str
    text: str


WAYS_IN = (
    Way("policy/index.md", "Policy", "How growth works here: the yearly cycle, coaching, and who sees what."),
    Way(Links.TOOLKIT, "Toolkit", "The forms for each step of the cycle, to print or to fill in on screen."),
    Way(Links.FRAMEWORK, "Framework", "The leadership framework: what growing looks like at each level."),
    Way(Links.PEOPLE, "People", "Colleagues' pages: their roles and what they have led beyond their own school."),
    Way(Links.PATHWAYS, "Pathways", "Career routes through the trust, stage by stage, with real moves."),
    Way(Links.SCHOOLS, "Schools", "What each school's staff gave to others, and what the school received."),
    Way("events/index.md", "Events", "Training days, Think Tanks and review rounds, with who took part."),
    Way("dashboard.md", "Dashboard", "The trust's figures year by year, as charts with their tables."),
    Way(Links.OPPORTUNITIES, "Opportunities", "What you can join next, and the activities open all year."),
)
"""In the order of the intranet's tabs. ``policy/index.md`` is the one page growthsite never writes."""

POLICY_PAGES = ("policy/index.md", "policy.md")
"""Where a site's hand-written policy may be: the intranet's folder, or the careers site's single page."""


@dataclass(frozen=True)
class Achievement:
    """One activity of a person with a page, as the audience's view shows it."""

    person: PersonView
    index: int
    """Into ``person.activities``: the timeline entry the item links to."""
    activity: ActivityView


def achievements(view: SiteView) -> list[Achievement]:
    """Every activity the view shows of people with a page, started by the build day, newest first (then by
    name). The view has already removed what the audience may not see and reduced confidential types to
    role, schools and date, so nothing here decides privacy."""
    today: dt.date = view.generated
    found = [Achievement(p, i, a) for p in view.people for i, a in enumerate(p.activities) if a.start <= today]
    return sorted(found, key=lambda e: (-e.activity.start.toordinal(), e.person.name.casefold(), e.person.id,
                                        e.index))


def check_count(macro: str, n: object, default: int) -> int:
    """``n`` as a number of items to show, or a clear error naming the macro."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 50:
        raise ValueError(f"{macro}({n!r}): give how many to show as a whole number from 1 to 50, "
                         f"such as {macro}({default})")
    return n


def check_record(record: object) -> str | None:
    """The target of "Record an activity": a page of the site (``record.md``), a web address or an email
    link; None keeps the explanation of who to tell."""
    if record is None:
        return None
    page = isinstance(record, str) and record.endswith(".md") and "://" not in record
    if isinstance(record, str) and (page or record.startswith(("https://", "http://", "mailto:"))):
        return record
    raise ValueError(f"ways_in(record={record!r}): give a page of this site such as \"record.md\", "
                     "a web address starting https:// or an email link starting mailto:")
