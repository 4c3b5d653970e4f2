"""`invoke serve`: a preview that rebuilds on every save and reloads the browser.

One Pelican stays loaded between saves. A saved event or pépite rebuilds
only the pages and feeds that show it (incremental.py); any other change
rebuilds the whole site, staged as every build is. While the sources hold
an error, every page shows it in a banner at the top, and the last good
site stays served.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import threading
import time
from functools import partial
from http import server

import watchfiles
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings
from pelican.utils import sanitised_join
from pelican.writers import Writer

from pelican import Pelican
from pelican.plugins.tierslieu.content_check import check_content
from pelican.plugins.tierslieu.generator import TiersLieuGenerator, load_site
from pelican.plugins.tierslieu.model.errors import Abort, DataErrors
from pelican.plugins.tierslieu.settings import data_path, project_root

from .incremental import article_changes, changes_of, select

EVENTS_PATH = "/__preview__/events"
_BANNER = (
    '<div role="alert" style="position:sticky;top:0;z-index:9999;background:#b00020;color:#fff;'
    'padding:1rem;font:15px/1.4 system-ui,sans-serif;white-space:pre-wrap">'
    "<strong>Le site n'a pas pu être reconstruit : voici la dernière version réussie.</strong>\n{lines}</div>"
)
_RELOAD = f'<script>new EventSource("{EVENTS_PATH}").onmessage = function () {{ location.reload(); }};</script>'


def code_fingerprint() -> str:
    """Return a short hash of the plugin's source code."""
    digest = hashlib.sha1()
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder, subfolders, files in sorted(os.walk(package)):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as stream:
                    digest.update(stream.read())
    return digest.hexdigest()[:12]


class LivePreview:
    """A Pelican kept in memory, rebuilding what each save touches."""

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
            **extra,
        }
        self.pelican = Pelican(read_settings(settings_file, override=override))
        self.output = self.pelican.output_path
        self.error: str | None = None
        self.generation = 0
        self.changed = threading.Condition()

    @property
    def integration(self):
        """The plugin's integration of this Pelican instance."""
        return self.pelican.tierslieu

    def build_all(self) -> None:
        """Build the whole site (staged: a failure keeps the last good one)."""
        self._run(self.pelican.run)

    def saved(self, paths: list[str]) -> None:
        """Rebuild after files were saved: what the change touches, or everything."""
        generator = self.integration.generator
        if generator is None or self.error:
            self.build_all()
            return
        self._run(lambda: self._update(generator, paths) or self._articles(generator, paths) or self.pelican.run())

    def _writer(self) -> Writer:
        return Writer(self.output, settings=self.pelican.settings)

    def _update(self, generator: TiersLieuGenerator, paths: list[str]) -> bool:
        """Write again the outputs that saved events or pépites touch; False if other files changed."""
        changes = changes_of(paths, data_path(self.pelican.settings))
        if changes is None:
            return False
        site = load_site(self.pelican.settings)  # raises DataErrors before anything is written
        old = generator.replace_site(site)
        write, gone = select(old, generator.outputs, changes)
        self._write(generator, write, gone)
        return True

    def _articles(self, generator: TiersLieuGenerator, paths: list[str]) -> bool:
        """Rebuild after news articles changed: Pelican's articles, then what of ours shows them."""
        settings = self.pelican.settings
        changes = article_changes(paths, settings["PATH"], settings.get("PAGE_PATHS", ["pages"]))
        if changes is None:
            return False
        problems = check_content(settings, project_root(settings))
        if problems:
            raise DataErrors(problems, "content/")
        integration = self.integration
        old = next(g for g in integration.generators if isinstance(g, ArticlesGenerator))
        articles = ArticlesGenerator(
            context=old.context,
            settings=settings,
            path=self.pelican.path,
            theme=self.pelican.theme,
            output_path=self.output,
        )
        articles.generate_context()
        articles.refresh_metadata_intersite_links()
        with integration.recording():
            articles.generate_output(self._writer())
        integration.generators[integration.generators.index(old)] = articles
        # Pelican rewrote every page of the news: one it did not write this time
        # (an article, a tag or a category gone) is stale.
        rewritten = integration.pages_written(self.output)
        news = self.pelican.settings["NEWS_URL"]
        for name in sorted(integration.pelican_pages - rewritten):
            if name.startswith(news):
                os.remove(os.path.join(self.output, name))
        integration.pelican_pages = {
            name for name in integration.pelican_pages if not name.startswith(news)
        } | rewritten
        self._write(generator, [output for output in generator.outputs if output.affected_by(changes)], [])
        return True

    def _write(self, generator: TiersLieuGenerator, outputs: list, gone: list[str]) -> None:
        generator.write(self._writer(), outputs)
        for save_as in gone:
            path = sanitised_join(self.output, save_as)
            if os.path.isfile(path):
                os.remove(path)
        self.integration.write_sitemap(self.output)

    def _run(self, work) -> None:
        started = time.monotonic()
        try:
            work()
        except DataErrors as errors:
            self.error = "\n".join(str(error) for error in errors.errors) + f"\n{errors}"
        except Abort as abort:
            errors = abort.errors
            self.error = (
                ("\n".join(str(error) for error in errors.errors) + f"\n{errors}")
                if errors
                else "Erreur interne du code du site."
            )
        except Exception as error:  # noqa: BLE001 - any failure must leave the preview running
            self.error = f"{type(error).__name__}: {error}"
        else:
            self.error = None
        elapsed = time.monotonic() - started
        print(
            f"Site reconstruit en {elapsed:.2f} s."
            if not self.error
            else f"Échec de la reconstruction ({elapsed:.2f} s) : le dernier site réussi reste affiché.",
            flush=True,
        )
        with self.changed:
            self.generation += 1
            self.changed.notify_all()


