"""Template helpers that are the plugin's own: the fragment cache."""

from __future__ import annotations

import os

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


def use_bytecode_cache(generator) -> None:
    """Give a generator's Jinja environment a cache of compiled templates in CACHE_PATH/jinja (``generator_init``).

    Each generator of each run makes its own environment and compiled
    every template it uses again; Jinja's FileSystemBytecodeCache keeps the
    compiled code on disk, keyed by the template's name and the checksum of
    its source, so an edited template is compiled anew. A folder that
    cannot be made only means no cache (OSError is not raised).
    """
    environment = getattr(generator, "env", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = os.path.join(generator.settings.get("CACHE_PATH") or "cache", "jinja")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
