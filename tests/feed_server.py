"""A small HTTP server on 127.0.0.1 for the network's tests: each path answers as one kind of feed server."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
import zlib
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FEED = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\n"
    "BEGIN:VEVENT\r\nUID:a@test\r\nDTSTART:20261203T170000Z\r\nDTEND:20261203T190000Z\r\n"
    "SUMMARY:Soirée jeux\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()
ETAG = '"v1"'
MODIFIED = "Tue, 24 Nov 2026 06:00:00 GMT"
BIG_BYTES = 50 * 1024 * 1024
FEED_TEXT = FEED.decode()
BOMB = zlib.compressobj(9, zlib.DEFLATED, 31)
BOMB_TWICE = gzip.compress(
    BOMB.compress(b"BEGIN:VCALENDAR\r\n") + b"".join(BOMB.compress(bytes(1 << 20)) for _ in range(200)) + BOMB.flush()
)
"""200 MB of a calendar's first line and zeros, gzipped twice: about 500 bytes."""
RAW = {
    # 5000 header lines of 40 bytes: 200 KB, more than httpcore's 100 KiB for a status line and its headers.
    "many-headers": b"HTTP/1.0 200 OK\r\n"
    + b"".join(b"X-Filler-%04d: %s\r\n" % (n, b"x" * 24) for n in range(5000))
    + b"Content-Type: text/calendar\r\n\r\n"
    + FEED,
    "many-short-headers": b"HTTP/1.0 200 OK\r\n"
    + b"".join(b"X-%04d: x\r\n" % n for n in range(5000))
    + b"Content-Type: text/calendar\r\n\r\n"
    + FEED,
    "to-many-headers": b"HTTP/1.0 302 Found\r\nLocation: /many.ics\r\nContent-Length: 0\r\n\r\n",
    "bad-status-line": b"HTTP/1.0 OK 200\r\nContent-Type: text/calendar\r\n\r\n" + FEED,
    "bad-header-line": b"HTTP/1.0 200 OK\r\nContent-Type text/calendar\r\n\r\n" + FEED,
    "bad-chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n" + FEED,
}
"""Answers written byte for byte, which httpx cannot read."""
CHUNK = b"X-FILLER:" + b"x" * 65000 + b"\r\n"


