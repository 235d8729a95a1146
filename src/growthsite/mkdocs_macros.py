"""mkdocs-macros pluglet: the macros content pages may call. Thin by design.

Each macro asks the growthsite plugin's renderer (an audience view only) and
returns HTML from autoescaping templates, with links relative to the page that
calls it. Load it with ``modules: [growthsite.mkdocs_macros]`` or re-export
``define_env`` from a project's own macros module.
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from . import bidi
from .render import home


def _offers(conf: Any) -> dict[str, bool]:
    """What this site's configuration gives every page, for the accessibility statement to claim only what
    holds: a light/dark switch, and nothing fetched from other sites (no web fonts, remote scripts or styles,
    analytics)."""
    theme = conf["theme"]
    palette = theme.get("palette")
    palettes = palette if isinstance(palette, list) else []
    schemes = {p.get("scheme", "default") for p in palettes if isinstance(p, dict)}
    remote = [str(u) for u in (*conf.get("extra_javascript", []), *conf.get("extra_css", []))
              if "://" in str(u) or str(u).startswith("//")]
    analytics = (conf.get("extra") or {}).get("analytics")
    return {"dark_mode": "slate" in schemes and len(schemes) > 1,
            "self_contained": theme.get("font") is False and not remote and not analytics}


def define_env(env: Any) -> None:
    plugins = env.conf["plugins"]

    def renderer() -> Any:
        plugin = plugins.get("growthsite")
        if plugin is None or plugin.site is None:
            raise RuntimeError("the growthsite plugin must be listed in mkdocs.yml plugins")
        return plugin.site.renderer

    def page() -> str:
        return str(env.page.file.src_uri)

    def person_page(person_id: str) -> Markup:
        """The whole page of one person, as the build's audience may see it."""
        return Markup(renderer().person_page(person_id, page()))

    def people_index() -> Markup:
        """The people directory: everyone the audience may see, filterable and sortable."""
        return Markup(renderer().people_index(page()))

    def people_facet(facet: str, value: str) -> Markup:
        """People at one career stage, on one pathway, or with one type of activity."""
        return Markup(renderer().people_facet(facet, value, page()))

    def schools_index() -> Markup:
        return Markup(renderer().schools_index(page()))

    def school_page(school_id: str) -> Markup:
        """A school's staff, what they gave beyond it and what it received."""
        return Markup(renderer().school_page(school_id, page()))

    def events_index() -> Markup:
        return Markup(renderer().events_index(page()))

    def event_page(event_id: str) -> Markup:
        """One event with who led it and who took part."""
        return Markup(renderer().event_page(event_id, page()))

    def dashboard() -> Markup:
        """Trust-wide figures with charts and their data tables."""
        return Markup(renderer().dashboard(page()))

    def trust_name() -> Markup:
        """The trust's full name, escaped: data never becomes markup."""
        return Markup(html.escape(bidi.visible(renderer().view.trust.name)))

    def retention_period() -> str:
        """How long growth records are kept, in words: "six years"."""
        return str(renderer().retention_period())

    def growth_cycle() -> Markup:
        """The annual cycle as a diagram, with this academic year's dates as its text equivalent."""
        return Markup(renderer().growth_cycle(page()))

    def drivers_list() -> Markup:
        return Markup(renderer().drivers_list(page()))

    def standards_list() -> Markup:
        """The sets of standards, each linked to its reflection form."""
        return Markup(renderer().standards_list(page()))

    def schools_list() -> Markup:
        return Markup(renderer().schools_list(page()))

    def toolkit_index() -> Markup:
        """The seven resources with their pages and downloads."""
        return Markup(renderer().toolkit_index(page()))

    def toolkit_form(key: str) -> Markup:
        """A resource's download link and its printable form."""
        return Markup(renderer().toolkit_form(key, page()))

    def standards_reflection_index() -> Markup:
        return Markup(renderer().standards_reflection_index(page()))

    def framework_overview() -> Markup:
        """Every strand at every level, grouped as attitudes, behaviours and skills."""
        return Markup(renderer().framework(page()))

    def strand_page(strand_id: str) -> Markup:
        return Markup(renderer().strand_page(strand_id, page()))

    def opportunities() -> Markup:
        """Upcoming events and the activities open all year, with the strands each develops."""
        return Markup(renderer().opportunities(page()))

    def pathways_list(level: int = 2) -> Markup:
        """The career pathways, each with its stages, linked to its page, under headings of ``level``."""
        return Markup(renderer().pathways_list(page(), level))

    def pathway_page(pathway_id: str) -> Markup:
        """A pathway's stages, what people do at each, the moves the records show, and stories."""
        return Markup(renderer().pathway_page(pathway_id, page()))

    def stories() -> Markup:
        """Colleagues who agreed to share their career story, linked to their profiles."""
        return Markup(renderer().stories(page()))

    def headline_numbers() -> Markup:
        """This academic year's and last year's figures of growth beyond one's own school."""
        return Markup(renderer().headline_numbers(page()))

    def this_year() -> Markup:
        """The trust's figures for this academic year so far: training delivered, peer reviews, Think Tanks
        led, schools and colleagues reached (exact on the intranet, disclosure-controlled on the careers site)."""
        return Markup(renderer().this_year(page()))

    def coming_up(n: int = 4) -> Markup:
        """The next ``n`` events not yet over, linked to their pages, and a link to all opportunities."""
        return Markup(renderer().coming_up(page(), n))

    def recent_achievements(n: int = 6) -> Markup:
        """The ``n`` newest activities of colleagues with a page on this site, named and linked."""
        return Markup(renderer().recent_achievements(page(), n))

    def ways_in(record: str | None = None) -> Markup:
        """The site's sections as cards, and "Record an activity": linked to ``record`` (a page such as
        ``record.md``, or a web address) when given, otherwise saying who to tell (``cpd_lead`` in trust.yml)."""
        docs = str(env.conf["docs_dir"])
        policy = next((p for p in home.POLICY_PAGES if os.path.isfile(os.path.join(docs, p))), None)
        if isinstance(record, str) and record.endswith(".md") and "://" not in record \
                and not os.path.isfile(os.path.join(docs, record)):
            raise ValueError(f"ways_in(record={record!r}): there is no page {record} in {docs}; write it, "
                             "or leave record out to say who to tell")
        return Markup(renderer().ways_in(page(), policy, record))

    def record_activity() -> Markup:
        """Who to tell about an activity to add to one's page (``cpd_lead`` in trust.yml), and what to say."""
        return Markup(renderer().record_activity(page()))

    def accessibility_statement() -> Markup:
        """The site's accessibility statement, from the trust's settings and this site's configuration."""
        conf = env.conf
        return Markup(renderer().accessibility(page(), str(conf["site_name"]), conf.get("site_url") or None,
                                               **_offers(conf)))

    for macro in (accessibility_statement, pathways_list, pathway_page, stories, headline_numbers,
                  person_page, people_index, people_facet, schools_index, school_page, events_index,
                  event_page, dashboard, trust_name, retention_period, growth_cycle, drivers_list,
                  standards_list, schools_list, toolkit_index, toolkit_form, standards_reflection_index,
                  framework_overview, strand_page, opportunities, this_year, coming_up, recent_achievements,
                  ways_in, record_activity):
        env.macro(_unless_no_data(macro, plugins))


NO_DATA = Markup('<em class="gs-preview-missing">(shown here once the data has no problems)</em>')


def _unless_no_data(macro: Callable[..., Any], plugins: Any) -> Callable[..., Any]:
    """``macro``; or, while ``serve`` has had no good data since it started, a note in its place: the
    hand-written pages still show, and their macros have no data to draw from."""

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> Any:
        plugin = plugins.get("growthsite")
        if plugin is not None and plugin.site is None and getattr(plugin, "preview", None) is not None:
            return NO_DATA
        return macro(*args, **kwargs)

    return call
