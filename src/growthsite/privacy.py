"""The privacy report: for one person, every field and record and which audience sees it.

"Shown" is read from the audience views themselves (the same ones pages are
rendered from), not from a second copy of the rules, so the report cannot
promise something the build does not do. Only the explanations are worded here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .audience import AUDIENCES, Audience, PersonView, counted, shown_activity, view
from .model import Model, Person, Visibility
from .read import Source
from .terminal import plain

WIDTH = 44


@dataclass(frozen=True)
class Entry:
    line: int
    field: str
    value: str
    shown: tuple[bool, bool]
    """Shown on the (staff, public) site."""
    note: str = ""


@dataclass(frozen=True)
class Report:
    person: Person
    path: str
    pages: tuple[bool, bool]
    entries: tuple[Entry, ...]
    public_min_count: int
    counted: bool
    """Some of the person's records are counted, without their name, in trust-wide figures."""
    careers_counts: Visibility | None = None
    """The least visibility of the person's records the careers site's figures count; None: none of them."""


def _cell(text: object) -> str:
    return plain(text, WIDTH)


def _no_page(person: Person, audience: Audience) -> str:
    if not person.intranet:
        return "no page anywhere: consent.intranet is false"
    if person.has_left:
        return f"no page anywhere: left on {person.left}"
    if audience == "public" and not person.showcase:
        return "no careers page: consent.showcase is not true"
    return ""


def report(model: Model, source: Source, person_id: str) -> Report:
    person = next(p for p in model.people if p.id == person_id)
    staff, public = (view(model, a).person(person_id) for a in AUDIENCES)

    def line(*path: str | int) -> int:
        return source.key_at(tuple(path))[0] if path else 1

    def both(test: Callable[[PersonView], object]) -> tuple[bool, bool]:
        return (staff is not None and bool(test(staff)), public is not None and bool(test(public)))

    page_note = _no_page(person, "staff") or _no_page(person, "public")
    entries = [
        Entry(line("name"), "name", _cell(person.name), both(lambda v: True), page_note),
    ]
    if person.pronouns:
        entries.append(Entry(line("pronouns"), "pronouns", _cell(person.pronouns), both(lambda v: v.pronouns)))
    entries.append(Entry(line("school"), "school", _cell(model.trust.school(person.school).name), both(lambda v: True)))
    pathway = next((w for w in model.pathways if w.id == person.pathway), None)
    if pathway:
        entries.append(Entry(line("pathway"), "pathway", _cell(pathway.name), both(lambda v: v.pathway)))
    coach = next((p for p in model.people if p.id == person.coach), None)
    if coach:
        entries.append(Entry(line("coach"), "coach", _cell(coach.name), both(lambda v: v.coach),
                             "named only where your coach has a page too"))
    if person.summary:
        entries.append(Entry(line("summary"), "summary", _cell(person.summary), both(lambda v: v.summary),
                             "staff only"))
    if person.story:
        entries.append(Entry(line("story"), "story", _cell(person.story), both(lambda v: v.story),
                             "shown only with consent.showcase"))
    if person.reflections:
        entries.append(Entry(1, "reflections", _cell(person.reflections),
                             both(lambda v: v.reflections), f"staff only; line 1 of portfolios/{person.id}.md"))
    for i, role in enumerate(person.roles):
        years = f"{role.start:%Y}–{role.end.year if role.end else ''}"
        entries.append(Entry(line("roles", i), f"role {i + 1}", _cell(f"{role.title} ({years})"),
                             both(lambda v: v.roles)))  # all roles or none
    for i, qualification in enumerate(person.qualifications):
        entries.append(Entry(line("qualifications", i), f"qualification {i + 1}", _cell(qualification.name),
                             both(lambda v: v.qualifications), "staff only"))
    kinds = {t.id: t for t in model.activity_types}
    activities = tuple(frozenset(v.activity_sources if v else ()) for v in (staff, public))
    cycles = tuple(frozenset(v.growth_sources if v else ()) for v in (staff, public))
    for i, activity in enumerate(person.activities):
        kind = kinds[activity.type]
        note = f"visibility: {activity.visibility}"
        if activity.visibility == "private":
            note += "; never counted"
        if kind.confidential:
            note += (f"; shown only as {plain(shown_activity(activity, model).title, 60)!r} and its date: "
                     "no title, link, event, audience or strands")
        entries.append(Entry(line("activities", i), f"activity {i + 1}",
                             _cell(f"{kind.name}: {activity.title}"),
                             _among(i, activities), note))
    for i, cycle in enumerate(person.growth):
        note = "past the retention period: in no build" if cycle.expired else f"visibility: {cycle.visibility}"
        entries.append(Entry(line("growth", i), f"growth cycle {cycle.year}", _cell(cycle.focus),
                             _among(i, cycles), note))
        for j, check_in in enumerate(cycle.check_ins):
            entries.append(Entry(line("growth", i, "check_ins", j), f"check-in {check_in.date}",
                                 _cell(check_in.notes or ""), (False, False), "check-in notes are always private"))
    if person.left:
        entries.append(Entry(line("left"), "left", str(person.left), (False, False),
                             "no page after this date" if not person.has_left else "no page"))
    return Report(
        person=person, path=source.path, pages=(staff is not None, public is not None), entries=tuple(entries),
        public_min_count=model.trust.public_min_count,
        counted=any(a.visibility != "private" for a in person.activities),
        careers_counts=counted(person, "public"),
    )