class FeedServer:
    """Serve ``routes`` (path → mode or bytes), counting what each path sent; use as a context manager."""

    def __init__(self):
        self.routes: dict[str, object] = {}
        self.sent: dict[str, int] = {}
        self.requests: list[tuple[str, dict]] = []
        self.delay_s = 2.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path, "missing")
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server.answer(self, route)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FeedServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, handler, route) -> None:  # noqa: PLR0912, PLR0915 - one branch per kind of server
        send = lambda status, headers, body=b"": self._send(handler, status, headers, body)  # noqa: E731
        if isinstance(route, bytes):
            send(200, {"Content-Type": "text/calendar; charset=utf-8"}, route)
        elif route == "good":
            if handler.headers.get("If-None-Match") == ETAG:
                send(304, {"ETag": ETAG})
            else:
                send(200, {"Content-Type": "text/calendar", "ETag": ETAG, "Last-Modified": MODIFIED}, FEED)
        elif route == "gzip":
            send(200, {"Content-Type": "text/calendar", "Content-Encoding": "gzip"}, gzip.compress(FEED))
        elif route == "gzip-twice":  # as curl --compressed reads it
            send(
                200,
                {"Content-Type": "text/calendar", "Content-Encoding": "gzip, gzip"},
                gzip.compress(gzip.compress(FEED)),
            )
        elif route == "gzip-bomb-twice":
            send(200, {"Content-Type": "text/calendar", "Content-Encoding": "gzip, gzip"}, BOMB_TWICE)
        elif route == "gzip-said-twice":  # compressed once, said twice
            send(200, {"Content-Type": "text/calendar", "Content-Encoding": "gzip, gzip"}, gzip.compress(FEED))
        elif route == "utf-16":  # with its BOM, as Python writes it
            send(200, {"Content-Type": "text/calendar; charset=utf-16"}, FEED_TEXT.encode("utf-16"))
        elif route == "utf-16-bom-only":
            send(200, {"Content-Type": "text/calendar"}, FEED_TEXT.encode("utf-16"))
        elif route == "utf-16-broken":  # an odd number of bytes
            send(200, {"Content-Type": "text/calendar; charset=utf-16"}, FEED_TEXT.encode("utf-16") + b"\n")
        elif route == "latin-1":
            send(200, {"Content-Type": "text/calendar; charset=iso-8859-1"}, FEED_TEXT.encode("latin-1"))
        elif route == "utf-8-said-latin-1":  # a server's default charset, wrong
            send(200, {"Content-Type": "text/calendar; charset=ISO-8859-1"}, FEED)
        elif route == "unknown-charset":
            send(200, {"Content-Type": "text/calendar; charset=klingon"}, FEED)
        elif route == "html":
            send(200, {"Content-Type": "text/html"}, b"<!DOCTYPE html><html><body>Erreur</body></html>")
        elif route == "calendar-as-html":  # a real calendar, after a BOM and blank lines, said to be a web page
            send(200, {"Content-Type": "text/html; charset=utf-8"}, b"\xef\xbb\xbf\r\n  " + FEED)
        elif route == "html-without-tag":  # a web page that does not start with a tag
            send(200, {"Content-Type": "text/html"}, b"Erreur : page introuvable")
        elif route == "html-as-calendar":
            send(200, {"Content-Type": "text/calendar"}, b"<!DOCTYPE html><html><body>Erreur</body></html>")
        elif route == "not-ical":
            send(200, {"Content-Type": "text/plain"}, b"Bonjour, ceci n'est pas un agenda.")
        elif route == "truncated":
            send(200, {"Content-Type": "text/calendar"}, FEED[: len(FEED) // 2])
        elif route == "cut":  # announces more than it sends, then closes
            handler.send_response(200)
            handler.send_header("Content-Length", str(len(FEED)))
            handler.end_headers()
            handler.wfile.write(FEED[:40])
        elif route == "big":
            self._big(handler)
        elif route == "slow":
            time.sleep(self.delay_s)
            send(200, {"Content-Type": "text/calendar"}, FEED)
        elif route == "to-file":
            send(302, {"Location": "file:///etc/passwd"})
        elif route == "to-good":
            send(301, {"Location": "/good.ics"})
        elif route == "loop":  # redirects to itself forever
            send(302, {"Location": handler.path})
        elif route == "to-hang-up":
            send(302, {"Location": "/hang-up.ics"})
        elif route == "hang-up":  # closes the connection without a word
            pass
        elif route == "short-length":  # announces fewer bytes than it sends
            handler.send_response(200)
            handler.send_header("Content-Type", "text/calendar")
            handler.send_header("Content-Length", "10")
            handler.end_headers()
            handler.wfile.write(FEED)
        elif route == "error":
            send(500, {})
        elif isinstance(route, str) and route.startswith("status-"):
            self._status(handler, int(route.removeprefix("status-")))
        elif route in RAW:  # an answer httpx cannot read, sent as is
            handler.wfile.write(RAW[route])
        else:
            send(404, {})

    def _send(self, handler, status: int, headers: dict, body: bytes) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        self.sent[handler.path] = self.sent.get(handler.path, 0) + len(body)

    def _status(self, handler, code: int) -> None:
        """Answer ``code`` with its English reason phrase, or a made-up one for a code Python does not know."""
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Whatever The Server Says"
        handler.send_response(code, phrase)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def _big(self, handler) -> None:
        """Stream 50 MB of a valid-looking calendar without announcing its length."""
        handler.send_response(200)
        handler.send_header("Content-Type", "text/calendar")
        handler.end_headers()
        handler.wfile.write(b"BEGIN:VCALENDAR\r\n")
        sent = 0
        while sent < BIG_BYTES:
            handler.wfile.write(CHUNK)
            sent += len(CHUNK)
            self.sent[handler.path] = sent
        handler.wfile.write(b"END:VCALENDAR\r\n")
