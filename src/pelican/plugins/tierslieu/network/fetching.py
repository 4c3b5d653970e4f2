"""`invoke fetch-network`: download the network venues' feeds into their last good copies.

Only this task goes on the network; the build reads the copies
(network/copies.py). Each feed is read with httpx: a timeout per read and
for the whole answer, a size limit counted on the decoded bytes while they
stream (so a 50 MB feed or a gzip bomb is cut, never held whole), a
conditional request (ETag / Last-Modified, RFC 9110 section 13), gzip
and deflate undone here, layer by layer in bounded pieces (network/decoding.py),
a declared charset (or a UTF-16 BOM) read and the copy kept in UTF-8, redirects followed by hand and only to http(s) addresses. A feed that
fails (down, slow, HTML, broken, too big) leaves the last good copy as it
was, and the task says why, in French, at the venue's file and line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from . import copies
from .answers import broken_reason, status_reason
from .decoding import ACCEPTED, Unreadable, as_utf8, decoded
from .reading import FeedError, parse_feed
from .text import plain_text


@dataclass(frozen=True)
class Limits:
    """How long and how much one feed may take."""

    read_seconds: float = 10.0
    """Longest wait for a connection or for the next bytes."""
    total_seconds: float = 30.0
    """Longest time for a whole answer, redirects included."""
    max_bytes: int = 5 * 1024 * 1024
    """Largest feed kept (decoded bytes); a bigger one is cut and refused."""
    max_redirects: int = 5


class FetchError(Exception):
    """A feed that could not be read well; ``reason`` is French."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    """What became of one venue's feed: ``body`` None after a 304 (the copy is still good)."""

    body: bytes | None
    etag: str
    last_modified: str


def fetch_network(
    sources: list, folder: str, now: datetime, limits: Limits = Limits(), transport=None
) -> tuple[list[str], list[str]]:
    """Refresh the copy of every venue of ``sources`` whose calendar is an http(s) address.

        ``sources`` are loading.Source objects of data/network/, ``folder`` the
        copies' folder, ``now`` the time written as ``read_at`` (or as
    ``failed_at``, with the reason, when the feed fails). Return the
        lines to print: (what was read, warnings as ``file:line: …``).
    """
    done, warnings = [], []
    headers = {"User-Agent": "tierslieu-network/1 (site statique)", "Accept": "text/calendar, */*;q=0.1"}
    headers["Accept-Encoding"] = ACCEPTED
    timeout = httpx.Timeout(limits.read_seconds)
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False, transport=transport) as client:
        for source in sources:
            model = source.model
            if model is None or not model.calendar_is_url:
                continue
            previous = copies.find(folder, source.slug, model.calendar)
            try:
                outcome = _fetch(client, model.calendar, previous, limits)
            except FetchError as error:
                warnings.append(_warning(source, error.reason, previous))
                copies.note_failure(folder, source.slug, model.calendar, error.reason, now)
                continue
            meta = {
                "url": model.calendar,
                "read_at": now.astimezone(UTC).isoformat(timespec="seconds"),
                "etag": outcome.etag,
                "last_modified": outcome.last_modified,
            }
            copies.keep(folder, source.slug, outcome.body, meta)
            state = "inchangé" if outcome.body is None else f"{len(outcome.body)} octets"
            done.append(f"{source.display} : agenda de « {model.name} » lu ({state})")
    return done, warnings


def _warning(source, reason: str, previous: copies.Copy | None) -> str:
    line = source.document.line_of(("calendar",)) if source.document else 1
    kept = (
        f"la copie lue le {previous.read_at:%d/%m/%Y à %H:%M} UTC reste affichée (14 jours au plus)"
        if previous
        else "aucune copie : ses événements ne sont pas affichés"
    )
    return f"{source.display}:{line}: avertissement : agenda de « {source.model.name} » non lu : {reason} ; {kept}"


