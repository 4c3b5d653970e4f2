"""The plugin's part in one Pelican instance: settings, templates, the staged run, what was written.

``on_initialized`` attaches an ``Integration`` to the Pelican instance
(``pelican.tierslieu``); the other signal receivers are thin and ask it.
Nothing is kept at module level: the tests and the preview run several
Pelican instances in one process.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import signal
import sys
import time

from pelican import log as pelican_log

from .collisions import check_outputs, content_writers
from .content_check import check_content
from .content_log import ContentLog
from .data_cache import kept_data_files, kept_texts
from .dates import seconds
from .faults import (
    Terminated,
    is_filesystem_fault,
    quiet,
    report_fault,
    report_filesystem_fault,
    say,
    terminate_as_exception,
    termination_deferred,
)
from .folders import FileInTheWay, refuse_plain_files
from .forked import start_in_child
from .generator import TiersLieuGenerator, load_site
from .minify import minify_theme
from .model.errors import Abort, DataError, DataErrors
from .model.loading import display_path
from .privacy import scrub_images, static_images
from .search import index_search
from .settings import PluginSettings, apply_defaults, project_root
from .sitemap import listed, write_sitemap
from .staging import SUPERSEDED, Staging
from .templating import configure_templates
from .unpublished_links import unpublished_links
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
        configure_templates(settings, self.config)
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
        self.announce = True
        """Print the French line of a successful run (the preview prints its own)."""
        self.generator_class = type("TiersLieuGenerator", (TiersLieuGenerator,), {"integration": self})
        self._run = pelican.run
        # Pelican has no signal between reading the settings and emptying the
        # output folder, so the run method of this instance is wrapped.
        pelican.run = self.run

    # The staged run -------------------------------------------------------------------------------

    def run(self) -> None:
        """Build into a staging folder and swap it in; on failure, print why and raise Abort."""
        started = time.monotonic()
        self.fault, self.superseded = None, False
        try:
            with terminate_as_exception():
                self._staged_run()
        except Terminated as stop:
            self.fault = stop.line()
            sys.stderr.write(self.fault + "\n")
            raise Abort(None, 128 + signal.SIGTERM) from None
        except DataErrors as problems:
            problems.report()
            raise Abort(problems) from None
        except FileInTheWay as in_the_way:  # a file where the build writes a folder: the editor's to move
            self.fault = str(in_the_way)
            say(self.fault)
            raise Abort(None, 1) from None
        except Abort:
            raise
        except BrokenPipeError:  # the terminal reading the build is gone (faults.say): no crash log, nobody reads
            quiet(sys.stdout, sys.stderr)
            raise Abort(None, 1) from None
        except Exception as error:
            if is_filesystem_fault(error):
                # Not our code's fault nor the editor's: the machine refused (read-only folder, full disk).
                hidden = {self._staging_folder: self.pelican.output_path} if self._staging_folder else {}
                self.fault = report_filesystem_fault(error, self.config.project_root, hidden)
                raise Abort(None, 1) from None
            if logging.getLogger("pelican").getEffectiveLevel() <= logging.DEBUG:
                raise
            log = report_fault(error, self.pelican.settings.get("CACHE_PATH") or "cache", self.config.project_root)
            where = f"détails dans {display_path(log, self.config.project_root)}" if log else "trace non écrite"
            self.fault = f"Erreur interne du code du site ({type(error).__name__}) : {where}."
            raise Abort(None, 2) from None
        shown = display_path(self.pelican.output_path, self.config.project_root).rstrip("/") + "/"
        if self.superseded:  # an orphaned run finishing after a newer one published: its older site is dropped
            say(SUPERSEDED.format(output=shown), sys.stdout)
        elif self.announce:
            pages = sum(1 for output in self.generator.outputs if output.save_as.endswith(".html"))
            took = seconds(time.monotonic() - started)
            say(f"Site construit dans {shown} : {pages + len(self.pelican_pages)} pages, en {took} s.", sys.stdout)

    def _staged_run(self) -> None:
        pelican = self.pelican
        final = pelican.output_path
        self._staging_folder = ""
        refuse_plain_files(pelican.settings, self.config.project_root)
        staging = Staging(final)
        self._staging_folder = staging.folder
        self.content_log.start()
        try:
            # content/ is checked on the second core while data/ is loaded here (forked.py), the preview aside.
            root = project_root(pelican.settings)
            with kept_texts(pelican.settings):  # the texts of the last build, from data/ and content/ alike
                checking = start_in_child(check_content, pelican.settings, root, fork=self.config.background)
                try:
                    with kept_data_files(pelican.settings):
                        self._site = load_site(pelican.settings)
                    data_problems = []
                except DataErrors as data_errors:
                    data_problems = data_errors.errors
                except BaseException:
                    checking.cancel()
                    raise
                problems = checking.result() + data_problems
                if problems:
                    raise DataErrors(problems)
                self._redirect(staging.folder)
                with self.recording():
                    self._run_pelican()
            if self.content_log.problems():
                raise DataErrors(self.content_log.problems())
            scrub_images(staging.folder, static_images(self.generators))  # no GPS position published
            minify_theme(staging.folder, pelican.settings)
            self.pelican_pages = self.pages_written(staging.folder) - {
                output.save_as for output in self.generator.outputs
            }
            self.write_sitemap(staging.folder)
            index_search(pelican.settings, staging.folder)
            with termination_deferred():
                retained = "all" if not pelican.delete_outputdir else list(pelican.output_retention or ())
                self.superseded = not staging.swap(retained)
        finally:
            self.content_log.stop()
            self._redirect(final)
            staging.discard()

    def _run_pelican(self) -> None:
        """Run Pelican's own ``run``, leaving out its closing English line ("Done: Processed …").

        Pelican prints it through its rich console (``pelican.log``); ``run``
        says it in French once the site is in place. The rest is printed as is.
        """
        console = pelican_log.console
        console.begin_capture()
        try:
            self._run()
        finally:
            printed = console.end_capture().split("Done: Processed", 1)[0]
            console.file.write(printed)
            console.file.flush()

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
        """Remember a page written through Pelican's writer (redirections, embeds, hidden ones aside: sitemap.listed)."""
        if listed(context):
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
        anything is written (content_log.py), and links to drafts refused
        (unpublished_links.py). Editors' pages replace generated ones.
        """
        problems, self.replaced = self.content_problems(generators)
        if problems:
            raise DataErrors(problems)
        self.generator.outputs = [output for output in self.generator.outputs if output.save_as not in self.replaced]

    def content_problems(self, generators) -> tuple[list[DataError], dict]:
        """Return (what ``check_collisions`` refuses, sorted; the outputs editors' pages replace), changing nothing."""
        root = self.config.project_root
        errors, replaced = check_outputs(self.generator.outputs, content_writers(generators, root), root)
        self.content_log.read_all(generators)
        problems = self.content_log.problems(errors) + unpublished_links(generators, root)
        return sorted(problems, key=DataError.sort_key), replaced


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
    """Once every source is read: refuse two sources of one file, keep the generators (for the preview), share the news."""
    for generator in generators:
        if isinstance(generator, TiersLieuGenerator) and generator.integration is not None:
            generator.integration.generators = list(generators)
            generator.integration.check_collisions(generators)
            generator.share_news(generators)
