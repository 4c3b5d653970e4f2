"""`invoke check`: validate data/ and content/ without building anything."""

from __future__ import annotations

import sys

from .advice import collect_advice
from .content_check import check_content
from .errors import DataErrors
from .loading import load_data
from .settings import apply_defaults, data_path, project_root
from .site import build_site


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
        loaded = load_data(data_path(settings), project_root(settings), settings)
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
