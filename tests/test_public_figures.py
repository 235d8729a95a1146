"""The careers site's figures count only what it shows, plus colleagues who gave ``consent.statistics``.

Each finding of issue 16's item 1 is reproduced with its scenario: a figure that counted a staff-only record
or a colleague without a careers page could be recovered by subtraction, or by comparing two builds.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import ROOT, build
from growthsite import facts
from growthsite.audience import view
from growthsite.cli import main
from growthsite.disclosure import EXACT, Disclosure
from growthsite.model import Model
from growthsite.project import load

DEMO_PARTS = ("framework", "portfolios", "careers", "content", "macros", "mkdocs.yml", "mkdocs.public.yml")
STATISTICS = re.compile(r"^  statistics: true\n", re.MULTILINE)


def demo_copy(target: Path, statistics: bool = True) -> Path:
    """The demo's data and pages; without ``statistics`` as it was before issue 16 (nobody's consent)."""
    for part in DEMO_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copyfile(source, target / part)
    if not statistics:
        for portfolio in (target / "portfolios").glob("*.yml"):
            portfolio.write_text(STATISTICS.sub("", portfolio.read_text("utf-8")), "utf-8")
    return target


def model_of(folder: Path) -> Model:
    model = load(str(folder)).model
    assert model is not None
    return model


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def few_types(page: BeautifulSoup, stage: str) -> list[str]:
    few = page.select_one(f"#stage-{stage} .gs-pathway__few")
    return str(few["data-types"]).split() if few else []


# -- finding 1: subtraction -------------------------------------------------------------------------

def test_a_framework_count_cannot_be_split_into_named_and_hidden_colleagues(tmp_path: Path) -> None:
    """Inclusion at level 3 read "5 colleagues" while 2 were named: 3 others, one of them a staff-only record.

    Now the count is the 2 named (Fatima Begum and Matthew Finch, by their public records), so it reads
    "Fewer than 5"; likewise the move from teacher to middle leader (7 colleagues, after 4 years) counts
    only the 3 with a careers page.
    """
    data = demo_copy(tmp_path / "demo", statistics=False)
    site = build(data, tmp_path / "public", "public")
    cell = soup(site, "framework/index.html").select_one('tr[data-strand="inclusion"] td[data-level="3"] '
                                                         ".gs-framework__people")
    assert cell is not None
    assert cell.get_text(" ", strip=True) == "Fewer than 5 colleagues evidencing Inclusion at level 3"
    public = view(model_of(data), "public")
    evidencing = [c for c in public.contributions if "inclusion" in c.evidences and c.level == 3]
    assert {c.person for c in evidencing} == {"fatima-begum", "matthew-finch"}
    step = soup(site, "pathways/teaching-to-leadership/index.html").select_one(
        "#stage-teacher .gs-pathway__step")
    assert step is not None and not step.has_attr("data-count")
    assert step.get_text(" ", strip=True) == "On to Middle leader: Fewer than 5 colleagues have made this move."
    assert facts.pathway_steps(("teacher", "middle-leader"), public.moves)[0].people == 3  # Aisha, Asha, Matthew


def test_the_colleagues_a_public_figure_does_not_name_all_gave_statistics_consent() -> None:
    """The demo as shipped: whoever a public figure counts without a name agreed to it."""
    model = model_of(ROOT)
    public = view(model, "public")
    keys = {key: person for key, person in enumerate(model.people)}
    unnamed = {c.person_key for c in public.contributions if c.person is None}
    assert unnamed and all(keys[k].statistics for k in unnamed)
    assert all(keys[m.person_key].statistics or keys[m.person_key].showcase for m in public.moves)
    # Inclusion at level 3: the 2 named by public records, and 3 who agreed to be counted (Hannah Lockwood
    # has a careers page, but her record of it is staff-only: it counts by her consent, not by her page).
    evidencing = [c for c in public.contributions if "inclusion" in c.evidences and c.level == 3]
    assert sorted({(keys[c.person_key].id, c.person) for c in evidencing}) == [
        ("fatima-begum", "fatima-begum"), ("hannah-lockwood", None), ("joanne-elliott", None),
        ("matthew-finch", "matthew-finch"), ("sophie-grant", None)]


# -- finding 2: differencing two builds --------------------------------------------------------------

ZOE = """\
id: zoe-added
name: Zoe Added
school: kingsmead-primary
consent: {CONSENT}
roles:
  - {title: Class teacher, stage: teacher, school: kingsmead-primary, from: 2018-09-01, to: 2024-08-31}
  - {title: English lead, stage: middle-leader, school: kingsmead-primary, from: 2024-09-01}
activities:
  - type: staff-meeting
    role: lead
    title: Reading across the trust
    date: 2026-10-05
    reach: trust
