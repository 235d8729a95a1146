"""The engine does not import MkDocs: only the adapter may."""

from __future__ import annotations

import subprocess
import sys

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