class PreviewHandler(server.SimpleHTTPRequestHandler):
    """Serve the output folder; add the error banner and the reload script to pages."""

    preview: LivePreview

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == EVENTS_PATH:
            self._events()
            return
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(".html") or not os.path.isfile(path):
            super().do_GET()
            return
        with open(path, "rb") as stream:
            body = stream.read()
        if self.preview.error:
            marker = body.find(b">", body.find(b"<body")) + 1
            banner = _BANNER.format(lines=html.escape(self.preview.error)).encode()
            body = body[:marker] + banner + body[marker:]
        body = body.replace(b"</body>", _RELOAD.encode() + b"</body>", 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Tell the page to reload after the next build (server-sent events)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with self.preview.changed:
            seen = self.preview.generation
            self.preview.changed.wait_for(lambda: self.preview.generation != seen)
        try:
            self.wfile.write(b"data: reload\n\n")
            self.wfile.flush()
        except OSError:
            pass


def parse_extra(items: list[str]) -> dict:
    """Read NAME=VALUE settings the way Pelican's -e does (values are JSON)."""
    result = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            result[name] = json.loads(value)
        except json.JSONDecodeError:
            result[name] = value
    return result


def main(argv: list[str] | None = None) -> None:
    """Build, serve and rebuild on every save of the watched folders."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--watch", action="append", default=None, help="folder to watch (repeatable)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("extra", nargs="*", help="settings, as for Pelican's -e: NAME=VALUE (JSON)")
    options = parser.parse_args(argv)
    preview = LivePreview(options.settings, options.content, options.output, parse_extra(options.extra))
    preview.build_all()
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    httpd = server.ThreadingHTTPServer((options.host, options.port), partial(handler, directory=preview.output))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"Aperçu : http://{options.host}:{options.port}/ (Ctrl+C pour arrêter)", flush=True)
    folders = options.watch or ["content", data_path(preview.pelican.settings), "theme", options.settings]
    try:
        for changes in watchfiles.watch(*folders, debounce=50, step=20):
            preview.saved(sorted(path for _, path in changes))
    except KeyboardInterrupt:
        pass
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    main()
