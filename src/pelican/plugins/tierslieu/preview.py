"""`invoke serve`: rebuild on every save, reload the browser, show errors in the page.

The site is built by a Pelican process per change: a mistake in data/ or
content/ then never stops the preview, and the last good site stays served
(each build is staged and swapped in only on success). While the sources
hold an error, every page shows it in a banner at the top.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import subprocess
import sys
import time

from livereload import Server
from tornado import web

_BANNER = (
    '<div role="alert" style="position:sticky;top:0;z-index:9999;background:#b00020;color:#fff;'
    'padding:1rem;font:15px/1.4 system-ui,sans-serif;white-space:pre-wrap">'
    "<strong>Le site n'a pas pu être reconstruit : voici la dernière version réussie.</strong>\n{lines}</div>"
)


class PreviewBuild:
    """Run Pelican on the sources and remember the last error."""

    def __init__(self, command: list[str], cwd: str):
        self.command = command
        self.cwd = cwd
        self.error: str | None = None

    def __call__(self) -> bool:
        """Build once; print what happened; return True on success."""
        started = time.monotonic()
        result = subprocess.run(self.command, cwd=self.cwd, capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started
        if result.returncode == 0:
            self.error = None
            print(f"Site reconstruit en {elapsed:.1f} s.", flush=True)
            return True
        lines = [line for line in result.stderr.splitlines() if ":" in line and not line.startswith(" ")]
        self.error = "\n".join(lines[-30:]) or result.stderr[-2000:]
        sys.stderr.write(result.stderr)
        print(f"Échec de la reconstruction ({elapsed:.1f} s) : le dernier site réussi reste affiché.", flush=True)
        return False

    def banner(self) -> bytes:
        """Return the error banner to put at the top of each page."""
        return _BANNER.format(lines=html.escape(self.error or "")).encode("utf-8")


def handler_for(build: PreviewBuild) -> type[web.StaticFileHandler]:
    """Return a static file handler that shows the build error on HTML pages."""

    class PreviewFileHandler(web.StaticFileHandler):
        def get_content_size(self) -> int:
            return len(self._body())

        def _body(self) -> bytes:
            with open(self.absolute_path, "rb") as stream:
                body = stream.read()
            if build.error and self.absolute_path.endswith(".html"):
                marker = body.find(b">", body.find(b"<body")) + 1
                body = body[:marker] + build.banner() + body[marker:]
            return body

        @classmethod
        def get_content(cls, abspath, start=None, end=None):
            raise NotImplementedError  # replaced by the instance method below

        def should_return_304(self) -> bool:
            return False

        def compute_etag(self):
            return None

    def get_content(self, abspath, start=None, end=None):  # noqa: ARG001
        return self._body()[start:end]

    PreviewFileHandler.get_content = get_content
    return PreviewFileHandler


class PreviewServer(Server):
    """livereload's server, serving the output folder with our file handler."""

    def __init__(self, build: PreviewBuild, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.SFH = handler_for(build)


def code_fingerprint() -> str:
    """Return a short hash of the plugin's source code."""
    digest = hashlib.sha1()
    folder = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as stream:
                digest.update(stream.read())
    return digest.hexdigest()[:12]


def main(argv: list[str] | None = None) -> None:
    """Build, serve and rebuild on every save of the watched folders."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--watch", action="append", default=None, help="folder to watch (repeatable)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("extra", nargs="*", help="settings for Pelican's -e, as NAME=VALUE")
    options = parser.parse_args(argv)
    # Pelican's content cache pickles the settings, our functions included: a cache
    # written by another version of the plugin would not load. One folder per version.
    cache = os.path.abspath(os.path.join("cache", "preview-" + code_fingerprint()))
    command = [sys.executable, "-m", "pelican", options.content, "-o", options.output, "-s", options.settings,
               "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f"CACHE_PATH={json.dumps(cache)}", *options.extra]
    build = PreviewBuild(command, os.getcwd())
    build()
    server = PreviewServer(build)
    for folder in options.watch or ["content", "data", "theme", options.settings]:
        server.watch(folder, build, delay=0.2)
    print(f"Aperçu : http://{options.host}:{options.port}/ (Ctrl+C pour arrêter)", flush=True)
    server.serve(root=os.path.abspath(options.output), port=options.port, host=options.host, open_url_delay=None)


if __name__ == "__main__":
    main()
