"""The preview's web server: the output folder, a banner of problems and a reload script on every page.

Before any build succeeded (a fresh clone with an error), every address
answers 503 with a French page that holds the banner, not a 404.
"""

from __future__ import annotations

import errno
import html
import os
import sys
from http import server
from urllib.parse import parse_qs, urlsplit

from .shown import normal

EVENTS_PATH = "/__preview__/events"
_BANNER = (
    '<div role="alert" style="position:sticky;top:0;z-index:9999;background:{color};color:#fff;'
    'padding:1rem;font:15px/1.4 system-ui,sans-serif;white-space:pre-wrap">{parts}</div>'
)
FAILED = "Le site n'a pas pu être reconstruit : voici la dernière version réussie."
NEVER_BUILT = "Le site n'a pas encore pu être construit : corrigez ces erreurs, la page se rechargera."
BLOCKS_PUBLISHING = "Cette page est à jour, mais « invoke publish » refuserait de publier le site :"
ALSO_BLOCKS_PUBLISHING = "Et même corrigé, « invoke publish » refuserait de publier le site :"
_NOT_BUILT_PAGE = (
    '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
    "<title>Aperçu : le site n'est pas encore construit</title></head><body>\n"
    '<main style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">'
    "<h1>Le site n'est pas encore construit</h1>"
    "<p>L'aperçu n'a encore réussi aucune construction. Corrigez les fichiers nommés ci-dessus puis "
    "enregistrez : cette page se recharge toute seule.</p></main>\n</body></html>\n"
)
# The page names itself and the update it was served after: the preview writes the pages shown in a
# browser first (shown.py). It connects once loaded, so that this connection says the reload is over.
_RELOAD = (
    '<script>addEventListener("load", function () {{ new EventSource("{path}?page=" + '
    'encodeURIComponent(location.pathname) + "&generation={generation}")'
    ".onmessage = function () {{ location.reload(); }}; }});</script>"
)

PORT_TRIES = 20
"""How many ports, from the one asked for, the preview tries when the first ones are taken."""


class PreviewHandler(server.SimpleHTTPRequestHandler):
    """Serve the output folder; add the error banner and the reload script to pages."""

    preview = None
    """The LivePreview whose folder is served (its ``error``, ``changed`` and ``generation``)."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            query = parse_qs(urlsplit(self.path).query)
            served = query.get("generation", [""])[0]
            self._events(query.get("page", [""])[0], int(served) if served.isdigit() else None)
            return
        generation = self.preview.generation  # before the file is read: a page can only be older than it says
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not self.preview.built:
            self._page(503, _NOT_BUILT_PAGE.encode(), generation)
            return
        if not path.endswith(".html") or not os.path.isfile(path):
            super().do_GET()
            return
        with open(path, "rb") as stream:
            self._page(200, stream.read(), generation)

    def list_directory(self, path):
        """Answer 404 for a folder without index.html (a deleted page leaves its folder), never a listing."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer 404 with the site's own page, as its host would; other errors as the standard library does."""
        page = os.path.join(self.directory, self.preview.pelican.settings.get("NOT_FOUND_SAVE_AS") or "404.html")
        if code != 404 or not os.path.isfile(page):  # noqa: PLR2004 - HTTP's "not found"
            super().send_error(code, message, explain)
            return
        generation = self.preview.generation
        with open(page, "rb") as stream:
            self._page(404, stream.read(), generation)

    def _page(self, status: int, body: bytes, generation: int) -> None:
        """Send an HTML page with the banner (when there is something to say) and the reload script.

        ``generation`` is the preview's, read before the page's file was:
        the script names it, so that a page older than an update that ended
        before it connected reloads at once (a page served during an update
        may reload once more, never less).
        """
        banner = self._banner()
        if banner:
            marker = body.find(b">", body.find(b"<body")) + 1
            body = body[:marker] + banner.encode() + body[marker:]
        reload = _RELOAD.format(path=EVENTS_PATH, generation=generation)
        body = body.replace(b"</body>", reload.encode() + b"</body>", 1)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _banner(self) -> str:
        """Return the banner: the errors of the last rebuild, then what would block a publication ('' if none)."""
        error, publishing = self.preview.error, self.preview.publishing
        parts = []
        if error:
            title = FAILED if self.preview.built else NEVER_BUILT
            parts.append(f"<strong>{html.escape(title)}</strong>\n{html.escape(error)}")
        if publishing:  # the page shown is the new one only when the rebuild succeeded
            title = ALSO_BLOCKS_PUBLISHING if error else BLOCKS_PUBLISHING
            parts.append(f"<strong>{html.escape(title)}</strong>\n{html.escape(publishing)}")
        if not parts:
            return ""
        return _BANNER.format(color="#b00020" if error else "#8a4b00", parts="\n\n".join(parts))

    def _events(self, page: str, served: int | None = None) -> None:
        """Tell the page to reload after the next build (server-sent events), once it changed.

        ``page`` is the page's own address: while it waits, the preview
        counts it as shown (``preview.shown``); a change of generation
        reloads it when ``preview.reloads(page)`` says so (an update that
        reloaded it first does not reload it twice). ``served``, the
        generation the page was served at, reloads it at once when an
        update ended since (the page connects only once loaded).
        """
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        page = normal(page)
        self.preview.shown.opened(page)
        try:
            with self.preview.changed:
                stale = served is not None and served != self.preview.generation
                seen = [self.preview.generation]
                while not stale:
                    self.preview.changed.wait_for(lambda: self.preview.generation != seen[0])
                    seen[0] = self.preview.generation
                    if self.preview.reloads(page):
                        break
        finally:
            self.preview.shown.closed(page)
        try:
            self.wfile.write(b"data: reload\n\n")
            self.wfile.flush()
        except OSError:
            pass


def bind(host: str, port: int, handler, stream=None) -> server.ThreadingHTTPServer:
    """Return a server listening on ``port``, or on the next free one (said on ``stream``).

    Tries PORT_TRIES ports; raises SystemExit with a French message when
    all are taken, OSError for any other refusal.
    """
    stream = stream or sys.stdout
    for candidate in range(port, port + PORT_TRIES):
        try:
            httpd = server.ThreadingHTTPServer((host, candidate), handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            continue
        if candidate != port:
            print(
                f"Le port {port} est déjà utilisé (un autre aperçu ?) : l'aperçu prend le port {candidate}.",
                file=stream,
            )
        return httpd
    raise SystemExit(
        f"Les ports {port} à {port + PORT_TRIES - 1} sont tous utilisés : "
        "fermez un autre aperçu ou choisissez un port avec --port."
    )