def _among(index: int, shown: tuple[frozenset[int], ...]) -> tuple[bool, bool]:
    return index in shown[0], index in shown[1]


def _where(shown: bool) -> str:
    return "shown" if shown else "-"


def format_report(found: Report, today: str) -> str:
    """The report as a CPD lead or the person reads it on a terminal."""
    person = found.person
    out = [f"Privacy report for {plain(person.name)} ({found.path}) on {today}", ""]
    out.append("Consent: intranet " + ("yes" if person.intranet else "no")
               + ", careers site " + ("yes" if person.showcase else "no")
               + ", careers figures " + ("yes" if person.statistics else "no"))
    out.append("Staff intranet: " + (f"a page at people/{person.id}/" if found.pages[0]
                                     else _no_page(person, "staff")))
    out.append("Careers site:   " + (f"a page at people/{person.id}/" if found.pages[1]
                                     else _no_page(person, "public")))
    out.append("")
    out.append(f"{'line':>4}  {'field':<22} {'value':<{WIDTH}}  {'staff':<5}  {'public':<6}  note")
    for e in found.entries:
        staff, public = _where(e.shown[0]), _where(e.shown[1])
        out.append(f"{e.line:>4}  {e.field:<22} {e.value:<{WIDTH}}  {staff:<5}  {public:<6}  {e.note}".rstrip())
    out.append("")
    if found.counted:
        out.append("Your activities that are not private are also counted, without your name, in the staff "
                   "intranet's trust-wide figures, exactly.")
    out.append(_careers_figures(found))
    out.append("Private records and check-in notes are checked but never written to any site, search index or file.")
    return "\n".join(out) + "\n"


def _careers_figures(found: Report) -> str:
    """Whether, and which of, the person's records count in the careers site's figures (``audience.counted``)."""
    person, least = found.person, found.careers_counts
    shown = (f"only as a figure of at least {found.public_min_count} (a smaller one is shown as "
             f"\"fewer than {found.public_min_count}\")")
    if least == "staff":
        return ("The careers site's figures count your activities that staff see and your roles, without your "
                f"name, because consent.statistics is true: {shown}.")
    if least == "public":
        return ("The careers site's figures count only what your careers page shows (your public activities "
                f"and your roles), {shown}. With consent.statistics: true your activities that staff see would "
                "count there too, without your name.")
    why = _no_page(person, "public")
    if person.statistics:
        return f"Nothing of yours counts in the careers site's figures: {why}, so consent.statistics does not apply."
    return (f"Nothing of yours counts in the careers site's figures ({why}, and consent.statistics is not true). "
            "With consent.statistics: true your activities that staff see would count there, without your name.")


def find_source(sources: list[Source], person_id: str) -> Source | None:
    return next((s for s in sources if s.path == f"portfolios/{person_id}.yml"), None)
