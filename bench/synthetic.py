"""A synthetic trust of any size: the demo's framework and pages, with N generated portfolios.

Portfolios follow the data contract as a CPD lead writes them (block YAML, comments, a mix of flow
and block lists): one to four roles, up to a dozen activities of every type, growth cycles with
check-ins, a share of leavers, people who opted out and people who said yes to the careers site.
The same N and seed give the same files, byte for byte.

With ``--activities A``, the activities are not drawn per person: the same A activities (the same for
any number of people) are dealt out in turn, A // N to each person (one more to the first A % N), one
activity a line in YAML's flow style so that 10,000 fit in a portfolio under read.py's size limit.
That is how the benchmark compares one big portfolio with the same records spread over many people.

    python bench/synthetic.py OUT --people 1000 [--seed 2026] [--activities 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Amira Ben Chloe Daniel Ellie Fatima George Hannah Ian Jade Kwame Lucy Maria Natalie Owen Priya Rajesh Rebecca "
    "Samuel Sian Sophie Tom Aisha Asha Claire Gemma Helen James Joanne Kerry Lorraine Mark Matthew Megan Richard "
    "Rosie Sarah Zainab Yusuf Wiktoria Tomasz Grace Olivia Noah Leo Isla Freya Arjun")
LAST = _words(
    "Hussain Okafor Rahman Patel Simmonds Ashworth Osei Ward Begum Fairclough Whitaker Lockwood Marsh Fletcher "
    "Morrison Whitfield Elliott Lewis Asante Pike Barnes Santos Delaney Finch Hughes Price Jenkins Chandran Nair "
    "Owen Coleman Turner Adeyemi Whitlock Roberts Grant Harrington Kowalski Nowak Evans Davies Jones")
TOWNS = _words("Worcester Evesham Malvern Pershore Bewdley Kidderminster Tewkesbury Gloucester Droitwich Upton "
              "Ledbury")
KINDS = ("Primary School", "Academy", "School", "Learning Centre")
JOBS = ("Class teacher", "Head of year", "Teaching assistant", "Deputy head", "Office manager")
ENDINGS = ("what works", "next steps", "a toolkit", "in practice")
PHASES = ("primary", "primary", "primary", "secondary", "all-through", "special", "alternative")
TOPICS = ("oracy", "reading for pleasure", "adaptive teaching", "retrieval practice", "behaviour routines",
          "early maths", "phonics", "SEND support plans", "feedback that moves learning", "safeguarding updates",
          "AI tools for planning", "wellbeing checks", "science practicals", "writing in history", "attendance")
FOCUS = ("Use structured talk to raise the quality of writing", "Cut marking time with whole-class feedback",
         "Help pupils settle after lunch with a sensory routine", "Plan retrieval starters across a unit",
         "Coach two new colleagues in behaviour routines", "Make reading aloud a daily habit in every class")


def _load(name: str) -> Any:
    return yaml.safe_load((ROOT / "framework" / f"{name}.yml").read_text("utf-8"))


def schools_for(people: int) -> int:
    """A trust grows by adding schools: about one school for every 80 staff, at least the demo's seven."""
    return max(7, people // 80)


def framework(out: Path, people: int) -> dict[str, Any]:
    """The demo's framework with as many schools as a trust of ``people`` staff has; what portfolios may name."""
    (out / "framework").mkdir(parents=True)
    for name in ("leadership", "activities", "pathways", "events"):
        shutil.copyfile(ROOT / "framework" / f"{name}.yml", out / "framework" / f"{name}.yml")
    trust = _load("trust")
    rng = random.Random(7)
    schools = [{"id": f"school-{i + 1:03d}", "name": f"{rng.choice(LAST)} {rng.choice(KINDS)} {i + 1}",
                "phase": PHASES[i % len(PHASES)], "town": TOWNS[i % len(TOWNS)]}
               for i in range(schools_for(people))]
    schools.append({"id": "central-team", "name": "Central Team", "phase": "central", "town": "Worcester"})
    trust["schools"] = schools
    text = "# Synthetic trust for the benchmark: the demo's settings with generated schools.\n"
    (out / "framework" / "trust.yml").write_text(text + yaml.safe_dump(trust, sort_keys=False, allow_unicode=True,
                                                                         width=110), "utf-8")
    activities = _load("activities")
    return {
        "schools": [s["id"] for s in schools],
        "types": {a["id"]: a.get("roles", []) for a in activities},
        "stages": [s["id"] for s in _load("pathways")["stages"]],
        "pathways": [p["id"] for p in _load("pathways")["pathways"]],
        "events": {e["id"]: e for e in _load("events")},
        "strands": [s["id"] for s in _load("leadership")["strands"]],
        "drivers": [d["id"] for d in trust["drivers"]],
        "standards": [f"{s['id']}/{i['id']}" for s in trust["standards"] for i in s["items"]],
    }


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))


