"""The engine does not import MkDocs: only the adapter may."""

from __future__ import annotations

import subprocess
import sys

ENGINE = [
    "growthsite.read", "growthsite.sources", "growthsite.check", "growthsite.schema_check",
    "growthsite.model", "growthsite.build_model", "growthsite.facts", "growthsite.audience",
    "growthsite.render", "growthsite.render.markdown", "growthsite.project", "growthsite.site",
    "growthsite.cli", "growthsite.mkdocs_macros",
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
