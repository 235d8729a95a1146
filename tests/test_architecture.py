"""The engine does not import MkDocs: only the adapter may."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ENGINE = [
    "growthsite.read", "growthsite.sources", "growthsite.check", "growthsite.schema_check",
    "growthsite.model", "growthsite.build_model", "growthsite.facts", "growthsite.audience",
    "growthsite.render", "growthsite.render.markdown", "growthsite.project", "growthsite.site",
    "growthsite.cli", "growthsite.mkdocs_macros", "growthsite.disclosure", "growthsite.bidi",
    "growthsite.privacy", "growthsite.retention", "growthsite.terminal", "growthsite.export", "growthsite.report",
    "growthsite.new", "growthsite.importer", "growthsite.table", "growthsite.yaml_text", "growthsite.files",
    "growthsite.transaction",
    "growthsite.site_folder", "growthsite.protected", "growthsite.output_file",
]


def test_engine_never_imports_mkdocs() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {ENGINE!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material')))\n"
        "print(leaked)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_directory_page_names_are_reserved_person_ids() -> None:
    from conftest import TINY
    from growthsite.check import RESERVED_PERSON_IDS
    from growthsite.project import load
    from growthsite.site import Site

    loaded = load(str(TINY))
    site = Site(loaded, "staff")
    assert set(site.renderer.facets) | {"index"} <= RESERVED_PERSON_IDS


# -- one door (issue 16): only these modules may reach the model and the disclosure rules -----------------------
SRC = Path(__file__).resolve().parents[1] / "src" / "growthsite"
TEMPLATES = SRC / "render" / "templates"
EVERYTHING = None
MAY_IMPORT_MODEL: dict[str, frozenset[str] | None] = {
    "growthsite.model": EVERYTHING,
    "growthsite.build_model": EVERYTHING,  # builds it from the checked YAML
    "growthsite.audience": EVERYTHING,  # the door: decides what each audience sees, and re-exports the view's types
    "growthsite.facts": EVERYTHING,  # figures from records, called by the door with the records it decided
    "growthsite.project": frozenset({"Model"}),  # the loader returns the model
    "growthsite.cli": frozenset({"Model"}),  # hands the loaded model to the door (build, export, report, privacy)
    "growthsite.export": frozenset({"Model"}),  # its entry point hands the model to audience.person_view
    "growthsite.report": frozenset({"Model"}),  # its entry point hands the model to audience.view
    "growthsite.privacy": frozenset({"Model", "Person", "Visibility"}),  # a person's own check of every record
    "growthsite.toolkit": frozenset({"Trust"}),  # the trust's settings the forms offer: no person's data
}
MAY_IMPORT_DISCLOSURE = {
    "growthsite.disclosure",
    "growthsite.audience",  # the door decides every figure an audience sees
    "growthsite.report",  # the report's tables of figures per group (issue 16, P1)
}


def _imports(source: str, package: str) -> list[tuple[str, str]]:
    """(module, name) of every ``from X import name`` and ``import X`` in a module of ``package``, relative
    ones resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            for alias in node.names:
                found.append((module, alias.name))
                found.append((f"{module}.{alias.name}", "*"))  # from . import model
        elif isinstance(node, ast.Import):
            found += [(alias.name, "*") for alias in node.names]
    return found


def _modules() -> list[tuple[Path, str, str]]:
    """(file, module name, its package) of every module of growthsite."""
    modules = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules.append((path, name, name if parts[-1] == "__init__" else name.rpartition(".")[0]))
    return modules


def test_only_the_listed_modules_reach_the_model_and_the_disclosure_rules() -> None:
    wrong = []
    for path, name, package in _modules():
        for module, imported in _imports(path.read_text("utf-8"), package):
            if module == "growthsite.model":
                allowed = MAY_IMPORT_MODEL.get(name, frozenset())
                if allowed is not EVERYTHING and imported not in allowed:
                    wrong.append(f"{name} imports {imported} from the model")
            if module == "growthsite.disclosure" and name not in MAY_IMPORT_DISCLOSURE:
                wrong.append(f"{name} imports {imported} from the disclosure rules")
    assert wrong == []
    assert {name for _, name, _ in _modules()} >= set(MAY_IMPORT_MODEL) | MAY_IMPORT_DISCLOSURE  # no stale entry


def test_the_import_check_sees_every_way_of_importing() -> None:
    """The check above would catch the renderer importing the model or the disclosure rules, however written."""
    assert ("growthsite.model", "Event") in _imports("from ..model import Event\n", "growthsite.render")
    assert ("growthsite.disclosure", "*") in _imports("from .. import disclosure\n", "growthsite.render")
    assert ("growthsite.model", "*") in _imports("import growthsite.model\n", "growthsite.render")
    assert ("growthsite.disclosure", "Count") in _imports("from .disclosure import Count\n", "growthsite")


STATEMENT = re.compile(r"{%.*?%}", re.S)
DECIDES = re.compile(r"\bview\.audience\b|\baudience\s*(==|!=)")
REACHES = re.compile(r"disclosure|\bview\.contributions\b|\bview\.moves\b")


def template_decisions(text: str) -> list[str]:
    """What a template does that only the view may: compare the audience, or use the disclosure rules or the
    raw records that figures are counted from."""
    found = [m.group(0) for m in STATEMENT.finditer(text) if DECIDES.search(m.group(0))]
    return found + [m.group(0) for m in REACHES.finditer(text)]


def test_no_template_decides_by_audience_or_applies_disclosure() -> None:
    wrong = {t.name: template_decisions(t.read_text("utf-8")) for t in sorted(TEMPLATES.glob("*.html"))}
    assert {name: found for name, found in wrong.items() if found} == {}
    # The check finds each way the templates used to decide (issue 16's finding):
    assert template_decisions('{% if view.audience == "staff" %}x{% endif %}') == [
        '{% if view.audience == "staff" %}']
    assert template_decisions("{% set n = view.disclosure.count(2) %}") == ["disclosure"]
    assert template_decisions('{% set staff = audience != "public" %}') == ['{% set staff = audience != "public" %}']
    assert template_decisions('<p data-audience="{{ view.audience }}">{% if a.audience %}{{ a.audience }}'
                              "{% endif %}</p>") == []  # showing which site, or a record's audience, decides nothing
