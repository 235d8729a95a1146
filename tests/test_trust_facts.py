"""Person and trust-wide facts on the tiny data set, against values counted by hand.

Staff-visible activities in tests/fixtures/tiny (the private one excluded):
  ada  0 trust-training lead      2025-10-17 reach trust                        level 3  teaching-others
  ada  1 trust-training co-lead   2026-01-05 schools [south] → other-schools    level 3  teaching-others
  ada  2 peer-review reviewer     2026-03-04 schools [south] → other-schools    level 3  review
  ada  3 think-tank lead          2025-09-01 reach trust                        level 3  curiosity
  ada  4 think-tank member        2024-09-01 → own-school                       level 2  curiosity
  ada  5 coaching                 2025-09-01 → own-school                       level 2  (none)
  ben    peer-review reviewer     2025-05-06 schools [south] (his own) → own    level 2  review
  cara   trust-training lead      2025-10-17 reach trust, no page, inset event  level 3  teaching-others
"""

from __future__ import annotations

import datetime as dt

from conftest import TINY
from growthsite import facts
from growthsite.audience import SiteView, view
from growthsite.project import load


def staff() -> SiteView:
    loaded = load(str(TINY), dt.date(2026, 11, 24))
    assert loaded.model is not None
    return view(loaded.model, "staff")


def test_person_figures() -> None:
    ada = staff().person("ada-north")
    assert ada is not None
    assert [(f.type, f.label, f.value) for f in ada.figures] == [
        ("trust-training", "Training delivered", 2), ("peer-review", "Peer reviews", 1),
        ("think-tank", "Think Tanks led", 1), ("coaching", "Coaching colleagues", 1),
    ]
    assert [s.id for s in ada.schools_reached] == ["south-academy"]
    assert ada.colleagues_reached == 30
    assert ada.years_in_trust == 6  # 2020-09-01 to 2026-11-24


def test_evidence_map_points_at_the_activities() -> None:
    ada = staff().person("ada-north")
    assert ada is not None
    titles = {key: [ada.activities[i].title for i in found] for key, found in ada.evidence.items()}
    assert titles == {
        ("teaching-others", 3): ["Phonics for new colleagues", "Reading aloud well"],
        ("curiosity", 3): ["Reading for pleasure"],  # her peer review is confidential: in no cell (issue 16)
        ("curiosity", 2): ["Oracy"],
    }


def test_timeline_newest_year_first() -> None:
    ada = staff().person("ada-north")
    assert ada is not None
    assert [(g.year, [a.title for _, a in g.entries]) for g in ada.timeline] == [
        ("2025-26", ["Reviewer at South Academy", "Reading aloud well", "Phonics for new colleagues",
                     "Reading for pleasure", "Coaching an early career colleague"]),
        ("2024-25", ["Oracy"]),
    ]


def test_trust_wide_counts_include_people_without_a_page_unnamed() -> None:
    site = staff()
    assert facts.per_year_and_type(site.contributions) == {
        ("2025-26", "trust-training"): 3, ("2025-26", "peer-review"): 1, ("2025-26", "think-tank"): 1,
        ("2025-26", "coaching"): 1, ("2024-25", "think-tank"): 1, ("2024-25", "peer-review"): 1,
    }
    assert facts.support_matrix(site.contributions) == {("north-primary", "south-academy"): 2}
    assert facts.coverage(site.contributions) == {
        ("teaching-others", 3): 2, ("review", 3): 1, ("curiosity", 3): 1, ("curiosity", 2): 1, ("review", 2): 1,
    }
    assert {c.person for c in site.contributions} == {"ada-north", "ben-south", None}


def test_school_flows() -> None:
    c = staff().contributions
    north = facts.school_flows("north-primary", c)
    assert north.given_by_type == {"trust-training": 2, "peer-review": 1, "think-tank": 1}
    assert north.given_to == {"south-academy": 2}
    assert north.received_by_type == {} and north.received_from == {}
    south = facts.school_flows("south-academy", c)
    assert south.given_by_type == {}
    assert south.received_by_type == {"trust-training": 1, "peer-review": 1}
    assert south.received_from == {"north-primary": 2}
    hub = facts.school_flows("hub", c)
    assert hub.given_by_type == {"trust-training": 1} and hub.given_to == {}


def test_event_people() -> None:
    people = facts.event_people("inset-2025-10", staff().contributions)
    assert people == facts.EventPeople(leads=("ada-north",), others=(), unnamed=1)


def test_public_figures_count_only_what_the_careers_site_shows_and_name_only_public_ones() -> None:
    """Nobody in tiny gave consent.statistics: the careers site counts Ben's one public record, not Ada's staff
    records (no careers page) or Cara's (opted out), which the staff site counts (see test_public_figures)."""
    loaded = load(str(TINY), dt.date(2026, 11, 24))
    assert loaded.model is not None
    public = view(loaded.model, "public")
    assert facts.per_year_and_type(public.contributions) == {("2024-25", "peer-review"): 1}
    named = {(c.person, c.type, c.year) for c in public.contributions if c.person is not None}
    assert named == {("ben-south", "peer-review", "2024-25")}  # his one public record
    assert public.disclosure.threshold == 3 and staff().disclosure.threshold is None


def test_identical_activities_keep_their_own_anchors() -> None:
    ada = staff().person("ada-north")
    assert ada is not None
    twice = (*ada.activities, ada.activities[0])
    groups = facts.by_year(twice)
    indexes = [i for _, found in groups for i in found]
    assert sorted(indexes) == list(range(len(twice)))
