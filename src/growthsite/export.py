"""Export one person's portfolio as JSON, to take their evidence with them.

An export is read from the person's audience view (``audience.view``), the same one their page is
rendered from, never from the model or the YAML: what the staff or the careers site would not show,
no export holds. Two shapes:

- ``json``: growthsite's own shape (format 1), close to the person page;
- ``json-resume``: a JSON Resume document (https://jsonresume.org/schema, @jsonresume/schema 1.3.1).

Text is data: Markdown stays Markdown and nothing is HTML-escaped, but bidirectional controls read
``[U+202E]`` as on the site, so an exported CV can't be made to read differently from what was written.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal
from urllib.parse import quote

from . import bidi
from .audience import Activity, ActivityView, Audience, NoPage, PersonView, Role, SiteView, person_view
from .model import Model

Format = Literal["json", "json-resume"]
FORMATS: tuple[Format, ...] = ("json", "json-resume")
FORMAT_VERSION = 1
"""The version of growthsite's own JSON shape: raised when a field is renamed or dropped."""
RESUME_VERSION = "v1.0.0"
"""``meta.version`` of a JSON Resume export."""
URI_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"<>\\^`{|}')
"""Printable ASCII a URL may hold as it is: anything else (a bidirectional control included) is %-encoded."""

Json = dict[str, Any]


ExportError = NoPage
"""Nothing can be exported (``audience.person_view`` says why, on one line)."""


def export(model: Model, person_id: str, audience: Audience, fmt: Format, directory: str = ".") -> str:
    """The export of ``person_id`` as the ``audience`` sees them: UTF-8 JSON text, the same for the same data."""
    site, person = person_view(model, person_id, audience, directory)
    document = portfolio(site, person) if fmt == "json" else resume(site, person)
    return json.dumps(_visible(document), indent=2, ensure_ascii=False) + "\n"


