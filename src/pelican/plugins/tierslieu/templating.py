"""Template helpers that are the plugin's own: the fragment cache."""

from __future__ import annotations

import jinja2
import markupsafe


@jinja2.pass_context
def cached_include(context, name: str) -> markupsafe.Markup:
    """Render a partial template that is the same on every page, once per environment and SITEURL.

    The cache lives on the Jinja environment, which Pelican makes anew for
    each generator of each run: a new build never sees an old fragment.
    """
    environment = context.environment
    cache = getattr(environment, "tierslieu_fragments", None)
    if cache is None:
        cache = environment.tierslieu_fragments = {}
    key = (name, context.get("SITEURL", ""))
    if key not in cache:
        template = context.environment.get_template(name)
        cache[key] = markupsafe.Markup(template.render(context.get_all()))
    return cache[key]
