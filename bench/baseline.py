"""The floor: the same pages as static Markdown, for plain MkDocs with the same theme and plugins.

``capture`` builds a trust once with ``capture_hook.py`` loaded, which writes every page's final
Markdown (after macros and growthsite) and every generated asset into a docs folder. ``write_config``
writes a mkdocs.yml with the trust's theme, nav, Markdown extensions and plugins, minus growthsite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

HOOK = Path(__file__).resolve().parent / "capture_hook.py"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def capture(trust: Path, docs: Path, scratch: Path) -> None:
    """Write the trust's pages, as its growthsite build renders them, into ``docs``."""
    config = trust / "mkdocs.capture.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {HOOK}\n", "utf-8")
    env = dict(os.environ, GROWTHSITE_BENCH_CAPTURE=str(docs), NO_MKDOCS_2_WARNING="1")
    subprocess.run([MKDOCS, "build", "-q", "-f", str(config), "-d", str(scratch)], env=env, check=True)
    config.unlink()


def write_config(trust: Path, docs: Path, target: Path) -> Path:
    """A mkdocs.yml for ``docs``: the trust's settings with every plugin but growthsite."""
    with open(trust / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    plugins = []
    for plugin in config.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "growthsite":
            continue
        if name == "macros":  # the same plugin, without growthsite's macro module
            plugin = {"macros": {"on_error_fail": True, "on_undefined": "strict"}}
        plugins.append(plugin)
    config.update(
        docs_dir=str(docs), plugins=plugins, strict=False,
        extra_css=["assets/growthsite.css"], extra_javascript=["assets/growthsite.js"],
    )
    config.pop("watch", None)
    target.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return target
