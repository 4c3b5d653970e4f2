"""The plugin's part in one Pelican instance: settings, templates, the staged run, what was written.

``on_initialized`` attaches an ``Integration`` to the Pelican instance
(``pelican.tierslieu``); the other signal receivers are thin and ask it.
Nothing is kept at module level: the tests and the preview run several
Pelican instances in one process.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import sys
import time
import traceback

from .collisions import check_outputs, content_writers
from .content_check import check_content
from .content_log import ContentLog
from .dates import FILTERS, format_local, format_occurrence
from .faults import describe_os_error, is_filesystem_fault
from .generator import TiersLieuGenerator, load_site
from .markup import sanitise
from .model.errors import Abort, DataErrors
from .model.loading import display_path
from .search import index_search
from .series import occurrence_days, series_text
from .settings import PluginSettings, apply_defaults, project_root
from .sitemap import write_sitemap
from .staging import Staging
from .templating import cached_include
from .typography import french_filter, french_html
from .urls import Urls

logger = logging.getLogger(__name__)

_RUNNING: contextvars.ContextVar[Integration] = contextvars.ContextVar("tierslieu_run")
"""The integration whose run is under way in this thread (Pelican's content_written names no instance)."""


class Integration:
    """The plugin's state for one Pelican instance, from ``initialized`` to the end of its last run."""

    def __init__(self, pelican):
        self.pelican = pelican
        settings = pelican.settings
        apply_defaults(settings)
        self.config = PluginSettings.from_pelican(settings)
        self.urls = Urls(self.config)
        _configure_templates(settings, self.config)
        self.generator: TiersLieuGenerator | None = None
        """Our generator of the last run (set by the generator itself)."""
        self.generators: list = []
        """Every generator of the last run (the preview re-runs Pelican's articles)."""
        self.written: list[str] = []
        """Paths written through Pelican's writer in the last ``recording`` block."""
        self.pelican_pages: set[str] = set()
        """Pages written by Pelican's own generators (articles, news lists), relative to the output."""
        self.content_log = ContentLog(settings["PATH"], self.config.project_root)
        """Pelican's warnings and errors about content/ while it is read (content_log.py)."""
        self.replaced: dict = {}
        """Generated pages that editors' own pages replace (collisions.check_outputs), for ``invoke check``."""
        self._site = None
        self._staging_folder = ""
        """The staging folder of the last run, shown as the output in messages."""
        self.fault: str | None = None
        """The line printed for the last run's fault that is no error of the files (the preview's banner)."""
        self.generator_class = type("TiersLieuGenerator", (TiersLieuGenerator,), {"integration": self})
        self._run = pelican.run
        # Pelican has no signal between reading the settings and emptying the
        # output folder, so the run method of this instance is wrapped.
        pelican.run = self.run

    # The staged run -------------------------------------------------------------------------------

    def run(self) -> None:
        """Build into a staging folder and swap it in; on failure, print why and raise Abort."""
        started = time.monotonic()
        self.fault = None
        try:
            self._staged_run()
        except DataErrors as problems:
            problems.report()
            raise Abort(problems) from None
        except Abort:
            raise
        except Exception as error:
            if is_filesystem_fault(error):
                # Not our code's fault nor the editor's: the machine refused (read-only folder, full disk).
                hidden = {self._staging_folder: self.pelican.output_path} if self._staging_folder else {}
                self.fault = report_filesystem_fault(error, self.config.project_root, hidden)
                raise Abort(None, 1) from None
            if logging.getLogger("pelican").getEffectiveLevel() <= logging.DEBUG:
                raise
            log = report_fault(error, self.pelican.settings.get("CACHE_PATH") or "cache", self.config.project_root)
            shown = display_path(log, self.config.project_root)
            self.fault = f"Erreur interne du code du site ({type(error).__name__}) : détails dans {shown}."
            raise Abort(None, 2) from None
        logger.debug("tierslieu: site construit en %.2f s", time.monotonic() - started)

    def _staged_run(self) -> None:
        pelican = self.pelican
        final = pelican.output_path
        self._staging_folder = ""
        staging = Staging(final)
        self._staging_folder = staging.folder
        self.content_log.start()
        try:
            problems = check_content(pelican.settings, project_root(pelican.settings))
            try:
                self._site = load_site(pelican.settings)
            except DataErrors as data_errors:
                problems += data_errors.errors
            if problems:
                raise DataErrors(problems, "data/ et content/")
            self._redirect(staging.folder)
            with self.recording():
                self._run()
            if self.content_log.problems():
                raise DataErrors(self.content_log.problems(), "content/")
            self.pelican_pages = self.pages_written(staging.folder) - {
                output.save_as for output in self.generator.outputs
            }
            self.write_sitemap(staging.folder)
            index_search(pelican.settings, staging.folder)
            staging.swap("all" if not pelican.delete_outputdir else list(pelican.output_retention or ()))
        finally:
            self.content_log.stop()
            self._redirect(final)
            staging.discard()

    def take_site(self):
        """Hand the data loaded before the run to the generator (once), or load it now."""
        site, self._site = self._site, None
        return site if site is not None else load_site(self.pelican.settings)

    def give_site(self, site) -> None:
        """Hand data already loaded and validated (by ``invoke check``) to the next generator."""
        self._site = site

    def _redirect(self, path: str) -> None:
        self.pelican.output_path = path
        self.pelican.settings["OUTPUT_PATH"] = path

    # What was written -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def recording(self):
        """Record, within the block, the pages Pelican's writer writes (``written``, emptied first)."""
        self.written = []
        token = _RUNNING.set(self)
        try:
            yield self
        finally:
            _RUNNING.reset(token)

    def record(self, path: str, context: dict | None) -> None:
        """Remember a page written through Pelican's writer (redirections and embeds aside)."""
        if not (context or {}).get("noindex"):
            self.written.append(path)

    def pages_written(self, output: str) -> set[str]:
        """Return the pages of the last ``recording`` block, relative to ``output``."""
        return {os.path.relpath(path, output).replace(os.sep, "/") for path in self.written}

    def write_sitemap(self, output: str) -> None:
        """Write sitemap.xml: the pages of our plan, then Pelican's."""
        ours = {item.save_as for item in self.generator.outputs if item.is_page}
        write_sitemap(self.pelican.settings, output, ours | self.pelican_pages)

    def check_collisions(self, generators) -> None:
        """Refuse two sources of one file and what Pelican finds wrong in content/ (raise DataErrors).

        Every link of every article and page is resolved here, before
        anything is written (content_log.py). Editors' pages replace
        generated ones.
        """
        root = self.config.project_root
        errors, self.replaced = check_outputs(self.generator.outputs, content_writers(generators, root), root)
        self.content_log.read_all(generators)
        problems = self.content_log.problems(errors)
        if problems:
            raise DataErrors(problems, "content/ et data/")
        self.generator.outputs = [output for output in self.generator.outputs if output.save_as not in self.replaced]


def report_fault(error: BaseException, cache: str, root: str, stream=None) -> str:
    """Write the trace of an unexpected fault into the cache folder and print one French line.

    ``cache`` is Pelican's CACHE_PATH (relative to ``root``, the project
    folder, unless absolute). Returns the path of the log file.
    """
    folder = os.path.join(root, cache)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"erreur-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log")
    with open(path, "w", encoding="utf-8") as log:
        log.write("".join(traceback.format_exception(error)))
    shown = display_path(path, root)
    stream = stream or sys.stderr
    stream.write(
        f"Erreur interne du code du site ({type(error).__name__}) : ce n'est pas une erreur de vos fichiers. "
        f"Détails dans {shown} ; relancez avec --debug pour les afficher.\n"
    )
    stream.flush()
    return path


