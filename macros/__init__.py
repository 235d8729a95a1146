"""The demo site's macros module: growthsite's macros, plus room for the trust's own."""

from growthsite.mkdocs_macros import define_env

__all__ = ["define_env"]