def _quote(text: str) -> str:
    return yaml.safe_dump(text, width=10**6).removesuffix("\n...\n").strip()


def portfolio(rng: random.Random, index: int, ids: list[str], fw: dict[str, Any],
              dealt: list[str] | None = None) -> tuple[str, str, str | None]:
    """(id, YAML text, reflections Markdown or None) of one person; ``dealt``: their activity lines, if the
    activities are dealt out rather than drawn."""
    pid = ids[index]
    first, last = pid.split("-")[1:3]
    name = f"{first.title()} {last.title()}"
    school = rng.choice(fw["schools"][:-1])
    lines = [
        "# yaml-language-server: $schema=../src/growthsite/schemas/portfolio.schema.json",
        f"id: {pid}",
        f"name: {name}",
    ]
    if rng.random() < 0.6:
        lines.append(f"pronouns: {rng.choice(('she/her', 'he/him', 'they/them'))}")
    lines.append(f"school: {school}")
    if rng.random() < 0.7:
        lines.append(f"pathway: {rng.choice(fw['pathways'])}")
    if rng.random() < 0.5 and index > 0:
        lines.append(f"coach: {ids[rng.randrange(index)]}")
    intranet = rng.random() > 0.04
    showcase = intranet and rng.random() < 0.2
    lines += ["consent:", f"  intranet: {'true' if intranet else 'false'}",
              f"  showcase: {'true' if showcase else 'false'}"]
    topic = rng.choice(TOPICS)
    lines += ["summary: >", f"  Works at {school} and leads colleagues' work on {topic} across the trust."]
    if showcase:
        lines += ["story: >", f"  I joined the trust in {2010 + rng.randrange(12)} and found that leading {topic}",
                  "  for colleagues in other schools taught me more than any course."]
    stages = fw["stages"]
    start = dt.date(2008 + rng.randrange(14), 9, 1)
    lines.append("roles:                                  # oldest first")
    for n in range(rng.randint(1, 4)):
        end = dt.date(start.year + rng.randint(2, 5), 8, 31)
        current = n == 3 or end >= dt.date(2026, 8, 31)
        stage = stages[min(n + rng.randrange(3), len(stages) - 1)]
        role = f"  - {{title: {rng.choice(JOBS)}, stage: {stage}, school: {school}, from: {start}"
        lines.append(role + ("}" if current else f", to: {end}}}"))
        if current:
            break
        start = end + dt.timedelta(days=1)
    quals = rng.randrange(3)
    lines.append("qualifications:" + ("" if quals else " []"))
    for _ in range(quals):
        lines.append(f"  - {{name: {rng.choice(('NPQLT', 'NPQSL', 'NPQH', 'MA Education', 'HLTA status'))}, "
                     f"awarded: {_day(rng, dt.date(2012, 1, 1), dt.date(2026, 7, 1))}}}")
    count = rng.choice((0, 1, 2, 3, 4, 6, 8, 12)) if dealt is None else 0
    lines.append("activities:" + ("" if count or dealt else " []"))
    lines += dealt or []
    for _ in range(count):
        kind = rng.choice(list(fw["types"]))
        roles = fw["types"][kind]
        lines.append(f"  - type: {kind}")
        if roles:
            lines.append(f"    role: {rng.choice(roles)}")
        lines.append(f"    title: {_quote(rng.choice(TOPICS).capitalize() + ': ' + rng.choice(ENDINGS))}")
        if rng.random() < 0.3:
            event = rng.choice(list(fw["events"].values()))
            lines.append(f"    event: {event['id']}")
        if rng.random() < 0.5:
            lines.append(f"    date: {_day(rng, dt.date(2019, 9, 1), dt.date(2026, 11, 20))}")
        else:
            begin = _day(rng, dt.date(2019, 9, 1), dt.date(2026, 6, 1))
            lines.append(f"    from: {begin}")
            if rng.random() < 0.8:
                lines.append(f"    to: {begin + dt.timedelta(days=rng.randint(30, 300))}")
        if rng.random() < 0.5:
            lines.append(f"    reach: {rng.choice(('own-school', 'other-schools', 'trust', 'beyond-trust'))}")
        if rng.random() < 0.5:
            others = rng.sample(fw["schools"][:-1], k=min(3, len(fw["schools"]) - 1))[: rng.randint(1, 3)]
            lines.append(f"    schools: [{', '.join(others)}]")
        if rng.random() < 0.6:
            lines.append(f"    audience: {rng.randint(1, 150)}")
        if rng.random() < 0.2:
            lines.append(f"    evidences: [{rng.choice(fw['strands'])}]")
        if rng.random() < 0.1:
            lines.append(f"    link: https://intranet.example.org/{topic.replace(' ', '-')}")
        lines.append(f"    visibility: {rng.choice(('staff', 'staff', 'staff', 'public', 'private'))}")
    cycles = rng.randint(0, 3)
    if cycles:
        lines.append("growth:")
    for c in range(cycles):
        year = 2026 - cycles + c + 1
        lines += [f"  - year: {year}-{(year + 1) % 100:02d}", f"    focus: {rng.choice(FOCUS)}",
                  f"    drivers: [{rng.choice(fw['drivers'])}]", f"    standards: [{rng.choice(fw['standards'])}]",
                  "    success_criteria:", "      - Most pupils use the new routine without a prompt by spring",
                  "    check_ins:"]
        for month in (11, 3):
            y = year if month > 8 else year + 1
            if dt.date(y, month, 20) < dt.date(2026, 11, 24):
                lines.append(f"      - {{date: {y}-{month:02d}-20, notes: Going well; next we try it in science.}}")
        if lines[-1].endswith("check_ins:"):
            lines[-1] += " []"
        lines.append(f"    visibility: {rng.choice(('private', 'private', 'staff'))}")
    if rng.random() < 0.03:
        lines.append(f"left: {_day(rng, dt.date(2026, 12, 1), dt.date(2027, 8, 31))}")
    reflections = (f"# Reflections\n\nLeading {topic} with colleagues from other schools changed how I plan.\n"
                   if rng.random() < 0.1 else None)
    return pid, "\n".join(lines) + "\n", reflections


