"""How the plugin takes part in a Pelican build.

Pelican 4.12 empties the output folder before any generator runs, and
only logs a broken article. So each run is built into a staging folder
beside the output, and swapped in only when it succeeded: a failed build
leaves the previous site exactly as it was.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile

from .content_check import check_content
from .dates import FILTERS, format_local, format_occurrence
from .errors import DataError, DataErrors
from .generator import TiersLieuGenerator
from .markup import sanitise
from .typography import french_filter, french_html
from .settings import apply_defaults, project_root, site_timezone
from .sitemap import write_sitemap

logger = logging.getLogger(__name__)

# Pelican's feed writer produces invalid RSS 2.0; ours (feedgen) replaces it.
_PELICAN_FEEDS = (
    "FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS",
    "TAG_FEED_ATOM", "TAG_FEED_RSS", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS",
    "TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS",
)
_written: list[str] = []


def on_initialized(pelican) -> None:
    """Complete the settings, and make every run of this Pelican build aside."""
    settings = pelican.settings
    apply_defaults(settings)
    for key in _PELICAN_FEEDS:
        settings[key] = None
    if settings.get("INDEX_SAVE_AS") == settings["HOME_SAVE_AS"]:
        settings["INDEX_SAVE_AS"] = settings["NEWS_URL"] + "index.html"
    settings["SITE_ABSOLUTE_URL"] = (settings.get("SITEURL") or "").rstrip("/")
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    filters = dict(FILTERS, when=functools.partial(format_occurrence, zone=site_timezone(settings)),
                   when_local=format_local, fr=french_filter)
    settings["JINJA_FILTERS"] = {**filters, **settings.get("JINJA_FILTERS", {})}
    # Pelican has no signal between reading the settings and emptying the
    # output folder, so the run method of this instance is wrapped.
    pelican.run = functools.partial(staged_run, pelican, pelican.run)


def get_generators(_pelican):
    """Add our generator to Pelican's."""
    return TiersLieuGenerator


def sanitise_content(instance) -> None:
    """Sanitise the HTML of articles and pages (no script, no event handler)."""
    content = getattr(instance, "_content", None)
    if content:
        instance._content = french_html(sanitise(content))


def record_written(path: str, context=None) -> None:
    """Remember each page written, for the sitemap (redirections aside)."""
    if not (context or {}).get("noindex"):
        _written.append(path)


class _ErrorLog(logging.Handler):
    """Keep Pelican's errors, which alone would not fail a build."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0])


def staged_run(pelican, run) -> None:
    """Build into a staging folder, then swap it in place of the output."""
    final = os.path.abspath(pelican.output_path)
    parent = os.path.dirname(final)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".output-staging-", dir=parent)
    if not pelican.delete_outputdir and os.path.isdir(final):
        shutil.copytree(final, staging, dirs_exist_ok=True)
    errors = _ErrorLog()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(errors)
    _written.clear()
    try:
        problems = check_content(pelican.settings, project_root(pelican.settings))
        if problems:
            raise DataErrors(problems, "content/")
        _redirect(pelican, staging)
        run()
        if errors.messages:
            raise DataErrors([DataError(pelican.settings["PATH"], 1, message) for message in errors.messages], "content/")
        write_sitemap(pelican.settings, staging, _written)
        index_search(pelican.settings, staging)
        _swap(staging, final, pelican.output_retention)
    except DataErrors as problems:
        problems.report()
        raise
    finally:
        pelican_logger.removeHandler(errors)
        _redirect(pelican, final)
        shutil.rmtree(staging, ignore_errors=True)


def index_search(settings: dict, output: str) -> None:
    """Build the Pagefind search index of the site, when Pagefind is installed.

    The search page says what to do without it; nothing else depends on it.
    """
    if not settings.get("TIERSLIEU_SEARCH", True) or importlib.util.find_spec("pagefind") is None:
        return
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", output, "--output-subdir", "pagefind", "--silent"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        logger.warning("tierslieu: index de recherche non construit : %s", result.stderr.strip()[-500:])


def _redirect(pelican, path: str) -> None:
    pelican.output_path = path
    pelican.settings["OUTPUT_PATH"] = path


def _swap(staging: str, final: str, retention) -> None:
    """Put the new site in place of the old one, keeping OUTPUT_RETENTION entries."""
    if not os.path.isdir(final):
        os.rename(staging, final)
        return
    for name in retention or ():
        kept = os.path.join(final, name)
        if os.path.exists(kept) and not os.path.exists(os.path.join(staging, name)):
            shutil.move(kept, os.path.join(staging, name))
    old = final + ".old"
    shutil.rmtree(old, ignore_errors=True)
    os.rename(final, old)
    os.rename(staging, final)
    shutil.rmtree(old, ignore_errors=True)