"""


@pytest.mark.parametrize("consent", ["{intranet: false}", "{intranet: true, showcase: false}"])
def test_adding_a_colleague_without_a_careers_page_changes_no_byte_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, consent: str
) -> None:
    """One opted-out colleague with one staff-visible staff meeting turned the careers home's "fewer than 5"
    colleagues who led work beyond their school (2026-27) into 5, and moved framework and pathway counts."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = demo_copy(tmp_path / "demo", statistics=False)
    before = tree(build(data, tmp_path / "before", "public"))
    staff_before = facts.year_figures("2026-27", view(model_of(data), "staff").contributions)
    (data / "portfolios" / "zoe-added.yml").write_text(ZOE.replace("{CONSENT}", consent), "utf-8")
    staff_after = facts.year_figures("2026-27", view(model_of(data), "staff").contributions)
    assert (staff_before.leaders_beyond, staff_after.leaders_beyond) == (4, 5)  # she counts for staff
    after = tree(build(data, tmp_path / "after", "public"))
    assert after.keys() == before.keys()
    assert [page for page in before if before[page] != after[page]] == []


# -- finding 3: "done at this stage" ----------------------------------------------------------------

def test_a_stage_held_by_one_person_lists_only_her_public_records(tmp_path: Path) -> None:
    """Natalie Price is the only business leader: the stage listed her staff-only peer review, and still did
    without her careers page. Now it lists her public records' types, and nothing once she has no page."""
    data = demo_copy(tmp_path / "demo", statistics=False)
    page = "pathways/support-to-business-leadership/index.html"
    site = build(data, tmp_path / "public", "public")
    assert sorted(few_types(soup(site, page), "business-leader")) == [
        "community-of-practice", "secondment", "trust-training"]
    edit(data / "portfolios" / "natalie-price.yml", "  showcase: true\n", "  showcase: false\n")
    site = build(data, tmp_path / "without", "public")
    found = soup(site, page)
    assert few_types(found, "business-leader") == []
    stage = found.select_one("#stage-business-leader")
    assert stage is not None and "Peer reviews" not in stage.get_text()
    assert not [m for m in view(model_of(data), "public").moves if m.target == "business-leader"]


# -- finding 4: the public report -------------------------------------------------------------------

SECONDMENT = """\
  - type: secondment
    title: Outreach days in five schools
    from: 2026-09-07
    to: 2026-10-16
    schools: [kingsmead-primary, orchard-field-primary, st-kenelms-primary, hartbury-academy, longmead-school]
    audience: 42
    visibility: public
"""


