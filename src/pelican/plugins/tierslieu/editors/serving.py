"""The preview's web server: the output folder, an error banner and a reload script on every page."""

from __future__ import annotations

import errno
import html
import os
import sys
from http import server

EVENTS_PATH = "/__preview__/events"
_BANNER = (
    '<div role="alert" style="position:sticky;top:0;z-index:9999;background:#b00020;color:#fff;'
    'padding:1rem;font:15px/1.4 system-ui,sans-serif;white-space:pre-wrap">'
    "<strong>Le site n'a pas pu être reconstruit : voici la dernière version réussie.</strong>\n{lines}</div>"
)
_RELOAD = f'<script>new EventSource("{EVENTS_PATH}").onmessage = function () {{ location.reload(); }};</script>'

PORT_TRIES = 20
"""How many ports, from the one asked for, the preview tries when the first ones are taken."""


class PreviewHandler(server.SimpleHTTPRequestHandler):
    """Serve the output folder; add the error banner and the reload script to pages."""

    preview = None
    """The LivePreview whose folder is served (its ``error``, ``changed`` and ``generation``)."""

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
