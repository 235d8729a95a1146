"""Turn checked data into the immutable model, deriving facts as it goes."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from . import dates, facts, retention
from .model import (
    Accessibility,
    Activity,
    ActivityType,
    CheckIn,
    Contact,
    CycleStep,
    Driver,
    Event,
    Framework,
    GrowthCycle,
    KnownIssue,
    Level,
    Model,
    Pathway,
    Person,
    Qualification,
    Role,
    School,
    Stage,
    StandardItem,
    StandardSet,
    Strand,
    Trust,
)
from .sources import Sources


def _date(text: str) -> dt.date:
    day = dates.parse_date(text)
    assert day is not None, "checked before the model is built"
    return day


def _opt_date(text: str | None) -> dt.date | None:
    return None if text is None else _date(text)


DEFAULT_CYCLE: tuple[dict[str, str], ...] = (
    {"id": "reflect", "name": "Self-reflection", "from": "09-01", "to": "09-30", "resource": "self-reflection"},
    {"id": "draft", "name": "Draft growth plan", "from": "09-15", "to": "10-06", "resource": "growth-plan"},
    {"id": "agree", "name": "Agree the focus with your coach", "from": "09-22", "to": "10-17",
     "resource": "coaching-agreement"},
    {"id": "final", "name": "Final plan recorded", "from": "10-17", "to": "10-24", "resource": "growth-plan"},
    {"id": "practice", "name": "Sustained practice", "from": "10-01", "to": "07-10", "resource": "growth-log"},
    {"id": "check-ins", "name": "Half-termly check-ins", "from": "11-01", "to": "06-30",
     "resource": "check-in-conversation"},
    {"id": "share", "name": "End-of-cycle sharing", "from": "07-01", "to": "07-17", "resource": "end-of-cycle-review"},
)
"""The cycle of a trust whose ``trust.yml`` does not describe its own."""

CONFIDENTIAL_TYPES = frozenset({"peer-review"})
"""Types whose title and link no page shows unless the trust says otherwise: a review's findings belong to
the host school, so pages show the reviewer's role, the schools and the date."""

DEFAULT_EVENT_TYPES = {"training-day": "trust-training", "think-tank": "think-tank", "peer-review-round": "peer-review"}
"""The activity type an event of each kind counts as, where the catalogue has that type."""


def _md(text: str) -> tuple[int, int]:
    day = dates.month_day(text)
    assert day is not None, "checked before the model is built"
    return day


def _accessibility(a: dict[str, Any]) -> Accessibility:
    return Accessibility(
        contact=a.get("contact"), phone=a.get("phone"), response_days=a.get("response_days", 10),
        compliance=a.get("compliance", "partial"),
        known_issues=tuple(KnownIssue(i["what"], i.get("why"), tuple(i.get("criteria", [])),
                                      _opt_date(i.get("fix_by"))) for i in a.get("known_issues", [])),
        tested=a.get("tested"), plan=a.get("plan"),
        prepared=_opt_date(a.get("prepared")), reviewed=_opt_date(a.get("reviewed")),
    )


def _contact(c: dict[str, Any]) -> Contact:
    return Contact(email=c["email"], name=c.get("name"), role=c.get("role", "CPD lead"))


def _trust(t: dict[str, Any]) -> Trust:
    starts = dates.month_day(t.get("year_starts", "09-01")) or (9, 1)
    return Trust(
        name=t["name"],
        short_name=t.get("short_name", t["name"]),
        year_starts=starts,
        retention_years=t.get("retention_years", 6),
        public_min_count=t.get("public_min_count", 5),
        schools=tuple(School(s["id"], s["name"], s["phase"], s.get("town")) for s in t["schools"]),
        drivers=tuple(Driver(d["id"], d["name"], d.get("summary")) for d in t.get("drivers", [])),
        standards=tuple(
            StandardSet(s["id"], s["name"], tuple(StandardItem(i["id"], i["name"]) for i in s["items"]))
            for s in t.get("standards", [])
        ),
        cycle=tuple(
            CycleStep(c["id"], c["name"], _md(c["from"]), _md(c["to"]), c.get("summary"), c.get("resource"))
            for c in t.get("cycle", DEFAULT_CYCLE)
        ),
        accessibility=_accessibility(t.get("accessibility", {})),
        cpd_lead=_contact(t["cpd_lead"]) if "cpd_lead" in t else None,
        intranet_hosts=tuple(h.lower() for h in t.get("intranet_hosts", [])),
    )


def _framework(f: dict[str, Any]) -> Framework:
    levels = tuple(sorted((Level(v["id"], v["name"], v["reach"]) for v in f["levels"]), key=lambda v: v.id))
    strands = tuple(
        Strand(s["id"], s["name"], s["kind"], s.get("summary"),
               tuple(s["descriptors"][str(level.id)] for level in levels))
        for s in f["strands"]
    )
    return Framework(f["name"], levels, strands)


