"""growthsite: validated YAML portfolios in, a professional-growth intranet out.

The engine (read, check, model, audience, render) never imports MkDocs; only
``mkdocs_plugin`` and the ``build``/``serve`` commands do, so the site engine
can be swapped by rewriting the adapter alone.
"""

__version__ = "0.1.0"