def activity_lines(rng: random.Random, fw: dict[str, Any]) -> list[str]:
    """One activity as a single flow-style line (under 100 bytes), with the fields people fill in most."""
    kind = rng.choice(list(fw["types"]))
    roles = fw["types"][kind]
    fields = [f"type: {kind}"] + ([f"role: {rng.choice(roles)}"] if roles else [])
    fields.append(f"title: {_quote(rng.choice(TOPICS).capitalize())}")
    if rng.random() < 0.5:
        fields.append(f"date: {_day(rng, dt.date(2019, 9, 1), dt.date(2026, 11, 20))}")
    else:
        begin = _day(rng, dt.date(2019, 9, 1), dt.date(2026, 6, 1))
        fields += [f"from: {begin}", f"to: {begin + dt.timedelta(days=rng.randint(30, 300))}"]
    if rng.random() < 0.05:
        fields.append(f"schools: [{rng.choice(fw['schools'][:-1])}]")
    if rng.random() < 0.05:
        fields.append(f"audience: {rng.randint(1, 150)}")
    visibility = rng.choice(("staff", "staff", "staff", "public", "private"))
    if visibility != "staff":  # staff is the default
        fields.append(f"visibility: {visibility}")
    return [f"  - {{{', '.join(fields)}}}"]


def generate(out: Path, people: int, seed: int = 2026, activities: int | None = None) -> Path:
    """Write a trust of ``people`` portfolios to ``out`` (which must not exist), with the demo's pages and
    mkdocs.yml, ready for ``growthsite build out``; with ``activities``, that many activities dealt out
    over the people (see the module's docstring)."""
    out.mkdir(parents=True)
    fw = framework(out, people)
    shutil.copytree(ROOT / "content", out / "content")
    shutil.copyfile(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(ROOT / "macros", out / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    (out / "portfolios").mkdir()
    rng = random.Random(seed)
    ids = [f"p{i + 1:05d}-{rng.choice(FIRST).lower()}-{rng.choice(LAST).lower()}" for i in range(people)]
    hands: list[list[str]] | None = None
    if activities is not None:
        # A larger trust has more schools, which would change the activities: draw from the smallest trust's.
        drawn = {**fw, "schools": [*fw["schools"][:schools_for(0)], "central-team"]}
        dealer = random.Random(seed + 1)
        hands = [[] for _ in range(people)]
        for n in range(activities):
            hands[n % people] += activity_lines(dealer, drawn)
    for index in range(people):
        pid, text, reflections = portfolio(rng, index, ids, fw, None if hands is None else hands[index])
        (out / "portfolios" / f"{pid}.yml").write_text(text, "utf-8")
        if reflections:
            (out / "portfolios" / f"{pid}.md").write_text(reflections, "utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--activities", type=int, help="deal this many activities out over the people")
    args = parser.parse_args()
    generate(args.out, args.people, args.seed, args.activities)
    dealt = "" if args.activities is None else f" with {args.activities:,} activities"
    print(f"wrote a trust of {args.people} people{dealt} to {args.out}")


if __name__ == "__main__":
    main()
