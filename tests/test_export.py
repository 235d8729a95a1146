"""`growthsite export PERSON`: a person's evidence as JSON, exactly as their page shows it, and nothing more."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from conftest import GROWTHSITE, ROOT, TINY, run
from growthsite.audience import AUDIENCES
from growthsite.export import ExportError, export
from growthsite.project import load

SCHEMA = Path(sys.prefix) / "jsonresume" / "schema.json"
"""@jsonresume/schema 1.3.1's schema.json, fetched from the npm registry by `make setup` into the venv."""

PRIVATE = ("PRIVATE-MARKER-ACTIVITY", "PRIVATE-MARKER-FOCUS", "PRIVATE-MARKER-NOTE", "STAFF-CYCLE-NOTE")


def ref(id_: str, name: str) -> dict[str, str]:
    return {"id": id_, "name": name}


TEACHER, LEVEL_2, LEVEL_3 = ref("teacher", "Teacher"), {"id": 2, "name": "Team"}, {"id": 3, "name": "Partnership"}
NORTH, SOUTH = ref("north-primary", "North Primary"), ref("south-academy", "South Academy")
TEACHING_OTHERS = ref("teaching-others", "Teaching others")

ADA_STAFF: dict[str, Any] = {
    "growthsite": {"format": 1, "audience": "staff", "exported": "2026-11-24", "trust": "Larkfield Partnership"},
    "id": "ada-north",
    "name": "Ada North",
    "pronouns": "she/her",
    "school": NORTH,
    "current_role": {"title": "Class teacher", "stage": TEACHER, "school": NORTH, "from": "2020-09-01", "to": None},
    "pathway": None,
    "coach": None,
    "summary": "Year 2 teacher who leads the reading Think Tank.",
    "story": None,
    "reflections": None,
    "roles": [{"title": "Class teacher", "stage": TEACHER, "school": NORTH, "from": "2020-09-01", "to": None}],
    "qualifications": [{"name": "NPQLT", "awarded": "2024-07-10"}],
    "activities": [  # newest first, as the page's timeline; the private one is not there
        {
            "type": ref("peer-review", "Peer reviews"), "role": "reviewer",
            "title": "Reviewer at South Academy",  # a peer review: role, schools and date only (issue 16)
            "from": "2026-03-04", "to": "2026-03-04", "reach": None, "level": None,
            "schools": [SOUTH], "audience": None, "event": None, "evidences": [], "link": None,
        },
        {
            "type": ref("trust-training", "Training delivered"), "role": "co-lead", "title": "Reading aloud well",
            "from": "2026-01-05", "to": "2026-01-05", "reach": "other-schools", "level": LEVEL_3,
            "schools": [SOUTH], "audience": None, "event": None, "evidences": [TEACHING_OTHERS], "link": None,
        },
        {
            "type": ref("trust-training", "Training delivered"), "role": "lead", "title": "Phonics for new colleagues",
            "from": "2025-10-17", "to": "2025-10-17", "reach": "trust", "level": LEVEL_3,
            "schools": [], "audience": 30, "event": {"id": "inset-2025-10", "title": "Partnership training day"},
            "evidences": [TEACHING_OTHERS], "link": None,
        },
        {
            "type": ref("think-tank", "Think Tanks"), "role": "lead", "title": "Reading for pleasure",
            "from": "2025-09-01", "to": "2026-07-17", "reach": "trust", "level": LEVEL_3,
            "schools": [], "audience": None, "event": None, "evidences": [ref("curiosity", "Curiosity")], "link": None,
        },
        {
            "type": ref("coaching", "Coaching colleagues"), "role": None, "title": "Coaching an early career colleague",
            "from": "2025-09-01", "to": None, "reach": "own-school", "level": LEVEL_2,
            "schools": [], "audience": None, "event": None, "evidences": [], "link": None,
        },
        {
            "type": ref("think-tank", "Think Tanks"), "role": "member", "title": "Oracy",
            "from": "2024-09-01", "to": "2025-07-18", "reach": "own-school", "level": LEVEL_2,
            "schools": [], "audience": None, "event": None, "evidences": [ref("curiosity", "Curiosity")], "link": None,
        },
    ],
    "growth_cycles": [],  # her only cycle is private
    "figures": [
        {"id": "trust-training", "label": "Training delivered", "value": 2},
        {"id": "peer-review", "label": "Peer reviews", "value": 1},
        {"id": "think-tank", "label": "Think Tanks led", "value": 1},
        {"id": "coaching", "label": "Coaching colleagues", "value": 1},
        {"id": "schools-reached", "label": "Schools reached beyond their own", "value": 1},
        {"id": "colleagues-reached", "label": "Colleagues reached", "value": 30},
    ],
    "schools_reached": [SOUTH],
    "colleagues_reached": 30,
}