def _fetch(client: httpx.Client, url: str, previous: copies.Copy | None, limits: Limits) -> Outcome:
    deadline = time.monotonic() + limits.total_seconds
    headers = {}
    if previous and previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous and previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    visited = {url}
    for hop in range(limits.max_redirects + 1):
        answered = False
        try:
            with client.stream("GET", url, headers=headers) as response:
                answered = True
                # httpx counts 304 among redirects: it is the answer to our conditional request.
                if response.status_code == httpx.codes.NOT_MODIFIED and previous is not None:
                    return Outcome(None, previous.etag, previous.last_modified)
                if response.has_redirect_location:
                    url = _next_address(response, visited)
                    continue
                if response.status_code != httpx.codes.OK:
                    raise FetchError(status_reason(response.status_code))
                body = _read_body(response, limits, deadline)
                etag, modified = response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
        except httpx.RemoteProtocolError as error:
            raise FetchError(broken_reason(error, answered, hop)) from None
        except httpx.TimeoutException:
            raise FetchError(f"pas de réponse en {limits.read_seconds:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchError(_reason(error)) from None
        try:
            parse_feed(body)
        except FeedError as error:
            raise FetchError(error.reason) from None
        return Outcome(body, etag, modified)
    raise FetchError(f"plus de {limits.max_redirects} redirections")


_REASONS = (
    (httpx.ConnectError, "serveur injoignable (adresse inconnue, connexion refusée ou certificat invalide)"),
    (httpx.ReadError, "réponse interrompue (la connexion a été coupée pendant la lecture)"),
    (httpx.WriteError, "serveur injoignable (la demande n'a pas pu être envoyée)"),
    (httpx.CloseError, "la connexion n'a pas pu être fermée proprement"),
    (httpx.ProxyError, "le serveur mandataire (proxy) a refusé la demande"),
    (httpx.UnsupportedProtocol, "adresse refusée : seules les adresses http(s) sont lues"),
    (httpx.LocalProtocolError, "la demande HTTP n'a pas pu être formée (un en-tête invalide)"),
    (httpx.ProtocolError, "le serveur ne suit pas le protocole HTTP"),
    (httpx.DecodingError, "réponse compressée illisible"),
    (httpx.TooManyRedirects, "trop de redirections"),
    (httpx.HTTPStatusError, "le serveur répond par une erreur"),
    (httpx.InvalidURL, "adresse invalide"),
)
"""The French reason of each httpx exception, the most precise first: no exception's name reaches editors."""


def _reason(error: Exception) -> str:
    """Say in French why httpx failed (_REASONS); « serveur injoignable (erreur de réseau) » for any other."""
    return next(
        (reason for kind, reason in _REASONS if isinstance(error, kind)), "serveur injoignable (erreur de réseau)"
    )


def _next_address(response: httpx.Response, visited: set[str]) -> str:
    """Return the address a redirection leads to, added to ``visited``; raise FetchError if not http(s) or visited."""
    location = response.headers.get("Location", "")
    target = str(response.url.join(location)) if location else ""
    shown = location[:80]
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(f"redirection vers « {shown} » refusée : seules les adresses http(s) sont suivies")
    if target in visited:
        raise FetchError(f"redirections en boucle : « {shown} » mène à une adresse déjà visitée")
    visited.add(target)
    return target


def _read_body(response: httpx.Response, limits: Limits, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(
            f"flux trop gros ({int(declared) // 1_000_000} Mo ; {limits.max_bytes // 1_000_000} Mo au plus)"
        )
    chunks, size = [], 0
    encoding = response.headers.get("Content-Encoding", "")
    try:
        for chunk in decoded(response.iter_raw(), encoding):
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(f"flux trop gros (plus de {limits.max_bytes // 1_000_000} Mo)")
            if time.monotonic() > deadline:
                raise FetchError(f"réponse trop lente (plus de {limits.total_seconds:g} s)")
            chunks.append(chunk)
    except Unreadable:
        shown = plain_text(encoding, 40, one_line=True)
        raise FetchError(f"réponse compressée illisible (Content-Encoding: {shown})") from None
    body = b"".join(chunks)
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml") and not _calendar_body(body):
        raise FetchError("une page web (HTML), pas un calendrier iCalendar")
    try:
        return as_utf8(body, response.charset_encoding)
    except Unreadable as error:
        raise FetchError(f"jeu de caractères « {plain_text(str(error), 40, one_line=True)} » illisible") from None


def _calendar_body(body: bytes) -> bool:
    """Tell whether ``body`` starts, after a BOM and white space, with BEGIN:VCALENDAR (RFC 5545 section 3.4).

    The body is judged, not the Content-Type: a server may send a real
    calendar as text/html (a misconfigured site or plugin).
    """
    return body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")
