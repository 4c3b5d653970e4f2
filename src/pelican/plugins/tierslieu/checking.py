"""`invoke check`: validate data/ and content/ without building anything."""

from __future__ import annotations

import sys

from .content_check import check_content
from .errors import DataErrors
from .generator import load_site
from .settings import apply_defaults, project_root


def run_check(settings: dict, stream=None) -> int:
    """Print every problem of the site's sources; return the exit status."""
    stream = stream or sys.stdout
    apply_defaults(settings)
    problems: list = []
    try:
        site = load_site(settings)
    except DataErrors as errors:
        problems += errors.errors
        site = None
    problems += check_content(settings, project_root(settings))
    if problems:
        DataErrors(problems, "data/ et content/").report(sys.stderr)
        return 1
    stream.write(
        f"Tout est en ordre : {len(site.pepites)} pépites, {len(site.events)} événements.\n"
    )
    return 0
