"""`invoke check`: validate data/ and content/ without building anything."""

from __future__ import annotations

import sys

from pelican.plugins.tierslieu.content_check import check_content
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.loading import load_data
from pelican.plugins.tierslieu.rules import check_loaded
from pelican.plugins.tierslieu.settings import apply_defaults, data_path, project_root
from pelican.plugins.tierslieu.site import build_site

from .advice import collect_advice


def run_check(settings: dict, stream=None) -> int:
    """Print every problem, then every piece of advice; return the exit status.

    Advice never changes the exit status: it never blocks a publication.
    """
    stream = stream or sys.stdout
    apply_defaults(settings)
    problems: list = check_content(settings, project_root(settings))
    advice: list = []
    site = None
    try:
        loaded = load_data(data_path(settings), project_root(settings), lambda loaded: check_loaded(loaded, settings))
        site = build_site(loaded, settings, data_path(settings))
        if not problems:  # advice reads content/ again: only once it is known to be safe and readable
            advice = collect_advice(site, loaded, settings)
    except DataErrors as errors:
        problems += errors.errors
    for item in advice:
        stream.write(f"{item}\n")
    if problems:
        DataErrors(problems, "data/ et content/").report(sys.stderr)
        return 1
    noun = "conseil" if len(advice) == 1 else "conseils"
    stream.write(
        f"Aucune erreur : {len(site.pepites)} pépites, {len(site.events)} événements"
        f"{f', {len(advice)} {noun} ci-dessus' if advice else ''}.\n"
    )
    return 0
