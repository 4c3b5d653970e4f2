"""Template helpers that are the plugin's own: the Jinja settings of every generator, the fragment cache."""

from __future__ import annotations

import functools
import os

import jinja2
import markupsafe

from .dates import FILTERS, format_local, format_occurrence
from .series import more_dates, occurrence_days, series_text
from .typography import french_filter


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


def configure_templates(settings: dict, config) -> None:
    """Autoescape, our filters and the fragment cache in every generator's Jinja environment."""
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    if config.background:
        # A build loads each template once: Jinja need not read the file's modification time at every use
        # (auto_reload), and a template edited during a build cannot give a site of two versions. The preview
        # (no background process), whose templates may change while it serves, keeps Jinja's default.
        settings["JINJA_ENVIRONMENT"].setdefault("auto_reload", False)
    filters = dict(
        FILTERS,
        when=functools.partial(format_occurrence, zone=config.timezone),
        when_local=format_local,
        fr=french_filter,
        series=functools.partial(series_text, zone=config.timezone),
        month_days=functools.partial(occurrence_days, zone=config.timezone),
        more_dates=functools.partial(more_dates, zone=config.timezone),
    )
    settings["JINJA_FILTERS"] = {**filters, **settings.get("JINJA_FILTERS", {})}
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "cached_include": cached_include}