def report_filesystem_fault(error: OSError, root: str, aliases: dict[str, str], stream=None) -> str:
    """Print and return one French line: the path the file system refused, why, what to do; the old site stays.

    ``root`` is the project folder, ``aliases`` maps a staging folder to the
    output it stands for (faults.describe_os_error).
    """
    line = f"{describe_os_error(error, root, aliases)}. Le site n'a pas été généré ; le site précédent est intact."
    stream = stream or sys.stderr
    stream.write(line + "\n")
    stream.flush()
    return line


def _configure_templates(settings: dict, config: PluginSettings) -> None:
    """Autoescape, our filters and the fragment cache in every generator's Jinja environment."""
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
    filters = dict(
        FILTERS,
        when=functools.partial(format_occurrence, zone=config.timezone),
        when_local=format_local,
        fr=french_filter,
        series=series_text,
        month_days=functools.partial(occurrence_days, zone=config.timezone),
    )
    settings["JINJA_FILTERS"] = {**filters, **settings.get("JINJA_FILTERS", {})}
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "cached_include": cached_include}


# Signal receivers (plugin.register connects them) ----------------------------------------------------


def on_initialized(pelican) -> None:
    """Attach the integration to a new Pelican instance (wrong settings: print them and abort)."""
    try:
        pelican.tierslieu = Integration(pelican)
    except DataErrors as problems:
        problems.report()
        raise Abort(problems) from None


def get_generators(pelican):
    """Add our generator, bound to this instance's integration."""
    return pelican.tierslieu.generator_class


def record_written(path: str, context=None) -> None:
    """Tell the running integration that Pelican's writer wrote a page."""
    integration = _RUNNING.get(None)
    if integration is not None:
        integration.record(path, context)


def after_reading(generators) -> None:
    """Once every source is read: refuse two sources of one file, and keep the generators (for the preview)."""
    for generator in generators:
        if isinstance(generator, TiersLieuGenerator) and generator.integration is not None:
            generator.integration.generators = list(generators)
            generator.integration.check_collisions(generators)


def sanitise_content(instance) -> None:
    """Sanitise the HTML of articles and pages, and their summary (no script, no event handler)."""
    content = getattr(instance, "_content", None)
    if content:
        instance._content = french_html(sanitise(content))
    summary = instance.metadata.get("summary")
    if summary:
        instance.metadata["summary"] = sanitise(summary)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]
