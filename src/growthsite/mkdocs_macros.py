"""mkdocs-macros pluglet: the macros content pages may call. Thin by design.

Each macro asks the growthsite plugin's renderer (an audience view only) and
returns HTML from autoescaping templates. Load it with ``modules:
[growthsite.mkdocs_macros]`` or re-export ``define_env`` from a project's own
macros module.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup


def define_env(env: Any) -> None:
    plugins = env.conf["plugins"]

    def renderer() -> Any:
        plugin = plugins.get("growthsite")
        if plugin is None or plugin.site is None:
            raise RuntimeError("the growthsite plugin must be listed in mkdocs.yml plugins")
        return plugin.site.renderer

    def person_page(person_id: str) -> Markup:
        """The whole page of one person, as the build's audience may see it."""
        return Markup(renderer().person_page(person_id))

    def people_index() -> Markup:
        """A table of everyone the build's audience may see, linking to their pages."""
        return Markup(renderer().people_index())

    env.macro(person_page)
    env.macro(people_index)