BEN_REVIEW = {
    "type": ref("peer-review", "Peer reviews"), "role": "reviewer", "title": "Reviewer at South Academy",
    "from": "2025-05-06", "to": "2025-05-06", "reach": None, "level": None,
    "schools": [SOUTH], "audience": None, "event": None, "evidences": [], "link": None,
}
BEN_FIGURES = [
    {"id": "trust-training", "label": "Training delivered", "value": 0},
    {"id": "peer-review", "label": "Peer reviews", "value": 1},
    {"id": "think-tank", "label": "Think Tanks led", "value": 0},
    {"id": "schools-reached", "label": "Schools reached beyond their own", "value": 0},
    {"id": "colleagues-reached", "label": "Colleagues reached", "value": 0},
]
BEN_ROLES = [
    {"title": "Teaching assistant", "stage": ref("ta", "Teaching assistant"), "school": SOUTH,
     "from": "2016-09-01", "to": "2022-08-31"},
    {"title": "Teacher of English", "stage": TEACHER, "school": SOUTH, "from": "2022-09-01", "to": None},
]

BEN_RESUME = {
    "basics": {
        "name": "Ben South",
        "label": "Teacher of English",
        "summary": "I started as a teaching assistant and trained on the job.",  # the public view has no summary
    },
    "work": [
        {"name": "South Academy", "position": "Teacher of English", "startDate": "2022-09-01"},
        {"name": "South Academy", "position": "Teaching assistant", "startDate": "2016-09-01",
         "endDate": "2022-08-31"},
    ],
    "projects": [
        {
            "name": "Reviewer at South Academy",
            "description": "Peer reviews, as reviewer.",  # no reach, level or strands (issue 16)
            "startDate": "2025-05-06",
            "endDate": "2025-05-06",
            "roles": ["Reviewer"],
            "entity": "South Academy",
            "type": "Peer reviews",
        }
    ],
    "certificates": [],
    "meta": {"version": "v1.0.0", "lastModified": "2026-11-24"},
}


