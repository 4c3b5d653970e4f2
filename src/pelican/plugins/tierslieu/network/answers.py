"""Say in French what was wrong with a partner server's answer: its status code, or an answer httpx could not read.

The server's own words never reach editors: its reason phrase (« 401
Unauthorized ») is English and untrusted (it may be anything), so a status
is told by its number and our French explanation (RFC 9110 section 15 for
the meaning of each code, section 15.1 for the classes of the others).
"""

from __future__ import annotations

TOO_BIG = 431
"""h11's ``error_status_hint`` for an answer whose status line and headers pass httpcore's limit."""
CLIENT_ERRORS, SERVER_ERRORS, BEYOND = 400, 500, 600
"""Where the classes 4xx and 5xx start, and where they end (RFC 9110 section 15.1)."""

STATUSES = {
    204: "aucun contenu",
    206: "contenu partiel",
    301: "redirection sans adresse de destination",
    302: "redirection sans adresse de destination",
    303: "redirection sans adresse de destination",
    304: "« non modifié », alors qu'aucune copie n'était demandée",
    307: "redirection sans adresse de destination",
    308: "redirection sans adresse de destination",
    400: "requête refusée",
    401: "accès protégé par un mot de passe",
    403: "accès interdit",
    404: "adresse introuvable",
    407: "accès protégé par le serveur mandataire (proxy)",
    408: "le serveur a trop attendu la demande",
    410: "adresse supprimée",
    429: "trop de demandes : le serveur demande d'attendre",
    451: "accès interdit pour raison légale",
    500: "erreur du serveur",
    501: "demande non prise en charge par le serveur",
    502: "serveur indisponible",
    503: "serveur indisponible",
    504: "serveur indisponible",
}
"""Our French explanation of the common status codes other than 200 (RFC 9110 section 15).

A 301, 302, 303, 307 or 308 with a Location is followed (fetching.py): one
here has none. A 304 after a conditional request keeps the copy; one here
came when no copy was asked about.
"""


def status_reason(code: int) -> str:
    """Return « le serveur répond CODE (explanation) » for a status other than 200.

    The explanation is STATUSES's, else the class of the code (RFC 9110
    section 15.1): « requête refusée » for 4xx, « erreur du serveur » for
    5xx, « réponse inattendue » for any other.
    """
    if code in STATUSES:
        explained = STATUSES[code]
    elif CLIENT_ERRORS <= code < SERVER_ERRORS:
        explained = "requête refusée"
    elif SERVER_ERRORS <= code < BEYOND:
        explained = "erreur du serveur"
    else:
        explained = "réponse inattendue"
    return f"le serveur répond {code} ({explained})"


def broken_reason(error: BaseException, answered: bool, hop: int) -> str:
    """Say in French why httpx raised RemoteProtocolError ``error``, after ``hop`` redirections.

    Before the status and headers were read (``answered`` false): the server
    closed the connection without an answer (httpcore's own error, with no
    h11 cause; httpcore says the same of a server that closes in the middle
    of its headers), or h11 could not read them: too big (its
    ``error_status_hint`` 431: more than httpcore's 100 KiB of status and
    headers) or malformed. While the body is read: cut short (h11's « peer
    closed connection without sending complete message body »), or chunks
    malformed (Transfer-Encoding: chunked, the only other body error of h11).
    """
    parser = _h11_cause(error)
    if answered:
        if parser is None or "closed connection" in str(parser):
            return "réponse interrompue (flux tronqué)"
        return "réponse illisible (corps découpé en morceaux mal formés, Transfer-Encoding: chunked)"
    after = f" (après {hop} redirection{'s' if hop > 1 else ''})" if hop else ""
    if parser is None:
        return f"le serveur a fermé la connexion sans répondre{after}"
    if getattr(parser, "error_status_hint", None) == TOO_BIG:
        return f"réponse illisible (en-têtes trop nombreux ou trop longs){after}"
    return f"réponse illisible (ligne d'état ou en-têtes HTTP mal formés){after}"


def _h11_cause(error: BaseException) -> BaseException | None:
    """Return h11's error under httpx's and httpcore's (the one with an ``error_status_hint``), or None.

    httpx raises its error from httpcore's; httpcore's pool re-raises its own
    ``from None``, which leaves h11's as its ``__context__`` only.
    """
    cause = error.__cause__ or error.__context__
    while cause is not None:
        if hasattr(cause, "error_status_hint"):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None
