"""The command line as a CPD lead meets it: exit codes, formats, messages."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run


def test_validate_demo_is_clean_but_warns_about_the_leaver() -> None:
    result = run("validate", str(ROOT))
    assert result.returncode == 0
    assert result.stderr.splitlines()[:3] == [
        "portfolios/megan-hughes.yml:62:7: warning: Megan Hughes left on 2025-08-31 and gets no page",
        "  hint: delete the portfolio once the 6-year retention period ends",
        "0 errors, 1 warning",
    ]
    assert result.stderr.splitlines()[3].startswith("ok: 35 portfolios checked in ")


def test_strict_fails_on_warnings() -> None:
    assert run("validate", str(ROOT), "--strict").returncode == 1


def test_json_format(tiny: Path) -> None:
    (tiny / "portfolios" / "ada-north.yml").write_text("id: ada-north\nname: Ada\nschool: nowhere\n")
    result = run("validate", str(tiny), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert report["problems"] == [{
        "path": "portfolios/ada-north.yml", "line": 3, "col": 9, "message": "unknown school 'nowhere'",
        "hint": "known schools: 'hub', 'north-primary', 'south-academy'", "severity": "error",
    }]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("validate", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2
    result = run("build", str(tmp_path))
    assert result.returncode == 2
    assert "there is no mkdocs.yml in" in result.stderr


def test_missing_folders_are_reported(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "framework:1:1: error: there is no framework/ folder in" in result.stderr
    (tmp_path / "framework").mkdir()
    result = run("validate", str(tmp_path))
    assert result.stderr.splitlines()[0] == "framework/activities.yml:1:1: error: framework/activities.yml is missing"
    assert "framework/trust.yml:1:1: error: framework/trust.yml is missing" in result.stderr


def test_build_reports_what_it_built(tiny: Path, tmp_path: Path) -> None:
    result = run("build", str(tiny), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "built the staff site with 2 person pages into" in result.stderr
    assert (tmp_path / "out" / "people" / "ben-south" / "index.html").is_file()


def test_broken_mkdocs_yml_is_an_error_not_a_traceback(tiny: Path) -> None:
    (tiny / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\n")
    result = run("build", str(tiny))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml: error: " in result.stderr and "no-such-theme" in result.stderr