def exported(*args: str) -> str:
    result = run("export", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# --- the json shape -------------------------------------------------------------------------------------------


def test_a_staff_export_is_what_the_staff_page_shows() -> None:
    text = exported("ada-north", str(TINY))
    assert json.loads(text) == ADA_STAFF
    assert list(json.loads(text)) == list(ADA_STAFF)  # keys in the documented order
    for secret in (*PRIVATE, "Review of Key Stage 3 reading"):  # private records; the peer review's own title
        assert secret not in text


def test_staff_and_public_exports_differ_as_the_views_do() -> None:
    staff = json.loads(exported("ben-south", str(TINY), "--audience", "staff"))
    public = json.loads(exported("ben-south", str(TINY), "--audience", "public"))
    common = {
        "id": "ben-south", "name": "Ben South", "pronouns": None, "school": SOUTH,
        "current_role": BEN_ROLES[1], "pathway": ref("classroom", "Into the classroom"),
        "story": "I started as a teaching assistant and trained on the job.",
        "roles": BEN_ROLES, "qualifications": [], "activities": [BEN_REVIEW], "figures": BEN_FIGURES,
        "schools_reached": [], "colleagues_reached": 0,
    }
    assert staff == {
        **common,
        "growthsite": {"format": 1, "audience": "staff", "exported": "2026-11-24", "trust": "Larkfield Partnership"},
        "coach": ref("ada-north", "Ada North"),
        "summary": "Became a teacher after six years as a teaching assistant.",
        "reflections": None,
        "growth_cycles": [{
            "year": "2025-26", "focus": "Sharper questioning in Year 9", "why": None,
            "drivers": [ref("reading", "Reading for pleasure")], "standards": [], "success_criteria": [],
            "learning": [], "outcome": "Pupils answer in full sentences.",
        }],
    }
    assert public == {
        **common,
        "growthsite": {"format": 1, "audience": "public", "exported": "2026-11-24", "trust": "Larkfield Partnership"},
        "coach": None,  # Ada has no careers page, so she is not named there
        "summary": None,  # staff only
        "reflections": None,
        "growth_cycles": [],  # shared with staff only
    }


def test_a_public_export_holds_only_public_records(tiny: Path) -> None:
    path = tiny / "portfolios" / "ada-north.yml"
    path.write_text(path.read_text("utf-8").replace("showcase: false", "showcase: true"), "utf-8")
    public = json.loads(exported("ada-north", str(tiny), "--audience", "public"))
    assert public["activities"] == []  # none of hers is marked public
    assert public["qualifications"] == []
    assert public["summary"] is None
    assert [f["value"] for f in public["figures"]] == [0, 0, 0, 0, 0]


def test_a_peer_review_never_exports_its_title_or_link(tiny: Path) -> None:
    path = tiny / "portfolios" / "ada-north.yml"
    text = path.read_text("utf-8").replace("    title: Review of Key Stage 3 reading\n",
                                           "    title: Review of Key Stage 3 reading\n"
                                           "    link: https://example.org/findings-of-the-review\n")
    path.write_text(text, "utf-8")
    data = exported("ada-north", str(tiny))
    resume = exported("ada-north", str(tiny), "--format", "json-resume")
    for output in (data, resume):
        assert "findings-of-the-review" not in output
        assert "Review of Key Stage 3 reading" not in output
    assert json.loads(data)["activities"][0] == ADA_STAFF["activities"][0]
    assert json.loads(resume)["projects"][0] == {
        "name": "Reviewer at South Academy",
        "description": "Peer reviews, as reviewer.",  # role, schools (entity) and date only: no strands
        "startDate": "2026-03-04", "endDate": "2026-03-04", "roles": ["Reviewer"], "entity": "South Academy",
        "type": "Peer reviews",
    }


def test_exported_text_is_data_and_bidi_controls_are_shown(tiny: Path) -> None:
    path = tiny / "portfolios" / "ada-north.yml"
    text = path.read_text("utf-8")
    text = text.replace("name: Ada North", 'name: "Ada \\u202eNorth"')
    text = text.replace("title: Reading aloud well",
                        'title: "Reading <b>aloud</b> & \\u2067well\\u2069"\n    link: "https://example.org/a\\u202eb?x=1&y=2"')
    text = text.replace("summary: Year 2 teacher who leads the reading Think Tank.",
                        'summary: "**Year 2** <script>alert(1)</script> \\u202e\\"quoted\\""')
    path.write_text(text, "utf-8")
    data = exported("ada-north", str(tiny))
    resume = exported("ada-north", str(tiny), "--format", "json-resume")
    for output in (data, resume):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", output)
    doc = json.loads(data)
    assert doc["name"] == "Ada [U+202E]North"
    assert doc["summary"] == '**Year 2** <script>alert(1)</script> [U+202E]"quoted"'
    training = next(a for a in doc["activities"] if a["role"] == "co-lead")
    assert training["title"] == "Reading <b>aloud</b> & [U+2067]well[U+2069]"
    assert training["link"] == "https://example.org/a[U+202E]b?x=1&y=2"  # as the page's link shows it
    cv = json.loads(resume)
    assert cv["basics"]["name"] == "Ada [U+202E]North"
    project = next(p for p in cv["projects"] if p.get("roles") == ["Co lead"])
    assert project["name"] == "Reading <b>aloud</b> & [U+2067]well[U+2069]"
    assert project["url"] == "https://example.org/a%E2%80%AEb?x=1&y=2"  # a URL stays a URL
    _validate(cv)


def test_output_is_utf8_whatever_the_locale(tiny: Path) -> None:
    path = tiny / "portfolios" / "ada-north.yml"
    path.write_text(path.read_text("utf-8").replace("name: Ada North", "name: Zoë Ó Néill"), "utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([GROWTHSITE, "export", "ada-north", str(tiny)], capture_output=True, env=env,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert '"name": "Zoë Ó Néill",'.encode() in result.stdout


# --- json-resume against the real schema ----------------------------------------------------------------------


def _schema() -> dict[str, Any]:
    if not SCHEMA.exists():
        pytest.fail(f"{SCHEMA} is missing: run make setup, which fetches @jsonresume/schema from the npm registry")
    schema: dict[str, Any] = json.loads(SCHEMA.read_text("utf-8"))
    return schema


def _strict(node: Any) -> Any:
    """The schema with every object closed (additionalProperties: false): a misspelled key fails."""
    if isinstance(node, dict):
        node = {key: _strict(value) for key, value in node.items()}
        if node.get("type") == "object":
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


def _errors(document: Any, schema: dict[str, Any]) -> list[str]:
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def _validate(document: Any) -> None:
    schema = _schema()
    assert _errors(document, schema) == []
    assert _errors(document, _strict(schema)) == []
    # jsonschema checks "uri" only with an extra package installed: check every url here.
    urls = [p["url"] for p in document["projects"] if "url" in p]
    assert all(re.fullmatch(r"https?://[!-~]+", url) for url in urls), urls


def test_the_schema_is_the_published_one() -> None:
    schema = _schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["title"] == "Resume Schema"
    Draft7Validator.check_schema(schema)
    assert {"basics", "work", "projects", "certificates", "meta"} <= set(schema["properties"])


def test_a_json_resume_export_is_a_valid_resume() -> None:
    cv = json.loads(exported("ben-south", str(TINY), "--format", "json-resume", "--audience", "public"))
    assert cv == BEN_RESUME
    _validate(cv)


def test_a_staff_json_resume_has_roles_activities_and_qualifications() -> None:
    cv = json.loads(exported("ada-north", str(TINY), "--format", "json-resume"))
    _validate(cv)
    assert cv["basics"] == {"name": "Ada North", "label": "Class teacher",
                            "summary": "Year 2 teacher who leads the reading Think Tank."}
    assert cv["work"] == [{"name": "North Primary", "position": "Class teacher", "startDate": "2020-09-01"}]
    assert cv["certificates"] == [{"name": "NPQLT", "date": "2024-07-10"}]
    assert [p["name"] for p in cv["projects"]] == [
        "Reviewer at South Academy", "Reading aloud well", "Phonics for new colleagues", "Reading for pleasure",
        "Coaching an early career colleague", "Oracy",
    ]
    assert cv["projects"][2] == {
        "name": "Phonics for new colleagues",
        "description": "Training delivered, as lead; Partnership training day. Reach: trust; 30 colleagues. "
                       "Evidences level 3 (Partnership) in Teaching others.",
        "startDate": "2025-10-17", "endDate": "2025-10-17", "roles": ["Lead"],
        "type": "Training delivered", "keywords": ["Teaching others"],
    }
    assert cv["projects"][4] == {  # ongoing: no end date; no role
        "name": "Coaching an early career colleague",
        "description": "Coaching colleagues. Reach: own school. Evidences level 2 (Team).",
        "startDate": "2025-09-01", "type": "Coaching colleagues", "keywords": [],
    }
    text = json.dumps(cv)
    assert all(secret not in text for secret in (*PRIVATE, "Review of Key Stage 3 reading"))


def test_the_strict_schema_catches_a_misspelled_key() -> None:
    cv = copy.deepcopy(BEN_RESUME)
    cv["work"][0]["positon"] = cv["work"][0].pop("position")
    assert _errors(cv, _schema()) == []
    assert _errors(cv, _strict(_schema())) == [
        "['work', 0]: Additional properties are not allowed ('positon' was unexpected)"
    ]


@pytest.fixture(scope="module")
def demo() -> Any:
    loaded = load(str(ROOT))
    assert loaded.model is not None, "the demo data has errors"
    return loaded.model


def test_every_demo_person_exports_a_valid_resume_in_each_audience(demo: Any) -> None:
    exportable: dict[str, list[str]] = {a: [] for a in AUDIENCES}
    checked = 0
    for person in demo.people:
        secrets = [a.title for a in person.activities if a.visibility == "private"]
        secrets += [a.title for a in person.activities if a.type == "peer-review"]
        secrets += [g.focus for g in person.growth if g.visibility == "private"]
        secrets += [c.notes for g in person.growth for c in g.check_ins if c.notes]
        for audience in AUDIENCES:
            try:
                cv = export(demo, person.id, audience, "json-resume")
            except ExportError:
                continue
            exportable[audience].append(person.id)
            _validate(json.loads(cv))
            data = export(demo, person.id, audience, "json")
            rank = ("staff", "public") if audience == "staff" else ("public",)
            shown = {a.title for a in person.activities if a.visibility in rank and a.type != "peer-review"}
            shown |= {q.name for q in person.qualifications} if audience == "staff" else set()
            for secret in set(secrets) - shown:  # e.g. a private "MA Education" study and the MA it led to
                assert secret not in cv and secret not in data, (person.id, audience, secret)
                checked += 1
    assert checked > 150
    assert len(exportable["staff"]) == 33  # 35, less ian-fletcher (no intranet) and megan-hughes (left)
    assert "ian-fletcher" not in exportable["staff"] and "megan-hughes" not in exportable["staff"]
    assert sorted(exportable["public"]) == [
        "aisha-rahman", "asha-patel", "fatima-begum", "hannah-lockwood", "helen-marsh", "jade-morrison",
        "matthew-finch", "natalie-price",
    ]


def test_the_command_line_gives_what_the_engine_gives(demo: Any) -> None:
    result = run("export", "hannah-lockwood", str(ROOT), "--format", "json-resume", "--audience", "public")
    assert result.returncode == 0, result.stderr
    assert result.stdout == export(demo, "hannah-lockwood", "public", "json-resume")
    cv = json.loads(result.stdout)
    oracy = next(p for p in cv["projects"] if p["name"] == "Oracy across the curriculum")
    assert oracy["url"] == "https://www.severnvale.example.org/think-tanks/oracy"


# --- refusals -------------------------------------------------------------------------------------------------


def _refused(*args: str) -> str:
    result = run("export", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def test_an_unknown_person_gets_a_suggestion() -> None:
    assert _refused("ada-nort", str(TINY)) == (
        f"there is no portfolio for 'ada-nort' in {TINY}: did you mean 'ada-north'?\n"
    )


def test_no_careers_export_without_consent() -> None:
    assert _refused("ada-north", str(TINY), "--audience", "public") == (
        "ada-north has not agreed to the careers site (consent.showcase is not true), "
        "so there is nothing to export for the public audience\n"
    )


def test_no_export_for_someone_without_a_page(tiny: Path) -> None:
    for audience in AUDIENCES:
        assert _refused("cara-hub", str(tiny), "--audience", audience) == (
            "cara-hub has opted out of the intranet (consent.intranet is false), so they have no page "
            f"and there is nothing to export for the {audience} audience\n"
        )
    path = tiny / "portfolios" / "ben-south.yml"
    path.write_text(path.read_text("utf-8") + "left: 2026-08-31\n", "utf-8")
    assert _refused("ben-south", str(tiny)) == (
        "ben-south left on 2026-08-31, so they have no page and there is nothing to export for the staff audience\n"
    )


def test_data_with_errors_is_reported_instead(tiny: Path) -> None:
    (tiny / "portfolios" / "ada-north.yml").write_text("id: ada-north\nname: Ada\nschool: nowhere\n", "utf-8")
    assert _refused("ada-north", str(tiny)) == (
        "portfolios/ada-north.yml:3:9: error: unknown school 'nowhere'\n"
        "  hint: known schools: 'hub', 'north-primary', 'south-academy'\n"
        "1 error, 0 warnings\n"
        "the data has problems, so nothing can be exported: fix them first (growthsite validate)\n"
    )


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run("export", "ada-north", str(TINY), "--format", "xml")
    assert result.returncode == 2
    assert "'xml' is not one of 'json', 'json-resume'" in result.stderr


# --- determinism and files ------------------------------------------------------------------------------------


def test_two_exports_are_byte_identical() -> None:
    for fmt in ("json", "json-resume"):
        first = run("export", "ben-south", str(TINY), "--format", fmt)
        second = run("export", "ben-south", str(TINY), "--format", fmt)
        assert first.returncode == second.returncode == 0
        assert first.stdout == second.stdout
        assert first.stdout.endswith("}\n")
        assert first.stdout.startswith("{\n  \"")  # indent=2


def test_output_goes_to_a_file_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "ben.json"
    target.write_text("an older export", "utf-8")
    result = run("export", "ben-south", str(TINY), "--format", "json-resume", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote the staff json-resume export of ben-south to {target}\n"
    assert target.read_bytes() == exported("ben-south", str(TINY), "--format", "json-resume").encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ben.json"]  # no temporary file left behind


def test_an_unwritable_output_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "ben.json"
    assert _refused("ben-south", str(TINY), "--output", str(target)) == (
        f"could not write {target}: No such file or directory; nothing was written\n"
    )
