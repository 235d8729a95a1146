"""Every page type of each build, by a representative page of the demo trust."""

from __future__ import annotations

PAGE_TYPES: dict[str, dict[str, str]] = {
    "staff": {
        "home": "",
        "policy": "policy/",
        "policy section": "policy/cycle/",
        "toolkit": "toolkit/",
        "toolkit resource": "toolkit/growth-plan/",
        "standards reflection form": "toolkit/standards/teachers/",
        "framework": "framework/",
        "framework strand": "framework/collaboration/",
        "people directory": "people/",
        "directory by stage": "people/stage/teacher/",
        "directory by activity": "people/type/think-tank/",
        "directory by pathway": "people/pathway/teaching-to-leadership/",
        "person": "people/hannah-lockwood/",
        "pathways": "pathways/",
        "pathway": "pathways/support-to-teaching/",
        "schools": "schools/",
        "school": "schools/the-willows-school/",
        "events": "events/",
        "event": "events/tt-oracy-2023/",
        "dashboard": "dashboard/",
        "opportunities": "opportunities/",
        "accessibility statement": "accessibility/",
        "not found": "404.html",
    },
    "public": {
        "home": "",
        "growing here": "growth-offer/",
        "policy in brief": "policy/",
        "pathways": "pathways/",
        "pathway": "pathways/support-to-teaching/",
        "people directory": "people/",
        "directory by stage": "people/stage/teacher/",
        "directory by activity": "people/type/think-tank/",
        "directory by pathway": "people/pathway/teaching-to-leadership/",
        "person": "people/hannah-lockwood/",
        "framework": "framework/",
        "framework strand": "framework/collaboration/",
        "accessibility statement": "accessibility/",
        "not found": "404.html",
    },
}

CASES = [(audience, kind, path) for audience, kinds in PAGE_TYPES.items() for kind, path in kinds.items()]
IDS = [f"{audience}:{kind}" for audience, kind, _ in CASES]
