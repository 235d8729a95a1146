"""The privacy door: what each audience's view holds, from the tiny data set."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import TINY
from growthsite.audience import view
from growthsite.project import load


def model():  # type: ignore[no-untyped-def]
    loaded = load(str(TINY), dt.date(2026, 11, 24))
    assert loaded.model is not None
    return loaded.model


def walk(value: object) -> list[str]:
    """Every string anywhere inside a view."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in walk(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in walk(item)]
    return []


def test_staff_view_drops_private_records_and_all_check_ins() -> None:
    staff = view(model(), "staff")
    assert [p.id for p in staff.people] == ["ada-north", "ben-south"]
    strings = walk(staff)
    assert not [s for s in strings if "PRIVATE-MARKER" in s or "STAFF-CYCLE-NOTE" in s]
    ben = staff.person("ben-south")
    assert ben is not None and [g.focus for g in ben.growth] == ["Sharper questioning in Year 9"]
    assert not hasattr(ben.growth[0], "check_ins")


def test_public_view_is_showcase_only() -> None:
    public = view(model(), "public")
    assert [p.id for p in public.people] == ["ben-south"]
    ben = public.people[0]
    assert ben.summary is None and ben.growth == () and ben.coach is None and ben.qualifications == ()
    assert [a.title for a in ben.activities] == ["Reviewer at South Academy"]


def test_expired_cycles_are_dropped() -> None:
    m = model()
    later = dataclasses.replace(m, people=tuple(
        dataclasses.replace(p, growth=tuple(dataclasses.replace(g, expired=True) for g in p.growth))
        for p in m.people
    ))
    ben = view(later, "staff").person("ben-south")
    assert ben is not None and ben.growth == ()
