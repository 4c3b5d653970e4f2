"""How the plugin takes part in a Pelican build.

Pelican 4.12 empties the output folder before any generator runs, and
only logs a broken article. So each run is built into a staging folder
beside the output, and swapped in only when it succeeded: a failed build
leaves the previous site exactly as it was.
"""

from __future__ import annotations

import functools
import gc
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time

import jinja2
import markupsafe

from .content_check import check_content
from .dates import FILTERS, format_local, format_occurrence
from .errors import DataError, DataErrors
from .generator import TiersLieuGenerator
from .markup import sanitise
from .settings import apply_defaults, project_root, site_timezone
from .sitemap import write_sitemap
from .typography import french_filter, french_html

logger = logging.getLogger(__name__)

# Pelican's feed writer produces invalid RSS 2.0; ours (feedgen) replaces it.
_PELICAN_FEEDS = (
    "FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS",
    "TAG_FEED_ATOM", "TAG_FEED_RSS", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS",
    "TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS",
)
_written: list[str] = []
pages: set[str] = set()
"""The pages of the last build, relative to the output folder (kept for the preview)."""


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
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "cached_include": cached_include}
    # Pelican has no signal between reading the settings and emptying the
    # output folder, so the run method of this instance is wrapped.
    pelican.run = functools.partial(staged_run, pelican, pelican.run)


_fragments: dict[tuple[str, str], markupsafe.Markup] = {}


@jinja2.pass_context
def cached_include(context, name: str) -> markupsafe.Markup:
    """Render a partial template that is the same on every page, once per build and SITEURL."""
    key = (name, context.get("SITEURL", ""))
    if key not in _fragments:
        template = context.environment.get_template(name)
        _fragments[key] = markupsafe.Markup(template.render(context.get_all()))
    return _fragments[key]


def get_generators(_pelican):
    """Add our generator to Pelican's."""
    return TiersLieuGenerator


def sanitise_content(instance) -> None:
    """Sanitise the HTML of articles and pages (no script, no event handler)."""
    content = getattr(instance, "_content", None)
    if content:
        instance._content = french_html(sanitise(content))


last_generators: list = []
"""The generators of the last build (kept for the preview's fast path)."""


def remember_generators(generators) -> None:
    """Keep the generators of the build that just read its sources."""
    last_generators[:] = generators


def record_start() -> None:
    """Forget the pages recorded so far (the preview records one update at a time)."""
    _written.clear()


def written() -> list[str]:
    """Return the paths of the pages written since the last start."""
    return list(_written)


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
    _remove_leftovers(parent)
    staging = tempfile.mkdtemp(prefix=".output-staging-", dir=parent)
    errors = _ErrorLog()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(errors)
    _written.clear()
    _fragments.clear()
    frozen = gc.get_freeze_count()
    try:
        problems = check_content(pelican.settings, project_root(pelican.settings))
        if problems:
            raise DataErrors(problems, "content/")
        _redirect(pelican, staging)
        run()
        if errors.messages:
            raise DataErrors([DataError(pelican.settings["PATH"], 1, message) for message in errors.messages], "content/")
        pages.clear()
        pages.update(os.path.relpath(path, staging).replace(os.sep, "/") for path in _written)
        write_sitemap(pelican.settings, staging, pages)
        index_search(pelican.settings, staging)
        _swap(staging, final, None if pelican.delete_outputdir else ALL, pelican.output_retention)
    except DataErrors as problems:
        problems.report()
        raise
    finally:
        pelican_logger.removeHandler(errors)
        _redirect(pelican, final)
        shutil.rmtree(staging, ignore_errors=True)
        # The generator froze the build's objects (gc.freeze in generator.py): let the
        # collector see them again. When something was frozen before the build, all
        # stays frozen: gc cannot thaw only the objects of this build.
        if not frozen:
            gc.unfreeze()


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


ALL = object()


def _swap(staging: str, final: str, keep, retention) -> None:
    """Put the new site in place of the old one.

    Files the build did not write are carried over from the old site (as
    Pelican does without DELETE_OUTPUT_DIRECTORY), or only OUTPUT_RETENTION
    entries when the output folder is to be emptied. They are moved, not
    copied, once the new site is complete.
    """
    if not os.path.isdir(final):
        os.rename(staging, final)
        return
    names = retention or ()
    if keep is ALL:
        _carry_over(final, staging)
    else:
        for name in names:
            kept = os.path.join(final, name)
            if os.path.exists(kept) and not os.path.exists(os.path.join(staging, name)):
                shutil.move(kept, os.path.join(staging, name))
    old = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(final))
    os.rmdir(old)
    os.rename(final, old)
    os.rename(staging, final)
    _remove_later(old)


def _remove_later(folder: str) -> None:
    """Delete the old site in a process of its own: the new one is already in place.

    Deleting thousands of files takes a noticeable part of a build; nobody
    needs to wait for it. A folder left over by an interrupted deletion is
    removed by the next build.
    """
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen([sys.executable, "-c", code, folder], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


STALE_SECONDS = 24 * 3600


def _remove_leftovers(parent: str) -> None:
    """Remove what interrupted builds left behind: old sites, and stagings over a day old.

    A younger staging folder may belong to a build running right now.
    """
    for name in os.listdir(parent):
        path = os.path.join(parent, name)
        stale = name.startswith(".output-staging-") and time.time() - os.path.getmtime(path) > STALE_SECONDS
        if name.startswith(".output-old-") or stale:
            shutil.rmtree(path, ignore_errors=True)


def _carry_over(old: str, new: str) -> None:
    """Move into ``new`` every file or folder of ``old`` it does not have."""
    with os.scandir(old) as entries:
        for entry in entries:
            target = os.path.join(new, entry.name)
            if not os.path.lexists(target):
                os.rename(entry.path, target)
            elif entry.is_dir(follow_symlinks=False) and os.path.isdir(target):
                _carry_over(entry.path, target)
