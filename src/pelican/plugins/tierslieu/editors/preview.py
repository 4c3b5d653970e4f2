"""`invoke serve`: a preview that rebuilds on every save and reloads the browser.

One Pelican stays loaded between saves. A saved event or pépite rebuilds
only the pages and feeds that show it (incremental.py); any other change
rebuilds the whole site, staged as every build is; a partial update is
written aside too, and its files move into the served folder only once
all of them were written (staging.merge). While the sources hold an error,
every page shows it in a banner at the top, the terminal prints it, and
the last good site stays served; before any build succeeded, every address
shows a French error page with that banner. What would block a publication
(publishing.py) shows in the banner too, above the new page.

It builds into a folder of its own (PREVIEW_OUTPUT, under the git-ignored
cache/), emptied on every full build; `invoke build` and `publish` write
output/, and neither touches what the other serves.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from functools import partial

from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings
from pelican.utils import sanitised_join
from pelican.writers import Writer

from pelican import Pelican
from pelican.plugins.tierslieu.content_check import check_content
from pelican.plugins.tierslieu.dates import seconds
from pelican.plugins.tierslieu.generator import TiersLieuGenerator, load_site
from pelican.plugins.tierslieu.model import rereading
from pelican.plugins.tierslieu.model.errors import Abort, DataErrors
from pelican.plugins.tierslieu.settings import data_path, project_root
from pelican.plugins.tierslieu.staging import Staging

from .articles import read_articles
from .incremental import article_changes, changes_of, select
from .news_first import write_news_first
from .options import code_fingerprint, parse_arguments, parse_extra, watched_folders
from .reporting import describe_failure, error_lines, publishing_report
from .serving import PreviewHandler, bind
from .shown import Shown, write_shown_first
from .watching import watch_saves


class LivePreview:
    """A Pelican kept in memory, rebuilding what each save touches."""

    RELOAD_WAIT = 0.5
    """Seconds the rest of an update waits, at most, for the pages reloaded first to load again."""

    def __init__(self, settings_file: str, content: str, output: str, extra: dict):
        # Pelican's content cache pickles the settings, our functions included: a
        # cache written by another version of the plugin would not load.
        cache = os.path.abspath(os.path.join("cache", "preview-" + code_fingerprint()))
        override = {
            "PATH": os.path.abspath(content),
            "OUTPUT_PATH": os.path.abspath(output),
            "CACHE_CONTENT": True,
            "LOAD_CONTENT_CACHE": True,
            "CACHE_PATH": cache,
            # No forked second process next to the server's threads.
            "TIERSLIEU_BACKGROUND": False,
            # The folder is the preview's own: a full build leaves no page of a deleted source.
            "DELETE_OUTPUT_DIRECTORY": True,
            **extra,
        }
        self.pelican = Pelican(read_settings(settings_file, override=override))
        rereading.keep(True)  # a save re-reads one file of data/, not all of them
        self.pelican.tierslieu.announce = False  # the preview says "Site reconstruit" itself
        self.output = self.pelican.output_path
        self.error: str | None = None
        """The problems of the last rebuild, one per line (None when it succeeded)."""
        self.publishing: str | None = None
        """What would block a publication (publishing.py), one per line (None when nothing would)."""
        self._staging = ""
        """The folder the current update writes into (shown as the output in messages)."""
        self.generation = 0
        self.changed = threading.Condition()
        self.shown = Shown()
        """The pages open in a browser (shown.py): an update writes and reloads them first."""
        self._first: frozenset = frozenset()
        self._checked: dict = {}
        """Each article's problems, kept between saves of articles only (content_check.check_content)."""
        self._reload: tuple[frozenset | None, frozenset] = (None, frozenset())

    @property
    def built(self) -> bool:
        """Tell whether the served folder holds a site (its home page), from this run or an earlier one."""
        return os.path.isfile(os.path.join(self.output, self.pelican.settings["HOME_SAVE_AS"]))

    @property
    def integration(self):
        """The plugin's integration of this Pelican instance."""
        return self.pelican.tierslieu

    def build_all(self) -> None:
        """Build the whole site (staged: a failure keeps the last good one)."""
        self._run(self._rebuild)

    def saved(self, paths: list[str]) -> None:
        """Rebuild after files were saved: what the change touches, or everything."""
        generator = self.integration.generator
        if generator is None or self.error:
            self.build_all()
            return
        self._run(lambda: self._update(generator, paths) or self._articles(generator, paths) or self._rebuild())

    def _rebuild(self) -> None:
        """Build the whole site: any file may have changed, the articles' checks too."""
        self._checked.clear()
        self.pelican.run()

    def _writer(self, folder: str) -> Writer:
        return Writer(folder, settings=self.pelican.settings)

    def _update(self, generator: TiersLieuGenerator, paths: list[str]) -> bool:
        """Write again the outputs that saved events or pépites touch; False if other files changed."""
        changes = changes_of(paths, data_path(self.pelican.settings))
        if changes is None:
            return False
        site = load_site(self.pelican.settings)  # raises DataErrors before anything is written
        old = generator.replace_site(site)
        write, gone = select(old, generator.outputs, changes)
        self._first = write_shown_first(
            lambda outputs, deleted, last: self._merged(generator, outputs, deleted, last),
            self._reload_first,
            self.output,
            write,
            gone,
            self.shown,
        )
        return True

    def _merged(self, generator: TiersLieuGenerator, outputs: list, gone: list[str], sitemap: bool) -> None:
        """Write ``outputs`` (and the sitemap) aside, then move them into the served folder; delete ``gone``."""
        staging = self._staged()
        try:
            generator.write(self._writer(staging.folder), outputs)
            if sitemap:
                self.integration.write_sitemap(staging.folder)
            staging.merge([sanitised_join(self.output, save_as) for save_as in gone])
        finally:
            staging.discard()

    def _reload_first(self, addresses: frozenset) -> None:
        """Reload the pages at ``addresses`` now; the rest of the update waits until they have loaded again.

        The browser gets both cores while it loads the page the editor looks
        at; the rest is written once each of these pages reconnected
        (``Shown.wait_reopened``), or after RELOAD_WAIT seconds.
        """
        openings = self.shown.openings(addresses)
        with self.changed:
            self._reload = (addresses, frozenset())
            self.generation += 1
            self.changed.notify_all()
        if openings:
            self.shown.wait_reopened(openings, self.RELOAD_WAIT)

    def reloads(self, page: str) -> bool:
        """Tell whether the last change of generation reloads the page at ``page`` (serving.py)."""
        only, skip = self._reload
        return (only is None or page in only) and page not in skip

    def _articles(self, generator: TiersLieuGenerator, paths: list[str]) -> bool:
        """Rebuild after news articles changed: Pelican's articles, then what of ours shows them."""
        settings = self.pelican.settings
        changes = article_changes(paths, settings["PATH"], settings.get("PAGE_PATHS", ["pages"]))
        if changes is None:
            return False
        problems = check_content(settings, project_root(settings), self._checked)
        if problems:
            raise DataErrors(problems)
        integration = self.integration
        pages = integration.pelican_pages
        old = next(g for g in integration.generators if isinstance(g, ArticlesGenerator))
        staging, first = self._staged(), None
        try:
            articles = read_articles(self.pelican, old, staging.folder, paths)  # raises DataErrors as a build
            self._first, first = write_news_first(
                articles, self.shown.paths(), self.output, settings, self._reload_first
            )
            with integration.recording():
                articles.generate_output(self._writer(staging.folder))
            # Pelican rewrote every page of the news: one it did not write this time
            # (an article, a tag or a category gone) is stale.
            rewritten = integration.pages_written(staging.folder)
            news = settings["NEWS_URL"]
            stale = sorted(name for name in pages - rewritten if name.startswith(news))
            integration.pelican_pages = {name for name in pages if not name.startswith(news)} | rewritten
            self._write(
                generator, staging.folder, [output for output in generator.outputs if output.affected_by(changes)]
            )
            staging.merge([os.path.join(self.output, name) for name in stale])
        except BaseException:
            integration.pelican_pages = pages
            if first:  # the pages reloaded first get their old content back
                first.restore()
            raise
        finally:
            staging.discard()
            if first:
                first.discard()
        integration.generators[integration.generators.index(old)] = articles
        return True

    def _staged(self) -> Staging:
        """Return a staging folder beside the output, where an update writes before it is moved in."""
        staging = Staging(self.output)
        self._staging = staging.folder
        return staging

    def _write(self, generator: TiersLieuGenerator, folder: str, outputs: list) -> None:
        """Write ``outputs`` and the sitemap into ``folder`` (a staging folder of the output)."""
        generator.write(self._writer(folder), outputs)
        self.integration.write_sitemap(folder)

    def _run(self, work) -> None:
        """Run one rebuild; on failure keep the served site, print the problems and keep them for the banner."""
        started = time.monotonic()
        self._staging = ""
        self._first = frozenset()
        try:
            work()
        except DataErrors as errors:
            errors.report()
            self.error = error_lines(errors)
        except Abort as abort:  # Integration.run printed the problems already
            if abort.code == 128 + signal.SIGTERM:  # a SIGTERM during a build stops the preview as at any time
                raise
            errors = abort.errors
            self.error = (
                error_lines(errors) if errors else (self.integration.fault or "Erreur interne du code du site.")
            )
        except Exception as error:  # noqa: BLE001 - any failure must leave the preview running
            hidden = {self._staging: self.output} if self._staging else {}
            self.error = describe_failure(error, self.pelican.settings, hidden)
            print(self.error, file=sys.stderr, flush=True)
        else:
            self.error = None
        self.publishing = publishing_report(self.pelican.settings)
        elapsed = time.monotonic() - started
        kept = "le dernier site réussi reste affiché" if self.built else "l'aperçu affiche les erreurs"
        print(
            f"Site reconstruit en {seconds(elapsed, 2)} s."
            if not self.error
            else f"Échec de la reconstruction ({seconds(elapsed, 2)} s) : {kept}.",
            flush=True,
        )
        with self.changed:
            # Pages reloaded first are not reloaded twice, unless the update failed (they were restored).
            self._reload = (None, frozenset() if self.error else self._first)
            self.generation += 1
            self.changed.notify_all()


def main(argv: list[str] | None = None) -> None:
    """Build, serve and rebuild on every save of the watched folders."""
    options = parse_arguments(argv)
    handler = type("Handler", (PreviewHandler,), {})
    # The port first: a taken one is said before the build, and the pages' full addresses use it.
    httpd = bind(options.host, options.port, partial(handler, directory=os.path.abspath(options.output)))
    port = httpd.server_address[1]
    extra = {"SITEURL": f"http://{options.host}:{port}", **parse_extra(options.extra)}
    handler.preview = preview = LivePreview(options.settings, options.content, options.output, extra)
    httpd.daemon_threads = True
    try:
        preview.build_all()
        site = preview.integration.generator.site if preview.integration.generator else None
        folders = options.watch or watched_folders(preview.pelican.settings, site, options.settings)

        def serve() -> None:  # once the folders are watched: no save of a page just shown is missed
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            print(f"Aperçu : http://{options.host}:{port}/ (Ctrl+C pour arrêter)", flush=True)

        watch_saves(preview, folders, ready=serve)
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()  # the serving thread is a daemon: it ends with the process


if __name__ == "__main__":
    main()