def csv_rows(text: str) -> dict[tuple[str, str, str], list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    return {(r[0], r[1], r[2]): r[3:] for r in rows[1:]}


def test_the_public_report_shows_nothing_of_a_group_whose_count_it_hides(tmp_path: Path) -> None:
    """One colleague's secondment reaching 5 schools and 42 colleagues printed
    "fewer than 5,fewer than 5,5,42": the row now says only that it is about fewer than 5 colleagues."""
    data = demo_copy(tmp_path / "demo", statistics=False)
    edit(data / "portfolios" / "matthew-finch.yml", "activities:\n", "activities:\n" + SECONDMENT)
    result = CliRunner().invoke(main, ["report", str(data), "--audience", "public", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.output)
    assert rows["2026-27", "type", "secondment"] == [
        "Specialist support across schools", "not shown", "fewer than 5", "not shown", "not shown"]
    hidden = [cells for cells in rows.values() if cells[2] == "fewer than 5"]
    assert hidden and all(cells[1] == cells[3] == cells[4] == "not shown" for cells in hidden)
    table = CliRunner().invoke(main, ["report", str(data), "--audience", "public", "--year", "2026-27"]).output
    total = next(line for line in table.splitlines() if line.startswith("Total"))
    assert total.split() == ["Total", "not", "shown", "fewer", "than", "5", "not", "shown", "not", "shown"]


def test_a_total_never_gives_away_a_hidden_group() -> None:
    public = Disclosure(5)
    parts, total = public.group_table([6, 2, 0], [False, True, True], 8, total_hidden=False)
    assert [str(c) for c in parts] == ["6", "not shown", "not shown"] and str(total) == "at least 6"
    parts, total = public.group_table([3, 1], [True, True], 4, total_hidden=True)
    assert [str(c) for c in (*parts, total)] == ["not shown"] * 3
    assert public.hides(4) and not public.hides(5) and not EXACT.hides(0)
    parts, total = EXACT.group_table([3, 1], [False, False], 4, total_hidden=False)
    assert [str(c) for c in (*parts, total)] == ["3", "1", "4"]


# -- the one exception: consent.statistics ----------------------------------------------------------

def test_statistics_consent_counts_staff_records_and_roles_without_a_name(tiny: Path) -> None:
    """Ada (no careers page) has 6 records that are not private; Ben (careers page) one public review."""
    public = view(model_of(tiny), "public")
    assert [(c.person, c.type) for c in public.contributions] == [("ben-south", "peer-review")]
    assert [(m.source, m.target) for m in public.moves] == [("ta", "teacher")]  # Ben's, on his page
    assert facts.year_figures("2025-26", public.contributions).trainers == 0
    edit(tiny / "portfolios" / "ada-north.yml", "consent: {intranet: true, showcase: false}",
         "consent: {intranet: true, showcase: false, statistics: true}")
    public = view(model_of(tiny), "public")
    ada = [c for c in public.contributions if c.person_key == 0]
    assert len(ada) == 6 and {c.person for c in ada} == {None}
    assert facts.year_figures("2025-26", public.contributions).trainers == 1
    assert public.person("ada-north") is None


def test_showcase_does_not_imply_statistics_and_an_opt_out_overrides_it(tiny: Path) -> None:
    edit(tiny / "portfolios" / "ben-south.yml", "activities:\n", "activities:\n"
         "  - {type: coaching, title: STAFF-ONLY-COACHING, from: 2025-09-01}\n")
    edit(tiny / "portfolios" / "cara-hub.yml", "consent: {intranet: false}",
         "consent: {intranet: false, statistics: true}")
    public = view(model_of(tiny), "public")
    assert [(c.person, c.type) for c in public.contributions] == [("ben-south", "peer-review")]
    edit(tiny / "portfolios" / "ben-south.yml", "consent: {showcase: true}",
         "consent: {showcase: true, statistics: true}")
    public = view(model_of(tiny), "public")
    assert sorted((c.person or "-", c.type) for c in public.contributions) == [
        ("-", "coaching"), ("ben-south", "peer-review")]


def test_the_staff_figures_do_not_depend_on_statistics_consent(tiny: Path) -> None:
    before = view(model_of(tiny), "staff")
    for name, old in (("ada-north", "showcase: false}"), ("cara-hub", "intranet: false}")):
        edit(tiny / "portfolios" / f"{name}.yml", old, old[:-1] + ", statistics: true}")
    after = view(model_of(tiny), "staff")
    assert (after.contributions, after.moves) == (before.contributions, before.moves)
    assert len(before.contributions) == 8  # every record that is not private, of all three


# -- growthsite privacy says whether the person's records count on the careers site -----------------

def privacy(person: str, folder: Path = ROOT) -> list[str]:
    result = CliRunner().invoke(main, ["privacy", person, str(folder)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_the_privacy_report_says_what_the_careers_figures_count(tiny: Path) -> None:
    helen = privacy("helen-marsh")
    assert "Consent: intranet yes, careers site yes, careers figures yes" in helen
    assert ("The careers site's figures count your activities that staff see and your roles, without your name, "
            "because consent.statistics is true: only as a figure of at least 5 (a smaller one is shown as "
            "\"fewer than 5\").") in helen
    claire = privacy("claire-ashworth")
    assert "Consent: intranet yes, careers site no, careers figures no" in claire
    assert ("Nothing of yours counts in the careers site's figures (no careers page: consent.showcase is not true, "
            "and consent.statistics is not true). With consent.statistics: true your activities that staff see "
            "would count there, without your name.") in claire
    edit(tiny / "portfolios" / "cara-hub.yml", "consent: {intranet: false}",
         "consent: {intranet: false, statistics: true}")
    assert ("Nothing of yours counts in the careers site's figures: no page anywhere: consent.intranet is false, "
            "so consent.statistics does not apply.") in privacy("cara-hub", tiny)


def test_a_statistics_consent_that_is_not_true_or_false_is_refused(tiny: Path) -> None:
    edit(tiny / "portfolios" / "ben-south.yml", "consent: {showcase: true}",
         'consent: {showcase: true, statistics: "yes"}')
    result = CliRunner().invoke(main, ["validate", str(tiny)])
    assert result.exit_code == 1
    assert "portfolios/ben-south.yml:6:39: error: consent.statistics should be true or false, not the text 'yes'" \
        in result.output


def test_validate_warns_when_statistics_consent_meets_an_intranet_opt_out(tiny: Path) -> None:
    edit(tiny / "portfolios" / "cara-hub.yml", "consent: {intranet: false}",
         "consent: {intranet: false, statistics: true}")
    result = CliRunner().invoke(main, ["validate", str(tiny)])
    assert result.exit_code == 0
    # line 4: "consent: {intranet: false, statistics: true}", the value true at column 40
    assert ("portfolios/cara-hub.yml:4:40: warning: Cara Hidden opted out of the intranet, so their records are not "
            "counted in the careers site's figures either, whatever statistics says\n"
            "  hint: ask them which they want: remove statistics: true, or set intranet: true") in result.output