def _activity(a: dict[str, Any], types: dict[str, ActivityType], roles: tuple[Role, ...],
              current_school: str, trust: Trust, max_level: int) -> Activity:
    start = _date(a.get("date") or a["from"])
    home = facts.school_on(roles, start, current_school)
    schools = tuple(a.get("schools", []))
    reach = facts.derive_reach(a.get("reach"), schools, home)
    evidences = tuple(dict.fromkeys([*types[a["type"]].evidences, *a.get("evidences", [])]))
    return Activity(
        type=a["type"], role=a.get("role"), title=a["title"], event=a.get("event"),
        start=start, end=_opt_date(a.get("to")) if "from" in a else None, one_day="date" in a,
        reach=reach, reach_given="reach" in a, schools=schools, home_school=home,
        stage=facts.stage_on(roles, start),
        audience=a.get("audience"), evidences=evidences, link=a.get("link"),
        visibility=a.get("visibility", "staff"), level=facts.level_of(reach, max_level),
        beyond_own_school=reach in facts.BEYOND_OWN_SCHOOL,
        year=dates.academic_year(start, trust.year_starts),
    )


def _cycle(g: dict[str, Any], trust: Trust, deciding: dt.date) -> GrowthCycle:
    return GrowthCycle(
        year=g["year"], focus=g["focus"], why=g.get("why"), drivers=tuple(g["drivers"]),
        standards=tuple(g.get("standards", [])), success_criteria=tuple(g.get("success_criteria", [])),
        learning=tuple(g.get("learning", [])),
        check_ins=tuple(CheckIn(_date(c["date"]), c.get("notes")) for c in g.get("check_ins", [])),
        outcome=g.get("outcome"), visibility=g.get("visibility", "private"),
        expired=retention.is_expired(g["year"], trust.year_starts, trust.retention_years, deciding),
    )


def _default_type(kind: str, types: dict[str, ActivityType]) -> str | None:
    default = DEFAULT_EVENT_TYPES.get(kind)
    return default if default in types else None


def build_model(sources: Sources, today: dt.date) -> Model:
    """The model of data that passed every check, as of ``today`` (the printed date); who has left and which
    growth cycles are past retention are decided on ``dates.deciding(today)``, never before the real date."""
    deciding = dates.deciding(today)
    fw = sources.framework
    trust = _trust(fw["trust"].value)
    framework = _framework(fw["leadership"].value)
    max_level = framework.levels[-1].id
    types = {
        t["id"]: ActivityType(t["id"], t["name"], tuple(t.get("roles", [])), tuple(t.get("evidences", [])),
                              t.get("summary"), t.get("confidential", t["id"] in CONFIDENTIAL_TYPES))
        for t in fw["activities"].value
    }
    pv = fw["pathways"].value
    events_src = fw["events"].value if "events" in fw and fw["events"].value else []
    people = []
    for source in sorted(sources.portfolios, key=lambda s: s.path):
        p = source.value
        pid = os.path.splitext(os.path.basename(source.path))[0]
        roles = tuple(
            Role(r["title"], r["stage"], r["school"], _date(r["from"]), _opt_date(r.get("to")))
            for r in p.get("roles", [])
        )
        left = _opt_date(p.get("left"))
        consent = p.get("consent", {})
        people.append(Person(
            id=pid, name=p["name"], pronouns=p.get("pronouns"), school=p["school"],
            pathway=p.get("pathway"), coach=p.get("coach"),
            intranet=consent.get("intranet", True), showcase=consent.get("showcase", False),
            summary=p.get("summary"), story=p.get("story"), roles=roles,
            qualifications=tuple(Qualification(q["name"], _date(q["awarded"])) for q in p.get("qualifications", [])),
            activities=tuple(
                _activity(a, types, roles, p["school"], trust, max_level) for a in p.get("activities", [])
            ),
            growth=tuple(_cycle(g, trust, deciding) for g in p.get("growth", [])),
            left=left, reflections=sources.reflections.get(pid),
            current_role=facts.current_role(roles, today),
            has_left=left is not None and left < deciding,
            statistics=consent.get("statistics", False),
        ))
    return Model(
        trust=trust, framework=framework, activity_types=tuple(types.values()),
        stages=tuple(Stage(s["id"], s["name"]) for s in pv["stages"]),
        pathways=tuple(Pathway(w["id"], w["name"], tuple(w["stages"])) for w in pv.get("pathways", [])),
        events=tuple(
            Event(e["id"], e["kind"], e["title"], _date(e.get("date") or e["from"]), _opt_date(e.get("to")),
                  "date" in e, e.get("type") or _default_type(e["kind"], types), e.get("summary"))
            for e in events_src
        ),
        people=tuple(people), today=today,
    )