def _visible(value: Any) -> Any:
    """Every string of ``value`` with its bidirectional controls written out, as pages show them."""
    if isinstance(value, str):
        return bidi.visible(value)
    if isinstance(value, dict):
        return {key: _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _end(activity: Activity) -> dt.date | None:
    """A one-day activity ends the day it starts; an ongoing one has no end."""
    return activity.start if activity.one_day else activity.end


def _newest_first(person: PersonView) -> list[ActivityView]:
    """The activities in the order of the page's timeline."""
    return [activity for group in person.timeline for _, activity in group.entries]


def _ref(id_: str, name: str) -> Json:
    return {"id": id_, "name": name}


def _role(site: SiteView, role: Role) -> Json:
    return {
        "title": role.title,
        "stage": _ref(role.stage, site.stage_name(role.stage)),
        "school": _ref(role.school, site.school(role.school).name),
        "from": _day(role.start),
        "to": _day(role.end),
    }


def _activity(site: SiteView, activity: ActivityView) -> Json:
    """An activity as data; a confidential one (``ActivityView.confidential``) has no reach, level, event,
    audience, strands or link, as on the page."""
    event = site.event(activity.event) if activity.event else None
    secret = activity.confidential
    return {
        "type": _ref(activity.type, site.type_name(activity.type)),
        "role": activity.role,
        "title": activity.title,
        "from": _day(activity.start),
        "to": _day(_end(activity)),
        "reach": None if secret else activity.reach,
        "level": None if secret else _ref_level(site, activity.level),
        "schools": [_ref(s, site.school(s).name) for s in activity.schools],
        "audience": activity.audience,
        "event": {"id": event.id, "title": event.title} if event else None,
        "evidences": [_ref(s, site.strand_name(s)) for s in activity.evidences],
        "link": activity.link,
    }


def _ref_level(site: SiteView, level: int) -> Json:
    return {"id": level, "name": site.level_name(level)}


def portfolio(site: SiteView, person: PersonView) -> Json:
    """growthsite's own JSON shape (format 1): what the person page shows, as data."""
    figures = [{"id": f.type, "label": f.label, "value": f.value} for f in person.figures]
    figures += [
        {"id": "schools-reached", "label": "Schools reached beyond their own", "value": len(person.schools_reached)},
        {"id": "colleagues-reached", "label": "Colleagues reached", "value": person.colleagues_reached},
    ]
    return {
        "growthsite": {
            "format": FORMAT_VERSION,
            "audience": site.audience,
            "exported": site.generated.isoformat(),
            "trust": site.trust.name,
        },
        "id": person.id,
        "name": person.name,
        "pronouns": person.pronouns,
        "school": _ref(person.school.id, person.school.name),
        "current_role": _role(site, person.current_role) if person.current_role else None,
        "pathway": _ref(person.pathway.id, person.pathway.name) if person.pathway else None,
        "coach": _ref(person.coach.id, person.coach.name) if person.coach else None,
        "summary": person.summary,
        "story": person.story,
        "reflections": person.reflections,
        "roles": [_role(site, r) for r in person.roles],
        "qualifications": [{"name": q.name, "awarded": q.awarded.isoformat()} for q in person.qualifications],
        "activities": [_activity(site, a) for a in _newest_first(person)],
        "growth_cycles": [
            {
                "year": g.year,
                "focus": g.focus,
                "why": g.why,
                "drivers": [_ref(d, site.driver_name(d)) for d in g.drivers],
                "standards": [_ref(s, site.standard_name(s)) for s in g.standards],
                "success_criteria": list(g.success_criteria),
                "learning": list(g.learning),
                "outcome": g.outcome,
            }
            for g in person.growth
        ],
        "figures": figures,
        "schools_reached": [_ref(s.id, s.name) for s in person.schools_reached],
        "colleagues_reached": person.colleagues_reached,
    }


def _words(role: str) -> str:
    """``co-lead`` → ``Co lead``, as the view words a confidential activity's role."""
    return role.replace("-", " ").capitalize()


def describe(site: SiteView, activity: ActivityView) -> str:
    """The page's line under an activity's title, as one sentence of plain text."""
    text = site.type_name(activity.type)
    if activity.role:
        text += f", as {activity.role.replace('-', ' ')}"
    if activity.confidential:
        return text + "."
    event = site.event(activity.event) if activity.event else None
    if event:
        text += f"; {event.title}"
    text += f". Reach: {activity.reach.replace('-', ' ')}"
    if activity.schools:
        text += " (" + ", ".join(site.school(s).name for s in activity.schools) + ")"
    if activity.audience:
        text += f"; {activity.audience} {'colleague' if activity.audience == 1 else 'colleagues'}"
    text += f". Evidences level {activity.level} ({site.level_name(activity.level)})"
    if activity.evidences:
        text += " in " + ", ".join(site.strand_name(s) for s in activity.evidences)
    return text + "."


def _dated(item: Json, start: dt.date, end: dt.date | None) -> Json:
    item["startDate"] = start.isoformat()
    if end is not None:
        item["endDate"] = end.isoformat()
    return item


def _project(site: SiteView, activity: ActivityView) -> Json:
    item: Json = {"name": activity.title, "description": describe(site, activity)}
    _dated(item, activity.start, _end(activity))
    if activity.role:
        item["roles"] = [_words(activity.role)]
    if activity.schools:
        item["entity"] = ", ".join(site.school(s).name for s in activity.schools)
    item["type"] = site.type_name(activity.type)
    if activity.link:
        item["url"] = quote(activity.link, safe=URI_SAFE)
    if not activity.confidential:
        item["keywords"] = [site.strand_name(s) for s in activity.evidences]
    return item


def resume(site: SiteView, person: PersonView) -> Json:
    """A JSON Resume document (schema 1.3.1): roles as work, activities as projects, qualifications as
    certificates. Nothing is invented: no location, no contact details, no issuer."""
    basics: Json = {"name": person.name}
    if person.current_role:
        basics["label"] = person.current_role.title
    summary = person.summary or person.story
    if summary:
        basics["summary"] = summary
    return {
        "basics": basics,
        "work": [
            _dated({"name": site.school(r.school).name, "position": r.title}, r.start, r.end)
            for r in reversed(person.roles)
        ],
        "projects": [_project(site, a) for a in _newest_first(person)],
        "certificates": [{"name": q.name, "date": q.awarded.isoformat()} for q in person.qualifications],
        "meta": {"version": RESUME_VERSION, "lastModified": site.generated.isoformat()},
    }
